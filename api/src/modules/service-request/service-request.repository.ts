/**
 * Service request queries: writes inside the caller's transaction, keyset-paginated lists with every
 * filter of `serviceRequests`, nearest-first search on the metric column, and the timeline.
 *
 * Distances use `location_metric` (UTM 16N, GiST-indexed): casting `location` to geography inside a
 * predicate would silently lose the index (DESIGN.md §3).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { METRIC_SRID, RequestEventEntity, ServiceRequestEntity } from './service-request.entity.js';
import type { Channel, DetailedStatus, RequestStatus } from './service-request.entity.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { Open311TokenEntity } from './open311-token.entity.js';

/** Filters of `serviceRequests`, already decoded and validated. */
export interface RequestFilter {
  near?: { lat: number; lng: number; radiusMeters: number };
  bbox?: { west: number; south: number; east: number; north: number };
  ward?: number;
  communityArea?: number;
  serviceCodes?: string[];
  status?: RequestStatus;
  detailedStatuses?: DetailedStatus[];
  /** Any of these channels (the dashboard's channel filter, in exports). */
  channels?: Channel[];
  from?: Date;
  /** Exclusive upper bound of `requested_at`. */
  to?: Date;
  /** Inclusive upper bound of `requested_at` (Open311 `end_date`). */
  until?: Date;
  /** Inclusive bounds of `updated_at` (Chicago's `updated_after` / `updated_before`). */
  updatedAfter?: Date;
  updatedBefore?: Date;
  /** Only these tracking numbers (Open311 `service_request_id`). */
  trackingNumbers?: string[];
  /** Include requests of private services (staff only). */
  includePrivate: boolean;
  reporterId?: string;
}

/** Sort orders. DISTANCE needs `near`. */
export type RequestOrder =
  'REQUESTED_AT_DESC' | 'REQUESTED_AT_ASC' | 'UPDATED_AT_DESC' | 'DISTANCE';

/** A keyset position: sort value and id. */
export type Keyset = [string | number, string];

/** A listed row with its sort key (and distance when near). */
export interface ListedRequest {
  entity: ServiceRequestEntity;
  key: Keyset;
  distanceMeters: number | null;
}

const ORDER_SQL: Record<RequestOrder, { expr: string; dir: 'ASC' | 'DESC' }> = {
  REQUESTED_AT_DESC: { expr: 'r.requested_at', dir: 'DESC' },
  REQUESTED_AT_ASC: { expr: 'r.requested_at', dir: 'ASC' },
  UPDATED_AT_DESC: { expr: 'r.updated_at', dir: 'DESC' },
  DISTANCE: { expr: 'distance', dir: 'ASC' },
};

function metricPoint(lngParam: string, latParam: string): string {
  return `ST_Transform(ST_SetSRID(ST_MakePoint(${lngParam}, ${latParam}), 4326), ${METRIC_SRID})`;
}

/**
 * WHERE conditions of a filter over `service_requests r JOIN service_definitions s`; `p` adds a
 * parameter and returns its placeholder. Exported so that the open data export counts exactly the
 * rows `serviceRequests` counts.
 */
export function whereOf(
  filter: RequestFilter,
  p: (value: unknown) => string,
): { where: string[]; distanceExpr: string } {
  const where: string[] = [];
  let distanceExpr = 'NULL::float8';
  if (filter.near) {
    const point = metricPoint(p(filter.near.lng), p(filter.near.lat));
    distanceExpr = `ST_Distance(r.location_metric, ${point})`;
    where.push(`ST_DWithin(r.location_metric, ${point}, ${p(filter.near.radiusMeters)})`);
  }
  if (filter.bbox) {
    where.push(
      `r.location && ST_MakeEnvelope(${p(filter.bbox.west)}, ${p(filter.bbox.south)}, ${p(filter.bbox.east)}, ${p(filter.bbox.north)}, 4326)`,
    );
  }
  if (filter.ward !== undefined) where.push(`r.ward = ${p(filter.ward)}`);
  if (filter.communityArea !== undefined)
    where.push(`r.community_area = ${p(filter.communityArea)}`);
  if (filter.serviceCodes?.length) where.push(`s.code = ANY(${p(filter.serviceCodes)}::text[])`);
  if (filter.status) where.push(`r.status = ${p(filter.status)}`);
  if (filter.detailedStatuses?.length) {
    where.push(`r.detailed_status = ANY(${p(filter.detailedStatuses)}::text[])`);
  }
  if (filter.channels?.length) where.push(`r.channel = ANY(${p(filter.channels)}::text[])`);
  if (filter.from) where.push(`r.requested_at >= ${p(filter.from)}`);
  if (filter.to) where.push(`r.requested_at < ${p(filter.to)}`);
  if (filter.until) where.push(`r.requested_at <= ${p(filter.until)}`);
  if (filter.updatedAfter) where.push(`r.updated_at >= ${p(filter.updatedAfter)}`);
  if (filter.updatedBefore) where.push(`r.updated_at <= ${p(filter.updatedBefore)}`);
  if (filter.trackingNumbers) {
    where.push(`r.tracking_number = ANY(${p(filter.trackingNumbers)}::text[])`);
  }
  if (!filter.includePrivate) where.push('NOT s.is_private');
  if (filter.reporterId) where.push(`r.reporter_id = ${p(filter.reporterId)}`);
  return { where, distanceExpr };
}

