/** A resident's request to reopen a closed service request, and the staff decision on it. */
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
import { ServiceRequestEntity } from './service-request.entity.js';

export const REOPEN_DECISIONS = ['PENDING', 'ACCEPTED', 'REFUSED'] as const;
export type ReopenDecision = (typeof REOPEN_DECISIONS)[number];

/** One ask to reopen. */
@Entity({ name: 'reopen_requests' })
export class ReopenRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_reopen_requests_request')
  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_reopen_requests_request' })
  request?: Relation<ServiceRequestEntity>;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'fk_reopen_requests_requester' })
  requester?: Relation<UserEntity>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status: ReopenDecision;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_reopen_requests_decided_by' })
  decidedBy?: Relation<UserEntity> | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
