/**
 * Comments on requests, ideas and block-club posts: plain text, one level of replies, soft delete
 * ("comment removed" is shown), hidden by moderators (still visible to the author).
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

/** What can be commented on. */
export const COMMENT_TARGETS = ['REQUEST', 'IDEA', 'CLUB_POST'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** One comment or reply. */
@Entity({ name: 'comments' })
@Index('idx_comments_target', ['targetType', 'targetId', 'createdAt'])
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: CommentTarget;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Index('idx_comments_author')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_comments_author' })
  author?: Relation<UserEntity>;

  @Index('idx_comments_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_comments_parent' })
  parent?: Relation<CommentEntity> | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
