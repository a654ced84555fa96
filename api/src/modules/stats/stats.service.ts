/**
 * Transparency rules: public statistics of how the city performs, honest completion estimates and
 * the zoomed-out map. Private services never count in any public figure; "closed" never counts as
 * "fixed" (only COMPLETED does).
 *
 * "Now" comes from an injected clock, so that estimates over "the last 12 months" can be tested on
 * data of a fixed year.
 */
import { LRUCache } from 'lru-cache';
import { BadInputError, badField } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import type { AreaService } from '../area/area.service.js';
import type { Channel, RequestStatus } from '../service-request/service-request.entity.js';
import type { ServiceDefinitionService } from '../service-definition/service-definition.service.js';
import type { Actor } from '../user/actor.js';
import { isStaff } from '../user/actor.js';
import { GRID_LEVELS } from './stats.repository.js';
import type {
  AreaRow,
  ClusterRow,
  GridLevel,
  MapPointRow,
  PeriodRow,
  ServiceRow,
  StatsAreaKind,
  StatsPeriod,
  StatsQuery,
  StatsRepository,
  TotalsRow,
} from './stats.repository.js';

/** A stats filter as the doors hand it over (area already resolved to a number). */
export interface StatsFilterInput {
  serviceCodes?: string[];
  ward?: number;
  communityArea?: number;
  from?: Date;
  to?: Date;
  channels?: Channel[];
}

/** Closed cases needed before an area's own figure is shown instead of the city's. */
export const MIN_AREA_SAMPLE = 20;
/** Closed cases needed before an estimate sets a new request's `expectedAt` (else the SLA does). */
export const MIN_EXPECTED_SAMPLE = 20;
/** Most grid cells one `mapClusters` answer may cover before a coarser level is used. */
export const MAX_CLUSTER_CELLS = 10_000;
/** Zoom from which single requests are returned instead of clusters. */
export const POINT_ZOOM = 16;
/** Most single requests one street-zoom answer returns. */
export const MAX_POINTS = 1000;

/** Where a completion estimate's figures come from. */
export type EstimateScope = 'COMMUNITY_AREA' | 'CITY';

/** A typical range of days to complete a service's requests. */
export interface CompletionEstimate {
  serviceCode: string;
  scope: EstimateScope;
  /** The community area of the location (also when the figure fell back to the city). */
  communityArea: number | null;
  sampleSize: number;
  medianDays: number | null;
  p90Days: number | null;
  windowStart: Date;
  windowEnd: Date;
  slaDays: number | null;
}

/** The answer of `mapClusters`: clusters at low zoom, single requests at street zoom. */
export interface MapClustersResult {
  /** Cell edge in metres, or null when `points` are returned. */
  cellSizeMeters: GridLevel | null;
  clusters: ClusterRow[];
  points: MapPointRow[];
  /** Whether `points` stopped at {@link MAX_POINTS}. */
  truncated: boolean;
}

/**
 * The grid level a web-map zoom reads. In Web Mercator at Chicago's latitude a pixel is about
 * 116,500 / 2^zoom metres, so: zoom ≤ 12 → 2,400 m cells (21 px at zoom 10, 85 px at 12);
 * 13–14 → 600 m (21–42 px); 15 → 150 m (42 px); ≥ 16 → single requests, not clusters.
 */
export function levelForZoom(zoom: number): GridLevel | null {
  if (zoom >= POINT_ZOOM) return null;
  if (zoom >= 15) return 150;
  if (zoom >= 13) return 600;
  return 2400;
}

const YEAR_MS = 365 * 86_400_000;

/** Statistics, estimates and map aggregation. */
export class StatsService {
  constructor(
    private readonly repository: StatsRepository,
    private readonly definitions: ServiceDefinitionService,
    private readonly areas: AreaService,
    private readonly clock: () => Date = () => new Date(),
    cacheSeconds = 0,
  ) {
    this.cache =
      cacheSeconds > 0
        ? new LRUCache<string, object>({ max: 1000, ttl: cacheSeconds * 1000 })
        : null;
  }

  /**
   * Dashboard figures of the same filter within `cacheSeconds` (STOOP_STATS_CACHE_SECONDS, 60 by
   * default in production) are served from memory: the whole-city view costs over a second of SQL on
   * hundreds of thousands of rows, and a public dashboard a minute behind is honest enough. Data is
   * public (private services count nowhere), so one cache serves every caller.
   */
  private readonly cache: LRUCache<string, object> | null;

  private cached<T extends object>(
    part: string,
    query: StatsQuery,
    extra: unknown,
    run: () => Promise<T>,
  ): Promise<T> {
    if (!this.cache) return run();
    const { now: _now, ...filter } = query;
    const key = JSON.stringify([part, filter, extra]);
    const hit = this.cache.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const pending = run().catch((error: unknown) => {
      this.cache?.delete(key);
      throw error;
    });
    this.cache.set(key, pending);
    return pending;
  }

