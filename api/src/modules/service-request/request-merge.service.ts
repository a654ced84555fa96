/**
 * Duplicates and reopening. Staff merge a duplicate into its original: the duplicate closes as
 * DUPLICATE, its supporters and followers move to the original, both timelines say so, and the
 * followers are told. A reporter or supporter of a closed request may ask to reopen it with a reason;
 * staff accept (the request reopens) or refuse, in public, and both steps are timeline events.
 */
import type { ReporterUpdatesService } from '../reporter-updates/reporter-updates.service.js';
import type { DataSource } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationEntity } from '../notification/notification.entity.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { SupportRepository } from '../support/support.repository.js';
import type { Actor } from '../user/actor.js';
import { isStaff, worksForAgency } from '../user/actor.js';
import type { ReopenRequestEntity } from './reopen-request.entity.js';
import type { RequestMergeRepository } from './request-merge.repository.js';
import type { RequestEventEntity, ServiceRequestEntity } from './service-request.entity.js';
import type { ServiceRequestRepository } from './service-request.repository.js';
import type { ServiceRequestService } from './service-request.service.js';
import { NOTIFY } from '../notification/notification.messages.js';

/** Merge and reopen rules. */
export class RequestMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RequestMergeRepository,
    private readonly requests: ServiceRequestService,
    private readonly requestRepository: ServiceRequestRepository,
    private readonly supports: SupportRepository,
    private readonly follows: FollowService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditRepository,
    private readonly updates?: ReporterUpdatesService,
  ) {}

  /** Loader batch: the pending request to reopen of each service request. */
  async pendingReopenFor(requestIds: readonly string[]): Promise<(ReopenRequestEntity | null)[]> {
    const rows = await this.repository.pendingFor(requestIds, this.dataSource.manager);
    return requestIds.map((id) => rows.find((r) => r.requestId === id) ?? null);
  }

  /** Staff close `duplicateId` as a duplicate of `originalId` and move its people over. */
  async markDuplicate(
    actor: Actor,
    duplicateId: string,
    originalId: string,
  ): Promise<{ duplicate: ServiceRequestEntity; original: ServiceRequestEntity }> {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isStaff(actor)) throw new ForbiddenError('Only city staff can merge duplicates.');
    if (duplicateId === originalId) {
      throw new BadInputError([
        { field: 'input.duplicateOfId', message: 'must be another request' },
      ]);
    }
    const userId = actor.user.id;
    const out = await this.dataSource.transaction(async (manager) => {
      // lock in a fixed order so two merges cannot deadlock
      const [a, b] = [duplicateId, originalId].sort();
      const first = await this.requestRepository.lockById(manager, a!);
      const second = await this.requestRepository.lockById(manager, b!);
      const duplicate = first?.id === duplicateId ? first : second;
      let original = first?.id === originalId ? first : second;
      if (!duplicate) throw new NotFoundError('Service request', duplicateId);
      if (!original) throw new NotFoundError('Service request', originalId);
      if (!worksForAgency(actor, duplicate.agencyId)) {
        throw new ForbiddenError("Only staff of the duplicate's agency can merge it.");
      }
      if (duplicate.detailedStatus === 'DUPLICATE') {
        throw new ConflictError('This request is already closed as a duplicate.');
      }
      if (original.duplicateOfId) {
        // merge into the root of the chain, never into another duplicate
        original =
          (await this.requestRepository.findById(original.duplicateOfId, manager)) ?? original;
        if (original.id === duplicate.id) {
          throw new BadInputError([
            { field: 'input.duplicateOfId', message: 'is itself a duplicate of this request' },
          ]);
        }
      }
      const now = new Date();
      const followersBefore = await this.follows.followerIds(manager, 'REQUEST', duplicate.id);
      await this.repository.closeAsDuplicate(manager, duplicate.id, original.id, now);
      await this.repository.repointDuplicates(manager, duplicate.id, original.id);
      const movedSupports = await this.supports.move(manager, duplicate.id, original.id);
      await this.supports.syncCount(manager, duplicate.id);
      await this.supports.syncCount(manager, original.id);
      await this.follows.moveRequestFollowers(manager, duplicate.id, original.id);
      if (duplicate.reporterId)
        await this.follows.followIn(manager, duplicate.reporterId, 'REQUEST', original.id);
      const dupEvents: RequestEventEntity[] = [
        await this.requestRepository.insertEvent(manager, {
          requestId: duplicate.id,
          type: 'MERGED',
          fromStatus: duplicate.detailedStatus,
          toStatus: 'DUPLICATE',
          text: `Closed as a duplicate of ${original.trackingNumber}; follow that request for updates.`,
          visibility: 'PUBLIC',
          actorId: userId,
          at: now,
        }),
      ];
      const origEvents: RequestEventEntity[] = [
        await this.requestRepository.insertEvent(manager, {
          requestId: original.id,
          type: 'MERGED',
          fromStatus: null,
          toStatus: null,
          text: `${duplicate.trackingNumber} was merged into this request (${movedSupports} co-signature${movedSupports === 1 ? '' : 's'} moved).`,
          visibility: 'PUBLIC',
          actorId: userId,
          at: now,
        }),
      ];
      await this.updates?.requestMerged(manager, duplicate, original);
      const notes = await this.notifications.notify(
        manager,
        followersBefore.map((id) => ({
          userId: id,
          kind: 'MERGED' as const,
          targetType: 'REQUEST',
          targetId: original!.id,
          title: NOTIFY.merged(duplicate.trackingNumber, original!.trackingNumber),
          body: NOTIFY.mergedBody,
        })),
        userId,
      );
      await this.audit.record(manager, {
        actorId: userId,
        action: 'request.mark_duplicate',
        targetType: 'ServiceRequest',
        targetId: duplicate.id,
        data: { originalId: original.id },
      });
      const dup = (await this.requestRepository.findById(duplicate.id, manager))!;
      const orig = (await this.requestRepository.findById(original.id, manager))!;
      return { dup, orig, dupEvents, origEvents, notes };
    });
    await this.requests.publishAfterCommit(out.dup, out.dupEvents);
    await this.requests.publishAfterCommit(out.orig, out.origEvents);
    this.notifications.publish(out.notes);
    return { duplicate: out.dup, original: out.orig };
  }

  /** The reporter or a supporter asks to reopen a closed request. */
  async requestReopen(
    actor: Actor,
    requestId: string,
    reason: string,
  ): Promise<ReopenRequestEntity> {
    if (!actor.user) throw new UnauthenticatedError();
    const user = actor.user;
    const text = reason.trim();
    if (text.length < 5 || text.length > 1000) {
      throw new BadInputError([
        { field: 'input.reason', message: 'must be 5 to 1,000 characters' },
      ]);
    }
    const visible = await this.requests.get(actor, { id: requestId });
    if (!visible) throw new NotFoundError('Service request', requestId);
    const out = await this.dataSource.transaction(async (manager) => {
      const request = (await this.requestRepository.lockById(manager, requestId))!;
      if (request.status !== 'CLOSED') {
        throw new BadInputError([{ field: 'input.id', message: 'is still open' }]);
      }
      if (request.detailedStatus === 'DUPLICATE') {
        throw new BadInputError([
          { field: 'input.id', message: 'is a duplicate: follow the original request' },
        ]);
      }
      const allowed =
        request.reporterId === user.id ||
        (await this.repository.isSupporter(manager, user.id, request.id));
      if (!allowed)
        throw new ForbiddenError(
          'Only the reporter or a co-signer can ask to reopen this request.',
        );
      if (await this.repository.pendingReopen(manager, request.id)) {
        throw new ConflictError('A request to reopen is already waiting for a decision.');
      }
      const reopen = await this.repository.insertReopen(manager, {
        requestId: request.id,
        requesterId: user.id,
        reason: text,
      });
      const event = await this.requestRepository.insertEvent(manager, {
        requestId: request.id,
        type: 'REOPEN_REQUESTED',
        fromStatus: null,
        toStatus: null,
        text: `A resident asked to reopen this request: ${text}`,
        visibility: 'PUBLIC',
        actorId: user.id,
        at: new Date(),
      });
      const staff: { id: string }[] = await manager.query(
        `SELECT id FROM users WHERE role = 'STAFF' AND agency_id = $1 AND blocked_at IS NULL`,
        [request.agencyId],
      );
      const notes = await this.notifications.notify(
        manager,
        staff.map((s) => ({
          userId: s.id,
          kind: 'REOPEN_REQUESTED' as const,
          targetType: 'REQUEST',
          targetId: request.id,
          title: NOTIFY.reopenAsked(request.trackingNumber),
          body: text,
        })),
        user.id,
      );
      return { request, reopen, event, notes };
    });
    await this.requests.publishAfterCommit(out.request, [out.event]);
    this.notifications.publish(out.notes);
    return out.reopen;
  }

  /** Staff accept (the request reopens) or refuse a request to reopen, with a public note. */
  async decideReopen(
    actor: Actor,
    reopenId: string,
    accept: boolean,
    note: string | null,
  ): Promise<{ reopen: ReopenRequestEntity; request: ServiceRequestEntity }> {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isStaff(actor)) throw new ForbiddenError('Only city staff can decide on reopening.');
    const userId = actor.user.id;
    const clean = note?.trim() || null;
    const out = await this.dataSource.transaction(async (manager) => {
      const reopen = await this.repository.lockReopen(manager, reopenId);
      if (!reopen) throw new NotFoundError('Reopen request', reopenId);
      if (reopen.status !== 'PENDING')
        throw new ConflictError('This request to reopen was already decided.');
      const request = (await this.requestRepository.lockById(manager, reopen.requestId))!;
      if (!worksForAgency(actor, request.agencyId)) {
        throw new ForbiddenError("Only staff of this request's agency can decide.");
      }
      const now = new Date();
      await this.repository.decide(manager, reopen.id, {
        status: accept ? 'ACCEPTED' : 'REFUSED',
        decidedById: userId,
        decisionNote: clean,
      });
      const events: RequestEventEntity[] = [];
      if (accept) {
        await this.requestRepository.update(manager, request.id, {
          status: 'OPEN',
          detailedStatus: 'ACKNOWLEDGED',
          closedAt: null,
          updatedAt: now,
        });
        events.push(
          await this.requestRepository.insertEvent(manager, {
            requestId: request.id,
            type: 'REOPENED',
            fromStatus: request.detailedStatus,
            toStatus: 'ACKNOWLEDGED',
            text: clean ?? 'Reopened at a resident’s request.',
            visibility: 'PUBLIC',
            actorId: userId,
            at: now,
          }),
        );
        await this.updates?.requestChanged(manager, request, {
          status: 'ACKNOWLEDGED',
          note: clean ?? 'Reopened at a resident’s request.',
        });
      } else {
        events.push(
          await this.requestRepository.insertEvent(manager, {
            requestId: request.id,
            type: 'REOPEN_REFUSED',
            fromStatus: null,
            toStatus: null,
            text: clean ?? 'The request to reopen was refused.',
            visibility: 'PUBLIC',
            actorId: userId,
            at: now,
          }),
        );
      }
      const followers = await this.follows.followerIds(manager, 'REQUEST', request.id);
      const recipients = [...new Set([...followers, reopen.requesterId])];
      const notes: NotificationEntity[] = await this.notifications.notify(
        manager,
        recipients.map((id) => ({
          userId: id,
          kind: 'REOPEN_DECIDED' as const,
          targetType: 'REQUEST',
          targetId: request.id,
          title: NOTIFY.reopenDecided(request.trackingNumber, accept),
          body: clean ?? '',
        })),
        userId,
      );
      await this.audit.record(manager, {
        actorId: userId,
        action: accept ? 'request.reopen_accept' : 'request.reopen_refuse',
        targetType: 'ServiceRequest',
        targetId: request.id,
        data: { reopenId },
      });
      const updated = (await this.requestRepository.findById(request.id, manager))!;
      const decided = (await this.repository.lockReopen(manager, reopen.id))!;
      return { decided, updated, events, notes };
    });
    await this.requests.publishAfterCommit(out.updated, out.events);
    this.notifications.publish(out.notes);
    return { reopen: out.decided, request: out.updated };
  }
}
