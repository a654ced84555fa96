/**
 * Composition of repositories and services: one place that wires the object graph, used by the
 * server, the CLI and the tests alike.
 */
import type { DataSource } from 'typeorm';
import { WebhookRepository } from './modules/webhook/webhook.repository.js';
import { WebhookService } from './modules/webhook/webhook.service.js';
import type { PubSub } from './lib/pubsub.js';
import { RateLimits } from './lib/rate-limits.js';
import { BlockClubRepository } from './modules/block-club/block-club.repository.js';
import { BlockClubService } from './modules/block-club/block-club.service.js';
import { CommentRepository } from './modules/comment/comment.repository.js';
import { CommentService } from './modules/comment/comment.service.js';
import { FollowRepository } from './modules/follow/follow.repository.js';
import { FollowService } from './modules/follow/follow.service.js';
import { IdeaRepository } from './modules/idea/idea.repository.js';
import { IdeaService } from './modules/idea/idea.service.js';
import { ModerationRepository } from './modules/moderation/moderation.repository.js';
import { ModerationService } from './modules/moderation/moderation.service.js';
import { NotificationRepository } from './modules/notification/notification.repository.js';
import { NotificationService } from './modules/notification/notification.service.js';
import { RequestMergeRepository } from './modules/service-request/request-merge.repository.js';
import { RequestMergeService } from './modules/service-request/request-merge.service.js';
import { registerRequestTargets } from './modules/service-request/request-targets.js';
import { SupportRepository } from './modules/support/support.repository.js';
import { SupportService } from './modules/support/support.service.js';
import { ApiKeyRepository } from './modules/api-key/api-key.repository.js';
import { ApiKeyService } from './modules/api-key/api-key.service.js';
import { AreaRepository } from './modules/area/area.repository.js';
import { AreaService } from './modules/area/area.service.js';
import { AuditRepository } from './modules/audit/audit.repository.js';
import { MediaRepository } from './modules/media/media.repository.js';
import { MediaService } from './modules/media/media.service.js';
import { FileMediaStorage } from './modules/media/media.storage.js';
import { ServiceDefinitionRepository } from './modules/service-definition/service-definition.repository.js';
import { ServiceDefinitionService } from './modules/service-definition/service-definition.service.js';
import { ServiceRequestRepository } from './modules/service-request/service-request.repository.js';
import { ServiceRequestService } from './modules/service-request/service-request.service.js';
import { StaffQueueRepository } from './modules/service-request/staff-queue.repository.js';
import { StaffQueueService } from './modules/service-request/staff-queue.service.js';
import { UserRepository } from './modules/user/user.repository.js';
import { UserService } from './modules/user/user.service.js';
import { AccountRepository } from './modules/user/account.repository.js';
import { AccountService } from './modules/user/account.service.js';
import { AgencyRepository } from './modules/agency/agency.repository.js';
import { AgencyService } from './modules/agency/agency.service.js';
import { CatalogueAdminRepository } from './modules/service-definition/catalogue-admin.repository.js';
import { CatalogueAdminService } from './modules/service-definition/catalogue-admin.service.js';
import { ExportRepository } from './modules/stats/export.repository.js';
import { ExportService } from './modules/stats/export.service.js';
import { StatsRepository } from './modules/stats/stats.repository.js';
import { StatsService } from './modules/stats/stats.service.js';
import { createGeocoder } from './modules/geocoder/geocoder.js';
import type { Geocoder, GeocoderSettings } from './modules/geocoder/geocoder.js';
import { GeocoderRepository } from './modules/geocoder/geocoder.repository.js';
import { GeocoderService } from './modules/geocoder/geocoder.service.js';
import { SmsConversationService } from './modules/sms/sms-conversation.service.js';
import { SmsDeliveryService } from './modules/sms/sms-delivery.service.js';
import { SmsRepository } from './modules/sms/sms.repository.js';
import { ReporterUpdatesRepository } from './modules/reporter-updates/reporter-updates.repository.js';
import { ReporterUpdatesService } from './modules/reporter-updates/reporter-updates.service.js';

/** Every service of the process. */
export interface Services {
  dataSource: DataSource;
  pubsub: PubSub;
  definitions: ServiceDefinitionService;
  areas: AreaService;
  media: MediaService;
  serviceRequests: ServiceRequestService;
  staffQueue: StaffQueueService;
  users: UserService;
  accounts: AccountService;
  agencies: AgencyService;
  catalogueAdmin: CatalogueAdminService;
  apiKeys: ApiKeyService;
  rateLimits: RateLimits;
  notifications: NotificationService;
  follows: FollowService;
  comments: CommentService;
  supports: SupportService;
  merges: RequestMergeService;
  blockClubs: BlockClubService;
  ideas: IdeaService;
  moderation: ModerationService;
  stats: StatsService;
  exports: ExportService;
  geocoder: Geocoder;
  /** Typed places for people (the report form), with their ward. */
  geocoding: GeocoderService;
  sms: SmsConversationService;
  smsDelivery: SmsDeliveryService;
  /** E-mail and text updates for reporters without an account. */
  reporterUpdates: ReporterUpdatesService;
  webhooks: WebhookService;
}

