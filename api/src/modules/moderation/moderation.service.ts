/** Moderation rules (placeholder until the moderation module lands). */
import type { DataSource } from 'typeorm';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { CommentService } from '../comment/comment.service.js';
import type { ModerationRepository } from './moderation.repository.js';

/** What the moderation service needs. */
export interface ModerationDeps {
  dataSource: DataSource;
  repository: ModerationRepository;
  comments: CommentService;
  rateLimits: RateLimits;
  audit: AuditRepository;
  hideThreshold: number;
}

/** Moderation. */
export class ModerationService {
  constructor(readonly deps: ModerationDeps) {}
}
