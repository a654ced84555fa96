/** Notification and outbox queries. */
import type { DataSource, EntityManager } from 'typeorm';
import type { DeliveryChannel, NotificationKind } from './notification.entity.js';
import { NotificationEntity, OutboxEntity } from './notification.entity.js';
import type { Language, Localized } from '../../lib/language.js';
import { notificationText } from './notification.messages.js';

/** One notification to write (or to fold into a recent one with the same coalescing key). */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  targetType: string;
  targetId: string;
  /** In every language (notification.messages.ts). */
  title: Localized;
  /** Text someone wrote (the same in every language), or Stoop's own in every language. */
  body?: string | Localized;
  coalesceKey?: string | null;
  /** Builds the title of a folded notification from its new count ("5 neighbours co-signed"). */
  coalescedTitle?: (count: number) => Localized;
}

/**
 * A notification's columns: the English title and body, the other languages beside them. A draft
 * without a body keeps `kept`'s (a folded notification's) in each language.
 */
function texts(
  title: Localized,
  body: string | Localized | undefined,
  kept?: Pick<NotificationEntity, 'title' | 'body' | 'translations'>,
) {
  const bodyIn = (language: Language) =>
    typeof body === 'string'
      ? body
      : (body?.[language] ?? (kept ? notificationText(kept, language).body : ''));
  return {
    title: title.en,
    body: bodyIn('en'),
    translations: { es: { title: title.es, body: bodyIn('es') } },
  };
}

/** Notifications, preferences and the outbox. */
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Preferences of many users (kinds turned off, delivery channels). */
  async preferences(
    manager: EntityManager,
    userIds: readonly string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    if (userIds.length === 0) return new Map();
    const rows: { id: string; prefs: Record<string, unknown> }[] = await manager.query(
      `SELECT id, notification_preferences AS prefs FROM users WHERE id = ANY($1::uuid[]) AND blocked_at IS NULL`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r.prefs]));
  }

  /**
   * Writes one notification, or folds it into the person's notification with the same key created
   * within the last hour (raising its count and marking it unread again).
   */
  async upsert(manager: EntityManager, draft: NotificationDraft): Promise<NotificationEntity> {
    const repo = manager.getRepository(NotificationEntity);
    if (draft.coalesceKey) {
      const existing = await repo
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .where('n.user_id = :userId AND n.coalesce_key = :key', {
          userId: draft.userId,
          key: draft.coalesceKey,
        })
        .andWhere(`n.created_at > now() - interval '1 hour'`)
        .orderBy('n.created_at', 'DESC')
        .getOne();
      if (existing) {
        existing.count += 1;
        const title = draft.coalescedTitle ? draft.coalescedTitle(existing.count) : draft.title;
        Object.assign(existing, texts(title, draft.body, existing));
        existing.readAt = null;
        return repo.save(existing);
      }
    }
    return repo.save(
      repo.create({
        userId: draft.userId,
        kind: draft.kind,
        targetType: draft.targetType,
        targetId: draft.targetId,
        ...texts(draft.title, draft.body),
        coalesceKey: draft.coalesceKey ?? null,
        count: 1,
      }),
    );
  }

  /**
   * Queues a delivery; a second one of the same notification through the same channel is a no-op
   * (unique index), so a retried producer cannot send twice.
   */
  async enqueue(
    manager: EntityManager,
    notificationId: string,
    channel: DeliveryChannel,
    options: { at?: Date; digest?: boolean } = {},
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (notification_id, channel, next_attempt_at, digest)
       VALUES ($1, $2, COALESCE($3::timestamptz, now()), $4)
       ON CONFLICT (notification_id, channel) DO NOTHING`,
      [notificationId, channel, options.at ?? null, options.digest ?? false],
    );
  }

  /** A page of a person's notifications, newest first (keyset on updated_at, id). */
  async page(
    userId: string,
    first: number,
    after?: [string, string],
  ): Promise<{ rows: NotificationEntity[]; hasNextPage: boolean }> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.updated_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(first + 1);
    if (after) {
      qb.andWhere('(n.updated_at, n.id) < (:at, :id)', { at: new Date(after[0]), id: after[1] });
    }
    const rows = await qb.getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async counts(userId: string): Promise<{ total: number; unread: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE user_id = $1`,
      [userId],
    )) as [{ total: number; unread: number }];
    return row;
  }

  /** Marks some (or all, when ids is undefined) of a person's notifications read; returns how many. */
  async markRead(userId: string, ids?: readonly string[]): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [userId, ids ?? null],
    );
    return result[1];
  }

  /** Claims due outbox rows for delivery (skipping rows another worker holds). */
  async claimDue(
    manager: EntityManager,
    limit: number,
    now: Date = new Date(),
  ): Promise<(OutboxEntity & { notification: NotificationEntity })[]> {
    const rows = await manager
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .innerJoinAndSelect('o.notification', 'n')
      .where('o.delivered_at IS NULL AND o.next_attempt_at <= :now AND o.attempts < 8', { now })
      .orderBy('o.next_attempt_at', 'ASC')
      .take(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return rows as (OutboxEntity & { notification: NotificationEntity })[];
  }

  async markDelivered(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(OutboxEntity).update({ id }, { deliveredAt: new Date() });
  }

  async markFailed(
    manager: EntityManager,
    id: string,
    attempts: number,
    error: string,
  ): Promise<void> {
    const delaySeconds = Math.min(3600, 30 * 2 ** attempts);
    await manager.query(
      `UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
        WHERE id = $1`,
      [id, attempts, error.slice(0, 500), delaySeconds],
    );
  }
}
