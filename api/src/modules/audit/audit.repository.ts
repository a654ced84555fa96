/** Writes the audit log inside the transaction of the action it records. */
import type { EntityManager } from 'typeorm';

/** The audit log. */
export class AuditRepository {
  /** Records one staff, moderator or admin action. */
  async record(
    manager: EntityManager,
    entry: {
      actorId: string | null;
      action: string;
      targetType: string;
      targetId: string;
      data?: Record<string, unknown>;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, data) VALUES ($1, $2, $3, $4, $5)`,
      [
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.data ?? {}),
      ],
    );
  }
}
