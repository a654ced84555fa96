/**
 * Imports the City of Chicago data portal's "311 Service Requests" CSV (dataset `v6vf-nfxy`) as
 * real Stoop requests with their real timelines. This is how the demo gets a city's worth of history
 * and how benchmarks get realistic data.
 *
 * Terminology:
 * - SR number: the city's tracking number (`SR21-00000001`), kept as Stoop's tracking number.
 * - information-only call: a `311 INFORMATION ONLY CALL` row, a call and not a request; skipped.
 * - portal local time: the CSV's times carry no zone; they are America/Chicago wall-clock times and
 *   are converted in SQL (`AT TIME ZONE 'America/Chicago'`), which knows every DST change.
 *
 * Design: rows are validated in JS, then written in batches, one transaction per batch (never half a
 * batch). Ward and community area are found in the same INSERT by `ST_Covers` on `areas.boundary`
 * (GiST-indexed). A point that no ward covers is outside Chicago and the row is rejected.
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel, DetailedStatus } from '../modules/service-request/service-request.entity.js';
import { csvTypeResolver } from './catalogue.js';

/** Options of {@link importChicagoCsv}. */
export interface ChicagoCsvImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Progress messages. */
  log?: (message: string) => void;
}

/** Outcome of an import. Counts are keyed by a short reason. */
export interface ChicagoCsvImportResult {
  imported: number;
  skipped: Record<string, number>;
  rejected: Record<string, number>;
  /** The first 50 rejected rows: CSV line number and reason. */
  rejectedRows: { line: number; reason: string }[];
  /** Distinct request types that map to no service. */
  unknownTypes: string[];
}

/** Reasons, as counted in the result. */
export const REASONS = {
  informationOnly: 'information-only call',
  alreadyImported: 'already imported',
  noLocation: 'no location',
  invalidLocation: 'invalid coordinates',
  outsideChicago: 'outside Chicago',
  unknownType: 'unknown request type',
  badNumber: 'invalid SR number',
  badDate: 'invalid date',
  badStatus: 'unknown status',
} as const;

const REQUIRED_COLUMNS = [
  'sr_number',
  'sr_type',
  'status',
  'created_date',
  'latitude',
  'longitude',
];
const MAX_REJECTED_ROWS = 50;
const SR_NUMBER = /^SR\d{2}-\d{8}$/;
const PORTAL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
/** Generous box around Chicago: anything outside is a geocoding error, not a place in the city. */
const CHICAGO_BOX = { minLat: 41.6, maxLat: 42.05, minLon: -87.95, maxLon: -87.5 };

/** One CSV row ready to insert. */
interface PreparedRow {
  line: number;
  trackingNumber: string;
  serviceCode: string;
  longitude: number;
  latitude: number;
  address: string | null;
  zipcode: string | null;
  status: 'OPEN' | 'CLOSED';
  detailedStatus: DetailedStatus;
  channel: Channel;
  createdAt: string;
  closedAt: string | null;
  modifiedAt: string | null;
  parentNumber: string | null;
}

/** Maps the portal's `origin` to a Stoop channel. */
export function channelFromOrigin(origin: string): Channel {
  const o = origin.trim().toLowerCase();
  if (o.startsWith('spot-open311') || o.includes('open311')) return 'OPEN311';
  if (o === 'internet' || o === 'web' || o === 'e-mail' || o === 'email') return 'WEB';
  if (o.includes('mobile')) return 'MOBILE';
  if (o.includes('phone')) return 'PHONE';
  if (o.includes('text') || o === 'sms') return 'SMS';
  return 'STAFF';
}

function clean(value: string | undefined): string {
  return (value ?? '').trim();
}

function portalTime(value: string): string | null | 'bad' {
  const v = clean(value);
  if (v === '') return null;
  return PORTAL_TIME.test(v) ? v.replace(' ', 'T') : 'bad';
}

type Verdict =
  | { kind: 'row'; row: PreparedRow }
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; reason: string; detail: string };

