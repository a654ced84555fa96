/** GraphQL shapes of the transparency queries: stats, completion estimates and map clusters. */
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint } from '../../graphql/common.type.js';
import { AreaKindEnum } from '../area/area.type.js';
import { ChannelEnum, RequestStatusEnum } from '../service-request/service-request.type.js';
import type { StatsQuery } from './stats.repository.js';

/** Calendar periods of `Stats.byPeriod`. */
export enum StatsPeriodEnum {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(StatsPeriodEnum, {
  name: 'StatsPeriod',
  description: 'A calendar period in Chicago time (America/Chicago).',
  valuesConfig: {
    DAY: { description: 'Calendar day.' },
    WEEK: { description: 'ISO week, starting on Monday.' },
    MONTH: { description: 'Calendar month.' },
  },
});

/** Where an estimate's figures come from. */
export enum EstimateScopeEnum {
  COMMUNITY_AREA = 'COMMUNITY_AREA',
  CITY = 'CITY',
}
registerEnumType(EstimateScopeEnum, {
  name: 'EstimateScope',
  description: 'Which requests a completion estimate was computed from.',
  valuesConfig: {
    COMMUNITY_AREA: {
      description: 'Cases of the location’s community area (at least 20 completed cases).',
    },
    CITY: { description: 'City-wide cases: the area had fewer than 20 completed cases.' },
  },
});

/** Filter of `stats`. */
@InputType({ description: 'Filters of stats; all optional and combined with AND.' })
export class StatsFilter {
  @IsOptional()
  @ArrayMaxSize(200)
  @Field(() => [String], { nullable: true, description: 'Any of these service codes.' })
  serviceCodes?: string[] | null;

  @IsOptional()
  @Field(() => ID, { nullable: true, description: 'Inside a ward or community area (global id).' })
  areaId?: string | null;

  @IsOptional()
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Requested at or after.' })
  from?: Date | null;

  @IsOptional()
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Requested before.' })
  to?: Date | null;

  @IsOptional()
  @ArrayMaxSize(10)
  @Field(() => [ChannelEnum], { nullable: true, description: 'Any of these channels.' })
  channels?: ChannelEnum[] | null;

  @IsOptional()
  @Field(() => StatsPeriodEnum, {
    nullable: true,
    description: 'Period of byPeriod (default DAY).',
  })
  period?: StatsPeriodEnum | null;
}

/**
 * The figures every part of `Stats` gives for its requests (the whole cohort, one service, one
 * area): outcomes counted apart (closed never counts as fixed), days to complete, the SLA and the
 * promises made to residents against what happened.
 */
@ObjectType({ description: 'Figures of a group of requests (base of the stats parts).' })
export abstract class CohortFigures {
  @Field(() => Int, { description: 'Requests opened (requested) in the range.' })
  opened: number;

  @Field(() => Int, { description: 'Of those, closed as COMPLETED (fixed).' })
  closedCompleted: number;

  @Field(() => Int, {
    description: 'Of those, closed without a fix: CLOSED_NOT_FIXED and CANCELED.',
  })
  closedNotFixed: number;

  @Field(() => Int, { description: 'Of those, closed as DUPLICATE of another request.' })
  duplicates: number;

  @Field(() => Int, { description: 'Of those, still open.' })
  stillOpen: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from requested to closed, COMPLETED requests only.',
  })
  medianDaysToComplete: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '90th percentile days from requested to closed, COMPLETED requests only.',
  })
  p90DaysToComplete: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share (0–1) of onTimeSample completed within the service’s SLA; null when the sample is empty.',
  })
  onTimeShare: number | null;

  @Field(() => Int, {
    description:
      'Requests of services with an SLA whose outcome is known: closed (except DUPLICATE) or open past the deadline.',
  })
  onTimeSample: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'The promise: median days from requested to the expected date residents were given (the completion estimate, else the SLA, or a date staff set); null when no request had one.',
  })
  medianPromisedDays: number | null;

  @Field(() => Int, {
    description:
      'Requests given an expected date whose outcome is known: closed (except DUPLICATE) or open past that date.',
  })
  promiseSample: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share (0–1) of promiseSample COMPLETED by the expected date; null when the sample is empty.',
  })
  promiseKeptShare: number | null;
}

/** Counts and times to close of a cohort. */
@ObjectType({
  description:
    'Figures of the requests requested in the filter’s range (the cohort), by their current status: opened = closedCompleted + closedNotFixed + duplicates + stillOpen. Closed never counts as fixed.',
})
export class StatsTotals extends CohortFigures {
  @Field(() => Float, {
    nullable: true,
    description: 'Median days from requested to closed, every closed request (any outcome).',
  })
  medianDaysToClose: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '90th percentile days from requested to closed, every closed request.',
  })
  p90DaysToClose: number | null;
}

/** One calendar period of the cohort. */
@ObjectType({ description: 'The cohort’s figures for one calendar period.' })
export class StatsPeriodBucket {
  @Field(() => GraphQLDateTimeISO, { description: 'Start of the period (Chicago midnight).' })
  start: Date;

  @Field(() => String, { description: 'Start of the period as a Chicago date, YYYY-MM-DD.' })
  label: string;

  @Field(() => Int, { description: 'Requests opened in the period.' })
  opened: number;

