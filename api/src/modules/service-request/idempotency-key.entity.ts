/**
 * Idempotency keys: a client that retries a submission with the same key gets the request it
 * already made, never a second one. Keys are scoped to the caller so one caller cannot read
 * another's request by guessing a key.
 */
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { ServiceRequestEntity } from './service-request.entity.js';

/** One remembered submission. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** `user:<id>`, `apikey:<id>` or `anonymous`. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_idempotency_keys_request' })
  request?: Relation<ServiceRequestEntity>;

  /** SHA-256 of the submitted input, to refuse a reused key with different content. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