function prepare(
  record: Record<string, string>,
  line: number,
  resolve: ReturnType<typeof csvTypeResolver>,
): Verdict {
  const type = clean(record.sr_type);
  const resolved = resolve(type);
  if (resolved === 'skip') return { kind: 'skip', reason: REASONS.informationOnly };
  if (resolved === 'unknown') {
    return {
      kind: 'reject',
      reason: REASONS.unknownType,
      detail: `${REASONS.unknownType}: "${type}"`,
    };
  }
  const number = clean(record.sr_number);
  if (!SR_NUMBER.test(number)) {
    return {
      kind: 'reject',
      reason: REASONS.badNumber,
      detail: `${REASONS.badNumber}: "${number}"`,
    };
  }
  const latRaw = clean(record.latitude);
  const lonRaw = clean(record.longitude);
  if (latRaw === '' || lonRaw === '') {
    return { kind: 'reject', reason: REASONS.noLocation, detail: REASONS.noLocation };
  }
  const latitude = Number(latRaw);
  const longitude = Number(lonRaw);
  if (
    !Number.isFinite(latitude) ||
    !Number.isFinite(longitude) ||
    Math.abs(latitude) > 90 ||
    Math.abs(longitude) > 180
  ) {
    return {
      kind: 'reject',
      reason: REASONS.invalidLocation,
      detail: `${REASONS.invalidLocation}: "${latRaw}, ${lonRaw}"`,
    };
  }
  const box = CHICAGO_BOX;
  if (
    latitude < box.minLat ||
    latitude > box.maxLat ||
    longitude < box.minLon ||
    longitude > box.maxLon
  ) {
    return {
      kind: 'reject',
      reason: REASONS.outsideChicago,
      detail: `${REASONS.outsideChicago}: ${latitude}, ${longitude}`,
    };
  }
  const created = portalTime(record.created_date ?? '');
  const closed = portalTime(record.closed_date ?? '');
  const modified = portalTime(record.last_modified_date ?? '');
  if (created === null || created === 'bad' || closed === 'bad' || modified === 'bad') {
    return {
      kind: 'reject',
      reason: REASONS.badDate,
      detail: `${REASONS.badDate} in created/closed/last modified`,
    };
  }
  const status = clean(record.status).toLowerCase();
  const duplicate = clean(record.duplicate).toLowerCase() === 'true';
  let detailedStatus: DetailedStatus;
  if (status === 'open') {
    detailedStatus = modified !== null && modified !== created ? 'IN_PROGRESS' : 'SUBMITTED';
  } else if (status === 'completed' || status === 'canceled' || status === 'cancelled') {
    if (closed === null) {
      return {
        kind: 'reject',
        reason: REASONS.badDate,
        detail: `${REASONS.badDate}: closed row without closed_date`,
      };
    }
    detailedStatus = duplicate ? 'DUPLICATE' : status === 'completed' ? 'COMPLETED' : 'CANCELED';
  } else {
    return {
      kind: 'reject',
      reason: REASONS.badStatus,
      detail: `${REASONS.badStatus}: "${record.status ?? ''}"`,
    };
  }
  const isClosed =
    detailedStatus === 'COMPLETED' ||
    detailedStatus === 'CANCELED' ||
    detailedStatus === 'DUPLICATE';
  const parent = clean(record.parent_sr_number);
  return {
    kind: 'row',
    row: {
      line,
      trackingNumber: number,
      serviceCode: resolved.code,
      latitude,
      longitude,
      address: clean(record.street_address) || null,
      zipcode: clean(record.zip_code).slice(0, 10) || null,
      status: isClosed ? 'CLOSED' : 'OPEN',
      detailedStatus,
      channel: channelFromOrigin(record.origin ?? ''),
      createdAt: created,
      closedAt: isClosed ? closed : null,
      modifiedAt: modified,
      parentNumber: duplicate && SR_NUMBER.test(parent) ? parent : null,
    },
  };
}

const CHANNEL_WORDS: Record<Channel, string> = {
  PHONE: 'by phone',
  WEB: 'on the web',
  MOBILE: 'from the mobile app',
  OPEN311: 'from a partner app (Open311)',
  SMS: 'by text message',
  STAFF: 'from city staff',
};

const CLOSED_TEXT: Partial<Record<DetailedStatus, string>> = {
  COMPLETED: 'Request completed',
  CANCELED: 'Request canceled',
  DUPLICATE: 'Closed as a duplicate of an earlier request',
};

