/**
 * Idea queries: writes inside the caller's transaction, votes and their counter, the people to tell
 * (staff, voters), and the filtered, ordered list of `ideas`.
 *
 * Distances use the city's metric projection (UTM 16N): the GiST index on `location` narrows the
 * candidates with a bounding box first, then the exact distance is measured in metres.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { METRIC_SRID } from '../service-request/service-request.entity.js';
import { IdeaEntity } from './idea.entity.js';
import type { IdeaStatus } from './idea.entity.js';

/** Filter of the `ideas` list. */
export interface IdeaFilter {
  statuses?: IdeaStatus[];
  serviceCode?: string;
  areaId?: string;
  near?: { lat: number; lng: number; radiusMeters: number };
  search?: string;
}

/** Sort orders of the `ideas` list. */
export const IDEA_ORDERS = ['NEW', 'TOP', 'TRENDING', 'STATUS'] as const;
export type IdeaOrder = (typeof IDEA_ORDERS)[number];

/** Where a page starts: after a (created_at, id) pair for NEW, after an offset otherwise. */
export type IdeaPosition =
  { kind: 'keyset'; createdAt: string; id: string } | { kind: 'offset'; offset: number };

/** Days of votes that count for TRENDING. */
export const TRENDING_DAYS = 7;

/** Order of statuses for the STATUS sort: the lifecycle order. */
const STATUS_ORDER = `array_position(ARRAY['PROPOSED','UNDER_REVIEW','PLANNED','IMPLEMENTED','DECLINED']::varchar[], i.status)`;

