/**
 * The staff console's operations: `staffQueue`, `staffMembers`, `assignServiceRequest`,
 * `updateServiceRequestStatuses`, the live `staffQueueChanged`, and the SLA and assignee fields of
 * a request.
 */
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { badField, NotFoundError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId, toGlobalId } from '../../lib/ids.js';
import { presentAgency } from '../service-definition/service-definition.presenter.js';
import { presentServiceRequest } from './service-request.presenter.js';
import type { RequestChangeMessage, ServiceRequestService } from './service-request.service.js';
import type { DetailedStatus } from './service-request.entity.js';
import { RequestChangeEnum, ServiceRequest, ServiceRequestChange } from './service-request.type.js';
import { cursorFits, cursorLength } from './staff-queue.service.js';
import type { StaffQueueOrder, StaffQueueService } from './staff-queue.service.js';
import {
  AssignServiceRequestInput,
  AssignServiceRequestPayload,
  StaffMember,
  StaffQueueArgs,
  StaffQueueConnection,
  UpdateServiceRequestStatusesInput,
  UpdateServiceRequestStatusesPayload,
} from './staff-queue.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

/** An Agency.id (a plain uuid) or BAD_USER_INPUT naming the field. */
function agencyIdOf(value: string, field: string): string {
  if (!UUID.test(value)) throw badField(field, 'is not an agency id');
  return value;
}

/** When a request falls due under its service's SLA, or null without one. */
function dueAt(requestedAt: Date, slaDays: number | null | undefined): Date | null {
  return slaDays ? new Date(requestedAt.getTime() + slaDays * DAY_MS) : null;
}

@Resolver(() => ServiceRequest)
export class StaffQueueResolver {
  constructor(
    private readonly queue: StaffQueueService,
    private readonly requests: ServiceRequestService,
  ) {}

