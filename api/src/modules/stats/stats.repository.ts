/**
 * Terminology:
 * - cohort: the requests *requested* inside the filter's range; every count describes them by
 *   their current status, so opened = closedCompleted + closedNotFixed + duplicates + stillOpen.
 * - days to close: `closed_at - requested_at` in days (fractional), read with `percentile_cont`.
 * - on time: completed (COMPLETED only: closed never counts as fixed) within the service's
 *   `sla_days` of being requested. The sample is every request of a service with an SLA whose
 *   outcome is known: closed (except DUPLICATE, whose original carries the work), or still open
 *   past its deadline (already late).
 * - promise: the date a request was given (`expected_at`: the completion estimate, the SLA, or a
 *   date staff set). The promise sample is every request with one whose outcome is known (closed
 *   except DUPLICATE, or open past it); it was kept when the request was COMPLETED by that date.
 * - grid: `request_grid_cells`, counts and coordinate sums per UTM 16N cell, kept by triggers
 *   (migration 1796200000000).
 *
 * Everything here is one parameterised SQL statement over the raw rows; private services never
 * count. Identifiers that vary (the area column, the period) come from closed whitelists.
 */
import type { Translations } from '../../lib/language.js';
import type { ServiceText } from '../service-definition/service-definition.entity.js';
import type { DataSource } from 'typeorm';
import type { Channel, RequestStatus } from '../service-request/service-request.entity.js';
import { METRIC_SRID } from '../service-request/service-request.entity.js';

/** A statistics filter, already decoded (area global id → ward or community area number). */
export interface StatsQuery {
  serviceCodes?: string[];
  ward?: number;
  communityArea?: number;
  /** Inclusive lower bound of `requested_at`. */
  from?: Date;
  /** Exclusive upper bound of `requested_at`. */
  to?: Date;
  channels?: Channel[];
  /** "Now" for the on-time rule (an open request is late once now passes its deadline). */
  now: Date;
}

/** Calendar periods of `byPeriod`, in Chicago time. */
export type StatsPeriod = 'DAY' | 'WEEK' | 'MONTH';
/** Area kinds that requests carry a number of. */
export type StatsAreaKind = 'WARD' | 'COMMUNITY_AREA';

/** Status counts of a cohort. */
export interface StatusCounts {
  opened: number;
  closedCompleted: number;
  closedNotFixed: number;
  duplicates: number;
  stillOpen: number;
}

/** Counts, days to complete, and promises of a cohort or one group of it (a service, an area). */
export interface Figures extends StatusCounts {
  medianDaysToComplete: number | null;
  p90DaysToComplete: number | null;
  onTimeSample: number;
  onTime: number;
  promiseSample: number;
  promiseKept: number;
  medianPromisedDays: number | null;
}

/** Figures of a whole cohort, with days to close of every closed request. */
export interface TotalsRow extends Figures {
  medianDaysToClose: number | null;
  p90DaysToClose: number | null;
}

/** One calendar period. */
export interface PeriodRow extends StatusCounts {
  start: Date;
  label: string;
  medianDaysToComplete: number | null;
}

/** One service's figures. */
export interface ServiceRow extends Figures {
  code: string;
  /** English name; `translations` has the others. */
  name: string;
  translations: Translations<ServiceText>;
  slaDays: number | null;
}

/** One area's figures (areas without requests included, with zeros). */
export interface AreaRow extends Figures {
  number: number;
  name: string;
}