  /** Checks and completes a filter (bad input names `filter.<field>`). */
  query(_actor: Actor, filter: StatsFilterInput): StatsQuery {
    const problems: FieldProblem[] = [];
    if (filter.from && filter.to && filter.from >= filter.to) {
      problems.push({ field: 'filter.to', message: 'must be after filter.from' });
    }
    if ((filter.serviceCodes?.length ?? 0) > 200) {
      problems.push({ field: 'filter.serviceCodes', message: 'takes at most 200 codes' });
    }
    if (problems.length) throw new BadInputError(problems);
    return { ...filter, now: this.clock() };
  }

  /** Totals of the cohort. */
  totals(query: StatsQuery): Promise<TotalsRow> {
    return this.cached('totals', query, null, () => this.repository.totals(query));
  }

  /** The cohort by Chicago calendar period. */
  byPeriod(query: StatsQuery, period: StatsPeriod): Promise<PeriodRow[]> {
    return this.cached('byPeriod', query, period, () => this.repository.byPeriod(query, period));
  }

  /** The busiest services of the cohort. */
  topServices(query: StatsQuery, limit: number): Promise<ServiceRow[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw badField('limit', 'must be between 1 and 200');
    }
    return this.cached('topServices', query, limit, () =>
      this.repository.topServices(query, limit),
    );
  }

  /** Per-area comparison. */
  byArea(query: StatsQuery, kind: StatsAreaKind): Promise<AreaRow[]> {
    return this.cached('byArea', query, kind, () => this.repository.byArea(query, kind));
  }

  /**
   * Median and 90th percentile days to complete a service's requests in the location's community
   * area, over the cases completed in the 12 months before now; the city-wide figure when the area
   * has fewer than {@link MIN_AREA_SAMPLE}. Private services: staff only.
   */
  async completionEstimate(
    actor: Actor,
    serviceCode: string,
    location: { latitude: number; longitude: number },
  ): Promise<CompletionEstimate> {
    const definition = await this.definitions.findByCode(serviceCode);
    if (!definition || (definition.isPrivate && !isStaff(actor))) {
      throw badField('serviceCode', 'is not a known public service');
    }
    const place = await this.areas.locate(location.latitude, location.longitude);
    if (place.ward === null) {
      throw badField('location', 'is outside the city of Chicago');
    }
    return this.estimate(definition.code, definition.slaDays, place.communityArea);
  }

  /** The estimate for a service code and community area (no checks: callers check). */
  async estimate(
    serviceCode: string,
    slaDays: number | null,
    communityArea: number | null,
  ): Promise<CompletionEstimate> {
    const windowEnd = this.clock();
    const windowStart = new Date(windowEnd.getTime() - YEAR_MS);
    const base = { serviceCode, communityArea, windowStart, windowEnd, slaDays };
    if (communityArea !== null) {
      const local = await this.repository.completion(
        serviceCode,
        windowStart,
        windowEnd,
        communityArea,
      );
      if (local.sampleSize >= MIN_AREA_SAMPLE) {
        return { ...base, ...local, scope: 'COMMUNITY_AREA' };
      }
    }
    const city = await this.repository.completion(serviceCode, windowStart, windowEnd, null);
    return { ...base, ...city, scope: 'CITY' };
  }

  /**
   * Typical days to complete for a new request's `expectedAt`: the estimate's median when it
   * rests on at least {@link MIN_EXPECTED_SAMPLE} cases, else null (the caller uses the SLA).
   */
  async typicalDays(serviceCode: string, communityArea: number | null): Promise<number | null> {
    const estimate = await this.estimate(serviceCode, null, communityArea);
    return estimate.sampleSize >= MIN_EXPECTED_SAMPLE ? estimate.medianDays : null;
  }

  /** Clusters (or, at street zoom, single requests) of public requests inside a map viewport. */
  async mapClusters(
    _actor: Actor,
    options: {
      bbox: { west: number; south: number; east: number; north: number };
      zoom: number;
      serviceCodes?: string[];
      status?: RequestStatus;
    },
  ): Promise<MapClustersResult> {
    const { bbox, zoom } = options;
    if (!Number.isInteger(zoom) || zoom < 0 || zoom > 22) {
      throw badField('zoom', 'must be a whole number from 0 to 22');
    }
    if (!(bbox.west < bbox.east) || !(bbox.south < bbox.north)) {
      throw badField('bbox', 'must have west < east and south < north');
    }
    const filter = { bbox, serviceCodes: options.serviceCodes, status: options.status };
    let level = levelForZoom(zoom);
    if (level === null) {
      const points = await this.repository.points({ ...filter, limit: MAX_POINTS + 1 });
      return {
        cellSizeMeters: null,
        clusters: [],
        points: points.slice(0, MAX_POINTS),
        truncated: points.length > MAX_POINTS,
      };
    }
    // a client that sends a huge viewport with a high zoom gets a coarser level, not 100,000 rows
    const midLat = ((bbox.north + bbox.south) / 2) * (Math.PI / 180);
    const widthM = (bbox.east - bbox.west) * 111_320 * Math.cos(midLat);
    const heightM = (bbox.north - bbox.south) * 110_574;
    while (level !== 2400 && (widthM / level) * (heightM / level) > MAX_CLUSTER_CELLS) {
      level = GRID_LEVELS[GRID_LEVELS.indexOf(level) + 1]!;
    }
    const clusters = await this.repository.clusters({ ...filter, level });
    return { cellSizeMeters: level, clusters, points: [], truncated: false };
  }
}