  @Query(() => StaffQueueConnection, {
    description:
      "City staff's work queue (staff and admins): by default the viewer's agency's open requests, oldest first, with reporter contact and internal notes.",
  })
  async staffQueue(
    @Ctx() ctx: GraphQLContext,
    @Args(() => StaffQueueArgs) args: StaffQueueArgs,
  ): Promise<StaffQueueConnection> {
    const f = args.filter ?? {};
    const order = args.orderBy as StaffQueueOrder;
    let ward: number | undefined;
    let communityArea: number | undefined;
    if (f.areaId) {
      const area = await ctx.services.areas.find(fromGlobalId(f.areaId, 'Area', 'filter.areaId'));
      if (!area) throw new NotFoundError('Area', f.areaId);
      if (area.kind === 'WARD') ward = area.number;
      else communityArea = area.number;
    }
    let after: (string | number | boolean)[] | undefined;
    if (args.after) {
      const values = decodeCursor(args.after, cursorLength(order));
      if (!cursorFits(order, values)) throw badField('after', 'is not a valid cursor');
      after = values;
    }
    const result = await this.queue.queue(
      ctx.actor,
      {
        agencyId: f.agencyId ? agencyIdOf(f.agencyId, 'filter.agencyId') : undefined,
        allAgencies: f.allAgencies ?? false,
        serviceCodes: f.serviceCodes ?? undefined,
        ward,
        communityArea,
        status: f.status === undefined ? undefined : f.status,
        detailedStatuses: (f.detailedStatuses as DetailedStatus[] | null) ?? undefined,
        olderThanDays: f.olderThanDays ?? undefined,
        overdue: f.overdue ?? undefined,
        assigneeId: f.assigneeId
          ? fromGlobalId(f.assigneeId, 'User', 'filter.assigneeId')
          : undefined,
        unassigned: f.unassigned ?? undefined,
        search: f.search ?? undefined,
      },
      order,
      args.first,
      after,
    );
    const agency = result.agencyId ? await ctx.loaders.agency.load(result.agencyId) : null;
    const now = this.queue.now().getTime();
    const definitions = await ctx.loaders.serviceDefinition.loadMany(
      result.rows.map((r) => r.request.serviceDefinitionId),
    );
    const edges = result.rows.map(({ request, key }, i) => {
      const definition = definitions[i];
      const due = dueAt(
        request.requestedAt,
        definition && !(definition instanceof Error) ? definition.slaDays : null,
      );
      const end = request.closedAt?.getTime() ?? now;
      return {
        node: presentServiceRequest(request, this.requests.canSeeContact(ctx.actor, request)),
        cursor: encodeCursor(key as (string | number)[]),
        ageDays: Math.floor((now - request.requestedAt.getTime()) / DAY_MS),
        overdueDays: due && end > due.getTime() ? Math.floor((end - due.getTime()) / DAY_MS) : null,
      };
    });
    return {
      edges,
      totalCount: result.totalCount,
      overdueCount: result.overdueCount,
      agencyId: result.agencyId,
      agency: agency ? presentAgency(agency) : null,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(after)),
    };
  }

  @Query(() => [StaffMember], {
    description:
      "Staff members a request of the agency can be assigned to, by name (staff and admins; default the viewer's agency).",
  })
  async staffMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('agencyId', () => ID, { nullable: true, description: 'Agency.id; default your own.' })
    agencyId?: string,
  ): Promise<StaffMember[]> {
    const rows = await this.queue.staffMembers(
      ctx.actor,
      agencyId ? agencyIdOf(agencyId, 'agencyId') : undefined,
    );
    return rows.map((r) =>
      Object.assign(new StaffMember(), {
        id: toGlobalId('User', r.id),
        displayName: r.displayName,
      }),
    );
  }

  @Mutation(() => AssignServiceRequestPayload, {
    description:
      "Staff of the request's agency (or admins) assign it to a staff member of that agency, or unassign it (assigneeId null). The timeline gets an internal note.",
  })
  async assignServiceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AssignServiceRequestInput, { description: 'The assignment.' })
    input: AssignServiceRequestInput,
  ): Promise<AssignServiceRequestPayload> {
    const request = await this.queue.assign(
      ctx.actor,
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
      input.assigneeId ? fromGlobalId(input.assigneeId, 'User', 'input.assigneeId') : null,
    );
    return {
      serviceRequest: presentServiceRequest(
        request,
        this.requests.canSeeContact(ctx.actor, request),
      ),
    };
  }

  @Mutation(() => UpdateServiceRequestStatusesPayload, {
    description:
      "Bulk status change (staff): the same status, note and expected date on up to 100 requests, all or nothing — every request must be the viewer's agency's (admins: any). Requests already at the status with nothing to add are left as they are.",
  })
  async updateServiceRequestStatuses(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateServiceRequestStatusesInput, { description: 'The change.' })
    input: UpdateServiceRequestStatusesInput,
  ): Promise<UpdateServiceRequestStatusesPayload> {
    const ids = input.ids.map((id, i) => fromGlobalId(id, 'ServiceRequest', `input.ids.${i}`));
    const updated = await this.requests.updateStatuses(ctx.actor, {
      requestIds: ids,
      detailedStatus: input.detailedStatus as DetailedStatus,
      note: input.note,
      noteVisibility: input.noteVisibility,
      expectedAt: input.expectedAt,
    });
    return {
      serviceRequests: updated.map((r) =>
        presentServiceRequest(r, this.requests.canSeeContact(ctx.actor, r)),
      ),
    };
  }

  @Subscription(() => ServiceRequestChange, {
    description:
      "Every change of one agency's requests, internal ones (assignments, internal notes) included, for the live staff queue (staff and admins; default the viewer's agency).",
    subscribe: ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { agencyId } = args as { agencyId?: string | null };
      const topic = ctx.services.staffQueue.liveTopic(
        ctx.actor,
        agencyId ? agencyIdOf(agencyId, 'agencyId') : undefined,
      );
      const live = ctx.services.pubsub.subscribe<RequestChangeMessage>([topic]);
      return (async function* changes() {
        try {
          for await (const message of live) yield message;
        } finally {
          live.close();
        }
      })();
    },
  })
  staffQueueChanged(
    @Root() message: RequestChangeMessage,
    @Ctx() ctx: GraphQLContext,
    @Arg('agencyId', () => ID, { nullable: true, description: 'Agency.id; default your own.' })
    _agencyId?: string,
  ): ServiceRequestChange {
    return {
      change: message.change as RequestChangeEnum,
      request: presentServiceRequest(
        message.request,
        this.requests.canSeeContact(ctx.actor, message.request),
      ),
    };
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The staff member working it: shown to city staff only (null for everyone else).',
  })
  async assignee(
    @Root() r: ServiceRequest,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StaffMember | null> {
    if (!r.assigneeId || !this.requests.canSeeInternal(ctx.actor)) return null;
    const name = await ctx.loaders.userName.load(r.assigneeId);
    return Object.assign(new StaffMember(), {
      id: toGlobalId('User', r.assigneeId),
      displayName: name ?? '',
    });
  }

  @FieldResolver(() => GraphQLDateTimeISO, {
    nullable: true,
    description:
      "When it falls due under its service's SLA target (requestedAt + slaDays); null when the service has no target.",
  })
  async dueAt(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<Date | null> {
    const definition = await ctx.loaders.serviceDefinition.load(r.serviceDefinitionId);
    return dueAt(r.requestedAt, definition?.slaDays);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether it is past its service's SLA target: still open after dueAt, or closed later than it.",
  })
  async overdue(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const definition = await ctx.loaders.serviceDefinition.load(r.serviceDefinitionId);
    const due = dueAt(r.requestedAt, definition?.slaDays);
    if (!due) return false;
    return (r.closedAt?.getTime() ?? this.queue.now().getTime()) > due.getTime();
  }
}
