/**
 * Moderation queries: flags, the queue of flagged content, hiding and restoring content in the
 * table of each kind of target, and blocking accounts for some days. Table and column names come
 * from the fixed map below, never from input; every value is a parameter.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { FlagResolution, FlagTarget } from './flag.entity.js';

/** Where each kind of flaggable content lives, who wrote it, and what previews it. */
const TARGETS: Record<
  FlagTarget,
  { table: string; author: string; preview: string; live: string }
> = {
  COMMENT: { table: 'comments', author: 'author_id', preview: 'body', live: 'deleted_at IS NULL' },
  CLUB_POST: {
    table: 'block_club_posts',
    author: 'author_id',
    preview: 'body',
    live: 'deleted_at IS NULL',
  },
  IDEA: { table: 'ideas', author: 'author_id', preview: `title || ': ' || body`, live: 'true' },
  REQUEST: {
    table: 'service_requests',
    author: 'reporter_id',
    preview: 'description',
    live: 'true',
  },
  BLOCK_CLUB: {
    table: 'block_clubs',
    author: 'created_by_id',
    preview: `name || ': ' || description`,
    live: 'true',
  },
};

/** Longest preview shown in the queue, in characters. */
export const PREVIEW_LENGTH = 280;

/** A flaggable piece of content as moderation sees it. */
export interface FlaggedContent {
  id: string;
  authorId: string | null;
  hiddenAt: Date | null;
  preview: string | null;
}

/** One target in the moderation queue. */
export interface QueueRow {
  targetType: FlagTarget;
  targetId: string;
  flagCount: number;
  reasons: string[];
  firstFlaggedAt: Date;
  lastFlaggedAt: Date;
  hiddenAt: Date | null;
  autoHidden: boolean;
  authorId: string | null;
  preview: string | null;
}

