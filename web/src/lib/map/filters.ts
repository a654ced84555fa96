/**
 * The home map's filter: what the URL says (so a view can be shared), what the API is asked
 * (`serviceRequests` filter, `mapClusters` filter, export query), and whether a request that just
 * changed live still belongs to the view.
 *
 * Terms:
 * - scope: where the requests are. `near` (around the viewer's location), `area` (one ward or
 *   community area), or the city. In the city scope the list follows the map once zoomed in
 *   (zoom ≥ {@link POINTS_ZOOM}: the requests in view); zoomed out it lists the whole city and the
 *   map shows server-side clusters.
 * - URL parameters use the open-data export's names (`service_code`, `status`, `detailed_status`,
 *   `ward`, `community_area`, `from`, `to`, `near`), plus `group` and `map` (`lat,lng,zoom`).
 */
import type {
  DetailedStatus,
  MapClusterFilter,
  RequestStatus,
  ServiceRequestFilter,
  ServiceRequestOrder,
} from '$lib/graphql/types.generated';
import { distanceMeters, inBBox, type BBox } from './geo';

/** Zoom from which the map shows single requests (the list's own rows) instead of clusters. */
export const POINTS_ZOOM = 13;
/** Radius of "near me", metres. */
export const NEAR_RADIUS = 1000;

/** Detailed statuses of open requests, in lifecycle order. */
export const OPEN_DETAILED: readonly DetailedStatus[] = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'SCHEDULED',
  'ON_HOLD',
];
/** Detailed statuses of closed requests: fixed, not fixed, duplicate, canceled. */
export const CLOSED_DETAILED: readonly DetailedStatus[] = [
  'COMPLETED',
  'CLOSED_NOT_FIXED',
  'DUPLICATE',
  'CANCELED',
];
const ALL_DETAILED = new Set<string>([...OPEN_DETAILED, ...CLOSED_DETAILED]);

/** Kinds of area, as the API names them. */
export type AreaKind = 'WARD' | 'COMMUNITY_AREA';

/** The filter as the URL holds it. */
export interface HomeFilter {
  group: string | null;
  service: string | null;
  status: RequestStatus | null;
  detailed: DetailedStatus[];
  /** First day, YYYY-MM-DD (Chicago), inclusive. */
  from: string | null;
  /** Last day, YYYY-MM-DD (Chicago), inclusive. */
  to: string | null;
  area: { kind: AreaKind; number: number } | null;
  near: { lat: number; lng: number } | null;
}

/** A request as far as matching needs it. */
export interface MatchableRequest {
  requestedAt: string;
  status: RequestStatus;
  detailedStatus: DetailedStatus;
  ward?: number | null;
  communityArea?: number | null;
  service: { code: string };
  location: { latitude: number; longitude: number };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function coords(value: string | null, count: number): number[] | null {
  if (!value) return null;
  const parts = value.split(',').map(Number);
  return parts.length === count && parts.every(Number.isFinite) ? parts : null;
}

function whole(value: string | null, max: number): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

/** Reads the filter from URL parameters; anything malformed is ignored. */
export function parseFilter(params: URLSearchParams): HomeFilter {
  const status = params.get('status')?.toUpperCase();
  const detailed = (params.get('detailed_status') ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => ALL_DETAILED.has(s)) as DetailedStatus[];
  const ward = whole(params.get('ward'), 50);
  const ca = whole(params.get('community_area'), 77);
  const near = coords(params.get('near'), 2);
  const from = params.get('from');
  const to = params.get('to');
  return {
    group: params.get('group') || null,
    service: params.get('service_code') || null,
    status: status === 'OPEN' || status === 'CLOSED' ? status : null,
    detailed,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    area:
      ward !== null
        ? { kind: 'WARD', number: ward }
        : ca !== null
          ? { kind: 'COMMUNITY_AREA', number: ca }
          : null,
    near: near ? { lat: near[0]!, lng: near[1]! } : null,
  };
}

/** Writes the filter into URL parameters (keeping unrelated ones such as `map` and `lang`). */
export function writeFilter(filter: HomeFilter, into: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(into);
  for (const key of [
    'group',
    'service_code',
    'status',
    'detailed_status',
    'from',
    'to',
    'ward',
    'community_area',
    'near',
  ]) {
    params.delete(key);
  }
  if (filter.group) params.set('group', filter.group);
  if (filter.service) params.set('service_code', filter.service);
  if (filter.status) params.set('status', filter.status.toLowerCase());
  if (filter.detailed.length) params.set('detailed_status', filter.detailed.join(','));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.area?.kind === 'WARD') params.set('ward', String(filter.area.number));
  if (filter.area?.kind === 'COMMUNITY_AREA') {
    params.set('community_area', String(filter.area.number));
  }
  if (filter.near) {
    params.set('near', `${filter.near.lat.toFixed(5)},${filter.near.lng.toFixed(5)}`);
  }
  return params;
}

/** The address of the page showing `filter`, from the current one (dropping `map` when asked). */
export function filterHref(filter: HomeFilter, current: string, dropView: boolean): string {
  const url = new URL(current);
  url.search = writeFilter(filter, url.searchParams).toString();
  if (dropView) url.searchParams.delete('map');
  return url.href;
}

/** The current address with the map view (`map=lat,lng,zoom`) written in. */
export function viewHref(current: string, lat: number, lng: number, zoom: number): string {
  const url = new URL(current);
  url.searchParams.set('map', `${lat.toFixed(5)},${lng.toFixed(5)},${zoom}`);
  return url.href;
}