/** Median and 90th percentile of completed cases, and how many there were. */
export interface EstimateRow {
  sampleSize: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** One grid cell (or merged cells) as read for a map. */
export interface ClusterRow {
  latitude: number;
  longitude: number;
  count: number;
  openCount: number;
}

/** A single request on a street-level map. */
export interface MapPointRow {
  id: string;
  trackingNumber: string;
  serviceCode: string;
  status: RequestStatus;
  latitude: number;
  longitude: number;
}

/** Grid levels: cell edge in metres (the `level` column holds the same number). */
export const GRID_LEVELS = [150, 600, 2400] as const;
/** One grid level. */
export type GridLevel = (typeof GRID_LEVELS)[number];

const AREA_COLUMN: Record<StatsAreaKind, string> = {
  WARD: 'r.ward',
  COMMUNITY_AREA: 'r.community_area',
};
const PERIOD_UNIT: Record<StatsPeriod, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

const DAYS = `(extract(epoch FROM r.closed_at - r.requested_at) / 86400.0)`;
const COUNTS = `count(*)::int AS "opened",
  (count(*) FILTER (WHERE r.detailed_status = 'COMPLETED'))::int AS "closedCompleted",
  (count(*) FILTER (WHERE r.detailed_status IN ('CLOSED_NOT_FIXED', 'CANCELED')))::int AS "closedNotFixed",
  (count(*) FILTER (WHERE r.detailed_status = 'DUPLICATE'))::int AS "duplicates",
  (count(*) FILTER (WHERE r.status = 'OPEN'))::int AS "stillOpen"`;
const MEDIAN_COMPLETE = `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DAYS})
  FILTER (WHERE r.detailed_status = 'COMPLETED')`;
/** The on-time sample and hits; `$now` is the placeholder of the query's "now". */
function onTimeSql(now: string): string {
  const deadline = `r.requested_at + s.sla_days * interval '1 day'`;
  const eligible = `s.sla_days IS NOT NULL AND r.detailed_status <> 'DUPLICATE'
    AND (r.status = 'CLOSED' OR ${deadline} < ${now})`;
  return `(count(*) FILTER (WHERE ${eligible}))::int AS "onTimeSample",
    (count(*) FILTER (WHERE ${eligible} AND r.detailed_status = 'COMPLETED'
                       AND r.closed_at <= ${deadline}))::int AS "onTime"`;
}

/** The promise sample, hits and the median promised days; `$now` as in {@link onTimeSql}. */
function promiseSql(now: string): string {
  const eligible = `r.expected_at IS NOT NULL AND r.detailed_status <> 'DUPLICATE'
    AND (r.status = 'CLOSED' OR r.expected_at < ${now})`;
  return `(count(*) FILTER (WHERE ${eligible}))::int AS "promiseSample",
    (count(*) FILTER (WHERE ${eligible} AND r.detailed_status = 'COMPLETED'
                       AND r.closed_at <= r.expected_at))::int AS "promiseKept",
    percentile_cont(0.5) WITHIN GROUP
      (ORDER BY extract(epoch FROM r.expected_at - r.requested_at) / 86400.0)
      FILTER (WHERE r.expected_at IS NOT NULL) AS "medianPromisedDays"`;
}

/**
 * Every figure of {@link Figures} over the rows of a group; both percentiles of days to complete
 * come from one sort (`percentile_cont(ARRAY[0.5, 0.9])`, a quarter faster than two sorts).
 */
function figuresSql(now: string): string {
  return `${COUNTS},
    percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${DAYS})
      FILTER (WHERE r.detailed_status = 'COMPLETED') AS "complete",
    ${onTimeSql(now)}, ${promiseSql(now)}`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A row of {@link figuresSql} as plain figures (a missing group, e.g. an empty area, is zeros). */
type RawFigures = Partial<Omit<Figures, 'medianDaysToComplete' | 'p90DaysToComplete'>> & {
  complete?: number[] | null;
};
function toFigures(row: RawFigures): Figures {
  return {
    opened: row.opened ?? 0,
    closedCompleted: row.closedCompleted ?? 0,
    closedNotFixed: row.closedNotFixed ?? 0,
    duplicates: row.duplicates ?? 0,
    stillOpen: row.stillOpen ?? 0,
    medianDaysToComplete: num(row.complete?.[0]),
    p90DaysToComplete: num(row.complete?.[1]),
    onTimeSample: row.onTimeSample ?? 0,
    onTime: row.onTime ?? 0,
    promiseSample: row.promiseSample ?? 0,
    promiseKept: row.promiseKept ?? 0,
    medianPromisedDays: num(row.medianPromisedDays),
  };
}

/** Statistics, estimates and map grid reads. */
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** WHERE of a stats filter; `p` adds a parameter. */
  private where(q: StatsQuery, p: (v: unknown) => string): string {
    const where = ['NOT s.is_private'];
    if (q.serviceCodes?.length) where.push(`s.code = ANY(${p(q.serviceCodes)}::text[])`);
    if (q.ward !== undefined) where.push(`r.ward = ${p(q.ward)}`);
    if (q.communityArea !== undefined) where.push(`r.community_area = ${p(q.communityArea)}`);
    if (q.from) where.push(`r.requested_at >= ${p(q.from)}`);
    if (q.to) where.push(`r.requested_at < ${p(q.to)}`);
    if (q.channels?.length) where.push(`r.channel = ANY(${p(q.channels)}::text[])`);
    return `WHERE ${where.join(' AND ')}`;
  }

  private params(): { params: unknown[]; p: (v: unknown) => string } {
    const params: unknown[] = [];
    return {
      params,
      p: (v) => {
        params.push(v);
        return `$${params.length}`;
      },
    };
  }

  /** Counts, percentiles, the on-time share and promises kept of the whole cohort. */
  async totals(q: StatsQuery): Promise<TotalsRow> {
    const { params, p } = this.params();
    const now = p(q.now);
    const [row] = (await this.dataSource.query(
      `SELECT ${figuresSql(now)},
              percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${DAYS})
                FILTER (WHERE r.status = 'CLOSED') AS "close"
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
         ${this.where(q, p)}`,
      params,
    )) as [RawFigures & { close: number[] | null }];
    return {
      ...toFigures(row),
      medianDaysToClose: num(row.close?.[0]),
      p90DaysToClose: num(row.close?.[1]),
    };
  }

  /** The cohort split by Chicago calendar day, ISO week (Monday) or month, oldest first. */
  async byPeriod(q: StatsQuery, period: StatsPeriod): Promise<PeriodRow[]> {
    const { params, p } = this.params();
    const unit = p(PERIOD_UNIT[period]);
    const local = `date_trunc(${unit}, r.requested_at AT TIME ZONE 'America/Chicago')`;
    const rows = (await this.dataSource.query(
      `SELECT ${local} AT TIME ZONE 'America/Chicago' AS "start",
              to_char(${local}, 'YYYY-MM-DD') AS "label",
              ${COUNTS}, ${MEDIAN_COMPLETE} AS "medianDaysToComplete"
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
         ${this.where(q, p)}
        GROUP BY ${local}
        ORDER BY ${local}`,
      params,
    )) as PeriodRow[];
    return rows.map((r) => ({ ...r, medianDaysToComplete: num(r.medianDaysToComplete) }));
  }

  /** Services with the most requests in the cohort, most first, with all their figures. */
  async topServices(q: StatsQuery, limit: number): Promise<ServiceRow[]> {
    const { params, p } = this.params();
    const now = p(q.now);
    const rows = (await this.dataSource.query(
      `SELECT s.code, s.name, s.translations, s.sla_days AS "slaDays", ${figuresSql(now)}
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
         ${this.where(q, p)}
        GROUP BY s.id
        ORDER BY count(*) DESC, s.code
        LIMIT ${p(limit)}`,
      params,
    )) as (RawFigures & {
      code: string;
      name: string;
      translations: Translations<ServiceText>;
      slaDays: number | null;
    })[];
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      translations: r.translations,
      slaDays: r.slaDays,
      ...toFigures(r),
    }));
  }

  /** Every ward or community area with the cohort's figures inside it, by number. */
  async byArea(q: StatsQuery, kind: StatsAreaKind): Promise<AreaRow[]> {
    const { params, p } = this.params();
    const now = p(q.now);
    const column = AREA_COLUMN[kind];
    const rows = (await this.dataSource.query(
      `WITH agg AS (
         SELECT ${column} AS "areaNumber", ${figuresSql(now)}
           FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
           ${this.where(q, p)} AND ${column} IS NOT NULL
          GROUP BY ${column})
       SELECT a.number, a.name, agg.*
         FROM areas a LEFT JOIN agg ON agg."areaNumber" = a.number
        WHERE a.kind = ${p(kind)}
        ORDER BY a.number`,
      params,
    )) as (RawFigures & { number: number; name: string })[];
    return rows.map((r) => ({ number: r.number, name: r.name, ...toFigures(r) }));
  }

  /**
   * Days to complete of one service's cases completed in `[since, until)`, city-wide or in one
   * community area.
   */
  async completion(
    serviceCode: string,
    since: Date,
    until: Date,
    communityArea: number | null,
  ): Promise<EstimateRow> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS "sampleSize",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DAYS}) AS "medianDays",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${DAYS}) AS "p90Days"
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE s.code = $1 AND r.detailed_status = 'COMPLETED'
          AND r.closed_at >= $2 AND r.closed_at < $3
          AND ($4::int IS NULL OR r.community_area = $4)`,
      [serviceCode, since, until, communityArea],
    )) as [EstimateRow];
    return {
      sampleSize: row.sampleSize,
      medianDays: num(row.medianDays),
      p90Days: num(row.p90Days),
    };
  }

  /**
   * Grid cells of one level whose cells touch the bbox, summed over the matching services and
   * statuses, with the centroid of their requests back in WGS84. Private services never count.
   */
  async clusters(options: {
    level: GridLevel;
    bbox: { west: number; south: number; east: number; north: number };
    serviceCodes?: string[];
    status?: RequestStatus;
  }): Promise<ClusterRow[]> {
    const { params, p } = this.params();
    const level = p(options.level);
    const env = `ST_Transform(ST_Segmentize(ST_MakeEnvelope(${p(options.bbox.west)}, ${p(options.bbox.south)},
      ${p(options.bbox.east)}, ${p(options.bbox.north)}, 4326), 0.005), ${METRIC_SRID})`;
    const where = [
      `c.level = ${level}`,
      'c.cell_x BETWEEN b.x0 AND b.x1',
      'c.cell_y BETWEEN b.y0 AND b.y1',
      'NOT s.is_private',
    ];
    if (options.serviceCodes?.length) {
      where.push(`s.code = ANY(${p(options.serviceCodes)}::text[])`);
    }
    if (options.status) where.push(`c.status = ${p(options.status)}`);
    const rows = (await this.dataSource.query(
      `WITH b AS (
         SELECT floor(ST_XMin(e) / ${level})::int AS x0, floor(ST_XMax(e) / ${level})::int AS x1,
                floor(ST_YMin(e) / ${level})::int AS y0, floor(ST_YMax(e) / ${level})::int AS y1
           FROM (SELECT ${env} AS e) env),
       cells AS (
         SELECT c.cell_x, c.cell_y, sum(c.count)::int AS count,
                COALESCE(sum(c.count) FILTER (WHERE c.status = 'OPEN'), 0)::int AS open_count,
                sum(c.sum_x) AS sx, sum(c.sum_y) AS sy
           FROM request_grid_cells c
           JOIN service_definitions s ON s.id = c.service_definition_id, b
          WHERE ${where.join(' AND ')}
          GROUP BY c.cell_x, c.cell_y)
       SELECT ST_Y(g) AS latitude, ST_X(g) AS longitude, count, open_count AS "openCount"
         FROM cells,
              LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(sx / count, sy / count),
                                           ${METRIC_SRID}), 4326) AS g) pt
        WHERE count > 0
        ORDER BY cell_y, cell_x`,
      params,
    )) as ClusterRow[];
    return rows.map((r) => ({
      ...r,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
    }));
  }

  /** Individual public requests inside a bbox (street zoom), newest first, at most `limit`. */
  async points(options: {
    bbox: { west: number; south: number; east: number; north: number };
    serviceCodes?: string[];
    status?: RequestStatus;
    limit: number;
  }): Promise<MapPointRow[]> {
    const { params, p } = this.params();
    const where = [
      `r.location && ST_MakeEnvelope(${p(options.bbox.west)}, ${p(options.bbox.south)}, ${p(options.bbox.east)}, ${p(options.bbox.north)}, 4326)`,
      'NOT s.is_private',
    ];
    if (options.serviceCodes?.length) {
      where.push(`s.code = ANY(${p(options.serviceCodes)}::text[])`);
    }
    if (options.status) where.push(`r.status = ${p(options.status)}`);
    return (await this.dataSource.query(
      `SELECT r.id, r.tracking_number AS "trackingNumber", s.code AS "serviceCode", r.status,
              ST_Y(r.location) AS latitude, ST_X(r.location) AS longitude
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.requested_at DESC, r.id DESC
        LIMIT ${p(options.limit)}`,
      params,
    )) as MapPointRow[];
  }
}
