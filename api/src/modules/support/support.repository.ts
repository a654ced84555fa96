/** Support ("me too") queries. */
import type { DataSource, EntityManager } from 'typeorm';

/** Supports. */
export class SupportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a support; true when it is new. */
  async add(
    manager: EntityManager,
    userId: string,
    requestId: string,
    showName: boolean,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO supports (user_id, request_id, show_name) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT uq_supports_user_request DO NOTHING RETURNING id`,
      [userId, requestId, showName],
    );
    return rows.length > 0;
  }

  async remove(manager: EntityManager, userId: string, requestId: string): Promise<boolean> {
    // TypeORM answers a DELETE with [rows, affected]
    const [, affected] = (await manager.query(
      `DELETE FROM supports WHERE user_id = $1 AND request_id = $2`,
      [userId, requestId],
    )) as [unknown[], number];
    return affected > 0;
  }

  /** Recounts a request's supports into `support_count`; returns the count. */
  async syncCount(manager: EntityManager, requestId: string): Promise<number> {
    const [row] = (await manager.query(
      `UPDATE service_requests SET support_count = (SELECT count(*) FROM supports WHERE request_id = $1)
        WHERE id = $1 RETURNING support_count`,
      [requestId],
    )) as [{ support_count: number }][];
    return row?.[0]?.support_count ?? 0;
  }

  /** Moves supports from a duplicate to its original (one per person); returns how many moved. */
  async move(manager: EntityManager, fromId: string, toId: string): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO supports (user_id, request_id, show_name, created_at)
       SELECT user_id, $2, show_name, created_at FROM supports WHERE request_id = $1
       ON CONFLICT ON CONSTRAINT uq_supports_user_request DO NOTHING RETURNING id`,
      [fromId, toId],
    );
    await manager.query(`DELETE FROM supports WHERE request_id = $1`, [fromId]);
    return rows.length;
  }

  /** Whether a user supports a request. */
  async has(manager: EntityManager, userId: string, requestId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM supports WHERE user_id = $1 AND request_id = $2`,
      [userId, requestId],
    );
    return rows.length > 0;
  }

  /** Which of the requests the user supports (loader batch). */
  async supportedAmong(userId: string, requestIds: readonly string[]): Promise<Set<string>> {
    if (requestIds.length === 0) return new Set();
    const rows: { request_id: string }[] = await this.dataSource.query(
      `SELECT request_id FROM supports WHERE user_id = $1 AND request_id = ANY($2::uuid[])`,
      [userId, requestIds],
    );
    return new Set(rows.map((r) => r.request_id));
  }
}
