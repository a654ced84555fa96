/**
 * Media: photos attached to requests. Only re-encoded images are stored: EXIF (GPS above all) is
 * gone before the first byte reaches disk. The original upload is never kept.
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
import { ServiceRequestEntity } from '../service-request/service-request.entity.js';
import { UserEntity } from '../user/user.entity.js';

/** A stored, cleaned photo and its thumbnail. */
@Entity({ name: 'media' })
export class MediaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_media_owner' })
  owner?: Relation<UserEntity> | null;

  @Index('idx_media_request')
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_media_request' })
  request?: Relation<ServiceRequestEntity> | null;

  @Column({ name: 'content_type', type: 'varchar', length: 32 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ name: 'thumb_size_bytes', type: 'integer' })
  thumbSizeBytes: number;

  /** SHA-256 of the stored bytes; used as an ETag. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
