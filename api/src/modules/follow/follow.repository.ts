/** Follow queries. */
import type { DataSource, EntityManager } from 'typeorm';
import type { FollowTarget } from './follow.entity.js';

/** Follows. */
export class FollowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a follow; true when it is new. */
  async add(
    manager: EntityManager,
    userId: string,
    targetType: FollowTarget,
    targetId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO follows (user_id, target_type, target_id) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT uq_follows_user_target DO NOTHING RETURNING id`,
      [userId, targetType, targetId],
    );
    return rows.length > 0;
  }

  /** Removes a follow; true when there was one. */
  async remove(
    manager: EntityManager,
    userId: string,
    targetType: FollowTarget,
    targetId: string,
  ): Promise<boolean> {
    // TypeORM answers a DELETE with [rows, affected]
    const [, affected] = (await manager.query(
      `DELETE FROM follows WHERE user_id = $1 AND target_type = $2 AND target_id = $3`,
      [userId, targetType, targetId],
    )) as [unknown[], number];
    return affected > 0;
  }

  async followerIds(
    manager: EntityManager,
    targetType: FollowTarget,
    targetId: string,
  ): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM follows WHERE target_type = $1 AND target_id = $2`,
      [targetType, targetId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Moves every follow of one target to another (merging duplicates); returns how many moved. */
  async move(
    manager: EntityManager,
    targetType: FollowTarget,
    fromId: string,
    toId: string,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO follows (user_id, target_type, target_id)
       SELECT user_id, target_type, $3 FROM follows WHERE target_type = $1 AND target_id = $2
       ON CONFLICT ON CONSTRAINT uq_follows_user_target DO NOTHING RETURNING id`,
      [targetType, fromId, toId],
    );
    return rows.length;
  }

  async count(manager: EntityManager, targetType: FollowTarget, targetId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM follows WHERE target_type = $1 AND target_id = $2`,
      [targetType, targetId],
    )) as [{ n: number }];
    return row.n;
  }

  /** Which of the targets the user follows (loader batch). */
  async followedAmong(
    userId: string,
    targetType: FollowTarget,
    targetIds: readonly string[],
  ): Promise<Set<string>> {
    if (targetIds.length === 0) return new Set();
    const rows: { target_id: string }[] = await this.dataSource.query(
      `SELECT target_id FROM follows WHERE user_id = $1 AND target_type = $2 AND target_id = ANY($3::uuid[])`,
      [userId, targetType, targetIds],
    );
    return new Set(rows.map((r) => r.target_id));
  }

  /** The user's follows, newest first. */
  async ofUser(
    userId: string,
    limit: number,
  ): Promise<{ targetType: FollowTarget; targetId: string; createdAt: Date }[]> {
    const rows: { target_type: FollowTarget; target_id: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT target_type, target_id, created_at FROM follows WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`,
        [userId, limit],
      );
    return rows.map((r) => ({
      targetType: r.target_type,
      targetId: r.target_id,
      createdAt: r.created_at,
    }));
  }
}
