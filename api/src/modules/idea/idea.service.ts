/**
 * Improvement ideas, after Decidim's proposals and CONSUL's supports: a resident proposes a change
 * to a city service, neighbours vote, and the city answers in public.
 *
 * Terms: a *vote* is one account's support of one idea (never the author's own); the *review
 * threshold* is the number of votes that moves a PROPOSED idea to UNDER_REVIEW by itself, telling
 * the reviewers; *reviewers* are the staff of the idea's service's agency when it has a service,
 * every staff account otherwise, and admins always; an *official response* is the public text a
 * reviewer writes when setting the status, told to voters and followers. After each change of its
 * votes or status an idea's *topic* carries its id, so open idea pages update live.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  BadInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import type { PubSub } from '../../lib/pubsub.js';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { AreaService } from '../area/area.service.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { CommentService } from '../comment/comment.service.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationEntity } from '../notification/notification.entity.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { ServiceDefinitionService } from '../service-definition/service-definition.service.js';
import type { Actor } from '../user/actor.js';
import { isStaff, worksForAgency } from '../user/actor.js';
import type { IdeaEntity, IdeaStatus } from './idea.entity.js';
import type { IdeaFilter, IdeaOrder, IdeaPosition, IdeaRepository } from './idea.repository.js';
import { NOTIFY } from '../notification/notification.messages.js';

/** What the idea service needs. */
export interface IdeaDeps {
  dataSource: DataSource;
  repository: IdeaRepository;
  follows: FollowService;
  notifications: NotificationService;
  comments: CommentService;
  pubsub: PubSub;
  rateLimits: RateLimits;
  audit: AuditRepository;
  definitions: ServiceDefinitionService;
  areas: AreaService;
  reviewThreshold: number;
}

/** Title length bounds, in characters. */
export const IDEA_TITLE = { min: 5, max: 140 } as const;
/** Body length bounds, in characters. */
export const IDEA_BODY = { min: 20, max: 5000 } as const;
/** Longest official response. */
export const MAX_RESPONSE_LENGTH = 5000;
/** Statuses a reviewer may set (PROPOSED is where ideas start, never a response). */
export const RESPONSE_STATUSES: readonly IdeaStatus[] = [
  'UNDER_REVIEW',
  'PLANNED',
  'IMPLEMENTED',
  'DECLINED',
];
/** Statuses in which an idea takes no new votes: the outcome is decided. */
const CLOSED_STATUSES: readonly IdeaStatus[] = ['IMPLEMENTED', 'DECLINED'];

/** A new idea as proposed. */
export interface ProposeIdeaInput {
  title: string;
  body: string;
  serviceCode?: string | null;
  location?: { latitude: number; longitude: number } | null;
  areaId?: string | null;
}

/** Topic of one idea's changes (votes, status, official response); messages carry its id. */
export function ideaTopic(ideaId: string): string {
  return `idea:${ideaId}`;
}

/** What is published on an idea's topic after commit. */
export interface IdeaTopicMessage {
  id: string;
}

/** Whether the actor moderates content (sees hidden ideas). */
export function isModerator(actor: Actor): boolean {
  return actor.user?.role === 'MODERATOR' || actor.user?.role === 'ADMIN';
}

/** Idea rules. */
export class IdeaService {
  constructor(private readonly deps: IdeaDeps) {
    deps.follows.registerTarget('IDEA', async (actor, id) => (await this.get(actor, id)) !== null);
    deps.comments.registerTarget('IDEA', {
      assertCanComment: async (actor, targetId) => {
        const idea = await this.get(actor, targetId);
        if (!idea) throw new NotFoundError('Idea', targetId);
        if (idea.hiddenAt) throw new ForbiddenError('This idea was hidden by a moderator.');
      },
      canRead: async (actor, targetId) => (await this.get(actor, targetId)) !== null,
      afterAdd: (manager, comment, actor) => this.afterComment(manager, comment, actor),
      afterDelete: (manager, comment) =>
        deps.repository.dropCommentCount(manager, comment.targetId),
    });
  }

  /** The review threshold in force. */
  get reviewThreshold(): number {
    return this.deps.reviewThreshold;
  }

  /** One idea, or null when it does not exist. Hidden ideas are returned (presented as hidden). */
  async get(_actor: Actor, id: string): Promise<IdeaEntity | null> {
    return this.deps.repository.findById(id);
  }

