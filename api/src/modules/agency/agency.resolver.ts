/** `agencies`: the city's departments, for filters and the admin pages. */
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { presentAgency } from '../service-definition/service-definition.presenter.js';
import type { AgencyService } from './agency.service.js';
import { Agency } from './agency.type.js';

@ObjectType({ description: 'An agency with its counts.' })
export class AgencySummary {
  @Field(() => Agency, { description: 'The agency.' })
  agency: Agency;

  @Field(() => Int, { description: 'Services (request types) it handles, active or not.' })
  serviceCount: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Staff accounts of the agency; null unless the viewer is staff or an admin.',
  })
  staffCount: number | null;
}

@Resolver()
export class AgencyResolver {
  constructor(private readonly agencyService: AgencyService) {}

  @Query(() => [AgencySummary], { description: 'The city’s agencies (departments), by name.' })
  async agencies(@Ctx() ctx: GraphQLContext): Promise<AgencySummary[]> {
    const rows = await this.agencyService.list(ctx.actor);
    return rows.map((r) =>
      Object.assign(new AgencySummary(), {
        agency: presentAgency(r.agency),
        serviceCount: r.serviceCount,
        staffCount: r.staffCount,
      }),
    );
  }
}
