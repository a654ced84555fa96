/**
 * DataLoaders, created fresh for every operation so nothing is cached across users or events.
 * They batch the N+1 lookups of lists (service, agency, timeline, photos of 100 requests = 4 queries).
 */
import DataLoader from 'dataloader';
import type { AgencyEntity } from '../modules/agency/agency.entity.js';
import type { AreaKind } from '../modules/area/area.entity.js';
import { presentMedia } from '../modules/media/media.presenter.js';
import type { ServiceDefinitionEntity } from '../modules/service-definition/service-definition.entity.js';
import type {
  RequestEventEntity,
  ServiceRequestEntity,
} from '../modules/service-request/service-request.entity.js';
import type { Media } from '../modules/service-request/service-request.type.js';
import type { Actor } from '../modules/user/actor.js';
import type { CommentEntity } from '../modules/comment/comment.entity.js';
import type { ReopenRequestEntity } from '../modules/service-request/reopen-request.entity.js';
import type { Services } from '../services.js';

/** The loaders of one operation. */
export interface Loaders {
  serviceDefinition: DataLoader<string, ServiceDefinitionEntity | null>;
  agency: DataLoader<string, AgencyEntity | null>;
  serviceRequest: DataLoader<string, ServiceRequestEntity | null>;
  timeline: DataLoader<string, RequestEventEntity[]>;
  media: DataLoader<string, Media[]>;
  openCount: DataLoader<{ kind: AreaKind; number: number }, number, string>;
  /** Public display names of accounts (comment authors and the like). */
  userName: DataLoader<string, string | null>;
  replies: DataLoader<string, CommentEntity[]>;
  viewerSupports: DataLoader<string, boolean>;
  viewerFollowsRequest: DataLoader<string, boolean>;
  pendingReopen: DataLoader<string, ReopenRequestEntity | null>;
  /** Whether the viewer voted for each idea. */
  viewerVotes: DataLoader<string, boolean>;
}

/** What the loaders read through. */
export type LoaderServices = Pick<
  Services,
  | 'definitions'
  | 'serviceRequests'
  | 'media'
  | 'areas'
  | 'comments'
  | 'supports'
  | 'follows'
  | 'merges'
  | 'ideas'
>;

/** New loaders for one operation of one actor. */
export function createLoaders(actor: Actor, s: LoaderServices): Loaders {
  return {
    serviceDefinition: new DataLoader((ids) => s.definitions.byIds(ids)),
    agency: new DataLoader((ids) => s.definitions.agenciesByIds(ids)),
    serviceRequest: new DataLoader((ids) => s.serviceRequests.byIds(ids)),
    timeline: new DataLoader((ids) => s.serviceRequests.timelines(actor, ids)),
    media: new DataLoader(async (ids) =>
      (await s.media.byRequestIds(ids)).map((list) => list.map(presentMedia)),
    ),
    openCount: new DataLoader((areas) => s.areas.openCounts(areas), {
      cacheKeyFn: (a) => `${a.kind}:${a.number}`,
    }),
    userName: new DataLoader((ids) => s.comments.authorNames(ids)),
    replies: new DataLoader((ids) => s.comments.replies(ids)),
    viewerSupports: new DataLoader((ids) => s.supports.viewerHasSupported(actor, ids)),
    viewerFollowsRequest: new DataLoader((ids) => s.follows.isFollowing(actor, 'REQUEST', ids)),
    pendingReopen: new DataLoader((ids) => s.merges.pendingReopenFor(ids)),
    viewerVotes: new DataLoader((ids) => s.ideas.viewerHasVoted(actor, ids)),
  };
}
