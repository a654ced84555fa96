/**
 * Notifications: producers (requests, comments, clubs, ideas) hand drafts to {@link notify} inside
 * their transaction and {@link publish} the result after commit. Preferences decide which kinds a
 * person gets and through which extra channels; channels are delivered from the outbox by
 * {@link OutboxWorker}, so a new channel (e-mail, SMS) needs an adapter, not a change to producers.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/**
 * Delivers one notification through one channel; throws to retry later. The recipient is read in
 * the delivery transaction and handed over, so an adapter never queries the database itself (on
 * the embedded database the pool has one connection, held by that transaction).
 */
export interface DeliveryAdapter {
  deliver(notification: NotificationEntity, recipient: Recipient | null): Promise<void>;
}

/** Where an e-mail or text for one person goes, with the link that turns the channel off. */
export interface Recipient {
  email: string;
  phone: string | null;
  displayName: string;
  /** Whether the account's phone texted STOP. */
  smsOptedOut: boolean;
  /** Query string of a signed one-click unsubscribe link for the channel (`u=…&c=…&sig=…`). */
  unsubscribeQuery: string;
}

/** Notification rules. */
export class NotificationService {
  /**
   * @param unsubscribeSecret signs unsubscribe links (STOOP_UNSUBSCRIBE_SECRET); a random one per
   * process when unset, so links from before a restart stop working.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: NotificationRepository,
    private readonly pubsub: PubSub,
    private readonly unsubscribeSecret: string = randomBytes(32).toString('hex'),
  ) {}

  private signature(userId: string, channel: DeliveryChannel): string {
    return createHmac('sha256', this.unsubscribeSecret)
      .update(`unsubscribe:${userId}:${channel}`)
      .digest('base64url');
  }

  /** Address and unsubscribe link of a notification's owner for one channel (null: blocked/gone). */
  async recipient(
    manager: EntityManager,
    userId: string,
    channel: DeliveryChannel,
  ): Promise<Recipient | null> {
    const rows: {
      email: string;
      phone: string | null;
      display_name: string;
      sms_opted_out: boolean;
    }[] = await manager.query(
      `SELECT u.email, u.phone, u.display_name,
              EXISTS (SELECT 1 FROM sms_opt_outs o
                       WHERE u.phone IS NOT NULL
                         AND regexp_replace(o.phone, '[^0-9]', '', 'g') IN (
                               regexp_replace(u.phone, '[^0-9]', '', 'g'),
                               '1' || regexp_replace(u.phone, '[^0-9]', '', 'g'))) AS sms_opted_out
         FROM users u WHERE u.id = $1 AND u.blocked_at IS NULL`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    const query = new URLSearchParams({
      u: userId,
      c: channel,
      sig: this.signature(userId, channel),
    });
    return {
      email: row.email,
      phone: row.phone,
      displayName: row.display_name,
      smsOptedOut: row.sms_opted_out,
      unsubscribeQuery: query.toString(),
    };
  }

  /**
   * One-click unsubscribe from a signed link (no sign-in: the signature is the proof): removes the
   * channel from the person's preferences. Returns false for a bad signature.
   */
  async unsubscribe(userId: string, channel: string, signature: string): Promise<boolean> {
    if (!(DELIVERY_CHANNELS as readonly string[]).includes(channel)) return false;
    const expected = Buffer.from(this.signature(userId, channel as DeliveryChannel));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    const map = await this.repository.preferences(this.dataSource.manager, [userId]);
    if (!map.has(userId)) return false;
    const prefs = readPreferences(map.get(userId));
    const clean = { ...prefs, channels: prefs.channels.filter((c) => c !== channel) };
    await this.dataSource.query(`UPDATE users SET notification_preferences = $2 WHERE id = $1`, [
      userId,
      JSON.stringify(clean),
    ]);
    // already queued deliveries through that channel are dropped
    await this.dataSource.query(
      `UPDATE outbox o SET attempts = 8, last_error = 'unsubscribed'
         FROM notifications n
        WHERE n.id = o.notification_id AND n.user_id = $1 AND o.channel = $2 AND o.delivered_at IS NULL`,
      [userId, channel],
    );
    return true;
  }

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
          await adapter.deliver(
            row.notification,
            await this.recipient(manager, row.notification.userId, row.channel),
          );
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
