/** Queries, mutations and subscriptions of the service request spine. Thin: parse, call, present. */
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { GeoPointInput, BBoxInput } from '../../graphql/common.type.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { BadInputError, NotFoundError, badField } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId, parseGlobalId } from '../../lib/ids.js';
import { tileTopicsForBbox, topics } from '../../lib/pubsub.js';
import { Agency } from '../agency/agency.type.js';
import {
  presentAgency,
  presentService,
} from '../service-definition/service-definition.presenter.js';
import { Service } from '../service-definition/service-definition.type.js';
import type {
  RequestChangeMessage,
  RequestEventMessage,
  ServiceRequestService,
} from './service-request.service.js';
import { presentEvent, presentServiceRequest } from './service-request.presenter.js';
import {
  ServiceRequestOrderEnum,
  ServiceRequestsArgs,
  SubmitServiceRequestInput,
  UpdateServiceRequestStatusInput,
} from './service-request.inputs.js';
import {
  Media,
  NearbyServiceRequest,
  RequestChangeEnum,
  RequestEvent,
  ServiceRequest,
  ServiceRequestChange,
  ServiceRequestConnection,
} from './service-request.type.js';
import type { DetailedStatus } from './service-request.entity.js';
import type { Keyset } from './service-request.repository.js';

@ObjectType({ description: 'Result of submitServiceRequest.' })
export class SubmitServiceRequestPayload {
  @Field(() => ServiceRequest, {
    description: 'The request (the existing one on an idempotent retry).',
  })
  serviceRequest: ServiceRequest;

  @Field(() => Boolean, {
    description: 'False when an earlier submission with the same key was returned.',
  })
  created: boolean;
}

@ObjectType({ description: 'Result of updateServiceRequestStatus.' })
export class UpdateServiceRequestStatusPayload {
  @Field(() => ServiceRequest, { description: 'The request after the change.' })
  serviceRequest: ServiceRequest;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decodes a `serviceRequests` cursor and checks that its values fit the order, so that a forged or
 * stale cursor is BAD_USER_INPUT on `after` rather than a database error.
 */
function keysetOf(cursor: string, order: ServiceRequestOrderEnum): Keyset {
  const [sort, id] = decodeCursor(cursor, 2);
  const sortOk =
    order === ServiceRequestOrderEnum.DISTANCE
      ? typeof sort === 'number' && Number.isFinite(sort)
      : typeof sort === 'string' && !Number.isNaN(Date.parse(sort));
  if (!sortOk || sort === undefined || typeof id !== 'string' || !UUID.test(id)) {
    throw badField('after', 'is not a valid cursor');
  }
  return [sort, id];
}

@Resolver(() => ServiceRequest)
export class ServiceRequestResolver {
  constructor(private readonly requests: ServiceRequestService) {}