/** Flags and hiding. */
export class ModerationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The content, or null when it does not exist (or its author removed it). */
  async content(
    manager: EntityManager,
    type: FlagTarget,
    id: string,
  ): Promise<FlaggedContent | null> {
    const t = TARGETS[type];
    const rows: {
      id: string;
      author_id: string | null;
      hidden_at: Date | null;
      preview: string;
    }[] = await manager.query(
      `SELECT id, ${t.author} AS author_id, hidden_at, left(${t.preview}, ${PREVIEW_LENGTH}) AS preview
           FROM ${t.table} WHERE id = $1 AND ${t.live}`,
      [id],
    );
    const row = rows[0];
    return row
      ? { id: row.id, authorId: row.author_id, hiddenAt: row.hidden_at, preview: row.preview }
      : null;
  }

  /** Adds a flag; false when this account already flagged this content. */
  async addFlag(
    manager: EntityManager,
    flag: { targetType: FlagTarget; targetId: string; reporterId: string; reason: string },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO flags (target_type, target_id, reporter_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_flags_target_reporter DO NOTHING RETURNING id`,
      [flag.targetType, flag.targetId, flag.reporterId, flag.reason],
    );
    return rows.length > 0;
  }

  /** Distinct accounts with an open (undecided) flag on the content. */
  async openFlagCount(manager: EntityManager, type: FlagTarget, id: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(DISTINCT reporter_id)::int AS n FROM flags
        WHERE target_type = $1 AND target_id = $2 AND resolved_at IS NULL`,
      [type, id],
    )) as [{ n: number }];
    return row.n;
  }

  /** Serialises flags and decisions on one piece of content for the rest of the transaction. */
  async lockTarget(manager: EntityManager, type: FlagTarget, id: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`flag:${type}:${id}`]);
  }

  /** Sets or clears `hidden_at` of content other than comments (the comment module owns those). */
  async setHidden(
    manager: EntityManager,
    type: Exclude<FlagTarget, 'COMMENT'>,
    id: string,
    hiddenAt: Date | null,
  ): Promise<void> {
    await manager.query(`UPDATE ${TARGETS[type].table} SET hidden_at = $2 WHERE id = $1`, [
      id,
      hiddenAt,
    ]);
  }

  /** Decides every open flag on the content; returns how many. */
  async resolveOpen(
    manager: EntityManager,
    type: FlagTarget,
    id: string,
    resolution: FlagResolution,
    byId: string,
    at: Date,
  ): Promise<number> {
    // UPDATE answers [rows, affected] through TypeORM's postgres driver.
    const [, affected] = (await manager.query(
      `UPDATE flags SET resolution = $3, resolved_by_id = $4, resolved_at = $5
        WHERE target_type = $1 AND target_id = $2 AND resolved_at IS NULL`,
      [type, id, resolution, byId, at],
    )) as [unknown[], number];
    return affected;
  }

  /** Whether a moderator decided to hide the content at or after the given time. */
  async hiddenByModeratorSince(
    manager: EntityManager,
    type: FlagTarget,
    id: string,
    since: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM flags WHERE target_type = $1 AND target_id = $2 AND resolution = 'HIDDEN'
          AND resolved_at >= $3 LIMIT 1`,
      [type, id, since],
    );
    return rows.length > 0;
  }

  /** Role of an account (null when it does not exist). */
  async roleOf(manager: EntityManager, userId: string): Promise<string | null> {
    const rows: { role: string }[] = await manager.query(`SELECT role FROM users WHERE id = $1`, [
      userId,
    ]);
    return rows[0]?.role ?? null;
  }

  /** Blocks an account until now + days; returns the end of the block. */
  async blockUser(manager: EntityManager, userId: string, days: number): Promise<Date> {
    const [rows] = (await manager.query(
      `UPDATE users SET blocked_until = now() + make_interval(days => $2) WHERE id = $1
       RETURNING blocked_until`,
      [userId, days],
    )) as [{ blocked_until: Date }[], number];
    return rows[0]!.blocked_until;
  }

  /**
   * Content with open flags, most flagged first, then the longest waiting. `autoHidden` is true
   * when the content is hidden and no moderator decided so since it was hidden.
   */
  async queue(first: number, offset: number): Promise<{ rows: QueueRow[]; totalCount: number }> {
    const groups: {
      target_type: FlagTarget;
      target_id: string;
      flag_count: number;
      reasons: string[];
      first_at: Date;
      last_at: Date;
    }[] = await this.dataSource.query(
      `SELECT target_type, target_id, count(*)::int AS flag_count,
              array_agg(reason ORDER BY created_at) AS reasons,
              min(created_at) AS first_at, max(created_at) AS last_at
         FROM flags WHERE resolved_at IS NULL
        GROUP BY target_type, target_id
        ORDER BY count(*) DESC, min(created_at) ASC, target_id
        LIMIT $1 OFFSET $2`,
      [first, offset],
    );
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM flags WHERE resolved_at IS NULL
        GROUP BY target_type, target_id) t`,
    )) as [{ n: number }];
    const manager = this.dataSource.manager;
    const rows: QueueRow[] = [];
    for (const g of groups) {
      const content = await this.contentAny(manager, g.target_type, g.target_id);
      const autoHidden =
        content?.hiddenAt != null &&
        !(await this.hiddenByModeratorSince(manager, g.target_type, g.target_id, content.hiddenAt));
      rows.push({
        targetType: g.target_type,
        targetId: g.target_id,
        flagCount: g.flag_count,
        reasons: g.reasons,
        firstFlaggedAt: g.first_at,
        lastFlaggedAt: g.last_at,
        hiddenAt: content?.hiddenAt ?? null,
        autoHidden,
        authorId: content?.authorId ?? null,
        preview: content?.preview ?? null,
      });
    }
    return { rows, totalCount: n };
  }

  /** Like {@link content}, but also content its author removed (the queue still shows it). */
  private async contentAny(
    manager: EntityManager,
    type: FlagTarget,
    id: string,
  ): Promise<FlaggedContent | null> {
    const t = TARGETS[type];
    const rows: { author_id: string | null; hidden_at: Date | null; preview: string }[] =
      await manager.query(
        `SELECT ${t.author} AS author_id, hidden_at, left(${t.preview}, ${PREVIEW_LENGTH}) AS preview
           FROM ${t.table} WHERE id = $1`,
        [id],
      );
    const row = rows[0];
    return row
      ? { id, authorId: row.author_id, hiddenAt: row.hidden_at, preview: row.preview }
      : null;
  }
}
