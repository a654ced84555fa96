/**
 * Terminology:
 * - block club: neighbours organised around a drawn boundary (a GeoJSON Polygon, at most 5 km²).
 * - member: an account in a club, ORGANIZER or MEMBER; with the APPROVAL join policy a member is
 *   PENDING until an organizer decides.
 * - post: a message to the club's feed; action: a dated event (clean-up day) with RSVPs.
 * - adoption: a club takes up a service request it organises around.
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
import type { Point, Polygon, Relation } from 'typeorm';
import { ServiceRequestEntity } from '../service-request/service-request.entity.js';
import { UserEntity } from '../user/user.entity.js';

export const JOIN_POLICIES = ['OPEN', 'APPROVAL'] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];
export const MEMBER_ROLES = ['ORGANIZER', 'MEMBER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_STATUSES = ['ACTIVE', 'PENDING'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const RSVP_RESPONSES = ['GOING', 'MAYBE', 'NOT_GOING'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

/** A block club. */
@Entity({ name: 'block_clubs' })
export class BlockClubEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  slug: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Index('idx_block_clubs_boundary', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Polygon', srid: 4326 })
  boundary: Polygon;

  @Column({ name: 'join_policy', type: 'varchar', length: 10, default: 'OPEN' })
  joinPolicy: JoinPolicy;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_block_clubs_created_by' })
  createdBy?: Relation<UserEntity> | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Membership of one account in one club. */
@Entity({ name: 'block_club_members' })
export class BlockClubMemberEntity {
  @PrimaryColumn({ name: 'club_id', type: 'uuid' })
  clubId: string;

  @ManyToOne(() => BlockClubEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'club_id', foreignKeyConstraintName: 'fk_block_club_members_club' })
  club?: Relation<BlockClubEntity>;

  @Index('idx_block_club_members_user')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_block_club_members_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 10, default: 'MEMBER' })
  role: MemberRole;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status: MemberStatus;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}

/** A post to a club's feed. */
@Entity({ name: 'block_club_posts' })
@Index('idx_block_club_posts_club', ['clubId', 'createdAt'])
export class BlockClubPostEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'club_id', type: 'uuid' })
  clubId: string;

  @ManyToOne(() => BlockClubEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'club_id', foreignKeyConstraintName: 'fk_block_club_posts_club' })
  club?: Relation<BlockClubEntity>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_block_club_posts_author' })
  author?: Relation<UserEntity>;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A dated club event (clean-up day, walk, meeting). */
@Entity({ name: 'block_club_actions' })
@Index('idx_block_club_actions_club', ['clubId', 'startsAt'])
export class BlockClubActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'club_id', type: 'uuid' })
  clubId: string;

  @ManyToOne(() => BlockClubEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'club_id', foreignKeyConstraintName: 'fk_block_club_actions_club' })
  club?: Relation<BlockClubEntity>;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by_id',
    foreignKeyConstraintName: 'fk_block_club_actions_created_by',
  })
  createdBy?: Relation<UserEntity> | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** Where, in words ("corner of Leland & Damen"). */
  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One person's answer to an action. */
@Entity({ name: 'block_club_rsvps' })
export class BlockClubRsvpEntity {
  @PrimaryColumn({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => BlockClubActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'fk_block_club_rsvps_action' })
  action?: Relation<BlockClubActionEntity>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_block_club_rsvps_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 10 })
  response: RsvpResponse;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A request a club has taken up. */
@Entity({ name: 'block_club_adoptions' })
export class BlockClubAdoptionEntity {
  @PrimaryColumn({ name: 'club_id', type: 'uuid' })
  clubId: string;

  @ManyToOne(() => BlockClubEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'club_id', foreignKeyConstraintName: 'fk_block_club_adoptions_club' })
  club?: Relation<BlockClubEntity>;

  @Index('idx_block_club_adoptions_request')
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_block_club_adoptions_request' })
  request?: Relation<ServiceRequestEntity>;

  @Column({ name: 'adopted_by_id', type: 'uuid', nullable: true })
  adoptedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'adopted_by_id',
    foreignKeyConstraintName: 'fk_block_club_adoptions_adopted_by',
  })
  adoptedBy?: Relation<UserEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
