/**
 * Staff console queries: the queue (one agency's requests with the filters a 311 agent needs,
 * keyset-paginated in four orders), assignment, and the staff members a request may be assigned to.
 *
 * Terms: a request's *due* time is `requested_at + sla_days` of its service (no SLA: no due time);
 * it is *overdue* when it is still open after that time, or was closed later than it (the
 * dashboard's on-time rule, seen from the other side).
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { DetailedStatus, RequestStatus } from './service-request.entity.js';

/** Filters of the staff queue, already decoded and validated. All combine with AND. */
export interface StaffQueueFilter {
  /** Only this agency's requests; undefined for every agency. */
  agencyId?: string;
  serviceCodes?: string[];
  ward?: number;
  communityArea?: number;
  status?: RequestStatus;
  detailedStatuses?: DetailedStatus[];
  /** Requested more than this many days before `now`. */
  olderThanDays?: number;
  /** true: only overdue; false: only not overdue (including services without an SLA). */
  overdue?: boolean;
  assigneeId?: string;
  /** Only requests nobody is assigned to. */
  unassigned?: boolean;
  /** Words of a tracking number (prefix) or an address (anywhere). */
  search?: string;
}

/** Orders of the staff queue. */
export const STAFF_QUEUE_ORDERS = [
  'OLDEST_FIRST',
  'NEWEST_FIRST',
  'MOST_SUPPORTED',
  'MOST_OVERDUE',
] as const;
export type StaffQueueOrder = (typeof STAFF_QUEUE_ORDERS)[number];

/** One sort key: its SQL, direction and the cast of a cursor value compared with it. */
interface SortKey {
  sql: string;
  dir: 'ASC' | 'DESC';
  cast: 'timestamptz' | 'int' | 'boolean' | 'uuid';
}

const DUE = `(r.requested_at + s.sla_days * interval '1 day')`;

/** Sort keys per order; the last is always the id, so the order is total and pages are stable. */
const ORDER_KEYS: Record<StaffQueueOrder, SortKey[]> = {
  OLDEST_FIRST: [
    { sql: 'r.requested_at', dir: 'ASC', cast: 'timestamptz' },
    { sql: 'r.id', dir: 'ASC', cast: 'uuid' },
  ],
  NEWEST_FIRST: [
    { sql: 'r.requested_at', dir: 'DESC', cast: 'timestamptz' },
    { sql: 'r.id', dir: 'DESC', cast: 'uuid' },
  ],
  MOST_SUPPORTED: [
    { sql: 'r.support_count', dir: 'DESC', cast: 'int' },
    { sql: 'r.requested_at', dir: 'ASC', cast: 'timestamptz' },
    { sql: 'r.id', dir: 'ASC', cast: 'uuid' },
  ],
  // earliest due time first (the most overdue); services without an SLA after all the others,
  // oldest first among themselves
  MOST_OVERDUE: [
    { sql: '(s.sla_days IS NULL)', dir: 'ASC', cast: 'boolean' },
    { sql: `COALESCE(${DUE}, r.requested_at)`, dir: 'ASC', cast: 'timestamptz' },
    { sql: 'r.id', dir: 'ASC', cast: 'uuid' },
  ],
};

/** A cursor value as stored: dates as ISO strings. */
export type QueueKeyValue = string | number | boolean;

/** A queue row: the request id and its sort key. */
export interface QueueRow {
  id: string;
  key: QueueKeyValue[];
}

/** Number of values in a cursor of each order (for checking decoded cursors). */
export function keyLength(order: StaffQueueOrder): number {
  return ORDER_KEYS[order].length;
}

/** Whether a decoded cursor's values fit an order's key types. */
export function keyFits(order: StaffQueueOrder, values: unknown[]): values is QueueKeyValue[] {
  const keys = ORDER_KEYS[order];
  return (
    values.length === keys.length &&
    keys.every((k, i) => {
      const v = values[i];
      switch (k.cast) {
        case 'timestamptz':
          return typeof v === 'string' && !Number.isNaN(Date.parse(v));
        case 'int':
          return typeof v === 'number' && Number.isInteger(v);
        case 'boolean':
          return typeof v === 'boolean';
        case 'uuid':
          return (
            typeof v === 'string' &&
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
          );
      }
    })
  );
}

/** A staff member who may be assigned requests. */
export interface StaffMemberRow {
  id: string;
  displayName: string;
  role: string;
  agencyId: string | null;
}

