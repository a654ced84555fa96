/** Queries of the catalogue: `services` and `service`. */
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Agency } from '../agency/agency.type.js';
import { presentAgency, presentService } from './service-definition.presenter.js';
import type { ServiceDefinitionService } from './service-definition.service.js';
import { Service } from './service-definition.type.js';

@Resolver(() => Service)
export class ServiceDefinitionResolver {
  constructor(private readonly catalogue: ServiceDefinitionService) {}

  @Query(() => [Service], {
    description:
      'Services one can report to, by group and name. With `search`, the services best matching its words in English or Spanish ("light out", "bache", "poste de luz apagado"), best first; accents and filler words are ignored.',
  })
  async services(
    @Ctx() ctx: GraphQLContext,
    @Arg('search', () => String, { nullable: true, description: 'Words to look for.' })
    search?: string,
    @Arg('group', () => String, { nullable: true, description: 'Only this group.' })
    group?: string,
  ): Promise<Service[]> {
    const rows = await this.catalogue.list(ctx.actor, search ?? undefined, group ?? undefined);
    return rows.map(presentService);
  }

  @Query(() => Service, { nullable: true, description: 'One service by its Open311 code.' })
  async service(
    @Ctx() ctx: GraphQLContext,
    @Arg('code', () => String, { description: 'Open311 service code.' }) code: string,
  ): Promise<Service | null> {
    const row = await this.catalogue.findByCode(code);
    return row ? presentService(row) : null;
  }

  @Query(() => [String], { description: 'Groups of the catalogue, for a category picker.' })
  serviceGroups(): Promise<string[]> {
    return this.catalogue.groups();
  }

  @FieldResolver(() => Agency, { description: 'The agency that handles this service.' })
  async agency(@Root() service: Service, @Ctx() ctx: GraphQLContext): Promise<Agency> {
    const agency = await ctx.loaders.agency.load(service.agencyId);
    if (!agency) throw new Error(`agency ${service.agencyId} missing`);
    return presentAgency(agency);
  }
}
