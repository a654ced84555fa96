/** Idea rules (placeholder until the idea module lands). */
import type { DataSource } from 'typeorm';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { AreaService } from '../area/area.service.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { CommentService } from '../comment/comment.service.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { ServiceDefinitionService } from '../service-definition/service-definition.service.js';
import type { IdeaRepository } from './idea.repository.js';

/** What the idea service needs. */
export interface IdeaDeps {
  dataSource: DataSource;
  repository: IdeaRepository;
  follows: FollowService;
  notifications: NotificationService;
  comments: CommentService;
  rateLimits: RateLimits;
  audit: AuditRepository;
  definitions: ServiceDefinitionService;
  areas: AreaService;
  reviewThreshold: number;
}

/** Ideas. */
export class IdeaService {
  constructor(readonly deps: IdeaDeps) {}
}
