/**
 * Co-signing ("me too"): a neighbour adds their weight to a request instead of filing a duplicate.
 * One support per account per request; supporting also follows; the timeline gets a public
 * SUPPORTED event that names the supporter only if they chose so; followers are told at most once
 * an hour per request ("5 neighbours co-signed").
 */
import type { DataSource } from 'typeorm';
import { BadInputError, NotFoundError, UnauthenticatedError } from '../../lib/errors.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { ServiceRequestRepository } from '../service-request/service-request.repository.js';
import type { ServiceRequestEntity } from '../service-request/service-request.entity.js';
import type { ServiceRequestService } from '../service-request/service-request.service.js';
import type { Actor } from '../user/actor.js';
import type { SupportRepository } from './support.repository.js';
import { NOTIFY } from '../notification/notification.messages.js';

/** Support rules. */
export class SupportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SupportRepository,
    private readonly requests: ServiceRequestService,
    private readonly requestRepository: ServiceRequestRepository,
    private readonly follows: FollowService,
    private readonly notifications: NotificationService,
  ) {}

  /** Co-signs an open request. Idempotent: a second support changes nothing. */
  async support(actor: Actor, requestId: string, showName: boolean): Promise<ServiceRequestEntity> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to co-sign a request.');
    const user = actor.user;
    const visible = await this.requests.get(actor, { id: requestId });
    if (!visible) throw new NotFoundError('Service request', requestId);
    if (visible.status === 'CLOSED') {
      throw new BadInputError([
        { field: 'input.id', message: 'is closed; ask to reopen it instead (requestReopen)' },
      ]);
    }
    if (visible.reporterId === user.id) {
      throw new BadInputError([{ field: 'input.id', message: 'is your own request' }]);
    }
    const result = await this.dataSource.transaction(async (manager) => {
      const request = await this.requestRepository.lockById(manager, requestId);
      if (!request) throw new NotFoundError('Service request', requestId);
      const added = await this.repository.add(manager, user.id, requestId, showName);
      await this.follows.followIn(manager, user.id, 'REQUEST', requestId);
      if (!added) return { request, events: [], notes: [] };
      const count = await this.repository.syncCount(manager, requestId);
      const event = await this.requestRepository.insertEvent(manager, {
        requestId,
        type: 'SUPPORTED',
        fromStatus: null,
        toStatus: null,
        text: showName ? `${user.displayName} co-signed` : 'A neighbour co-signed',
        visibility: 'PUBLIC',
        actorId: user.id,
        at: new Date(),
      });
      const followers = await this.follows.followerIds(manager, 'REQUEST', requestId);
      const notes = await this.notifications.notify(
        manager,
        followers.map((userId) => ({
          userId,
          kind: 'SUPPORTED' as const,
          targetType: 'REQUEST',
          targetId: requestId,
          title: NOTIFY.supported(request.trackingNumber),
          coalesceKey: `SUPPORTED:${requestId}`,
          coalescedTitle: (n: number) => NOTIFY.supportedMany(n, request.trackingNumber),
        })),
        user.id,
      );
      return { request: { ...request, supportCount: count }, events: [event], notes };
    });
    await this.requests.publishAfterCommit(result.request, result.events);
    this.notifications.publish(result.notes);
    return result.request;
  }

  /** Withdraws a support (the follow stays: unfollow separately). */
  async withdraw(actor: Actor, requestId: string): Promise<ServiceRequestEntity> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const visible = await this.requests.get(actor, { id: requestId });
    if (!visible) throw new NotFoundError('Service request', requestId);
    return this.dataSource.transaction(async (manager) => {
      await this.repository.remove(manager, userId, requestId);
      const count = await this.repository.syncCount(manager, requestId);
      return { ...visible, supportCount: count };
    });
  }

  /** Loader batch: whether the actor supports each request. */
  async viewerHasSupported(actor: Actor, requestIds: readonly string[]): Promise<boolean[]> {
    if (!actor.user) return requestIds.map(() => false);
    const set = await this.repository.supportedAmong(actor.user.id, requestIds);
    return requestIds.map((id) => set.has(id));
  }
}
