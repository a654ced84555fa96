/**
 * What following and commenting mean for service requests and areas: who may, and what else
 * happens (follower and comment counts, a COMMENT event on the public timeline, notifications to
 * followers at most once an hour per request). Registered with the follow and comment services at
 * start-up, so those modules know nothing about requests.
 */
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../lib/errors.js';
import type { AreaService } from '../area/area.service.js';
import type { CommentService } from '../comment/comment.service.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { RequestEventEntity } from './service-request.entity.js';
import type { ServiceRequestRepository } from './service-request.repository.js';
import type { ServiceRequestService } from './service-request.service.js';
import { NOTIFY } from '../notification/notification.messages.js';

/** Registers requests and areas as follow targets and requests as comment targets. */
export function registerRequestTargets(deps: {
  dataSource: DataSource;
  follows: FollowService;
  comments: CommentService;
  notifications: NotificationService;
  serviceRequests: ServiceRequestService;
  requestRepository: ServiceRequestRepository;
  areas: AreaService;
}): void {
  const { follows, comments, notifications, serviceRequests, requestRepository, areas } = deps;
  follows.registerTarget(
    'REQUEST',
    async (actor, id) => (await serviceRequests.get(actor, { id })) !== null,
  );
  follows.registerTarget('AREA', async (_actor, id) => (await areas.find(id)) !== null);

  const events = new Map<string, RequestEventEntity>();
  comments.registerTarget('REQUEST', {
    async assertCanComment(actor, targetId) {
      if (!(await serviceRequests.get(actor, { id: targetId })))
        throw new NotFoundError('Service request', targetId);
    },
    async canRead(actor, targetId) {
      return (await serviceRequests.get(actor, { id: targetId })) !== null;
    },
    async afterAdd(manager, comment, actor) {
      const [row] = (await manager.query(
        `UPDATE service_requests SET comment_count = comment_count + 1 WHERE id = $1 RETURNING tracking_number`,
        [comment.targetId],
      )) as [{ tracking_number: string }][];
      const trackingNumber = row?.[0]?.tracking_number ?? '';
      const event = await requestRepository.insertEvent(manager, {
        requestId: comment.targetId,
        type: 'COMMENT',
        fromStatus: null,
        toStatus: null,
        text: null,
        visibility: 'PUBLIC',
        actorId: comment.authorId,
        at: comment.createdAt,
      });
      events.set(comment.id, event);
      await follows.followIn(manager, comment.authorId, 'REQUEST', comment.targetId);
      const followers = await follows.followerIds(manager, 'REQUEST', comment.targetId);
      return notifications.notify(
        manager,
        followers.map((userId) => ({
          userId,
          kind: 'COMMENTED' as const,
          targetType: 'REQUEST',
          targetId: comment.targetId,
          title: NOTIFY.requestComment(trackingNumber),
          body: comment.body.slice(0, 140),
          coalesceKey: `COMMENTED:${comment.targetId}`,
          coalescedTitle: (n: number) => NOTIFY.requestComments(n, trackingNumber),
        })),
        actor.user?.id,
      );
    },
    async afterDelete(manager, comment) {
      await manager.query(
        `UPDATE service_requests SET comment_count = greatest(comment_count - 1, 0) WHERE id = $1`,
        [comment.targetId],
      );
    },
    async afterCommit(comment) {
      const event = events.get(comment.id);
      events.delete(comment.id);
      const request = await requestRepository.findById(comment.targetId);
      if (event && request) await serviceRequests.publishAfterCommit(request, [event]);
    },
  });
}
