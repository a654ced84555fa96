/**
 * The open data export's one query, streamed through a server-side cursor (`pg-query-stream`):
 * rows arrive in batches as the HTTP response drains, so memory stays flat for a million rows.
 *
 * The WHERE is the one `serviceRequests` uses ({@link whereOf}), so an export counts exactly what
 * the API counts. The column list is fixed here and holds no contact data, no description (which
 * moderators may hide) and no internal note.
 */
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import type { RequestFilter } from '../service-request/service-request.repository.js';
import { whereOf } from '../service-request/service-request.repository.js';

/** The exported columns, in order: the documented open data format. */
export const EXPORT_COLUMNS = [
  'tracking_number',
  'service_code',
  'service_name',
  'agency',
  'status',
  'detailed_status',
  'requested_at',
  'updated_at',
  'expected_at',
  'closed_at',
  'address',
  'zipcode',
  'ward',
  'community_area',
  'latitude',
  'longitude',
  'channel',
  'support_count',
  'duplicate_of',
] as const;

/** One exported row, as the database returns it. */
export interface ExportRow {
  tracking_number: string;
  service_code: string;
  service_name: string;
  agency: string;
  status: string;
  detailed_status: string;
  requested_at: Date;
  updated_at: Date;
  expected_at: Date | null;
  closed_at: Date | null;
  address: string | null;
  zipcode: string | null;
  ward: number | null;
  community_area: number | null;
  latitude: number;
  longitude: number;
  channel: string;
  support_count: number;
  duplicate_of: string | null;
}

/** Rows fetched per cursor round trip. */
const BATCH_SIZE = 500;

/** Streams exported rows. */
export class ExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * An object-mode stream of {@link ExportRow}s, oldest first. It holds one pooled connection until
   * it ends, fails or is destroyed (a client that goes away destroys it).
   */
  async stream(filter: RequestFilter): Promise<Readable> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { where } = whereOf(filter, p);
    const sql = `SELECT r.tracking_number, s.code AS service_code, s.name AS service_name,
                        a.code AS agency, r.status, r.detailed_status, r.requested_at, r.updated_at,
                        r.expected_at, r.closed_at, r.address, r.zipcode, r.ward, r.community_area,
                        ST_Y(r.location) AS latitude, ST_X(r.location) AS longitude, r.channel,
                        r.support_count, d.tracking_number AS duplicate_of
                   FROM service_requests r
                   JOIN service_definitions s ON s.id = r.service_definition_id
                   JOIN agencies a ON a.id = r.agency_id
                   LEFT JOIN service_requests d ON d.id = r.duplicate_of_id
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                  ORDER BY r.requested_at, r.id`;
    const runner = this.dataSource.createQueryRunner('slave');
    const client = (await runner.connect()) as PoolClient;
    const stream = client.query(new QueryStream(sql, params, { batchSize: BATCH_SIZE }));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      void runner.release();
    };
    stream.once('close', release);
    stream.once('end', release);
    stream.once('error', release);
    return stream;
  }
}