  @Query(() => ServiceRequest, {
    nullable: true,
    description: 'One request, by global id or by tracking number (give exactly one).',
  })
  async serviceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { nullable: true, description: 'Global id.' }) id?: string,
    @Arg('trackingNumber', () => String, { nullable: true, description: 'e.g. SR26-00000042.' })
    trackingNumber?: string,
  ): Promise<ServiceRequest | null> {
    if (!id === !trackingNumber) {
      throw new BadInputError([
        { field: 'id', message: 'give exactly one of id and trackingNumber' },
      ]);
    }
    const entity = await this.requests.get(ctx.actor, {
      id: id ? fromGlobalId(id, 'ServiceRequest', 'id') : undefined,
      trackingNumber: trackingNumber ?? undefined,
    });
    return entity
      ? presentServiceRequest(entity, this.requests.canSeeContact(ctx.actor, entity))
      : null;
  }

  @Query(() => ServiceRequestConnection, {
    description: 'Requests matching a filter, a page at a time.',
  })
  async serviceRequests(
    @Ctx() ctx: GraphQLContext,
    @Args(() => ServiceRequestsArgs) args: ServiceRequestsArgs,
  ): Promise<ServiceRequestConnection> {
    if (args.first < 1 || args.first > 100) {
      throw new BadInputError([{ field: 'first', message: 'must be between 1 and 100' }]);
    }
    const f = args.filter ?? {};
    let ward: number | undefined;
    let communityArea: number | undefined;
    if (f.areaId) {
      const area = await ctx.services.areas.find(fromGlobalId(f.areaId, 'Area', 'filter.areaId'));
      if (!area) throw new NotFoundError('Area', f.areaId);
      if (area.kind === 'WARD') ward = area.number;
      else communityArea = area.number;
    }
    const after = args.after ? keysetOf(args.after, args.orderBy) : undefined;
    const result = await this.requests.list(
      ctx.actor,
      {
        near: f.near ?? undefined,
        bbox: f.bbox ?? undefined,
        ward,
        communityArea,
        serviceCodes: f.serviceCodes ?? undefined,
        status: f.status ?? undefined,
        detailedStatuses: (f.detailedStatuses as DetailedStatus[] | null) ?? undefined,
        from: f.from ?? undefined,
        to: f.to ?? undefined,
        reportedByActor: f.reportedByViewer ?? false,
      },
      args.orderBy,
      args.first,
      after,
    );
    const edges = result.rows.map((row) => ({
      node: presentServiceRequest(row.entity, this.requests.canSeeContact(ctx.actor, row.entity)),
      cursor: encodeCursor(row.key),
      distanceMeters: row.distanceMeters,
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(after)),
    };
  }

  @Query(() => [NearbyServiceRequest], {
    description:
      'Requests near a point, nearest first, with the distance: duplicate suggestions while reporting.',
  })
  async nearbyServiceRequests(
    @Ctx() ctx: GraphQLContext,
    @Arg('location', () => GeoPointInput, { description: 'The point.' }) location: GeoPointInput,
    @Arg('radiusMeters', () => Float, { defaultValue: 150, description: 'Radius, up to 5,000 m.' })
    radiusMeters: number,
    @Arg('serviceCode', () => String, { nullable: true, description: 'Only this service.' })
    serviceCode?: string,
    @Arg('includeClosed', () => Boolean, {
      defaultValue: false,
      description: 'Also closed requests.',
    })
    includeClosed?: boolean,
  ): Promise<NearbyServiceRequest[]> {
    const rows = await this.requests.nearby(ctx.actor, {
      latitude: location.latitude,
      longitude: location.longitude,
      radiusMeters,
      serviceCode: serviceCode ?? undefined,
      includeClosed: includeClosed ?? false,
      limit: 20,
    });
    return rows.map((r) => ({
      request: presentServiceRequest(r.entity, this.requests.canSeeContact(ctx.actor, r.entity)),
      distanceMeters: Math.round(r.distanceMeters * 10) / 10,
    }));
  }

  @Mutation(() => SubmitServiceRequestPayload, {
    description:
      'Report a problem, anonymously or signed in. Reuse `idempotencyKey` when retrying.',
  })
  async submitServiceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SubmitServiceRequestInput, { description: 'The report.' })
    input: SubmitServiceRequestInput,
  ): Promise<SubmitServiceRequestPayload> {
    const { request, created } = await this.requests.submit(ctx.actor, {
      ...input,
      latitude: input.location.latitude,
      longitude: input.location.longitude,
    });
    return {
      serviceRequest: presentServiceRequest(
        request,
        this.requests.canSeeContact(ctx.actor, request),
      ),
      created,
    };
  }

  @Mutation(() => UpdateServiceRequestStatusPayload, {
    description: "Staff of the request's agency (or admins) move it through its lifecycle.",
  })
  async updateServiceRequestStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateServiceRequestStatusInput, { description: 'The change.' })
    input: UpdateServiceRequestStatusInput,
  ): Promise<UpdateServiceRequestStatusPayload> {
    const request = await this.requests.updateStatus(ctx.actor, {
      requestId: fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
      detailedStatus: input.detailedStatus as DetailedStatus,
      note: input.note,
      noteVisibility: input.noteVisibility,
      expectedAt: input.expectedAt,
    });
    return {
      serviceRequest: presentServiceRequest(
        request,
        this.requests.canSeeContact(ctx.actor, request),
      ),
    };
  }

  @Subscription(() => RequestEvent, {
    description:
      'Every event of one request the viewer may see. With `afterEventId`, first replays the events after it, then streams new ones, so a reconnecting client misses nothing.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { id, afterEventId } = args as { id: string; afterEventId?: string | null };
      const parsed = parseGlobalId(id);
      const requestId = parsed?.type === 'ServiceRequest' ? parsed.id : undefined;
      if (!requestId)
        throw new BadInputError([{ field: 'id', message: 'is not a valid ServiceRequest id' }]);
      if (afterEventId && !/^\d{1,18}$/.test(afterEventId)) {
        throw new BadInputError([{ field: 'afterEventId', message: 'is not an event id' }]);
      }
      const service = ctx.services.serviceRequests;
      const request = await service.get(ctx.actor, { id: requestId });
      if (!request) throw new NotFoundError('Service request', id);
      const live = ctx.services.pubsub.subscribe<RequestEventMessage>([topics.request(requestId)]);
      return (async function* replayThenLive() {
        try {
          let last = BigInt(afterEventId ?? 0);
          if (afterEventId) {
            for (const event of await service.timeline(ctx.actor, requestId, afterEventId)) {
              last = BigInt(event.id);
              yield { event, request };
            }
          }
          for await (const message of live) {
            const eventId = BigInt(message.event.id);
            if (eventId <= last || !service.canSeeEvent(ctx.actor, message.event)) continue;
            last = eventId;
            yield message;
          }
        } finally {
          live.close();
        }
      })();
    },
  })
  serviceRequestUpdated(
    @Root() message: RequestEventMessage,
    @Arg('id', () => ID, { description: 'Global id of the request.' }) _id: string,
    @Arg('afterEventId', () => ID, {
      nullable: true,
      description: 'Last event id the client saw; events after it are replayed first.',
    })
    _afterEventId?: string,
  ): RequestEvent {
    return presentEvent(message.event);
  }

  @Subscription(() => ServiceRequestChange, {
    description:
      'New and changed requests inside a map viewport (`bbox`) or an area (`areaId`): give exactly one. Fan-out is by map tile or area, never city-wide.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { bbox, areaId } = args as { bbox?: BBoxInput | null; areaId?: string | null };
      if (!bbox === !areaId) {
        throw new BadInputError([
          { field: 'bbox', message: 'give exactly one of bbox and areaId' },
        ]);
      }
      let topicList: string[];
      if (areaId) {
        const area = await ctx.services.areas.find(fromGlobalId(areaId, 'Area', 'areaId'));
        if (!area) throw new NotFoundError('Area', areaId);
        topicList = [topics.area(area.kind, area.number)];
      } else {
        const b = bbox!;
        if (b.west >= b.east || b.south >= b.north) {
          throw new BadInputError([
            { field: 'bbox', message: 'west must be < east and south < north' },
          ]);
        }
        const tiles = tileTopicsForBbox(b);
        if (!tiles) {
          throw new BadInputError([
            { field: 'bbox', message: 'is too large; zoom in or subscribe by areaId' },
          ]);
        }
        topicList = tiles;
      }
      const staff = ctx.services.serviceRequests;
      const live = ctx.services.pubsub.subscribe<RequestChangeMessage>(topicList);
      return (async function* visibleChanges() {
        try {
          for await (const message of live) {
            if (message.isPrivate && !(await staff.canSee(ctx.actor, message.request))) continue;
            if (bbox) {
              const [lng, lat] = message.request.location.coordinates as [number, number];
              if (lng < bbox.west || lng > bbox.east || lat < bbox.south || lat > bbox.north)
                continue;
            }
            yield message;
          }
        } finally {
          live.close();
        }
      })();
    },
  })
  serviceRequestsChanged(
    @Root() message: RequestChangeMessage,
    @Ctx() ctx: GraphQLContext,
    @Arg('bbox', () => BBoxInput, { nullable: true, description: 'A map viewport.' })
    _bbox?: BBoxInput,
    @Arg('areaId', () => ID, { nullable: true, description: 'A ward or community area.' })
    _areaId?: string,
  ): ServiceRequestChange {
    return {
      change: message.change as RequestChangeEnum,
      request: presentServiceRequest(
        message.request,
        this.requests.canSeeContact(ctx.actor, message.request),
      ),
    };
  }

  @FieldResolver(() => Service, { description: 'The service (category) of the request.' })
  async service(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<Service> {
    const definition = await ctx.loaders.serviceDefinition.load(r.serviceDefinitionId);
    if (!definition) throw new Error(`service ${r.serviceDefinitionId} missing`);
    return presentService(definition);
  }

  @FieldResolver(() => Agency, { description: 'The agency responsible.' })
  async agency(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<Agency> {
    const agency = await ctx.loaders.agency.load(r.agencyId);
    if (!agency) throw new Error(`agency ${r.agencyId} missing`);
    return presentAgency(agency);
  }

  @FieldResolver(() => [RequestEvent], {
    description: 'The timeline, oldest first. Internal notes appear for city staff only.',
  })
  async timeline(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<RequestEvent[]> {
    return (await ctx.loaders.timeline.load(r.uuid)).map(presentEvent);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the viewer reported it (then may ask to reopen it once closed).',
  })
  viewerIsReporter(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): boolean {
    return this.requests.isReporter(ctx.actor, r);
  }

  @FieldResolver(() => [Media], { description: 'Photos, EXIF removed.' })
  async media(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<Media[]> {
    return ctx.loaders.media.load(r.uuid);
  }

  @FieldResolver(() => ServiceRequest, {
    nullable: true,
    description: 'The original request, when this one was closed as a duplicate.',
  })
  async duplicateOf(
    @Root() r: ServiceRequest,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ServiceRequest | null> {
    if (!r.duplicateOfId) return null;
    const original = await ctx.loaders.serviceRequest.load(r.duplicateOfId);
    if (!original || !(await this.requests.canSee(ctx.actor, original))) return null;
    return presentServiceRequest(original, this.requests.canSeeContact(ctx.actor, original));
  }
}
