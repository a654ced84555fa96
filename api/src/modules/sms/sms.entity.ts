/**
 * SMS state kept in the database so it survives a restart and works across instances.
 *
 * Terms: a *conversation* is the half-finished report of one phone number (which step, what was
 * said so far); an *opt-out* is a number that texted STOP and gets no texts until START; a
 * *subscription* ties a request to the phone that reported it, so its status changes are texted
 * back; the *SMS outbox* holds texts to phone numbers (people without an account), delivered with
 * retries like the notification outbox.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { ServiceRequestEntity } from '../service-request/service-request.entity.js';

/** The state of one phone's conversation (see SmsConversationService for the steps). */
@Entity({ name: 'sms_conversations' })
export class SmsConversationEntity {
  /** E.164-ish number, digits with a leading +. */
  @PrimaryColumn({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'jsonb' })
  state: Record<string, unknown>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A number that texted STOP. */
@Entity({ name: 'sms_opt_outs' })
export class SmsOptOutEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  phone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A phone that gets a request's updates by text. */
@Entity({ name: 'sms_subscriptions' })
export class SmsSubscriptionEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  phone: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_sms_subscriptions_request' })
  request?: Relation<ServiceRequestEntity>;

  /** The language of the texts (`en` or `es`): the conversation's, or the report form's. */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  language: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One text to send to a phone number, with retries. */
@Entity({ name: 'sms_outbox' })
@Index('idx_sms_outbox_due', ['deliveredAt', 'nextAttemptAt'])
export class SmsOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'text' })
  body: string;

  /** The request the text is about (null for texts about nothing in particular). */
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_sms_outbox_request' })
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