/** The staff queue and assignments. */
export class StaffQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of the queue plus the totals of the whole filtered queue (all rows, and how many of
   * them are overdue). `now` is the instant ages and overdue are measured against.
   */
  async page(
    filter: StaffQueueFilter,
    order: StaffQueueOrder,
    first: number,
    after: QueueKeyValue[] | undefined,
    now: Date,
  ): Promise<{ rows: QueueRow[]; totalCount: number; overdueCount: number; hasNextPage: boolean }> {
    const from = `FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id`;
    // each query numbers its own parameters, so none is left unused (PostgreSQL cannot type those)
    const count = builder();
    const countWhere = conditions(filter, count.p, now);
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS total,
              (count(*) FILTER (WHERE ${overdueSql(count.p, now)}))::int AS overdue
         ${from} ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`,
      count.params,
    )) as [{ total: number; overdue: number }];

    const keys = ORDER_KEYS[order];
    const list = builder();
    const pageWhere = conditions(filter, list.p, now);
    if (after) pageWhere.push(keysetAfter(keys, after, list.p));
    const select = keys.map((k, i) => `${k.sql} AS k${i}`).join(', ');
    const orderBy = keys.map((k) => `${k.sql} ${k.dir}`).join(', ');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${select} ${from} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY ${orderBy} LIMIT ${list.p(first + 1)}`,
      list.params,
    );
    const page = rows.slice(0, first);
    return {
      totalCount: counts.total,
      overdueCount: counts.overdue,
      hasNextPage: rows.length > first,
      rows: page.map((row) => {
        const key = keys.map((k, i) => keyValue(k, row[`k${i}`]));
        return { id: String(key[key.length - 1]), key };
      }),
    };
  }

  /** Staff accounts that may be assigned a request of the agency, by name. */
  staffOfAgency(agencyId: string): Promise<StaffMemberRow[]> {
    return this.dataSource.query(
      `SELECT id, display_name AS "displayName", role, agency_id AS "agencyId" FROM users
        WHERE agency_id = $1 AND role IN ('STAFF', 'ADMIN') AND blocked_at IS NULL
        ORDER BY display_name, id`,
      [agencyId],
    );
  }

  /** One account as a possible assignee, or null. */
  async staffMember(manager: EntityManager, id: string): Promise<StaffMemberRow | null> {
    const rows: StaffMemberRow[] = await manager.query(
      `SELECT id, display_name AS "displayName", role, agency_id AS "agencyId" FROM users
        WHERE id = $1 AND blocked_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Display names of accounts by id (assignees of a page of the queue). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, display_name AS name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Sets (or clears) the assignee of a request inside the caller's transaction. */
  async setAssignee(
    manager: EntityManager,
    requestId: string,
    assigneeId: string | null,
  ): Promise<void> {
    await manager.query(`UPDATE service_requests SET assignee_id = $2 WHERE id = $1`, [
      requestId,
      assigneeId,
    ]);
  }
}

/** Parameters of one query: `p` adds a value and returns its placeholder. */
function builder(): { params: unknown[]; p: (value: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    p: (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/** "Past its SLA target at `now`" over `service_requests r JOIN service_definitions s`. */
function overdueSql(p: (value: unknown) => string, now: Date): string {
  return `(s.sla_days IS NOT NULL AND COALESCE(r.closed_at, ${p(now)}::timestamptz) > ${DUE})`;
}

/** WHERE conditions of a queue filter. */
function conditions(filter: StaffQueueFilter, p: (value: unknown) => string, now: Date): string[] {
  const where: string[] = [];
  if (filter.agencyId) where.push(`r.agency_id = ${p(filter.agencyId)}`);
  if (filter.serviceCodes?.length) where.push(`s.code = ANY(${p(filter.serviceCodes)}::text[])`);
  if (filter.ward !== undefined) where.push(`r.ward = ${p(filter.ward)}`);
  if (filter.communityArea !== undefined) {
    where.push(`r.community_area = ${p(filter.communityArea)}`);
  }
  if (filter.status) where.push(`r.status = ${p(filter.status)}`);
  if (filter.detailedStatuses?.length) {
    where.push(`r.detailed_status = ANY(${p(filter.detailedStatuses)}::text[])`);
  }
  if (filter.olderThanDays !== undefined) {
    where.push(
      `r.requested_at < ${p(now)}::timestamptz - ${p(filter.olderThanDays)} * interval '1 day'`,
    );
  }
  if (filter.overdue === true) where.push(overdueSql(p, now));
  if (filter.overdue === false) where.push(`NOT ${overdueSql(p, now)}`);
  if (filter.assigneeId) where.push(`r.assignee_id = ${p(filter.assigneeId)}`);
  if (filter.unassigned) where.push('r.assignee_id IS NULL');
  if (filter.search) {
    const escaped = filter.search.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(
      `(r.tracking_number ILIKE ${p(`${escaped}%`)} OR r.address ILIKE ${p(`%${escaped}%`)})`,
    );
  }
  return where;
}

/** A cursor value from what the database returned. */
function keyValue(key: SortKey, value: unknown): QueueKeyValue {
  switch (key.cast) {
    case 'timestamptz':
      return (value instanceof Date ? value : new Date(String(value))).toISOString();
    case 'int':
      return Number(value);
    case 'boolean':
      return value === true || value === 't';
    case 'uuid':
      return String(value);
  }
}

/**
 * "Strictly after this position" for keys of mixed directions:
 * (k1 ≻ v1) OR (k1 = v1 AND k2 ≻ v2) OR … where ≻ is > for ASC and < for DESC.
 */
function keysetAfter(
  keys: SortKey[],
  values: QueueKeyValue[],
  p: (value: unknown) => string,
): string {
  const placeholders = values.map((v, i) => `${p(v)}::${keys[i]!.cast}`);
  const alternatives = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => `${k.sql} = ${placeholders[j]}`);
    const beyond = `${key.sql} ${key.dir === 'ASC' ? '>' : '<'} ${placeholders[i]}`;
    return `(${[...equal, beyond].join(' AND ')})`;
  });
  return `(${alternatives.join(' OR ')})`;
}