/** Service requests and their timelines. */
export class ServiceRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager?: EntityManager): Promise<ServiceRequestEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(ServiceRequestEntity)
      .findOne({ where: { id } });
  }

  findByTrackingNumber(trackingNumber: string): Promise<ServiceRequestEntity | null> {
    return this.dataSource
      .getRepository(ServiceRequestEntity)
      .findOne({ where: { trackingNumber: trackingNumber.toUpperCase() } });
  }

  async findByIds(ids: readonly string[]): Promise<ServiceRequestEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids })
      .getMany();
  }

  /** Locks a request row for update inside a transaction. */
  lockById(manager: EntityManager, id: string): Promise<ServiceRequestEntity | null> {
    return manager
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  /** Next free tracking number `SR<yy>-<8 digits>` (skipping numbers taken by imports). */
  async nextTrackingNumber(manager: EntityManager): Promise<string> {
    for (;;) {
      const [row] = (await manager.query(
        `SELECT 'SR' || to_char(now() AT TIME ZONE 'America/Chicago', 'YY') || '-' ||
                lpad(nextval('service_request_number_seq')::text, 8, '0') AS n`,
      )) as [{ n: string }];
      const taken = await manager
        .getRepository(ServiceRequestEntity)
        .exists({ where: { trackingNumber: row.n } });
      if (!taken) return row.n;
    }
  }

  /** Inserts a request; `location` is given as longitude/latitude. */
  async insert(
    manager: EntityManager,
    values: Omit<
      ServiceRequestEntity,
      | 'id'
      | 'location'
      | 'supportCount'
      | 'commentCount'
      | 'followerCount'
      | 'duplicateOfId'
      | 'hiddenAt'
      | 'assigneeId'
    > & {
      longitude: number;
      latitude: number;
    },
  ): Promise<ServiceRequestEntity> {
    const repo = manager.getRepository(ServiceRequestEntity);
    const { longitude, latitude, ...rest } = values;
    const entity = repo.create({
      ...rest,
      location: { type: 'Point', coordinates: [longitude, latitude] },
    });
    return repo.save(entity);
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        ServiceRequestEntity,
        'status' | 'detailedStatus' | 'updatedAt' | 'expectedAt' | 'closedAt'
      >
    >,
  ): Promise<void> {
    await manager.getRepository(ServiceRequestEntity).update({ id }, changes);
  }

  async insertEvent(
    manager: EntityManager,
    event: Omit<RequestEventEntity, 'id'>,
  ): Promise<RequestEventEntity> {
    const repo = manager.getRepository(RequestEventEntity);
    return repo.save(repo.create(event));
  }

  /**
   * Timeline of one request, oldest first; `afterId` gives only newer events and `includeInternal`
   * decides whether staff-only notes are read at all.
   */
  events(
    requestId: string,
    includeInternal: boolean,
    afterId?: string,
  ): Promise<RequestEventEntity[]> {
    const qb = this.dataSource
      .getRepository(RequestEventEntity)
      .createQueryBuilder('e')
      .where('e.request_id = :requestId', { requestId })
      .orderBy('e.id', 'ASC');
    if (!includeInternal) qb.andWhere(`e.visibility = 'PUBLIC'`);
    if (afterId) qb.andWhere('e.id > :afterId', { afterId });
    return qb.getMany();
  }

  /** Timelines of many requests (loader batch). */
  async eventsFor(
    requestIds: readonly string[],
    includeInternal: boolean,
  ): Promise<RequestEventEntity[]> {
    if (requestIds.length === 0) return [];
    const qb = this.dataSource
      .getRepository(RequestEventEntity)
      .createQueryBuilder('e')
      .where('e.request_id IN (:...ids)', { ids: requestIds })
      .orderBy('e.id', 'ASC');
    if (!includeInternal) qb.andWhere(`e.visibility = 'PUBLIC'`);
    return qb.getMany();
  }

  /** The request remembered under an idempotency key, if any. */
  async findIdempotent(
    manager: EntityManager,
    scope: string,
    key: string,
  ): Promise<IdempotencyKeyEntity | null> {
    return manager.getRepository(IdempotencyKeyEntity).findOne({ where: { scope, key } });
  }

  /** Serialises submissions that share a key, for the rest of the transaction. */
  async lockIdempotencyKey(manager: EntityManager, scope: string, key: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `${scope}|${key}`,
    ]);
  }

  async rememberIdempotencyKey(
    manager: EntityManager,
    row: Pick<IdempotencyKeyEntity, 'scope' | 'key' | 'requestId' | 'fingerprint'>,
  ): Promise<void> {
    await manager.getRepository(IdempotencyKeyEntity).insert(row);
  }

  /** One page of requests matching a filter, plus the total count. */
  async list(
    filter: RequestFilter,
    order: RequestOrder,
    first: number,
    after: Keyset | undefined,
  ): Promise<{ rows: ListedRequest[]; totalCount: number; hasNextPage: boolean }> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { where, distanceExpr } = whereOf(filter, p);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id`;

    const countParams = [...params];
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count ${from} ${whereSql}`,
      countParams,
    )) as [{ count: number }];

    const { expr, dir } = ORDER_SQL[order];
    const sortExpr = order === 'DISTANCE' ? distanceExpr : expr;
    const pageWhere = [...where];
    if (after) {
      const cmp = dir === 'DESC' ? '<' : '>';
      const sortValue = order === 'DISTANCE' ? Number(after[0]) : new Date(String(after[0]));
      pageWhere.push(`(${sortExpr}, r.id) ${cmp} (${p(sortValue)}, ${p(after[1])}::uuid)`);
    }
    const pageWhereSql = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
    const rows: { id: string; sort: Date | number; distance: number | null }[] =
      await this.dataSource.query(
        `SELECT r.id, ${sortExpr} AS sort, ${distanceExpr} AS distance ${from} ${pageWhereSql}
          ORDER BY ${sortExpr} ${dir}, r.id ${dir} LIMIT ${p(first + 1)}`,
        params,
      );
    const page = rows.slice(0, first);
    const entities = await this.findByIds(page.map((r) => r.id));
    const byId = new Map(entities.map((e) => [e.id, e]));
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: page.map((r) => ({
        entity: byId.get(r.id)!,
        key: [r.sort instanceof Date ? r.sort.toISOString() : Number(r.sort), r.id],
        distanceMeters: r.distance === null ? null : Number(r.distance),
      })),
    };
  }

  /**
   * One page by offset, newest first with ties by id, so consecutive pages are disjoint and stable
   * (the Open311 list). No count: Open311 clients page until an empty list.
   */
  async listPage(
    filter: RequestFilter,
    paging: { offset: number; limit: number },
  ): Promise<ServiceRequestEntity[]> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { where } = whereOf(filter, p);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT r.id
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
         ${whereSql}
        ORDER BY r.requested_at DESC, r.id DESC
        LIMIT ${p(paging.limit)} OFFSET ${p(paging.offset)}`,
      params,
    );
    const entities = await this.findByIds(rows.map((r) => r.id));
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => byId.get(r.id)!);
  }

  /** Records an Open311 token inside the submission's transaction. */
  async insertToken(
    manager: EntityManager,
    row: Pick<Open311TokenEntity, 'token' | 'requestId' | 'apiKeyId'>,
  ): Promise<void> {
    await manager.getRepository(Open311TokenEntity).insert(row);
  }

  /** An Open311 token, or null. */
  findToken(token: string): Promise<Open311TokenEntity | null> {
    return this.dataSource.getRepository(Open311TokenEntity).findOne({ where: { token } });
  }

  /** The token issued for a request, if any (a replayed submission returns the same one). */
  async tokenOfRequest(manager: EntityManager, requestId: string): Promise<string | null> {
    const row = await manager
      .getRepository(Open311TokenEntity)
      .findOne({ where: { requestId }, order: { createdAt: 'ASC' } });
    return row?.token ?? null;
  }

  /** Requests nearest to a point within a radius, nearest first (KNN on the metric column). */
  async nearest(options: {
    latitude: number;
    longitude: number;
    radiusMeters: number;
    serviceCode?: string;
    openOnly: boolean;
    includePrivate: boolean;
    limit: number;
  }): Promise<{ entity: ServiceRequestEntity; distanceMeters: number }[]> {
    const rows: { id: string; distance: number }[] = await this.dataSource.query(
      `WITH pt AS (SELECT ${metricPoint('$1', '$2')} AS g)
       SELECT r.id, ST_Distance(r.location_metric, pt.g) AS distance
         FROM service_requests r
         JOIN service_definitions s ON s.id = r.service_definition_id, pt
        WHERE ST_DWithin(r.location_metric, pt.g, $3)
          AND ($4::text IS NULL OR s.code = $4)
          AND (NOT $5 OR r.status = 'OPEN')
          AND ($6 OR NOT s.is_private)
        ORDER BY r.location_metric <-> pt.g, r.id
        LIMIT $7`,
      [
        options.longitude,
        options.latitude,
        options.radiusMeters,
        options.serviceCode ?? null,
        options.openOnly,
        options.includePrivate,
        options.limit,
      ],
    );
    const entities = await this.findByIds(rows.map((r) => r.id));
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => ({ entity: byId.get(r.id)!, distanceMeters: Number(r.distance) }));
  }
}
