/**
 * Notifications: producers (requests, comments, clubs, ideas) hand drafts to {@link notify} inside
 * their transaction and {@link publish} the result after commit. Preferences decide which kinds a
 * person gets and through which extra channels; channels are delivered from the outbox by
 * a polling worker (`lib/polling-worker.ts`, started in main.ts), so a new channel (e-mail, SMS) needs an adapter, not a change to producers.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { badField, UnauthenticatedError } from '../../lib/errors.js';
import { isLanguage, type Language } from '../../lib/language.js';
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
  /**
   * Chicago wall-clock window ("HH:MM", may wrap midnight) in which e-mail and texts of non-urgent
   * kinds wait; they go out when it ends. Null: no quiet hours.
   */
  quietHours: { start: string; end: string } | null;
  /** DAILY: non-urgent e-mail and texts are gathered into one message at {@link DIGEST_TIME}. */
  digest: 'NONE' | 'DAILY';
}

/**
 * Kinds that never wait for quiet hours or a digest: the parcel-tracker promise is that a status
 * change reaches the person when it happens.
 */
export const URGENT_KINDS: readonly NotificationKind[] = ['STATUS_CHANGED'];
/** When the daily digest goes out, Chicago time. */
export const DIGEST_TIME = '07:00';
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads stored preferences defensively (old or partial documents). */
export function readPreferences(raw: Record<string, unknown> | undefined): NotificationPreferences {
  const kinds = Array.isArray(raw?.disabledKinds) ? raw.disabledKinds : [];
  const channels = Array.isArray(raw?.channels) ? raw.channels : [];
  const quiet = raw?.quietHours as { start?: unknown; end?: unknown } | null | undefined;
  const validQuiet =
    quiet &&
    typeof quiet.start === 'string' &&
    typeof quiet.end === 'string' &&
    HHMM.test(quiet.start) &&
    HHMM.test(quiet.end) &&
    quiet.start !== quiet.end;
  return {
    disabledKinds: kinds.filter((k): k is NotificationKind =>
      (NOTIFICATION_KINDS as readonly unknown[]).includes(k),
    ),
    channels: channels.filter((c): c is DeliveryChannel =>
      (DELIVERY_CHANNELS as readonly unknown[]).includes(c),
    ),
    quietHours: validQuiet ? { start: quiet.start as string, end: quiet.end as string } : null,
    digest: raw?.digest === 'DAILY' ? 'DAILY' : 'NONE',
  };
}

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

/** Minutes since midnight on Chicago's wall clock at `now`. */
export function chicagoMinutes(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Chicago',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** The next moment after `now` when Chicago's wall clock reads `hhmm` (whole minutes). */
export function nextChicagoTime(now: Date, hhmm: string): Date {
  let delta = minutesOf(hhmm) - chicagoMinutes(now);
  if (delta <= 0) delta += 24 * 60;
  const at = new Date(now.getTime() + delta * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** Whether `now` falls in the window (Chicago time; a window may wrap midnight). */
export function inQuietHours(now: Date, quiet: { start: string; end: string }): boolean {
  const t = chicagoMinutes(now);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/**
 * When an e-mail or text of this kind should go out for this person, and whether it joins the
 * daily digest: urgent kinds now; otherwise the next digest, or the end of quiet hours, or now.
 */
export function deliveryPlan(
  kind: NotificationKind,
  prefs: NotificationPreferences,
  now: Date,
): { at: Date | undefined; digest: boolean } {
  if (URGENT_KINDS.includes(kind)) return { at: undefined, digest: false };
  if (prefs.digest === 'DAILY') return { at: nextChicagoTime(now, DIGEST_TIME), digest: true };
  if (prefs.quietHours && inQuietHours(now, prefs.quietHours)) {
    return { at: nextChicagoTime(now, prefs.quietHours.end), digest: false };
  }
  return { at: undefined, digest: false };
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
  /** One message for several notifications (the daily digest); without it each goes alone. */
  deliverDigest?(notifications: NotificationEntity[], recipient: Recipient | null): Promise<void>;
}

/** Where an e-mail or text for one person goes, with the link that turns the channel off. */
export interface Recipient {
  email: string;
  phone: string | null;
  displayName: string;
  /** The account's language: e-mails and texts are written in it. */
  language: Language;
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
    private readonly clock: () => Date = () => new Date(),
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
      locale: string;
      sms_opted_out: boolean;
    }[] = await manager.query(
      `SELECT u.email, u.phone, u.display_name, u.locale,
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
      language: isLanguage(row.locale) ? row.locale : 'en',
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
        const now = this.clock();
        const plan = deliveryPlan(draft.kind, p, now);
        for (const channel of p.channels) {
          await this.repository.enqueue(manager, notification.id, channel, {
            at: plan.at ?? now,
            digest: plan.digest,
          });
        }
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
    if (prefs.quietHours) {
      for (const key of ['start', 'end'] as const) {
        if (!HHMM.test(prefs.quietHours[key]))
          throw badField(`input.quietHours.${key}`, 'must be a time as HH:MM (24-hour clock)');
      }
      if (prefs.quietHours.start === prefs.quietHours.end)
        throw badField('input.quietHours.end', 'must differ from the start');
    }
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

  /**
   * Delivers due outbox rows through the adapters; returns how many were delivered. Digest rows of
   * one person and channel that fall due together go out as one message.
   */
  async deliverDue(
    adapters: Partial<Record<DeliveryChannel, DeliveryAdapter>>,
    limit = 50,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.repository.claimDue(manager, limit, this.clock());
      const groups = new Map<string, typeof due>();
      for (const row of due) {
        const key = row.digest
          ? `digest:${row.notification.userId}:${row.channel}`
          : `one:${row.id}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      let delivered = 0;
      for (const rows of groups.values()) {
        const first = rows[0]!;
        const adapter = adapters[first.channel];
        try {
          if (!adapter) throw new Error(`no adapter for ${first.channel}`);
          const to = await this.recipient(manager, first.notification.userId, first.channel);
          if (rows.length > 1 && adapter.deliverDigest) {
            await adapter.deliverDigest(
              rows.map((r) => r.notification),
              to,
            );
          } else {
            for (const row of rows) await adapter.deliver(row.notification, to);
          }
          for (const row of rows) await this.repository.markDelivered(manager, row.id);
          delivered += rows.length;
        } catch (error) {
          for (const row of rows) {
            await this.repository.markFailed(
              manager,
              row.id,
              row.attempts + 1,
              error instanceof Error ? error.message : String(error),
            );
          }
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

export type { NotificationDraft };
