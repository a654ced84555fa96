/**
 * The per-operation context, built by one function for HTTP and WebSocket alike: the actor, a
 * request id for logs, and fresh DataLoaders (never shared between operations or users).
 */
import type { Language } from '../lib/language.js';
import type { PubSub } from '../lib/pubsub.js';
import type { AreaService } from '../modules/area/area.service.js';
import type { BlockClubService } from '../modules/block-club/block-club.service.js';
import type { CommentService } from '../modules/comment/comment.service.js';
import type { IdeaService } from '../modules/idea/idea.service.js';
import type { NotificationService } from '../modules/notification/notification.service.js';
import type { ServiceRequestService } from '../modules/service-request/service-request.service.js';
import type { StaffQueueService } from '../modules/service-request/staff-queue.service.js';
import type { Actor } from '../modules/user/actor.js';
import type { Loaders } from './loaders.js';

/** Services that subscription `subscribe` functions (which have no resolver instance) reach. */
export interface ContextServices {
  serviceRequests: ServiceRequestService;
  staffQueue: StaffQueueService;
  areas: AreaService;
  pubsub: PubSub;
  comments: CommentService;
  notifications: NotificationService;
  blockClubs: BlockClubService;
  ideas: IdeaService;
}

/** What resolvers receive as `@Ctx()`. */
export interface GraphQLContext {
  actor: Actor;
  requestId: string;
  /** Language of catalogue text when a field is not asked for one (see `lib/language.ts`). */
  language: Language;
  loaders: Loaders;
  services: ContextServices;
  /** Present on HTTP: sets the session cookie. */
  setSessionCookie?: (token: string, expiresAt: Date) => void;
  /** Present on HTTP: clears the session cookie. */
  clearSessionCookie?: () => void;
}
