/**
 * Webhooks for integrators. Terminology:
 * - webhook: a URL an admin registered with the request event types it wants (SUBMITTED,
 *   STATUS_CHANGED, …) and a secret that signs every delivery (HMAC-SHA256).
 * - delivery: one event for one webhook, retried with back-off until the receiver answers 2xx;
 *   unique per (webhook, event), so an event is queued for a webhook once.
 * Events come from the append-only `request_events` table: each webhook keeps the id of the last
 * event it was given, so nothing is lost across restarts.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from '../user/user.entity.js';

/** One registered receiver. */
@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** Who it is for, e.g. "Alderman's office CRM". */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Signs deliveries; shown to the admin once. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  /** Request event types delivered. */
  @Column({ name: 'event_types', type: 'varchar', length: 20, array: true })
  eventTypes: string[];

  /** Last request event considered (events after it are queued on the next pass). */
  @Column({ name: 'last_event_id', type: 'bigint', default: 0 })
  lastEventId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_webhooks_created_by' })
  creator?: Relation<UserEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when an admin removes it: nothing more is queued or sent. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}

/** One event for one webhook. */
@Entity({ name: 'webhook_deliveries' })
@Index('uq_webhook_deliveries_event', ['webhookId', 'eventId'], { unique: true })
@Index('idx_webhook_deliveries_due', ['deliveredAt', 'nextAttemptAt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'fk_webhook_deliveries_webhook' })
  webhook?: Relation<WebhookEntity>;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 20 })
  eventType: string;

  /** The JSON body sent (public fields only). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** HTTP status of the last attempt (null: no answer). */
  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
