/**
 * Parsing of GeoReport v2 parameters: strings in, typed values out, or a {@link BadInputError}
 * naming the parameter. "Optional" means an empty value is the same as an absent one (spec §1.6).
 * W3C dates are read with `Z`, with `±HH:MM`, or (Chicago's clients, OPEN311.md §1.3) without a zone,
 * which means Chicago's local time. No rule of the city lives here: only the wire format.
 */
import { badField } from '../lib/errors.js';

/** The jurisdiction this endpoint serves (Chicago's suggested value). */
export const JURISDICTION_ID = 'cityofchicago.org';

/** Chicago's time zone: local dates without a zone are read in it, and output is written in it. */
export const CITY_TIME_ZONE = 'America/Chicago';

/** One query or body parameter as Express hands it over (qs may produce arrays and objects). */
export type RawParam = unknown;

/** A single text value, trimmed; empty and absent are both undefined; arrays and objects are bad. */
export function text(raw: RawParam, name: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw badField(name, 'must be given once, as text');
  const value = raw.trim();
  return value === '' ? undefined : value;
}

/** A comma-separated list of non-empty values, or undefined. */
export function list(raw: RawParam, name: string): string[] | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(',').map((v) => v.trim()))].filter((v) => v !== '');
  return items.length ? items : undefined;
}

/** A finite decimal number, or undefined. */
export function decimal(raw: RawParam, name: string): number | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) throw badField(name, 'must be a decimal number');
  return Number(value);
}

/** A positive integer, or undefined. */
export function positiveInteger(raw: RawParam, name: string): number | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw badField(name, 'must be a positive integer');
  }
  return Number(value);
}

/** `true`/`false` (also 1/0), or undefined. */
export function flag(raw: RawParam, name: string): boolean | undefined {
  const value = text(raw, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badField(name, 'must be true or false');
}

const W3C =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Offset of Chicago from UTC at an instant, in minutes (−300 in summer, −360 in winter). */
function cityOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: CITY_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A W3C date-time (or a plain date, meaning its midnight), or undefined. A `+` that arrived as a
 * space (an unencoded offset in a query string) is read as `+`.
 */
export function w3cDate(raw: RawParam, name: string): Date | undefined {
  const value = text(raw, name)?.replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (value === undefined) return undefined;
  const m = W3C.exec(value);
  const bad = () =>
    badField(name, 'must be a W3C date-time such as 2021-01-02T08:00:00-06:00 or 2021-01-02');
  if (!m) throw bad();
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const fields = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [year, month, day, hour, minute, second] = fields;
  const ms = Number(`0.${frac || '0'}`) * 1000;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw bad();
  }
  if (zone) {
    if (zone.toUpperCase() === 'Z') return new Date(wall);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    if (Math.abs(offset) > 14 * 60) throw bad();
    return new Date(wall - offset * 60_000);
  }
  // No zone: Chicago wall-clock time. Guess with the offset at the wall time, then correct once.
  let instant = wall - cityOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - cityOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** An instant as W3C date-time in Chicago's offset, e.g. `2021-01-02T08:15:00-06:00`. */
export function formatW3c(at: Date | null | undefined): string | null {
  if (!at) return null;
  const offset = cityOffsetMinutes(at);
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}
