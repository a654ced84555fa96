/**
 * The dashboard's state lives in its URL, so a view can be bookmarked and shared:
 * `?group=…&service_code=a,b&ward=12|community_area=4&from=YYYY-MM-DD&to=YYYY-MM-DD&channel=WEB
 * &period=week&compare=ward&shade=backlog`. Dates are Chicago calendar days, both included; they
 * become the API's `[from, to)` instants at Chicago midnight. The export link carries the same
 * filter in the export's own parameter names (api/src/http/export.routes.ts).
 */
import type { AreaKind, Channel, StatsPeriod } from '$lib/graphql/types.generated';

/** Channels of the filter, in the order shown. */
export const CHANNEL_CHOICES: readonly Channel[] = [
  'WEB',
  'MOBILE',
  'PHONE',
  'SMS',
  'OPEN311',
  'STAFF',
];
/** What the area map is shaded by. */
export type Shade = 'median' | 'backlog';

/** Everything the URL says. */
export interface DashboardParams {
  group: string | null;
  serviceCodes: string[];
  ward: number | null;
  communityArea: number | null;
  /** First Chicago day, YYYY-MM-DD. */
  from: string | null;
  /** Last Chicago day (included), YYYY-MM-DD. */
  to: string | null;
  channel: Channel | null;
  period: StatsPeriod;
  compare: AreaKind;
  shade: Shade;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function whole(value: string | null, max: number): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

/** Reads the URL; anything unknown or malformed is ignored (the default view). */
export function parseParams(search: URLSearchParams): DashboardParams {
  const channel = search.get('channel')?.toUpperCase() as Channel | undefined;
  const period = search.get('period')?.toUpperCase();
  const date = (name: string) => {
    const v = search.get(name);
    return v && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
  };
  const ward = whole(search.get('ward'), 50);
  return {
    group: search.get('group') || null,
    serviceCodes: (search.get('service_code') ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    ward,
    communityArea: ward === null ? whole(search.get('community_area'), 77) : null,
    from: date('from'),
    to: date('to'),
    channel: channel && CHANNEL_CHOICES.includes(channel) ? channel : null,
    period: period === 'WEEK' || period === 'MONTH' ? period : 'DAY',
    compare: search.get('compare') === 'ward' ? 'WARD' : 'COMMUNITY_AREA',
    shade: search.get('shade') === 'backlog' ? 'backlog' : 'median',
  };
}

/** The URL query of a state (defaults left out; the language choice kept). */
export function toSearch(params: DashboardParams, lang: string | null): string {
  const q = new URLSearchParams();
  if (params.group) q.set('group', params.group);
  if (params.serviceCodes.length) q.set('service_code', params.serviceCodes.join(','));
  if (params.ward !== null) q.set('ward', String(params.ward));
  if (params.communityArea !== null) q.set('community_area', String(params.communityArea));
  if (params.from) q.set('from', params.from);
  if (params.to) q.set('to', params.to);
  if (params.channel) q.set('channel', params.channel);
  if (params.period !== 'DAY') q.set('period', params.period.toLowerCase());
  if (params.compare === 'WARD') q.set('compare', 'ward');
  if (params.shade === 'backlog') q.set('shade', 'backlog');
  if (lang) q.set('lang', lang);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The instant a Chicago calendar day starts (DST included), from YYYY-MM-DD. */
export function chicagoMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 6); // 06:00 UTC is midnight or 01:00 in Chicago
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return new Date(Date.UTC(y, m - 1, d) - (local - guess));
}

/** The calendar day after YYYY-MM-DD. */
export function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Whether the range is backwards (the form says so instead of asking the API). */
export function badRange(params: DashboardParams): boolean {
  return params.from !== null && params.to !== null && params.from > params.to;
}

/** The instants of the range: `from` inclusive, `to` exclusive (the day after the last day). */
export function range(params: DashboardParams): { from?: string; to?: string } {
  return {
    ...(params.from ? { from: chicagoMidnight(params.from).toISOString() } : {}),
    ...(params.to ? { to: chicagoMidnight(dayAfter(params.to)).toISOString() } : {}),
  };
}

/** The open data export of exactly the requests behind the figures. */
export function exportHref(
  format: 'csv' | 'geojson',
  params: DashboardParams,
  serviceCodes: string[] | undefined,
): string {
  const q = new URLSearchParams();
  if (serviceCodes?.length) q.set('service_code', serviceCodes.join(','));
  if (params.ward !== null) q.set('ward', String(params.ward));
  if (params.communityArea !== null) q.set('community_area', String(params.communityArea));
  const { from, to } = range(params);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (params.channel) q.set('channel', params.channel);
  const text = q.toString();
  return `/export/requests.${format}${text ? `?${text}` : ''}`;
}

/**
 * Up to five class bounds (upper, ascending, distinct) splitting the values into groups of about
 * the same size, for a choropleth whose legend states each range.
 */
export function quantileBreaks(values: number[], classes = 5): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.ceil((i / classes) * sorted.length) - 1)]!;
    if (breaks.length === 0 || v > breaks[breaks.length - 1]!) breaks.push(v);
  }
  return breaks;
}

/** Sorts rows by a value (numbers or text); rows without a value always go last. */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => number | string | null,
  direction: 'ascending' | 'descending',
  locale: string,
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(locale, { numeric: true });
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return collator.compare(String(x), String(y)) * sign;
  });
}
