/** Block club rules (placeholder until the block-club module lands). */
import type { DataSource } from 'typeorm';
import type { PubSub } from '../../lib/pubsub.js';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { CommentService } from '../comment/comment.service.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { ServiceRequestService } from '../service-request/service-request.service.js';
import type { BlockClubRepository } from './block-club.repository.js';

/** What the block club service needs. */
export interface BlockClubDeps {
  dataSource: DataSource;
  repository: BlockClubRepository;
  follows: FollowService;
  notifications: NotificationService;
  comments: CommentService;
  pubsub: PubSub;
  rateLimits: RateLimits;
  audit: AuditRepository;
  serviceRequests: ServiceRequestService;
}

/** Block clubs. */
export class BlockClubService {
  constructor(readonly deps: BlockClubDeps) {}
}
