/**
 * Supports ("me too"): one per account per request. Supporting a request also follows it. The
 * supporter's identity is public only when they chose to show their name.
 */
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { ServiceRequestEntity } from '../service-request/service-request.entity.js';
import { UserEntity } from '../user/user.entity.js';

/** One co-signature. */
@Entity({ name: 'supports' })
@Unique('uq_supports_user_request', ['userId', 'requestId'])
export class SupportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_supports_user' })
  user?: Relation<UserEntity>;

  @Index('idx_supports_request')
  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_supports_request' })
  request?: Relation<ServiceRequestEntity>;

  /** Whether the supporter's display name may be shown publicly. */
  @Column({ name: 'show_name', type: 'boolean', default: false })
  showName: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