/** Tunable numbers of the neighbour features. */
export interface ServiceOptions {
  mediaDir: string;
  /** Votes that move an idea to UNDER_REVIEW (default 25). */
  ideaReviewThreshold?: number;
  /** Distinct flags that hide content until a moderator decides (default 3). */
  flagHideThreshold?: number;
  /** Per-account limits (tests lower them). */
  rateLimits?: RateLimits;
  /** "Now" for completion estimates and on-time figures (tests fix it; default the wall clock). */
  clock?: () => Date;
  /** Seconds a dashboard figure is served from memory (0: always computed). */
  statsCacheSeconds?: number;
  /** Geocoding server (unset: the built-in offline geocoder over Stoop's own addresses). */
  geocoder?: GeocoderSettings;
  /** Signs unsubscribe links (default: random per process). */
  unsubscribeSecret?: string;
  /** Public origin of the site, for links in e-mails and texts (default http://localhost:4000). */
  publicUrl?: string;
}

/** Wires repositories and services over one DataSource and one pub/sub. */
export function createServices(
  dataSource: DataSource,
  pubsub: PubSub,
  options: ServiceOptions,
): Services {
  const audit = new AuditRepository();
  const definitions = new ServiceDefinitionService(new ServiceDefinitionRepository(dataSource));
  const areas = new AreaService(new AreaRepository(dataSource));
  const media = new MediaService(
    new MediaRepository(dataSource),
    new FileMediaStorage(options.mediaDir),
  );
  const notifications = new NotificationService(
    dataSource,
    new NotificationRepository(dataSource),
    pubsub,
    options.unsubscribeSecret,
    options.clock,
  );
  const follows = new FollowService(dataSource, new FollowRepository(dataSource));
  const requestRepository = new ServiceRequestRepository(dataSource);
  const smsRepository = new SmsRepository(dataSource);
  const smsDelivery = new SmsDeliveryService(dataSource, smsRepository);
  const reporterUpdates = new ReporterUpdatesService(
    dataSource,
    new ReporterUpdatesRepository(dataSource),
    (options.publicUrl ?? 'http://localhost:4000').replace(/\/$/, ''),
  );
  const stats = new StatsService(
    new StatsRepository(dataSource),
    definitions,
    areas,
    options.clock,
    options.statsCacheSeconds ?? 0,
  );
  const serviceRequests = new ServiceRequestService(
    dataSource,
    requestRepository,
    definitions,
    areas,
    media,
    audit,
    pubsub,
    follows,
    notifications,
    stats,
    reporterUpdates,
  );
  const geocoder = createGeocoder(dataSource, options.geocoder);
  const users = new UserService(dataSource, new UserRepository(dataSource));
  const apiKeys = new ApiKeyService(dataSource, new ApiKeyRepository(dataSource), audit);
  const rateLimits = options.rateLimits ?? new RateLimits();
  const comments = new CommentService(
    dataSource,
    new CommentRepository(dataSource),
    notifications,
    pubsub,
    rateLimits,
  );
  registerRequestTargets({
    dataSource,
    follows,
    comments,
    notifications,
    serviceRequests,
    requestRepository,
    areas,
  });
  const supportRepository = new SupportRepository(dataSource);
  const supports = new SupportService(
    dataSource,
    supportRepository,
    serviceRequests,
    requestRepository,
    follows,
    notifications,
  );
  const merges = new RequestMergeService(
    dataSource,
    new RequestMergeRepository(),
    serviceRequests,
    requestRepository,
    supportRepository,
    follows,
    notifications,
    audit,
    reporterUpdates,
  );
  const blockClubs = new BlockClubService({
    dataSource,
    repository: new BlockClubRepository(dataSource),
    follows,
    notifications,
    comments,
    pubsub,
    rateLimits,
    audit,
    serviceRequests,
  });
  const ideas = new IdeaService({
    dataSource,
    repository: new IdeaRepository(dataSource),
    follows,
    notifications,
    comments,
    pubsub,
    rateLimits,
    audit,
    definitions,
    areas,
    reviewThreshold: options.ideaReviewThreshold ?? 25,
  });
  const moderation = new ModerationService({
    dataSource,
    repository: new ModerationRepository(dataSource),
    comments,
    rateLimits,
    audit,
    hideThreshold: options.flagHideThreshold ?? 3,
    onVisibilityChange: (type, id) => {
      if (type === 'IDEA') ideas.publishChange(id);
    },
  });
  return {
    dataSource,
    pubsub,
    definitions,
    areas,
    media,
    serviceRequests,
    staffQueue: new StaffQueueService(
      dataSource,
      new StaffQueueRepository(dataSource),
      requestRepository,
      serviceRequests,
      audit,
      notifications,
      options.clock,
    ),
    users,
    accounts: new AccountService(dataSource, new AccountRepository(dataSource), audit),
    agencies: new AgencyService(new AgencyRepository(dataSource)),
    catalogueAdmin: new CatalogueAdminService(
      dataSource,
      new CatalogueAdminRepository(dataSource),
      audit,
    ),
    apiKeys,
    rateLimits,
    notifications,
    follows,
    comments,
    supports,
    merges,
    blockClubs,
    ideas,
    moderation,
    stats,
    exports: new ExportService(new ExportRepository(dataSource)),
    geocoder,
    geocoding: new GeocoderService(geocoder, areas, new GeocoderRepository(dataSource)),
    sms: new SmsConversationService(smsRepository, definitions, serviceRequests, areas, geocoder),
    smsDelivery,
    reporterUpdates,
    webhooks: new WebhookService(new WebhookRepository(dataSource)),
  };
}