/** Writes one batch; returns the tracking numbers that were already stored and those outside the city. */
async function writeBatch(
  manager: EntityManager,
  rows: PreparedRow[],
): Promise<{ existing: Set<string>; outside: PreparedRow[]; inserted: number }> {
  const numbers = rows.map((r) => r.trackingNumber);
  const existingRows: { tracking_number: string }[] = await manager.query(
    `SELECT tracking_number FROM service_requests WHERE tracking_number = ANY($1::text[])`,
    [numbers],
  );
  const existing = new Set(existingRows.map((r) => r.tracking_number));
  const fresh = rows.filter((r) => !existing.has(r.trackingNumber));
  if (fresh.length === 0) return { existing, outside: [], inserted: 0 };

  const col = <K extends keyof PreparedRow>(key: K) => fresh.map((r) => r[key]);
  const inserted: {
    id: string;
    tracking_number: string;
    requested_at: Date;
    closed_at: Date | null;
    updated_at: Date;
    detailed_status: DetailedStatus;
    channel: Channel;
  }[] = await manager.query(
    `WITH input AS (
       SELECT * FROM unnest(
         $1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::timestamp[], $11::timestamp[], $12::timestamp[]
       ) AS t(tracking_number, service_code, lon, lat, address, zipcode,
              status, detailed_status, channel, created_local, closed_local, modified_local)
     ), located AS (
       SELECT i.*,
              ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326) AS geom,
              i.created_local AT TIME ZONE 'America/Chicago' AS requested_at,
              i.closed_local AT TIME ZONE 'America/Chicago' AS closed_at,
              i.modified_local AT TIME ZONE 'America/Chicago' AS modified_at
       FROM input i
     )
     INSERT INTO service_requests (
       tracking_number, service_definition_id, agency_id, location, address, zipcode, ward,
       community_area, status, detailed_status, channel, requested_at, updated_at, closed_at)
     SELECT l.tracking_number, sd.id, sd.agency_id, l.geom, l.address, l.zipcode, w.number,
            ca.number, l.status, l.detailed_status, l.channel, l.requested_at,
            GREATEST(l.requested_at, COALESCE(l.modified_at, l.closed_at, l.requested_at), COALESCE(l.closed_at, l.requested_at)),
            l.closed_at
     FROM located l
     JOIN service_definitions sd ON sd.code = l.service_code
     JOIN LATERAL (
       SELECT a.number FROM areas a
       WHERE a.kind = 'WARD' AND ST_Covers(a.boundary, l.geom)
       ORDER BY a.number LIMIT 1
     ) w ON true
     LEFT JOIN LATERAL (
       SELECT a.number FROM areas a
       WHERE a.kind = 'COMMUNITY_AREA' AND ST_Covers(a.boundary, l.geom)
       ORDER BY a.number LIMIT 1
     ) ca ON true
     ON CONFLICT (tracking_number) DO NOTHING
     RETURNING id, tracking_number, requested_at, closed_at, updated_at, detailed_status, channel`,
    [
      col('trackingNumber'),
      col('serviceCode'),
      col('longitude'),
      col('latitude'),
      col('address'),
      col('zipcode'),
      col('status'),
      col('detailedStatus'),
      col('channel'),
      col('createdAt'),
      col('closedAt'),
      col('modifiedAt'),
    ],
  );
  const insertedNumbers = new Set(inserted.map((r) => r.tracking_number));
  const outside = fresh.filter((r) => !insertedNumbers.has(r.trackingNumber));
  if (inserted.length === 0) return { existing, outside, inserted: 0 };

  // Timeline: every SUBMITTED event first, so within a request event ids follow time.
  await manager.query(
    `INSERT INTO request_events (request_id, type, from_status, to_status, text, visibility, at)
     SELECT id, 'SUBMITTED', NULL, 'SUBMITTED', text, 'PUBLIC', at
     FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(id, text, at)`,
    [
      inserted.map((r) => r.id),
      inserted.map((r) => `Request received ${CHANNEL_WORDS[r.channel]}`),
      inserted.map((r) => r.requested_at),
    ],
  );
  const changed = inserted.filter((r) => r.detailed_status !== 'SUBMITTED');
  if (changed.length > 0) {
    await manager.query(
      `INSERT INTO request_events (request_id, type, from_status, to_status, text, visibility, at)
       SELECT id, 'STATUS_CHANGED', 'SUBMITTED', to_status, text, 'PUBLIC', at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS t(id, to_status, text, at)`,
      [
        changed.map((r) => r.id),
        changed.map((r) => r.detailed_status),
        changed.map((r) => CLOSED_TEXT[r.detailed_status] ?? 'Work in progress'),
        changed.map((r) => r.closed_at ?? r.updated_at),
      ],
    );
  }
  const duplicates = fresh.filter(
    (r) => r.parentNumber !== null && insertedNumbers.has(r.trackingNumber),
  );
  if (duplicates.length > 0) {
    await manager.query(
      `UPDATE service_requests c SET duplicate_of_id = p.id
       FROM unnest($1::text[], $2::text[]) AS d(child, parent)
       JOIN service_requests p ON p.tracking_number = d.parent
       WHERE c.tracking_number = d.child AND c.duplicate_of_id IS NULL AND p.id <> c.id`,
      [duplicates.map((r) => r.trackingNumber), duplicates.map((r) => r.parentNumber)],
    );
  }
  return { existing, outside, inserted: inserted.length };
}

