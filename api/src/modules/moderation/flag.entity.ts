/**
 * Flags: residents report abusive content. Content flagged by enough distinct accounts (default 3)
 * is hidden until a moderator decides; moderators hide, restore or dismiss, and may block an
 * account for some days.
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

/** What can be flagged. */
export const FLAG_TARGETS = ['COMMENT', 'CLUB_POST', 'IDEA', 'REQUEST', 'BLOCK_CLUB'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];
export const FLAG_RESOLUTIONS = ['HIDDEN', 'RESTORED', 'DISMISSED'] as const;
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];

/** One flag by one account on one piece of content. */
@Entity({ name: 'flags' })
@Unique('uq_flags_target_reporter', ['targetType', 'targetId', 'reporterId'])
@Index('idx_flags_open', ['resolvedAt', 'createdAt'])
export class FlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: FlagTarget;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'fk_flags_reporter' })
  reporter?: Relation<UserEntity>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  resolution: FlagResolution | null;

  @Column({ name: 'resolved_by_id', type: 'uuid', nullable: true })
  resolvedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'resolved_by_id', foreignKeyConstraintName: 'fk_flags_resolved_by' })
  resolvedBy?: Relation<UserEntity> | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
