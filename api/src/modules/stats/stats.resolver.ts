/** Transparency queries: `stats`, `completionEstimate`, `mapClusters`. Thin: parse, call, present. */
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BBoxInput, GeoPointInput } from '../../graphql/common.type.js';
import { serviceName } from '../service-definition/catalogue-text.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { NotFoundError } from '../../lib/errors.js';
import { fromGlobalId, toGlobalId } from '../../lib/ids.js';
import { AreaKindEnum } from '../area/area.type.js';
import type { Channel, RequestStatus } from '../service-request/service-request.entity.js';
import type { RequestStatusEnum } from '../service-request/service-request.type.js';
import type { Figures } from './stats.repository.js';
import type { StatsService } from './stats.service.js';
import {
  AreaStats,
  CompletionEstimate,
  MapClusterFilter,
  MapClusters,
  ServiceStats,
  Stats,
  StatsFilter,
  StatsPeriodBucket,
  StatsPeriodEnum,
  StatsTotals,
} from './stats.type.js';
import type { EstimateScopeEnum } from './stats.type.js';

const share = (hits: number, sample: number): number | null => (sample > 0 ? hits / sample : null);

/** Raw hits → shares (the GraphQL shape of {@link CohortFigures}). */
function shares<T extends Figures>(
  row: T,
): Omit<T, 'onTime' | 'promiseKept'> & {
  onTimeShare: number | null;
  promiseKeptShare: number | null;
} {
  const { onTime, promiseKept, ...rest } = row;
  return {
    ...rest,
    onTimeShare: share(onTime, row.onTimeSample),
    promiseKeptShare: share(promiseKept, row.promiseSample),
  };
}

/** Resolvers of the transparency queries. */
@Resolver(() => Stats)
export class StatsResolver {
  constructor(private readonly service: StatsService) {}

  @Query(() => Stats, {
    description:
      'Public performance figures: counts by outcome, days to close, on-time share, by period, service and area.',
  })
  async stats(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => StatsFilter, { nullable: true, description: 'Filters.' })
    filter?: StatsFilter | null,
  ): Promise<Stats> {
    const f = filter ?? {};
    let ward: number | undefined;
    let communityArea: number | undefined;
    if (f.areaId) {
      const area = await ctx.services.areas.find(fromGlobalId(f.areaId, 'Area', 'filter.areaId'));
      if (!area) throw new NotFoundError('Area', f.areaId);
      if (area.kind === 'WARD') ward = area.number;
      else if (area.kind === 'COMMUNITY_AREA') communityArea = area.number;
    }
    const query = this.service.query(ctx.actor, {
      serviceCodes: f.serviceCodes ?? undefined,
      ward,
      communityArea,
      from: f.from ?? undefined,
      to: f.to ?? undefined,
      channels: (f.channels as Channel[] | null) ?? undefined,
    });
    return Object.assign(new Stats(), { query, period: f.period ?? StatsPeriodEnum.DAY });
  }

  @FieldResolver(() => StatsTotals, { description: 'Totals of the cohort.' })
  async totals(@Root() root: Stats): Promise<StatsTotals> {
    return shares(await this.service.totals(root.query));
  }

  @FieldResolver(() => [StatsPeriodBucket], {
    description: 'The cohort by filter.period (Chicago calendar), oldest first.',
  })
  byPeriod(@Root() root: Stats): Promise<StatsPeriodBucket[]> {
    return this.service.byPeriod(root.query, root.period);
  }

  @FieldResolver(() => [ServiceStats], {
    description:
      'Services with the most requests in the cohort, most first, each with its promise (SLA, expected dates) and what happened.',
  })
  async topServices(
    @Root() root: Stats,
    @Ctx() ctx: GraphQLContext,
    @Arg('limit', () => Int, { defaultValue: 10, description: 'How many, 1 to 200.' })
    limit: number,
  ): Promise<ServiceStats[]> {
    // names in the request's language (Accept-Language); codes stay the key
    return (await this.service.topServices(root.query, limit)).map(({ translations, ...row }) => ({
      ...shares(row),
      name: serviceName({ name: row.name, translations }, ctx.language),
    }));
  }

  @FieldResolver(() => [AreaStats], {
    description: 'Every ward or community area, by number, with the cohort’s figures inside it.',
  })
  async byArea(
    @Root() root: Stats,
    @Arg('kind', () => AreaKindEnum, {
      defaultValue: AreaKindEnum.COMMUNITY_AREA,
      description: 'Compare wards or community areas.',
    })
    kind: AreaKindEnum,
  ): Promise<AreaStats[]> {
    const rows = await this.service.byArea(root.query, kind);
    return rows.map((r) => ({ ...shares(r), kind }));
  }

  @Query(() => CompletionEstimate, {
    description:
      'Typical days to complete a service’s requests near a place (median and 90th percentile over the last 12 months), from the community area with at least 20 cases, else city-wide.',
  })
  async completionEstimate(
    @Ctx() ctx: GraphQLContext,
    @Arg('serviceCode', () => String, { description: 'Open311 service code.' })
    serviceCode: string,
    @Arg('location', () => GeoPointInput, { description: 'Where the problem is.' })
    location: GeoPointInput,
  ): Promise<CompletionEstimate> {
    const estimate = await this.service.completionEstimate(ctx.actor, serviceCode, location);
    return { ...estimate, scope: estimate.scope as EstimateScopeEnum };
  }

  @Query(() => MapClusters, {
    description:
      'Aggregated requests for a map viewport: grid clusters up to zoom 15, single requests from zoom 16. Private services are left out.',
  })
  async mapClusters(
    @Ctx() ctx: GraphQLContext,
    @Arg('bbox', () => BBoxInput, { description: 'The viewport.' }) bbox: BBoxInput,
    @Arg('zoom', () => Int, { description: 'Web map zoom level, 0 to 22.' }) zoom: number,
    @Arg('filter', () => MapClusterFilter, { nullable: true, description: 'Filters.' })
    filter?: MapClusterFilter | null,
  ): Promise<MapClusters> {
    const result = await this.service.mapClusters(ctx.actor, {
      bbox,
      zoom,
      serviceCodes: filter?.serviceCodes ?? undefined,
      status: (filter?.status as RequestStatus | null) ?? undefined,
    });
    return {
      ...result,
      points: result.points.map((p) => ({
        id: toGlobalId('ServiceRequest', p.id),
        trackingNumber: p.trackingNumber,
        serviceCode: p.serviceCode,
        status: p.status as RequestStatusEnum,
        location: { latitude: Number(p.latitude), longitude: Number(p.longitude) },
      })),
    };
  }
}