function toReadable(input: string | Readable): Readable {
  return typeof input === 'string' ? Readable.from([input]) : input;
}

/**
 * Imports a portal CSV (text or stream). Idempotent: rows whose SR number is already stored are
 * counted as skipped ("already imported") and not touched. Needs the catalogue and the ward
 * boundaries to be loaded first.
 */
export async function importChicagoCsv(
  ds: DataSource,
  input: string | Readable,
  opts: ChicagoCsvImportOptions = {},
): Promise<ChicagoCsvImportResult> {
  const batchSize = opts.batchSize ?? 500;
  const log = opts.log ?? (() => {});
  const [{ wards }] = (await ds.query(
    `SELECT count(*)::int AS wards FROM areas WHERE kind = 'WARD'`,
  )) as [{ wards: number }];
  if (wards === 0) {
    throw new Error(
      'No ward boundaries are loaded: run the seed or import:areas --kind WARD first.',
    );
  }
  const services: { code: string; slug: string; name: string }[] = await ds.query(
    `SELECT code, slug, name FROM service_definitions`,
  );
  if (services.length === 0)
    throw new Error('No service definitions are loaded: run the seed first.');
  const resolve = csvTypeResolver(services);

  const result: ChicagoCsvImportResult = {
    imported: 0,
    skipped: {},
    rejected: {},
    rejectedRows: [],
    unknownTypes: [],
  };
  const unknownTypes = new Set<string>();
  const count = (bucket: Record<string, number>, reason: string) => {
    bucket[reason] = (bucket[reason] ?? 0) + 1;
  };
  const reject = (line: number, reason: string, detail: string) => {
    count(result.rejected, reason);
    if (result.rejectedRows.length < MAX_REJECTED_ROWS)
      result.rejectedRows.push({ line, reason: detail });
  };

  let batch: PreparedRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const outcome = await ds.transaction((manager) => writeBatch(manager, rows));
    result.imported += outcome.inserted;
    for (const row of rows) {
      if (outcome.existing.has(row.trackingNumber)) count(result.skipped, REASONS.alreadyImported);
    }
    for (const row of outcome.outside) {
      reject(
        row.line,
        REASONS.outsideChicago,
        `${REASONS.outsideChicago}: no ward covers ${row.latitude}, ${row.longitude}`,
      );
    }
    if (outcome.inserted > 0) log(`  … ${result.imported} requests imported`);
  };

  const parser = toReadable(input).pipe(
    parse({
      columns: (header: string[]) => {
        const names = header.map((h) =>
          h
            .trim()
            .replace(/^\uFEFF/, '')
            .toLowerCase(),
        );
        const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          throw new Error(`Not a Chicago 311 CSV: missing column(s) ${missing.join(', ')}`);
        }
        return names;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
    }),
  );
  // Repeats inside one batch would look like rows outside the city; later repeats are "already imported".
  const inBatch = new Set<string>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const verdict = prepare(record, info.lines, resolve);
      if (verdict.kind === 'skip') count(result.skipped, verdict.reason);
      else if (verdict.kind === 'reject') {
        reject(info.lines, verdict.reason, verdict.detail);
        if (verdict.reason === REASONS.unknownType) unknownTypes.add(clean(record.sr_type));
      } else if (inBatch.has(verdict.row.trackingNumber))
        count(result.skipped, REASONS.alreadyImported);
      else {
        inBatch.add(verdict.row.trackingNumber);
        batch.push(verdict.row);
        if (batch.length >= batchSize) {
          inBatch.clear();
          await flush();
        }
      }
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw new Error(`The file is not a readable CSV: ${error.message}`, { cause: error });
    throw error;
  }
  await flush();
  result.unknownTypes = [...unknownTypes];
  return result;
}