  @Field(() => Int, { description: 'Of those, closed as COMPLETED.' })
  closedCompleted: number;

  @Field(() => Int, { description: 'Of those, CLOSED_NOT_FIXED or CANCELED.' })
  closedNotFixed: number;

  @Field(() => Int, { description: 'Of those, DUPLICATE.' })
  duplicates: number;

  @Field(() => Int, { description: 'Of those, still open.' })
  stillOpen: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days to close, COMPLETED requests opened in the period.',
  })
  medianDaysToComplete: number | null;
}

/** One service's figures. */
@ObjectType({
  description:
    'One service’s figures in the cohort: its promise (SLA, expected dates) against what happened.',
})
export class ServiceStats extends CohortFigures {
  @Field(() => String, { description: 'Open311 service code.' })
  code: string;

  @Field(() => String, { description: 'Service name.' })
  name: string;

  @Field(() => Int, { nullable: true, description: 'The promise: SLA target in days, if any.' })
  slaDays: number | null;
}

/** One area's figures. */
@ObjectType({ description: 'One ward’s or community area’s figures in the cohort.' })
export class AreaStats extends CohortFigures {
  @Field(() => AreaKindEnum, { description: 'Ward or community area.' })
  kind: AreaKindEnum;

  @Field(() => Int, { description: 'Ward or community area number.' })
  number: number;

  @Field(() => String, { description: 'Area name.' })
  name: string;
}

/** The answer of `stats`: each part is computed only when asked for. */
@ObjectType({
  description:
    'Public performance figures for a filter. Private services never count. Each field is one SQL query, run only when selected.',
})
export class Stats {
  /** The decoded filter the field resolvers read (not a GraphQL field). */
  query: StatsQuery;
  /** Period of byPeriod. */
  period: StatsPeriodEnum;
}

/** A typical range of days to complete. */
@ObjectType({
  description:
    'How long a service’s requests typically take to be completed near a place, over the cases completed in the 12 months before now.',
})
export class CompletionEstimate {
  @Field(() => String, { description: 'Open311 service code.' })
  serviceCode: string;

  @Field(() => EstimateScopeEnum, { description: 'Community area, or the city as a fallback.' })
  scope: EstimateScopeEnum;

  @Field(() => Int, {
    nullable: true,
    description: 'Community area number of the location (also when scope is CITY).',
  })
  communityArea: number | null;

  @Field(() => Int, { description: 'Completed cases the figures rest on.' })
  sampleSize: number;

  @Field(() => Float, { nullable: true, description: 'Median days; null without cases.' })
  medianDays: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile days; null without cases.' })
  p90Days: number | null;

  @Field(() => GraphQLDateTimeISO, { description: 'Start of the 12-month window.' })
  windowStart: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'End of the window (now).' })
  windowEnd: Date;

  @Field(() => Int, { nullable: true, description: 'The service’s SLA target in days, if any.' })
  slaDays: number | null;
}

/** Filter of `mapClusters`. */
@InputType({ description: 'Filters of mapClusters.' })
export class MapClusterFilter {
  @IsOptional()
  @ArrayMaxSize(200)
  @Field(() => [String], { nullable: true, description: 'Any of these service codes.' })
  serviceCodes?: string[] | null;

  @IsOptional()
  @Field(() => RequestStatusEnum, { nullable: true, description: 'OPEN or CLOSED.' })
  status?: RequestStatusEnum | null;
}

/** A cluster of requests. */
@ObjectType({ description: 'Requests of one grid cell, drawn at their centroid.' })
export class MapCluster {
  @Field(() => Float, { description: 'Latitude of the centroid of the requests.' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude of the centroid of the requests.' })
  longitude: number;

  @Field(() => Int, { description: 'Requests in the cell.' })
  count: number;

  @Field(() => Int, { description: 'Of those, open.' })
  openCount: number;
}

/** A single request on a street-level map. */
@ObjectType({ description: 'One request, at street zoom.' })
export class MapPoint {
  @Field(() => ID, { description: 'Global id of the request.' })
  id: string;

  @Field(() => String, { description: 'Tracking number.' })
  trackingNumber: string;

  @Field(() => String, { description: 'Open311 service code.' })
  serviceCode: string;

  @Field(() => RequestStatusEnum, { description: 'OPEN or CLOSED.' })
  status: RequestStatusEnum;

  @Field(() => GeoPoint, { description: 'Where it is.' })
  location: GeoPoint;
}

/** The answer of `mapClusters`. */
@ObjectType({
  description:
    'Clusters from the pre-aggregated grid (zoom ≤ 15), or single requests at street zoom (≥ 16).',
})
export class MapClusters {
  @Field(() => Int, {
    nullable: true,
    description:
      'Grid cell edge in metres (2,400 up to zoom 12, 600 at 13–14, 150 at 15); null with points.',
  })
  cellSizeMeters: number | null;

  @Field(() => [MapCluster], { description: 'Clusters (empty at street zoom).' })
  clusters: MapCluster[];

  @Field(() => [MapPoint], { description: 'Single requests at street zoom, newest first.' })
  points: MapPoint[];

  @Field(() => Boolean, { description: 'Whether points stopped at 1,000: zoom in further.' })
  truncated: boolean;
}