  /** The area an idea was given for (or the ward of its location). */
  area(areaId: string) {
    return this.deps.areas.find(areaId);
  }

  /** Loader batch: ideas by id. */
  byIds(ids: readonly string[]): Promise<(IdeaEntity | null)[]> {
    return this.deps.repository.findByIds(ids);
  }

  /** Whether the actor may read a hidden idea's text: its author and moderators. */
  canSeeHidden(actor: Actor, idea: IdeaEntity): boolean {
    return isModerator(actor) || actor.user?.id === idea.authorId;
  }

  /** Proposes an idea; the author follows it. */
  async propose(actor: Actor, input: ProposeIdeaInput): Promise<IdeaEntity> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to propose an idea.');
    const user = actor.user;
    const title = input.title.trim().replace(/\s+/g, ' ');
    const body = input.body.replace(/\r\n/g, '\n').trim();
    const problems: FieldProblem[] = [];
    if (title.length < IDEA_TITLE.min || title.length > IDEA_TITLE.max) {
      problems.push({
        field: 'input.title',
        message: `must be ${IDEA_TITLE.min} to ${IDEA_TITLE.max} characters`,
      });
    }
    if (body.length < IDEA_BODY.min || body.length > IDEA_BODY.max) {
      problems.push({
        field: 'input.body',
        message: `must be ${IDEA_BODY.min} to ${IDEA_BODY.max} characters`,
      });
    }
    if (input.location && input.areaId) {
      problems.push({ field: 'input.areaId', message: 'give a location or an area, not both' });
    }
    let serviceDefinitionId: string | null = null;
    if (input.serviceCode) {
      const service = await this.deps.definitions.findByCode(input.serviceCode);
      if (!service) problems.push({ field: 'input.serviceCode', message: 'is not a service' });
      else serviceDefinitionId = service.id;
    }
    let areaId: string | null = input.areaId ?? null;
    if (areaId && !(await this.deps.areas.find(areaId))) {
      problems.push({ field: 'input.areaId', message: 'is not an area' });
    }
    if (input.location && !input.areaId) {
      const place = await this.deps.areas.locate(input.location.latitude, input.location.longitude);
      if (place.ward === null) {
        problems.push({ field: 'input.location', message: 'is outside the city' });
      } else {
        const areas = await this.deps.areas.forPlace(place.ward, null);
        areaId = areas.find((a) => a.kind === 'WARD')?.id ?? null;
      }
    }
    if (problems.length) throw new BadInputError(problems);
    await this.deps.rateLimits.consume('idea', user.id);
    const id = await this.deps.dataSource.transaction(async (manager) => {
      const id = await this.deps.repository.insert(manager, {
        title,
        body,
        authorId: user.id,
        serviceDefinitionId,
        location: input.location ?? null,
        areaId,
      });
      await this.deps.follows.followIn(manager, user.id, 'IDEA', id);
      return id;
    });
    return (await this.deps.repository.findById(id))!;
  }

  /**
   * Votes for an idea; idempotent. Voting also follows the idea. The vote that reaches the review
   * threshold moves a PROPOSED idea to UNDER_REVIEW and tells the reviewers and the author.
   */
  async vote(actor: Actor, ideaId: string): Promise<IdeaEntity> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to vote.');
    const user = actor.user;
    const idea = await this.get(actor, ideaId);
    if (!idea) throw new NotFoundError('Idea', ideaId);
    if (idea.authorId === user.id) {
      throw new BadInputError([{ field: 'input.id', message: 'is your own idea' }]);
    }
    if (idea.hiddenAt) {
      throw new BadInputError([{ field: 'input.id', message: 'was hidden by a moderator' }]);
    }
    if (CLOSED_STATUSES.includes(idea.status)) {
      throw new BadInputError([
        { field: 'input.id', message: `is ${idea.status.toLowerCase()}: voting is closed` },
      ]);
    }
    // read before the transaction: the embedded database's pool has one connection
    const agencyId = await this.agencyOf(idea);
    const outcome = await this.deps.dataSource.transaction(async (manager) => {
      await this.deps.repository.lock(manager, ideaId);
      await this.deps.follows.followIn(manager, user.id, 'IDEA', ideaId);
      if (!(await this.deps.repository.addVote(manager, ideaId, user.id))) {
        return { changed: false, notes: [] };
      }
      const count = await this.deps.repository.syncVoteCount(manager, ideaId);
      const current = (await this.deps.repository.findById(ideaId, manager))!;
      if (current.status !== 'PROPOSED' || count < this.deps.reviewThreshold) {
        return { changed: true, notes: [] };
      }
      await this.deps.repository.setStatus(manager, ideaId, 'UNDER_REVIEW');
      const recipients = new Set([
        ...(await this.deps.repository.reviewerIds(manager, agencyId)),
        current.authorId,
      ]);
      const notes = await this.deps.notifications.notify(
        manager,
        [...recipients].map((userId) => ({
          userId,
          kind: 'IDEA_UNDER_REVIEW' as const,
          targetType: 'IDEA',
          targetId: ideaId,
          title: NOTIFY.ideaUnderReview(current.title),
          body: NOTIFY.ideaUnderReviewBody(count),
        })),
        null,
      );
      return { changed: true, notes };
    });
    this.deps.notifications.publish(outcome.notes);
    if (outcome.changed) this.publishChange(ideaId);
    return (await this.deps.repository.findById(ideaId))!;
  }

  /** Takes a vote back; idempotent. The status does not go back below the threshold. */
  async unvote(actor: Actor, ideaId: string): Promise<IdeaEntity> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const idea = await this.get(actor, ideaId);
    if (!idea) throw new NotFoundError('Idea', ideaId);
    const changed = await this.deps.dataSource.transaction(async (manager) => {
      await this.deps.repository.lock(manager, ideaId);
      if (!(await this.deps.repository.removeVote(manager, ideaId, userId))) return false;
      await this.deps.repository.syncVoteCount(manager, ideaId);
      return true;
    });
    if (changed) this.publishChange(ideaId);
    return (await this.deps.repository.findById(ideaId))!;
  }

  /**
   * A reviewer sets the status with a public official response. Staff of the service's agency
   * (and admins) when the idea has a service; any staff or admin otherwise. Voters and followers
   * are told; the action is audit-logged.
   */
  async respond(
    actor: Actor,
    input: { id: string; status: IdeaStatus; response: string },
  ): Promise<IdeaEntity> {
    if (!actor.user) throw new UnauthenticatedError();
    const user = actor.user;
    if (!isStaff(actor)) throw new ForbiddenError('Only city staff answer ideas.');
    const idea = await this.get(actor, input.id);
    if (!idea) throw new NotFoundError('Idea', input.id);
    const agencyId = await this.agencyOf(idea);
    if (agencyId && !worksForAgency(actor, agencyId)) {
      throw new ForbiddenError("Only staff of the idea's service's agency answer it.");
    }
    const problems: FieldProblem[] = [];
    if (!RESPONSE_STATUSES.includes(input.status)) {
      problems.push({ field: 'input.status', message: 'must be a status other than PROPOSED' });
    }
    const text = input.response.replace(/\r\n/g, '\n').trim();
    if (text.length < 1 || text.length > MAX_RESPONSE_LENGTH) {
      problems.push({
        field: 'input.response',
        message: `must be 1 to ${MAX_RESPONSE_LENGTH} characters`,
      });
    }
    if (problems.length) throw new BadInputError(problems);
    const notes = await this.deps.dataSource.transaction(async (manager) => {
      await this.deps.repository.lock(manager, idea.id);
      await this.deps.repository.setStatus(manager, idea.id, input.status, {
        text,
        byId: user.id,
      });
      await this.deps.audit.record(manager, {
        actorId: user.id,
        action: 'idea.respond',
        targetType: 'IDEA',
        targetId: idea.id,
        data: { from: idea.status, to: input.status, response: text },
      });
      const recipients = new Set([
        ...(await this.deps.repository.voterIds(manager, idea.id)),
        ...(await this.deps.follows.followerIds(manager, 'IDEA', idea.id)),
      ]);
      return this.deps.notifications.notify(
        manager,
        [...recipients].map((userId) => ({
          userId,
          kind: 'IDEA_RESPONSE' as const,
          targetType: 'IDEA',
          targetId: idea.id,
          title: NOTIFY.ideaAnswered(idea.title, input.status),
          body: text.slice(0, 280),
        })),
        user.id,
      );
    });
    this.deps.notifications.publish(notes);
    this.publishChange(idea.id);
    return (await this.deps.repository.findById(idea.id))!;
  }

  /**
   * An idea's changes, live: yields the idea as it is after each change of its votes, status or
   * official response. Listening starts before this returns, so nothing published later is missed.
   */
  async live(actor: Actor, ideaId: string): Promise<AsyncGenerator<IdeaEntity>> {
    const live = this.deps.pubsub.subscribe<IdeaTopicMessage>([ideaTopic(ideaId)]);
    if (!(await this.get(actor, ideaId))) {
      live.close();
      throw new NotFoundError('Idea', ideaId);
    }
    const repository = this.deps.repository;
    return (async function* ideaChanges(): AsyncGenerator<IdeaEntity> {
      try {
        for await (const message of live) {
          const idea = await repository.findById(message.id);
          if (idea) yield idea;
        }
      } finally {
        live.close();
      }
    })();
  }

  /** Loader batch: which of these ideas the actor follows. */
  isFollowing(actor: Actor, ids: readonly string[]): Promise<boolean[]> {
    return this.deps.follows.isFollowing(actor, 'IDEA', ids);
  }

  /** The agency of the staff member who answered (null for an account without one). */
  responderAgencyId(userId: string): Promise<string | null> {
    return this.deps.repository.agencyIdOfUser(userId);
  }

  /**
   * A page of ideas. Hidden ideas are listed for moderators, and for their authors; others do not
   * see them in lists (their text is searchable otherwise).
   */
  list(
    actor: Actor,
    filter: IdeaFilter,
    order: IdeaOrder,
    first: number,
    after?: IdeaPosition,
  ): Promise<{ rows: IdeaEntity[]; totalCount: number; hasNextPage: boolean }> {
    if (order === 'NEW' && after?.kind === 'offset') {
      throw new BadInputError([{ field: 'after', message: 'is not a cursor of this order' }]);
    }
    if (order !== 'NEW' && after?.kind === 'keyset') {
      throw new BadInputError([{ field: 'after', message: 'is not a cursor of this order' }]);
    }
    return this.deps.repository.list({
      filter,
      order,
      first,
      after,
      seeHiddenOf: isModerator(actor) ? 'ALL' : (actor.user?.id ?? null),
    });
  }

  /** Loader batch: whether the actor voted for each idea. */
  async viewerHasVoted(actor: Actor, ids: readonly string[]): Promise<boolean[]> {
    if (!actor.user) return ids.map(() => false);
    const set = await this.deps.repository.votedAmong(actor.user.id, ids);
    return ids.map((id) => set.has(id));
  }

  /** Tells the idea's topic that it changed (after commit; moderation calls it too). */
  publishChange(ideaId: string): void {
    this.deps.pubsub.publish(ideaTopic(ideaId), { id: ideaId } satisfies IdeaTopicMessage);
  }

  /** The agency answering an idea: its service's, or null (any staff). */
  private async agencyOf(idea: IdeaEntity): Promise<string | null> {
    if (!idea.serviceDefinitionId) return null;
    const [service] = await this.deps.definitions.byIds([idea.serviceDefinitionId]);
    return service?.agencyId ?? null;
  }

  /** A comment on an idea: count it, the commenter follows, followers hear at most hourly. */
  private async afterComment(
    manager: EntityManager,
    comment: { targetId: string; authorId: string; body: string },
    actor: Actor,
  ): Promise<NotificationEntity[]> {
    await this.deps.repository.bumpCommentCount(manager, comment.targetId);
    await this.deps.follows.followIn(manager, comment.authorId, 'IDEA', comment.targetId);
    const idea = await this.deps.repository.findById(comment.targetId, manager);
    const title = idea?.title ?? null;
    const followers = await this.deps.follows.followerIds(manager, 'IDEA', comment.targetId);
    return this.deps.notifications.notify(
      manager,
      followers.map((userId) => ({
        userId,
        kind: 'COMMENTED' as const,
        targetType: 'IDEA',
        targetId: comment.targetId,
        title: NOTIFY.ideaComment(title),
        body: comment.body.slice(0, 140),
        coalesceKey: `COMMENTED:${comment.targetId}`,
        coalescedTitle: (n: number) => NOTIFY.ideaComments(n, title),
      })),
      actor.user?.id,
    );
  }
}
