/**
 * Terminology: an Open311 token is what `POST requests` returns for a `batch` service instead of a
 * tracking number; a client later trades it for the tracking number at `GET tokens/{token}`.
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
import type { Relation } from 'typeorm';
import { ApiKeyEntity } from '../api-key/api-key.entity.js';
import { ServiceRequestEntity } from './service-request.entity.js';

/** A token handed to an Open311 client for a request of a `batch` service. */
@Entity({ name: 'open311_tokens' })
export class Open311TokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  token: string;

  @Index('idx_open311_tokens_request')
  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_open311_tokens_request' })
  request?: Relation<ServiceRequestEntity>;

  @Index('idx_open311_tokens_api_key')
  @Column({ name: 'api_key_id', type: 'uuid' })
  apiKeyId: string;

  @ManyToOne(() => ApiKeyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_open311_tokens_api_key' })
  apiKey?: Relation<ApiKeyEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
