/** Builds the GraphQL schema from the resolver classes, constructed with their services. */
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { ContainerType, ResolverData } from 'type-graphql';
import type { PubSub } from '../lib/pubsub.js';
import { ApiKeyResolver } from '../modules/api-key/api-key.resolver.js';
import { BlockClubResolver } from '../modules/block-club/block-club.resolver.js';
import { CommentResolver } from '../modules/comment/comment.resolver.js';
import { FollowResolver } from '../modules/follow/follow.resolver.js';
import { GeocoderResolver } from '../modules/geocoder/geocoder.resolver.js';
import { IdeaResolver, OfficialResponseResolver } from '../modules/idea/idea.resolver.js';
import { ModerationResolver } from '../modules/moderation/moderation.resolver.js';
import { NotificationResolver } from '../modules/notification/notification.resolver.js';
import { RequestMergeResolver } from '../modules/service-request/request-merge.resolver.js';
import { SupportResolver } from '../modules/support/support.resolver.js';
import { AreaResolver } from '../modules/area/area.resolver.js';
import {
  ServiceAttributeResolver,
  ServiceDefinitionResolver,
} from '../modules/service-definition/service-definition.resolver.js';
import { ServiceRequestResolver } from '../modules/service-request/service-request.resolver.js';
import { StaffQueueResolver } from '../modules/service-request/staff-queue.resolver.js';
import { UserResolver } from '../modules/user/user.resolver.js';
import { AccountResolver } from '../modules/user/account.resolver.js';
import { AgencyResolver } from '../modules/agency/agency.resolver.js';
import { CatalogueAdminResolver } from '../modules/service-definition/catalogue-admin.resolver.js';
import { StatsResolver } from '../modules/stats/stats.resolver.js';
import { WebhookResolver } from '../modules/webhook/webhook.resolver.js';
import type { Services } from '../services.js';
import { NodeResolver, NotificationTargetResolver } from './node.resolver.js';

/** Every resolver class. */
export const RESOLVERS = [
  NodeResolver,
  NotificationTargetResolver,
  ServiceDefinitionResolver,
  ServiceAttributeResolver,
  AreaResolver,
  ServiceRequestResolver,
  StaffQueueResolver,
  UserResolver,
  AccountResolver,
  AgencyResolver,
  CatalogueAdminResolver,
  ApiKeyResolver,
  SupportResolver,
  FollowResolver,
  CommentResolver,
  NotificationResolver,
  RequestMergeResolver,
  BlockClubResolver,
  IdeaResolver,
  OfficialResponseResolver,
  ModerationResolver,
  StatsResolver,
  WebhookResolver,
  GeocoderResolver,
] as const;

/** A tiny container: resolvers are singletons built with the services they need (no DI library). */
function container(services: Services): ContainerType {
  const nodes = new NodeResolver(
    services.serviceRequests,
    services.areas,
    services.blockClubs,
    services.ideas,
  );
  const instances = new Map<unknown, unknown>([
    [NodeResolver, nodes],
    [NotificationTargetResolver, new NotificationTargetResolver(nodes)],
    [ServiceDefinitionResolver, new ServiceDefinitionResolver(services.definitions)],
    [ServiceAttributeResolver, new ServiceAttributeResolver()],
    [AreaResolver, new AreaResolver(services.areas)],
    [ServiceRequestResolver, new ServiceRequestResolver(services.serviceRequests)],
    [StaffQueueResolver, new StaffQueueResolver(services.staffQueue, services.serviceRequests)],
    [UserResolver, new UserResolver(services.users)],
    [AccountResolver, new AccountResolver(services.accounts)],
    [AgencyResolver, new AgencyResolver(services.agencies)],
    [CatalogueAdminResolver, new CatalogueAdminResolver(services.catalogueAdmin)],
    [ApiKeyResolver, new ApiKeyResolver(services.apiKeys)],
    [
      SupportResolver,
      new SupportResolver(services.supports, services.serviceRequests, services.comments),
    ],
    [FollowResolver, new FollowResolver(services.follows)],
    [CommentResolver, new CommentResolver(services.comments)],
    [NotificationResolver, new NotificationResolver(services.notifications)],
    [RequestMergeResolver, new RequestMergeResolver(services.merges, services.serviceRequests)],
    [BlockClubResolver, new BlockClubResolver(services.blockClubs, services.serviceRequests)],
    [IdeaResolver, new IdeaResolver(services.ideas, services.comments)],
    [OfficialResponseResolver, new OfficialResponseResolver(services.ideas)],
    [ModerationResolver, new ModerationResolver(services.moderation)],
    [StatsResolver, new StatsResolver(services.stats)],
    [WebhookResolver, new WebhookResolver(services.webhooks)],
    [GeocoderResolver, new GeocoderResolver(services.geocoding)],
  ]);
  return {
    get(someClass: unknown, _data: ResolverData<object>) {
      const instance = instances.get(someClass);
      if (!instance) throw new Error(`no resolver instance for ${String(someClass)}`);
      return instance;
    },
  };
}

/** Adapts Stoop's pub/sub to type-graphql's interface (subscriptions here use custom `subscribe`). */
function typeGraphqlPubSub(pubsub: PubSub) {
  return {
    publish: (topic: string, payload: unknown) => pubsub.publish(topic, payload),
    subscribe: (topic: string) => pubsub.subscribe([topic]),
  };
}

/** Builds the executable schema; `emitTo` writes the sorted SDL there. */
export async function buildStoopSchema(
  services: Services,
  options: { emitTo?: string } = {},
): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    container: container(services),
    pubSub: typeGraphqlPubSub(services.pubsub),
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    emitSchemaFile: options.emitTo ? { path: options.emitTo, sortedSchema: true } : false,
  });
}
