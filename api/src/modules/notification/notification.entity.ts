/**
 * Notifications and their outbox. Producers write a notification; delivery channels (in-app today,
 * e-mail and SMS later) read the outbox, so a channel can be added without touching any producer.
 * Supports and comments on one request coalesce into one notification per person per hour
 * ("5 neighbours co-signed"); status changes are never coalesced.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import type { Translations } from '../../lib/language.js';
import { UserEntity } from '../user/user.entity.js';

/** Kinds of notification; each can be turned off in the person's preferences. */
export const NOTIFICATION_KINDS = [
  'STATUS_CHANGED',
  'SUPPORTED',
  'COMMENTED',
  'MERGED',
  'REOPEN_REQUESTED',
  'REOPEN_DECIDED',
  'AREA_REQUEST',
  'CLUB_ACTIVITY',
  'MEMBERSHIP',
  'IDEA_UNDER_REVIEW',
  'IDEA_RESPONSE',
  'ASSIGNED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification of one person. */
@Entity({ name: 'notifications' })
@Index('idx_notifications_user_created', ['userId', 'createdAt'])
@Index('idx_notifications_user_coalesce', ['userId', 'coalesceKey', 'updatedAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 24 })
  kind: NotificationKind;

  /** What it is about: REQUEST, AREA, BLOCK_CLUB, IDEA. */
  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: string;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  /** One line, e.g. "SR26-00000042 is in progress". */
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  body: string;

  /** Title and body in other languages: `{ "es": { "title": …, "body": … } }` (see notification.messages.ts). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations<{ title: string; body: string }>;

  /** How many events this notification stands for (coalesced supports and comments). */
  @Column({ type: 'integer', default: 1 })
  count: number;

  /** Events with the same key within the coalescing window update one notification. */
  @Column({ name: 'coalesce_key', type: 'varchar', length: 120, nullable: true })
  coalesceKey: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Delivery channels beyond the in-app list. */
export const DELIVERY_CHANNELS = ['EMAIL', 'SMS', 'WEBHOOK'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** One pending or done delivery of a notification through a channel, with retries. */
@Entity({ name: 'outbox' })
@Index('idx_outbox_due', ['deliveredAt', 'nextAttemptAt'])
// at most one delivery of a notification per channel, enforced by the database
@Index('uq_outbox_notification_channel', ['notificationId', 'channel'], { unique: true })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_outbox_notification' })
  notification?: Relation<NotificationEntity>;

  @Column({ type: 'varchar', length: 12 })
  channel: DeliveryChannel;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Part of the person's daily digest: sent together with the others due at the same time. */
  @Column({ type: 'boolean', default: false })
  digest: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
