/**
 * Notifications: producers (requests, comments, clubs, ideas) hand drafts to {@link notify} inside
 * their transaction and {@link publish} the result after commit. Preferences decide which kinds a
 * person gets and through which extra channels; channels are delivered from the outbox by
 * {@link OutboxWorker}, so a new channel (e-mail, SMS) needs an adapter, not a change to producers.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { UnauthenticatedError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { PubSub } from '../../lib/pubsub.js';
import type { Actor } from '../user/actor.js';
import {
  DELIVERY_CHANNELS,
  NOTIFICATION_KINDS,
  type DeliveryChannel,
  type NotificationEntity,
  type NotificationKind,
} from './notification.entity.js';
import type { NotificationDraft, NotificationRepository } from './notification.repository.js';

/** A person's notification preferences, as stored in `users.notification_preferences`. */
export interface NotificationPreferences {
  /** Kinds the person turned off. */
  disabledKinds: NotificationKind[];
  /** Extra delivery channels beyond the in-app list. */
  channels: DeliveryChannel[];
}

/** Reads stored preferences defensively (old or partial documents). */
export function readPreferences(raw: Record<string, unknown> | undefined): NotificationPreferences {
  const kinds = Array.isArray(raw?.disabledKinds) ? raw.disabledKinds : [];
  const channels = Array.isArray(raw?.channels) ? raw.channels : [];
  return {
    disabledKinds: kinds.filter((k): k is NotificationKind =>
      (NOTIFICATION_KINDS as readonly unknown[]).includes(k),
    ),
    channels: channels.filter((c): c is DeliveryChannel =>
      (DELIVERY_CHANNELS as readonly unknown[]).includes(c),
    ),
  };
}

/** Topic of one person's notifications. */
export function userTopic(userId: string): string {
  return `user:${userId}`;
}

/** Delivers one notification through one channel; throws to retry later. */
export interface DeliveryAdapter {
  deliver(notification: NotificationEntity): Promise<void>;
}

/** Notification rules. */
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: NotificationRepository,
    private readonly pubsub: PubSub,
  ) {}

  /**
   * Writes notifications for the drafts inside the caller's transaction, skipping the people who
   * turned the kind off (and the actor, who does not need telling about their own act).
   */
  async notify(
    manager: EntityManager,
    drafts: NotificationDraft[],
    actorId?: string | null,
  ): Promise<NotificationEntity[]> {
    const wanted = drafts.filter((d) => d.userId !== actorId);
    const prefs = await this.repository.preferences(manager, [
      ...new Set(wanted.map((d) => d.userId)),
    ]);
    const written: NotificationEntity[] = [];
    for (const draft of wanted) {
      if (!prefs.has(draft.userId)) continue;
      const p = readPreferences(prefs.get(draft.userId));
      if (p.disabledKinds.includes(draft.kind)) continue;
      const notification = await this.repository.upsert(manager, draft);
      if (notification.count === 1) {
        for (const channel of p.channels)
          await this.repository.enqueue(manager, notification.id, channel);
      }
      written.push(notification);
    }
    return written;
  }

  /** Publishes written notifications to their owners' live badges (call after commit). */
  publish(notifications: readonly NotificationEntity[]): void {
    for (const n of notifications) this.pubsub.publish(userTopic(n.userId), n);
  }

  /** The caller's notifications, newest first. */
  page(actor: Actor, first: number, after?: [string, string]) {
    if (!actor.user) throw new UnauthenticatedError();
    return this.repository.page(actor.user.id, first, after);
  }

  counts(actor: Actor) {
    if (!actor.user) throw new UnauthenticatedError();
    return this.repository.counts(actor.user.id);
  }

  /** Marks the given notifications (or all) read; returns how many changed. */
  markRead(actor: Actor, ids?: readonly string[]): Promise<number> {
    if (!actor.user) throw new UnauthenticatedError();
    return this.repository.markRead(actor.user.id, ids);
  }

  /** Reads the caller's preferences. */
  async preferences(actor: Actor): Promise<NotificationPreferences> {
    if (!actor.user) throw new UnauthenticatedError();
    const map = await this.repository.preferences(this.dataSource.manager, [actor.user.id]);
    return readPreferences(map.get(actor.user.id));
  }

  /** Replaces the caller's preferences. */
  async setPreferences(
    actor: Actor,
    prefs: NotificationPreferences,
  ): Promise<NotificationPreferences> {
    if (!actor.user) throw new UnauthenticatedError();
    const clean = readPreferences(prefs as unknown as Record<string, unknown>);
    await this.dataSource.query(`UPDATE users SET notification_preferences = $2 WHERE id = $1`, [
      actor.user.id,
      JSON.stringify(clean),
    ]);
    return clean;
  }

  /** Live notifications of the caller (the `notificationAdded` subscription). */
  subscribe(actor: Actor) {
    if (!actor.user) throw new UnauthenticatedError();
    return this.pubsub.subscribe<NotificationEntity>([userTopic(actor.user.id)]);
  }

  /** Delivers due outbox rows through the adapters; returns how many were delivered. */
  async deliverDue(
    adapters: Partial<Record<DeliveryChannel, DeliveryAdapter>>,
    limit = 50,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.repository.claimDue(manager, limit);
      let delivered = 0;
      for (const row of due) {
        const adapter = adapters[row.channel];
        try {
          if (!adapter) throw new Error(`no adapter for ${row.channel}`);
          await adapter.deliver(row.notification);
          await this.repository.markDelivered(manager, row.id);
          delivered += 1;
        } catch (error) {
          await this.repository.markFailed(
            manager,
            row.id,
            row.attempts + 1,
            error instanceof Error ? error.message : String(error),
          );
        }
      }
      return delivered;
    });
  }
}

/** The default adapter: writes deliveries to the log, so a fresh install needs no provider account. */
export class LogDeliveryAdapter implements DeliveryAdapter {
  constructor(
    private readonly log: Logger,
    private readonly channel: DeliveryChannel,
  ) {}

  deliver(notification: NotificationEntity): Promise<void> {
    this.log.info(
      {
        channel: this.channel,
        userId: notification.userId,
        kind: notification.kind,
        title: notification.title,
      },
      'notification delivered (log adapter)',
    );
    return Promise.resolve();
  }
}

/** Polls the outbox and delivers due notifications, with retries and backoff. */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly notifications: NotificationService,
    private readonly adapters: Partial<Record<DeliveryChannel, DeliveryAdapter>>,
    private readonly log: Logger,
    private readonly intervalMs = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.notifications
        .deliverDue(this.adapters)
        .catch((error: unknown) => this.log.error({ err: error }, 'outbox delivery failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

export type { NotificationDraft };
