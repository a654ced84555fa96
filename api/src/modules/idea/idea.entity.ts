/**
 * Improvement ideas: residents propose changes to city services ("a stop sign at Leland & Damen"),
 * vote (one vote per account, not on one's own idea), discuss, and get the city's answer in public.
 * Reaching the review threshold moves an idea to UNDER_REVIEW by itself.
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
  UpdateDateColumn,
} from 'typeorm';
import type { Point, Relation } from 'typeorm';
import { AreaEntity } from '../area/area.entity.js';
import { ServiceDefinitionEntity } from '../service-definition/service-definition.entity.js';
import { UserEntity } from '../user/user.entity.js';

export const IDEA_STATUSES = [
  'PROPOSED',
  'UNDER_REVIEW',
  'PLANNED',
  'IMPLEMENTED',
  'DECLINED',
] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** One idea. */
@Entity({ name: 'ideas' })
@Index('idx_ideas_status_created', ['status', 'createdAt'])
@Index('idx_ideas_votes', ['voteCount', 'createdAt'])
export class IdeaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Index('idx_ideas_author')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_ideas_author' })
  author?: Relation<UserEntity>;

  @Column({ name: 'service_definition_id', type: 'uuid', nullable: true })
  serviceDefinitionId: string | null;

  @ManyToOne(() => ServiceDefinitionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'service_definition_id', foreignKeyConstraintName: 'fk_ideas_service' })
  serviceDefinition?: Relation<ServiceDefinitionEntity> | null;

  @Index('idx_ideas_location', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @Index('idx_ideas_area')
  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_ideas_area' })
  area?: Relation<AreaEntity> | null;

  @Column({ type: 'varchar', length: 16, default: 'PROPOSED' })
  status: IdeaStatus;

  @Column({ name: 'vote_count', type: 'integer', default: 0 })
  voteCount: number;

  @Column({ name: 'comment_count', type: 'integer', default: 0 })
  commentCount: number;

  @Column({ name: 'response_text', type: 'text', nullable: true })
  responseText: string | null;

  @Column({ name: 'response_by_id', type: 'uuid', nullable: true })
  responseById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'response_by_id', foreignKeyConstraintName: 'fk_ideas_response_by' })
  responseBy?: Relation<UserEntity> | null;

  @Column({ name: 'response_at', type: 'timestamptz', nullable: true })
  responseAt: Date | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One vote. */
@Entity({ name: 'idea_votes' })
export class IdeaVoteEntity {
  @PrimaryColumn({ name: 'idea_id', type: 'uuid' })
  ideaId: string;

  @ManyToOne(() => IdeaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'idea_id', foreignKeyConstraintName: 'fk_idea_votes_idea' })
  idea?: Relation<IdeaEntity>;

  @Index('idx_idea_votes_user')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_idea_votes_user' })
  user?: Relation<UserEntity>;

  /** Votes cast in the last days make an idea "trending". */
  @Index('idx_idea_votes_created')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
