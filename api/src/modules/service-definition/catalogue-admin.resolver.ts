/** The catalogue for administrators: `serviceCatalogue` and `upsertService`. */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { badField } from '../../lib/errors.js';
import type { CatalogueAdminService } from './catalogue-admin.service.js';
import { UpsertServiceInput, UpsertServicePayload } from './catalogue-admin.type.js';
import type { AttributeDatatype, ServiceType } from './service-definition.entity.js';
import { presentService } from './service-definition.presenter.js';
import { Service } from './service-definition.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class CatalogueAdminResolver {
  constructor(private readonly catalogue: CatalogueAdminService) {}

  @Query(() => [Service], {
    description:
      'Every service with its questions, retired (inactive) and private ones included, by group and name (admins only).',
  })
  async serviceCatalogue(@Ctx() ctx: GraphQLContext): Promise<Service[]> {
    return (await this.catalogue.all(ctx.actor)).map(presentService);
  }

  @Mutation(() => UpsertServicePayload, {
    description:
      'Create a service, or change the one with this code, with its questions (admins only; audit-logged). Retire a service with active: false.',
  })
  async upsertService(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpsertServiceInput, { description: 'The service.' })
    input: UpsertServiceInput,
  ): Promise<UpsertServicePayload> {
    if (!UUID.test(input.agencyId)) throw badField('input.agencyId', 'is not an agency id');
    const { service, created } = await this.catalogue.upsert(ctx.actor, {
      ...input,
      type: (input.type as ServiceType | null | undefined) ?? undefined,
      attributes: input.attributes?.map((a) => ({
        ...a,
        datatype: a.datatype as AttributeDatatype,
      })),
    });
    return { service: presentService(service), created };
  }
}
