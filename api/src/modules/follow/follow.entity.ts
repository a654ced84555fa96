/**
 * Follows: a person watches a request, an area (ward or community area) or a block club, and events
 * on it become notifications for them.
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
import { UserEntity } from '../user/user.entity.js';

/** What can be followed. */
export const FOLLOW_TARGETS = ['REQUEST', 'AREA', 'BLOCK_CLUB', 'IDEA'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

/** One follow. */
@Entity({ name: 'follows' })
@Unique('uq_follows_user_target', ['userId', 'targetType', 'targetId'])
@Index('idx_follows_target', ['targetType', 'targetId'])
export class FollowEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_follows_user' })
  user?: Relation<UserEntity>;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: FollowTarget;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
