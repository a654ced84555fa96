/**
 * Open data exports: `GET /export/requests.csv` and `GET /export/requests.geojson`, streamed from a
 * server-side cursor straight into the response (constant memory for a million rows; a client that
 * hangs up stops the query).
 *
 * Query parameters (the filters of `serviceRequests`, and the dashboard's channel): `service_code`
 * (comma list), `status` (`open`/`closed`), `detailed_status` (comma list), `channel` (comma list),
 * `ward`, `community_area`, `from`, `to` (ISO 8601; `from` inclusive, `to` exclusive, on
 * `requested_at`), `bbox=west,south,east,north`, `near=lat,lng,radiusMeters`. A bad value is a 400 with code BAD_USER_INPUT naming the parameter.
 * Columns: see `EXPORT_COLUMNS` in modules/stats/export.repository.ts. Never contact data, notes or private services.
 */
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import { stringify } from 'csv-stringify';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { BadInputError, DomainError } from '../lib/errors.js';
import type { FieldProblem } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Channel, DetailedStatus } from '../modules/service-request/service-request.entity.js';
import type { ExportRow } from '../modules/stats/export.repository.js';
import type { ExportFilter, ExportService } from '../modules/stats/export.service.js';
import type { Actor } from '../modules/user/actor.js';

/** What the export router needs. */
export interface ExportRouterOptions {
  exports: ExportService;
  resolveActor: (req: IncomingMessage) => Promise<Actor>;
  logger: Logger;
}

const HTTP_STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** Parses the query string into an export filter, collecting every bad parameter. */
export function parseExportQuery(query: Request['query']): ExportFilter {
  const problems: FieldProblem[] = [];
  const filter: ExportFilter = {};
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ field: name, message: 'must be given once' });
      return undefined;
    }
    return value.trim();
  };
  const numbers = (name: string, count: number): number[] | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parts = value.split(',').map((s) => Number(s.trim()));
    if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
      problems.push({ field: name, message: `must be ${count} comma-separated numbers` });
      return undefined;
    }
    return parts;
  };
  const integer = (name: string, max: number): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) {
      problems.push({ field: name, message: `must be a whole number from 1 to ${max}` });
      return undefined;
    }
    return n;
  };
  const date = (name: string): Date | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
      problems.push({ field: name, message: 'must be an ISO 8601 date or date-time' });
      return undefined;
    }
    return new Date(ms);
  };

  const codes = text('service_code');
  if (codes !== undefined) {
    const list = codes.split(',').map((c) => c.trim());
    if (list.length > 200 || list.some((c) => c === '' || c.length > 64)) {
      problems.push({ field: 'service_code', message: 'must be a comma list of service codes' });
    } else filter.serviceCodes = list;
  }
  const status = text('status');
  if (status !== undefined) {
    const upper = status.toUpperCase();
    if (upper === 'OPEN' || upper === 'CLOSED') filter.status = upper;
    else problems.push({ field: 'status', message: 'must be open or closed' });
  }
  const detailed = text('detailed_status');
  if (detailed !== undefined) {
    // checked against the statuses by the service
    filter.detailedStatuses = detailed
      .split(',')
      .map((s) => s.trim().toUpperCase()) as DetailedStatus[];
  }
  const channels = text('channel');
  if (channels !== undefined) {
    // checked against the channels by the service
    filter.channels = channels.split(',').map((s) => s.trim().toUpperCase()) as Channel[];
  }
  filter.ward = integer('ward', 50);
  filter.communityArea = integer('community_area', 77);
  filter.from = date('from');
  filter.to = date('to');
  const bbox = numbers('bbox', 4);
  if (bbox) {
    const [west, south, east, north] = bbox as [number, number, number, number];
    if (
      [west, east].some((x) => Math.abs(x) > 180) ||
      [south, north].some((y) => Math.abs(y) > 90)
    ) {
      problems.push({ field: 'bbox', message: 'must be WGS84 degrees: west,south,east,north' });
    } else filter.bbox = { west, south, east, north };
  }
  const near = numbers('near', 3);
  if (near) {
    const [lat, lng, radiusMeters] = near as [number, number, number];
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      problems.push({ field: 'near', message: 'must be lat,lng,radiusMeters in WGS84 degrees' });
    } else filter.near = { lat, lng, radiusMeters };
  }
  if (problems.length) throw new BadInputError(problems);
  for (const key of Object.keys(filter) as (keyof ExportFilter)[]) {
    if (filter[key] === undefined) delete filter[key];
  }
  return filter;
}

/** Rows → GeoJSON text: a FeatureCollection written one feature at a time. */
function geoJsonWriter(): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _encoding, done) {
      const { latitude, longitude, ...properties } = row;
      const feature = {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [Number(longitude), Number(latitude)] },
        properties,
      };
      const prefix = first ? '{"type":"FeatureCollection","features":[\n' : ',\n';
      first = false;
      done(null, prefix + JSON.stringify(feature));
    },
    flush(done) {
      done(null, first ? '{"type":"FeatureCollection","features":[]}\n' : '\n]}\n');
    },
  });
}

/** The export routes. */
export function createExportRouter(options: ExportRouterOptions): Router {
  const router = Router();

  const send = async (req: Request, res: Response, format: 'csv' | 'geojson') => {
    let rows: Readable;
    try {
      const filter = parseExportQuery(req.query);
      rows = await options.exports.requests(await options.resolveActor(req), filter);
    } catch (error) {
      if (error instanceof DomainError) {
        res.status(HTTP_STATUS[error.code] ?? 400).json({
          errors: [{ message: error.message, extensions: error.extensions }],
        });
        return;
      }
      throw error;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json',
    );
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="stoop-requests-${stamp}.${format}"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    const writer =
      format === 'csv'
        ? stringify({
            header: true,
            columns: [...options.exports.columns],
            cast: { date: (d: Date) => d.toISOString() },
          })
        : geoJsonWriter();
    try {
      await pipeline(rows, writer, res);
    } catch (error) {
      // headers are gone: all a client can see is a cut-off body (or it hung up itself)
      if (!res.destroyed || !req.socket.destroyed) {
        options.logger.warn({ err: error }, 'export stream failed');
      }
      rows.destroy();
      res.destroy();
    }
  };

  router.get('/export/requests.csv', (req, res) => send(req, res, 'csv'));
  router.get('/export/requests.geojson', (req, res) => send(req, res, 'geojson'));
  return router;
}