const ORDER_SQL: Record<IdeaOrder, string> = {
  NEW: 'i.created_at DESC, i.id DESC',
  TOP: 'i.vote_count DESC, i.created_at DESC, i.id DESC',
  TRENDING: 'recent_votes DESC, i.created_at DESC, i.id DESC',
  STATUS: `${STATUS_ORDER} ASC, i.created_at DESC, i.id DESC`,
};

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Ideas and votes. */
export class IdeaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an idea; returns its id. */
  async insert(
    manager: EntityManager,
    idea: {
      title: string;
      body: string;
      authorId: string;
      serviceDefinitionId: string | null;
      location: { latitude: number; longitude: number } | null;
      areaId: string | null;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO ideas (title, body, author_id, service_definition_id, location, area_id)
       VALUES ($1, $2, $3, $4,
               CASE WHEN $5::float8 IS NULL THEN NULL
                    ELSE ST_SetSRID(ST_MakePoint($6::float8, $5::float8), 4326) END,
               $7)
       RETURNING id`,
      [
        idea.title,
        idea.body,
        idea.authorId,
        idea.serviceDefinitionId,
        idea.location?.latitude ?? null,
        idea.location?.longitude ?? null,
        idea.areaId,
      ],
    );
    return rows[0]!.id;
  }

  /** One idea, or null. */
  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdeaEntity | null> {
    return manager.getRepository(IdeaEntity).findOne({ where: { id } });
  }

  /** Ideas by id, in the order asked (null where missing). */
  async findByIds(ids: readonly string[]): Promise<(IdeaEntity | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(IdeaEntity)
      .createQueryBuilder('i')
      .where('i.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** Locks an idea for the rest of the transaction (votes, threshold, response). */
  async lock(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM ideas WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** Adds a vote; true when it is new. */
  async addVote(manager: EntityManager, ideaId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idea_votes (idea_id, user_id) VALUES ($1, $2)
       ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING idea_id`,
      [ideaId, userId],
    );
    return rows.length > 0;
  }

  /** Removes a vote; true when there was one. */
  async removeVote(manager: EntityManager, ideaId: string, userId: string): Promise<boolean> {
    // UPDATE and DELETE answer [rows, affected] through TypeORM's postgres driver.
    const [, affected] = (await manager.query(
      `DELETE FROM idea_votes WHERE idea_id = $1 AND user_id = $2`,
      [ideaId, userId],
    )) as [unknown[], number];
    return affected > 0;
  }

  /** Recounts an idea's votes into `vote_count`; returns the count. */
  async syncVoteCount(manager: EntityManager, ideaId: string): Promise<number> {
    const [rows] = (await manager.query(
      `UPDATE ideas SET vote_count = (SELECT count(*) FROM idea_votes WHERE idea_id = $1)
        WHERE id = $1 RETURNING vote_count`,
      [ideaId],
    )) as [{ vote_count: number }[], number];
    return rows[0]?.vote_count ?? 0;
  }

  /** Sets the status (and the official response when given). */
  async setStatus(
    manager: EntityManager,
    ideaId: string,
    status: IdeaStatus,
    response?: { text: string; byId: string },
  ): Promise<void> {
    if (response) {
      await manager.query(
        `UPDATE ideas SET status = $2, response_text = $3, response_by_id = $4, response_at = now(),
                updated_at = now() WHERE id = $1`,
        [ideaId, status, response.text, response.byId],
      );
    } else {
      await manager.query(`UPDATE ideas SET status = $2, updated_at = now() WHERE id = $1`, [
        ideaId,
        status,
      ]);
    }
  }

  /** Counts a new comment. */
  async bumpCommentCount(manager: EntityManager, ideaId: string): Promise<void> {
    await manager.query(`UPDATE ideas SET comment_count = comment_count + 1 WHERE id = $1`, [
      ideaId,
    ]);
  }

  /** Uncounts a removed comment. */
  async dropCommentCount(manager: EntityManager, ideaId: string): Promise<void> {
    await manager.query(
      `UPDATE ideas SET comment_count = greatest(comment_count - 1, 0) WHERE id = $1`,
      [ideaId],
    );
  }

  /** Accounts that voted for an idea. */
  async voterIds(manager: EntityManager, ideaId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM idea_votes WHERE idea_id = $1`,
      [ideaId],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * Staff who review ideas: staff of the agency when given, every staff account otherwise, and
   * admins always (blocked accounts left out).
   */
  async reviewerIds(manager: EntityManager, agencyId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM users
        WHERE blocked_at IS NULL AND (blocked_until IS NULL OR blocked_until <= now())
          AND (role = 'ADMIN' OR (role = 'STAFF' AND ($1::uuid IS NULL OR agency_id = $1)))`,
      [agencyId],
    );
    return rows.map((r) => r.id);
  }

  /** The agency an account works for (staff), or null. */
  async agencyIdOfUser(userId: string): Promise<string | null> {
    const rows: { agency_id: string | null }[] = await this.dataSource.query(
      `SELECT agency_id FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.agency_id ?? null;
  }

  /** Which of the ideas the user voted for (loader batch). */
  async votedAmong(userId: string, ideaIds: readonly string[]): Promise<Set<string>> {
    if (ideaIds.length === 0) return new Set();
    const rows: { idea_id: string }[] = await this.dataSource.query(
      `SELECT idea_id FROM idea_votes WHERE user_id = $1 AND idea_id = ANY($2::uuid[])`,
      [userId, ideaIds],
    );
    return new Set(rows.map((r) => r.idea_id));
  }

  /**
   * A filtered, ordered page. Hidden ideas are listed only for `seeHiddenOf` (moderators: 'ALL';
   * authors: their own). Returns one row more than asked to tell whether a next page exists.
   */
  async list(options: {
    filter: IdeaFilter;
    order: IdeaOrder;
    first: number;
    after?: IdeaPosition;
    seeHiddenOf: 'ALL' | string | null;
  }): Promise<{ rows: IdeaEntity[]; totalCount: number; hasNextPage: boolean }> {
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const { filter } = options;
    if (options.seeHiddenOf === null) where.push('i.hidden_at IS NULL');
    else if (options.seeHiddenOf !== 'ALL') {
      where.push(`(i.hidden_at IS NULL OR i.author_id = ${p(options.seeHiddenOf)})`);
    }
    if (filter.statuses?.length) where.push(`i.status = ANY(${p(filter.statuses)}::varchar[])`);
    if (filter.serviceCode) {
      where.push(
        `i.service_definition_id = (SELECT id FROM service_definitions WHERE code = ${p(filter.serviceCode)})`,
      );
    }
    if (filter.areaId) {
      const area = p(filter.areaId);
      where.push(
        `(i.area_id = ${area}::uuid OR (i.location IS NOT NULL AND EXISTS (
           SELECT 1 FROM areas a WHERE a.id = ${area}::uuid AND ST_Intersects(a.boundary, i.location))))`,
      );
    }
    if (filter.near) {
      const point = `ST_Transform(ST_SetSRID(ST_MakePoint(${p(filter.near.lng)}::float8, ${p(filter.near.lat)}::float8), 4326), ${METRIC_SRID})`;
      const radius = p(filter.near.radiusMeters);
      where.push(
        `i.location && ST_Transform(ST_Expand(${point}, ${radius}::float8), 4326)
         AND ST_DWithin(ST_Transform(i.location, ${METRIC_SRID}), ${point}, ${radius}::float8)`,
      );
    }
    if (filter.search?.trim()) {
      const pattern = p(likePattern(filter.search.trim()));
      where.push(`(i.title ILIKE ${pattern} OR i.body ILIKE ${pattern})`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];

    const pageWhere = [...where];
    let offset = 0;
    if (options.after?.kind === 'keyset') {
      pageWhere.push(
        `(i.created_at, i.id) < (${p(options.after.createdAt)}::timestamptz, ${p(options.after.id)}::uuid)`,
      );
    } else if (options.after?.kind === 'offset') {
      offset = options.after.offset;
    }
    const trending =
      options.order === 'TRENDING'
        ? `, (SELECT count(*) FROM idea_votes v WHERE v.idea_id = i.id
              AND v.created_at > now() - interval '${TRENDING_DAYS} days') AS recent_votes`
        : '';
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT i.id${trending} FROM ideas i
        ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY ${ORDER_SQL[options.order]}
        LIMIT ${p(options.first + 1)} OFFSET ${p(offset)}`,
      params,
    );
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM ideas i ${whereSql}`,
      countParams,
    )) as [{ count: number }];
    const hasNextPage = ids.length > options.first;
    const pageIds = ids.slice(0, options.first).map((r) => r.id);
    const rows = await this.findByIds(pageIds);
    return {
      rows: rows.filter((r): r is IdeaEntity => r !== null),
      totalCount: count,
      hasNextPage,
    };
  }
}