/** Minutes America/Chicago is behind UTC at an instant. */
function chicagoOffsetMinutes(at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Chicago',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((at - wall) / 60_000);
}

/** The instant a Chicago calendar day starts (midnight, daylight saving included). */
export function chicagoDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d + plusDays);
  const offset = chicagoOffsetMinutes(utcMidnight + 6 * 3_600_000);
  return new Date(utcMidnight + offset * 60_000).toISOString();
}

/** Service codes the filter selects: the one service, every service of the group, or all. */
export function serviceCodesOf(
  filter: HomeFilter,
  services: readonly { code: string; group: string }[],
): string[] | null {
  if (filter.service) return [filter.service];
  if (filter.group) return services.filter((s) => s.group === filter.group).map((s) => s.code);
  return null;
}

/** What the list asks the API, given the current map view and the areas' ids. */
export function requestFilter(
  filter: HomeFilter,
  context: {
    services: readonly { code: string; group: string }[];
    areaId: string | null;
    /** The viewport, when the list follows the map (city scope, zoomed in). */
    bbox: BBox | null;
  },
): { filter: ServiceRequestFilter; orderBy: ServiceRequestOrder } {
  const out: ServiceRequestFilter = {};
  const codes = serviceCodesOf(filter, context.services);
  if (codes) out.serviceCodes = codes;
  if (filter.status) out.status = filter.status;
  if (filter.detailed.length) out.detailedStatuses = filter.detailed;
  if (filter.from) out.from = chicagoDayStart(filter.from);
  if (filter.to) out.to = chicagoDayStart(filter.to, 1);
  if (filter.area && context.areaId) out.areaId = context.areaId;
  if (filter.near) {
    out.near = { lat: filter.near.lat, lng: filter.near.lng, radiusMeters: NEAR_RADIUS };
  } else if (!filter.area && context.bbox) {
    out.bbox = context.bbox;
  }
  return { filter: out, orderBy: filter.near ? 'DISTANCE' : 'REQUESTED_AT_DESC' };
}

/** Whether server-side clusters can show this filter (they know services and open/closed only). */
export function clustersCanShow(filter: HomeFilter): boolean {
  return !filter.detailed.length && !filter.from && !filter.to && !filter.area && !filter.near;
}

/** The `mapClusters` filter. */
export function clusterFilter(
  filter: HomeFilter,
  services: readonly { code: string; group: string }[],
): MapClusterFilter {
  const out: MapClusterFilter = {};
  const codes = serviceCodesOf(filter, services);
  if (codes) out.serviceCodes = codes;
  if (filter.status) out.status = filter.status;
  return out;
}

/** Query string of /export/requests.csv and .geojson for the same requests as the list. */
export function exportQuery(
  filter: HomeFilter,
  services: readonly { code: string; group: string }[],
  bbox: BBox | null,
): string {
  const params = new URLSearchParams();
  const codes = serviceCodesOf(filter, services);
  if (codes) params.set('service_code', codes.join(','));
  if (filter.status) params.set('status', filter.status.toLowerCase());
  if (filter.detailed.length) params.set('detailed_status', filter.detailed.join(','));
  if (filter.area?.kind === 'WARD') params.set('ward', String(filter.area.number));
  if (filter.area?.kind === 'COMMUNITY_AREA') {
    params.set('community_area', String(filter.area.number));
  }
  if (filter.from) params.set('from', chicagoDayStart(filter.from));
  if (filter.to) params.set('to', chicagoDayStart(filter.to, 1));
  if (filter.near) {
    params.set('near', `${filter.near.lat},${filter.near.lng},${NEAR_RADIUS}`);
  } else if (!filter.area && bbox) {
    params.set('bbox', [bbox.west, bbox.south, bbox.east, bbox.north].join(','));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether a request (as it is now) belongs to the list. */
export function matches(
  request: MatchableRequest,
  filter: HomeFilter,
  context: { services: readonly { code: string; group: string }[]; bbox: BBox | null },
): boolean {
  const codes = serviceCodesOf(filter, context.services);
  if (codes && !codes.includes(request.service.code)) return false;
  if (filter.status && request.status !== filter.status) return false;
  if (filter.detailed.length && !filter.detailed.includes(request.detailedStatus)) return false;
  const at = Date.parse(request.requestedAt);
  if (filter.from && at < Date.parse(chicagoDayStart(filter.from))) return false;
  if (filter.to && at >= Date.parse(chicagoDayStart(filter.to, 1))) return false;
  if (filter.area?.kind === 'WARD' && request.ward !== filter.area.number) return false;
  if (filter.area?.kind === 'COMMUNITY_AREA' && request.communityArea !== filter.area.number) {
    return false;
  }
  if (filter.near) {
    const d = distanceMeters(
      { latitude: filter.near.lat, longitude: filter.near.lng },
      request.location,
    );
    if (d > NEAR_RADIUS) return false;
  } else if (!filter.area && context.bbox && !inBBox(context.bbox, request.location)) {
    return false;
  }
  return true;
}

/** Whether any filter is set (for the "clear" button). */
export function isFiltered(filter: HomeFilter): boolean {
  return Boolean(
    filter.group ||
    filter.service ||
    filter.status ||
    filter.detailed.length ||
    filter.from ||
    filter.to ||
    filter.area ||
    filter.near,
  );
}

/** The empty filter: the whole city, every service and status, any date. */
export const NO_FILTER: HomeFilter = {
  group: null,
  service: null,
  status: null,
  detailed: [],
  from: null,
  to: null,
  area: null,
  near: null,
};
