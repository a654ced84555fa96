/** Every TypeORM entity, listed explicitly (no globs: the same list works under tsx, vitest and tsc). */
import { AgencyEntity } from '../modules/agency/agency.entity.js';
import { ApiKeyEntity } from '../modules/api-key/api-key.entity.js';
import { AreaEntity } from '../modules/area/area.entity.js';
import { AuditLogEntity } from '../modules/audit/audit-log.entity.js';
import { MediaEntity } from '../modules/media/media.entity.js';
import {
  ServiceAttributeEntity,
  ServiceDefinitionEntity,
} from '../modules/service-definition/service-definition.entity.js';
import { IdempotencyKeyEntity } from '../modules/service-request/idempotency-key.entity.js';
import { Open311TokenEntity } from '../modules/service-request/open311-token.entity.js';
import { ReopenRequestEntity } from '../modules/service-request/reopen-request.entity.js';
import {
  BlockClubActionEntity,
  BlockClubAdoptionEntity,
  BlockClubEntity,
  BlockClubMemberEntity,
  BlockClubPostEntity,
  BlockClubRsvpEntity,
} from '../modules/block-club/block-club.entity.js';
import { CommentEntity } from '../modules/comment/comment.entity.js';
import { FollowEntity } from '../modules/follow/follow.entity.js';
import { IdeaEntity, IdeaVoteEntity } from '../modules/idea/idea.entity.js';
import { FlagEntity } from '../modules/moderation/flag.entity.js';
import { NotificationEntity, OutboxEntity } from '../modules/notification/notification.entity.js';
import { SupportEntity } from '../modules/support/support.entity.js';
import {
  RequestEventEntity,
  ServiceRequestEntity,
} from '../modules/service-request/service-request.entity.js';
import { SessionEntity, UserEntity } from '../modules/user/user.entity.js';
import {
  SmsConversationEntity,
  SmsOptOutEntity,
  SmsOutboxEntity,
  SmsSubscriptionEntity,
} from '../modules/sms/sms.entity.js';
import {
  EmailOutboxEntity,
  EmailSubscriptionEntity,
} from '../modules/reporter-updates/reporter-updates.entity.js';
import { WebhookDeliveryEntity, WebhookEntity } from '../modules/webhook/webhook.entity.js';

export const ENTITIES = [
  AreaEntity,
  AgencyEntity,
  ServiceDefinitionEntity,
  ServiceAttributeEntity,
  ServiceRequestEntity,
  RequestEventEntity,
  IdempotencyKeyEntity,
  MediaEntity,
  UserEntity,
  SessionEntity,
  ApiKeyEntity,
  AuditLogEntity,
  Open311TokenEntity,
  SupportEntity,
  FollowEntity,
  CommentEntity,
  NotificationEntity,
  OutboxEntity,
  ReopenRequestEntity,
  BlockClubEntity,
  BlockClubMemberEntity,
  BlockClubPostEntity,
  BlockClubActionEntity,
  BlockClubRsvpEntity,
  BlockClubAdoptionEntity,
  IdeaEntity,
  IdeaVoteEntity,
  FlagEntity,
  SmsConversationEntity,
  SmsOptOutEntity,
  SmsSubscriptionEntity,
  SmsOutboxEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  EmailSubscriptionEntity,
  EmailOutboxEntity,
];
