/**
 * The staff console's rules: who reads the queue (city staff and admins; staff default to their
 * own agency's queue), who assigns a request (staff of its agency, or admins) and to whom (an
 * active staff member of that agency). Assignments are internal: a timeline event only staff read,
 * and the audit log.
 */
import type { NotificationService } from '../notification/notification.service.js';
import type { DataSource } from 'typeorm';
import {
  BadInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import { topics } from '../../lib/pubsub.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../user/actor.js';
import { isStaff, worksForAgency } from '../user/actor.js';
import type {
  DetailedStatus,
  RequestStatus,
  ServiceRequestEntity,
} from './service-request.entity.js';
import type { ServiceRequestRepository } from './service-request.repository.js';
import type { ServiceRequestService } from './service-request.service.js';
import { keyFits, keyLength } from './staff-queue.repository.js';
import type {
  QueueKeyValue,
  StaffMemberRow,
  StaffQueueOrder,
  StaffQueueRepository,
} from './staff-queue.repository.js';
import { NOTIFY } from '../notification/notification.messages.js';

export type { QueueKeyValue, StaffQueueOrder };

/** How many values a cursor of this order holds. */
export function cursorLength(order: StaffQueueOrder): number {
  return keyLength(order);
}

/** Whether decoded cursor values fit this order's sort key (a forged cursor does not). */
export function cursorFits(order: StaffQueueOrder, values: unknown[]): values is QueueKeyValue[] {
  return keyFits(order, values);
}

/** The queue's filter as a door hands it over (areas already resolved to numbers). */
export interface StaffQueueInput {
  /** An agency's id; undefined: the actor's own agency (admins without one: every agency). */
  agencyId?: string;
  /** Every agency (ignores `agencyId`). */
  allAgencies?: boolean;
  serviceCodes?: string[];
  ward?: number;
  communityArea?: number;
  /** undefined: OPEN unless `detailedStatuses` is given; null: open and closed. */
  status?: RequestStatus | null;
  detailedStatuses?: DetailedStatus[];
  olderThanDays?: number;
  overdue?: boolean;
  assigneeId?: string;
  unassigned?: boolean;
  search?: string;
}

/** Bounds of the queue's inputs. */
export const STAFF_QUEUE_LIMITS = { maxPage: 100, maxAgeDays: 3650, maxSearch: 100 } as const;

/** Staff queue and assignment rules. */
export class StaffQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StaffQueueRepository,
    private readonly requestRepository: ServiceRequestRepository,
    private readonly requests: ServiceRequestService,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The instant queue ages and overdue are measured against. */
  now(): Date {
    return this.clock();
  }

  /**
   * One page of the queue and its totals. Staff see their own agency's queue unless they ask for
   * another agency or all of them; private services are included (staff only read this).
   */
  async queue(
    actor: Actor,
    input: StaffQueueInput,
    order: StaffQueueOrder,
    first: number,
    after?: QueueKeyValue[],
  ): Promise<{
    rows: { request: ServiceRequestEntity; key: QueueKeyValue[] }[];
    totalCount: number;
    overdueCount: number;
    hasNextPage: boolean;
    agencyId: string | null;
  }> {
    this.requireStaff(actor);
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(first) || first < 1 || first > STAFF_QUEUE_LIMITS.maxPage) {
      problems.push({
        field: 'first',
        message: `must be between 1 and ${STAFF_QUEUE_LIMITS.maxPage}`,
      });
    }
    const age = input.olderThanDays;
    if (
      age !== undefined &&
      (!Number.isInteger(age) || age < 0 || age > STAFF_QUEUE_LIMITS.maxAgeDays)
    ) {
      problems.push({
        field: 'filter.olderThanDays',
        message: `must be a whole number of days from 0 to ${STAFF_QUEUE_LIMITS.maxAgeDays}`,
      });
    }
    const search = input.search?.trim() || undefined;
    if (search && search.length > STAFF_QUEUE_LIMITS.maxSearch) {
      problems.push({
        field: 'filter.search',
        message: `must be at most ${STAFF_QUEUE_LIMITS.maxSearch} characters`,
      });
    }
    if (input.assigneeId && input.unassigned) {
      problems.push({ field: 'filter.unassigned', message: 'cannot be combined with assigneeId' });
    }
    if (problems.length) throw new BadInputError(problems);
    const agencyId = input.allAgencies
      ? undefined
      : (input.agencyId ?? actor.user!.agencyId ?? undefined);
    const status =
      input.status === undefined
        ? input.detailedStatuses?.length
          ? undefined
          : 'OPEN'
        : (input.status ?? undefined);
    const page = await this.repository.page(
      {
        agencyId,
        serviceCodes: input.serviceCodes,
        ward: input.ward,
        communityArea: input.communityArea,
        status,
        detailedStatuses: input.detailedStatuses,
        olderThanDays: age,
        overdue: input.overdue,
        assigneeId: input.assigneeId,
        unassigned: input.unassigned,
        search,
      },
      order,
      first,
      after,
      this.clock(),
    );
    const entities = await this.requests.byIds(page.rows.map((r) => r.id));
    return {
      rows: page.rows.map((row, i) => ({ request: entities[i]!, key: row.key })),
      totalCount: page.totalCount,
      overdueCount: page.overdueCount,
      hasNextPage: page.hasNextPage,
      agencyId: agencyId ?? null,
    };
  }

  /** Staff members a request of the agency may be assigned to (staff only; default own agency). */
  async staffMembers(actor: Actor, agencyId?: string): Promise<StaffMemberRow[]> {
    this.requireStaff(actor);
    const agency = agencyId ?? actor.user!.agencyId;
    if (!agency) return [];
    return this.repository.staffOfAgency(agency);
  }

  /** Display names of assignees by account id (no check: callers present them to staff only). */
  assigneeNames(ids: readonly string[]): Promise<Map<string, string>> {
    return this.repository.names([...new Set(ids)]);
  }

  /**
   * Assigns a request to a staff member of its agency, or clears the assignment (`assigneeId`
   * null). Staff of the request's agency or admins only. Assigning to the current assignee changes
   * nothing.
   */
  async assign(
    actor: Actor,
    requestId: string,
    assigneeId: string | null,
  ): Promise<ServiceRequestEntity> {
    const userId = this.requireStaff(actor);
    const out = await this.dataSource.transaction(async (manager) => {
      const request = await this.requestRepository.lockById(manager, requestId);
      if (!request) throw new NotFoundError('Service request', requestId);
      if (!worksForAgency(actor, request.agencyId)) {
        throw new ForbiddenError("Only staff of this request's agency can assign it.");
      }
      let assignee: StaffMemberRow | null = null;
      if (assigneeId) {
        assignee = await this.repository.staffMember(manager, assigneeId);
        if (
          !assignee ||
          (assignee.role !== 'STAFF' && assignee.role !== 'ADMIN') ||
          assignee.agencyId !== request.agencyId
        ) {
          throw new BadInputError([
            {
              field: 'input.assigneeId',
              message: "must be an active staff member of the request's agency",
            },
          ]);
        }
      }
      if ((request.assigneeId ?? null) === (assigneeId ?? null)) {
        return { request, events: [], notes: [] };
      }
      await this.repository.setAssignee(manager, request.id, assigneeId);
      const event = await this.requestRepository.insertEvent(manager, {
        requestId: request.id,
        type: 'ASSIGNED',
        fromStatus: null,
        toStatus: null,
        text: assignee ? `Assigned to ${assignee.displayName}` : 'Assignment removed',
        visibility: 'INTERNAL',
        actorId: userId,
        at: new Date(),
      });
      await this.audit.record(manager, {
        actorId: userId,
        action: 'request.assign',
        targetType: 'ServiceRequest',
        targetId: request.id,
        data: { from: request.assigneeId, to: assigneeId },
      });
      // the new assignee hears of it (not someone who took the request themselves)
      const notes =
        assignee && assignee.id !== userId
          ? await this.notifications.notify(
              manager,
              [
                {
                  userId: assignee.id,
                  kind: 'ASSIGNED' as const,
                  targetType: 'REQUEST',
                  targetId: request.id,
                  title: NOTIFY.assigned(request.trackingNumber),
                  body: request.description.slice(0, 140),
                },
              ],
              userId,
            )
          : [];
      const updated = (await this.requestRepository.findById(request.id, manager))!;
      return { request: updated, events: [event], notes };
    });
    await this.requests.publishAfterCommit(out.request, out.events);
    this.notifications.publish(out.notes ?? []);
    return out.request;
  }

  /**
   * The topic a staff member's live queue listens on: one agency's changes (default their own),
   * internal ones included. BAD_USER_INPUT for an admin without an agency who named none.
   */
  liveTopic(actor: Actor, agencyId?: string): string {
    this.requireStaff(actor);
    const agency = agencyId ?? actor.user!.agencyId;
    if (!agency) {
      throw new BadInputError([
        { field: 'agencyId', message: 'is required for an account without an agency' },
      ]);
    }
    return topics.agency(agency);
  }

  private requireStaff(actor: Actor): string {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isStaff(actor)) throw new ForbiddenError('Only city staff can use the staff console.');
    return actor.user.id;
  }
}
