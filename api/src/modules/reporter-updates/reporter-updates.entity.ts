/**
 * Updates for reporters without an account: the e-mail address a web or phone reporter asked to
 * hear from, per request, and the outbox of e-mails to such addresses (delivered with retries like
 * the SMS outbox). Phones use `sms_subscriptions`; both carry the language the messages are
 * written in. None of this is readable through any API: it is contact data.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { ServiceRequestEntity } from '../service-request/service-request.entity.js';

/** An e-mail address that gets a request's public updates. */
@Entity({ name: 'email_subscriptions' })
@Index('uq_email_subscriptions_token', ['token'], { unique: true })
export class EmailSubscriptionEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @PrimaryColumn({ type: 'varchar', length: 254 })
  email: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_email_subscriptions_request' })
  request?: Relation<ServiceRequestEntity>;

  /** `en` or `es`. */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  language: string;

  /** Random, unguessable: the one-click unsubscribe link names the subscription by it. */
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One e-mail to an address, with retries. */
@Entity({ name: 'email_outbox' })
@Index('idx_email_outbox_due', ['deliveredAt', 'nextAttemptAt'])
export class EmailOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** The one-click unsubscribe link of the subscription the message comes from. */
  @Column({ name: 'unsubscribe_url', type: 'text' })
  unsubscribeUrl: string;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_email_outbox_request' })
  request?: Relation<ServiceRequestEntity>;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
