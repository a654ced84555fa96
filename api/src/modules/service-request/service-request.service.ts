/**
 * The spine: submitting a request, moving it through its lifecycle, reading it and its timeline,
 * and following it live. Every door (GraphQL, Open311, SMS) comes through these methods, which
 * take the caller first and decide there what the caller may do.
 *
 * Writes that belong together share one transaction; events are published only after commit, so
 * a subscriber never sees an event that was rolled back.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BadInputError,
  badField,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import type { Publisher } from '../../lib/pubsub.js';
import { tileOf, topics } from '../../lib/pubsub.js';
import type { AreaService } from '../area/area.service.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationEntity } from '../notification/notification.entity.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { MediaService } from '../media/media.service.js';
import type {
  AttributeAnswer,
  ServiceDefinitionService,
} from '../service-definition/service-definition.service.js';
import type { ServiceDefinitionEntity } from '../service-definition/service-definition.entity.js';
import type { Actor } from '../user/actor.js';
import { isStaff, worksForAgency } from '../user/actor.js';
import type {
  Keyset,
  RequestFilter,
  RequestOrder,
  ServiceRequestRepository,
} from './service-request.repository.js';
import { statusOf } from './service-request.entity.js';
import type { UpdateLanguage } from '../reporter-updates/reporter-updates.messages.js';
import type {
  UpdateChannel,
  UpdateContact,
  UpdatedRequest,
} from '../reporter-updates/reporter-updates.service.js';
import type {
  Channel,
  DetailedStatus,
  RequestStatus,
  EventType,
  RequestEventEntity,
  ServiceRequestEntity,
  Visibility,
} from './service-request.entity.js';
import { isLanguage } from '../../lib/language.js';
import { NOTIFY, areaName } from '../notification/notification.messages.js';
import { serviceNames } from '../service-definition/catalogue-text.js';

/** A submission, as every door hands it over. */
export interface SubmitRequestInput {
  serviceCode: string;
  description?: string | null;
  latitude: number;
  longitude: number;
  address?: string | null;
  zipcode?: string | null;
  attributes?: AttributeAnswer[] | null;
  mediaIds?: string[] | null;
  contact?: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    /** Updates by e-mail and/or text at this contact (reporters without an account). */
    updatesBy?: UpdateChannel[] | null;
    /** The language of those updates (`en`, `es`; default `en`). */
    language?: string | null;
  } | null;
  idempotencyKey?: string | null;
  channel?: Channel | null;
  /** A photo hosted elsewhere (Open311 `media_url`): stored as given, never fetched. */
  mediaUrl?: string | null;
  /** What a client says about itself (Open311 `device_id`, `account_id`): stored, never shown. */
  clientInfo?: Record<string, string> | null;
}

/** A staff status change. */
export interface UpdateStatusInput {
  requestId: string;
  detailedStatus: DetailedStatus;
  note?: string | null;
  noteVisibility?: Visibility | null;
  expectedAt?: Date | null;
}

/**
 * The filter of the Open311 `GET requests` list, already parsed by the door. Dates are instants;
 * `until` and `updatedBefore` are inclusive. `page` is 1-based.
 */
export interface Open311ListInput {
  trackingNumbers?: string[];
  serviceCodes?: string[];
  status?: RequestStatus;
  from?: Date;
  until?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  near?: { lat: number; lng: number; radiusMeters: number };
  page?: number;
  pageSize?: number;
}

/** Open311 list bounds: GeoReport v2's 90-day window and Chicago's page sizes. */
export const OPEN311_LIST = {
  /** Days of the default window, and the longest start_date..end_date span accepted. */
  windowDays: 90,
  /** Rows of one response when the client does not say (Chicago). */
  defaultPageSize: 50,
  /** Largest page_size accepted (Chicago); well under GeoReport v2's cap of 1000 per response. */
  maxPageSize: 500,
  /** Largest radius of a `lat`/`long`/`radius` search, in metres. */
  maxRadiusMeters: 5000,
  /** Most tracking numbers in one `service_request_id` list. */
  maxTrackingNumbers: 500,
} as const;

/** What is published on a request's topic after commit. */
export interface RequestEventMessage {
  event: RequestEventEntity;
  request: ServiceRequestEntity;
}

/** What is published on area and tile topics after commit. */
export interface RequestChangeMessage {
  change: 'CREATED' | 'UPDATED';
  request: ServiceRequestEntity;
  isPrivate: boolean;
}

/**
 * Typical days to complete a service's requests in a community area (the completion estimate's
 * median), or null when there is too little history: then `expectedAt` follows the SLA.
 */
export interface CompletionEstimator {
  typicalDays(serviceCode: string, communityArea: number | null): Promise<number | null>;
}

/** Most requests one bulk status change may touch. */
export const MAX_BULK = 100;

/** A status change as applied to each request (validated once for all). */
interface StatusChange {
  to: DetailedStatus;
  note: string | null;
  visibility: Visibility;
  expectedAt?: Date | null;
  /** Bulk: a request already at the status with nothing to add is left alone, not an error. */
  skipUnchanged: boolean;
}

/** Channels a resident may claim for their own submission; others belong to staff or other doors. */
const RESIDENT_CHANNELS: readonly Channel[] = ['WEB', 'MOBILE'];
const STAFF_CHANNELS: readonly Channel[] = ['WEB', 'MOBILE', 'PHONE', 'STAFF'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether the text is an absolute http(s) URL of a sensible length. */
function isWebUrl(text: string): boolean {
  if (text.length > 2000) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Updates for reporters without an account (by e-mail and text), queued inside the transaction
 * of the submission or change they are about: see ReporterUpdatesService.
 */
export interface ReporterUpdatesProducer {
  subscribe(
    manager: EntityManager,
    request: UpdatedRequest,
    contact: UpdateContact,
    channels: readonly UpdateChannel[],
    language: UpdateLanguage,
  ): Promise<unknown>;
  requestChanged(
    manager: EntityManager,
    request: UpdatedRequest,
    change: { status: DetailedStatus | null; note: string | null },
  ): Promise<unknown>;
}

/** Service request rules. */
export class ServiceRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ServiceRequestRepository,
    private readonly definitions: ServiceDefinitionService,
    private readonly areas: AreaService,
    private readonly media: MediaService,
    private readonly audit: AuditRepository,
    private readonly publisher: Publisher,
    private readonly follows: FollowService,
    private readonly notifications: NotificationService,
    private readonly estimator?: CompletionEstimator,
    private readonly updates?: ReporterUpdatesProducer,
  ) {}

  /**
   * Submits a request, anonymously or signed in. `door` is the channel a non-GraphQL door forces
   * (OPEN311, SMS); GraphQL callers may only pick the channels their role allows.
   */
  async submit(
    actor: Actor,
    input: SubmitRequestInput,
    door?: Channel,
  ): Promise<{ request: ServiceRequestEntity; created: boolean; token: string | null }> {
    const problems: FieldProblem[] = [];
    const definition = await this.definitions.findByCode(input.serviceCode);
    if (!definition || !definition.active) {
      throw new BadInputError([
        { field: 'input.serviceCode', message: 'is not an active service' },
      ]);
    }
    const channel = door ?? input.channel ?? 'WEB';
    // staff entering a caller's report (PHONE): the caller, reached by the contact given, is the
    // reporter, not the agent's account (the audit log says who entered it)
    const forCaller = !door && channel === 'PHONE';
    if (!door) {
      const allowed = isStaff(actor) ? STAFF_CHANNELS : RESIDENT_CHANNELS;
      if (!allowed.includes(channel)) {
        problems.push({ field: 'input.channel', message: `must be one of ${allowed.join(', ')}` });
      }
    }
    const description = input.description?.trim() ?? '';
    if (description.length > 4000) {
      problems.push({ field: 'input.description', message: 'must be at most 4,000 characters' });
    }
    const contact = {
      name: input.contact?.name?.trim() || null,
      email: input.contact?.email?.trim().toLowerCase() || null,
      phone: input.contact?.phone?.replace(/[^\d+]/g, '') || null,
    };
    if (contact.email && !EMAIL.test(contact.email)) {
      problems.push({ field: 'input.contact.email', message: 'must be a valid e-mail address' });
    }
    if (contact.phone && !/^\+?\d{7,15}$/.test(contact.phone)) {
      problems.push({ field: 'input.contact.phone', message: 'must be a phone number' });
    }
    if (contact.name && contact.name.length > 120) {
      problems.push({ field: 'input.contact.name', message: 'must be at most 120 characters' });
    }
    const updatesBy = [...new Set(input.contact?.updatesBy ?? [])];
    if (updatesBy.includes('EMAIL') && !contact.email) {
      problems.push({ field: 'input.contact.email', message: 'is needed for updates by e-mail' });
    }
    if (updatesBy.includes('SMS') && !contact.phone) {
      problems.push({ field: 'input.contact.phone', message: 'is needed for updates by text' });
    }
    const language = input.contact?.language?.trim().toLowerCase() || 'en';
    if (!isLanguage(language)) {
      problems.push({ field: 'input.contact.language', message: 'must be en or es' });
    }
    const mediaUrl = input.mediaUrl?.trim() || null;
    if (mediaUrl && !isWebUrl(mediaUrl)) {
      problems.push({
        field: 'input.mediaUrl',
        message: 'must be an http or https URL of at most 2,000 characters',
      });
    }
    const clientInfo = Object.fromEntries(
      Object.entries(input.clientInfo ?? {})
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    );
    if (Object.values(clientInfo).some((v) => v.length > 200)) {
      problems.push({
        field: 'input.clientInfo',
        message: 'values must be at most 200 characters',
      });
    }
    const { values, problems: attributeProblems } = this.definitions.validateAnswers(
      definition.attributes ?? [],
      input.attributes ?? [],
      'input.attributes',
    );
    problems.push(...attributeProblems);
    const place = await this.areas.locate(input.latitude, input.longitude);
    if (place.ward === null) {
      problems.push({
        field: 'input.location',
        message: 'is outside the city of Chicago; choose a place inside the city limits',
      });
    }
    if (problems.length) throw new BadInputError(problems);
    // the honest estimate when there is enough history, else the service's promise (SLA)
    const typicalDays =
      (await this.estimator?.typicalDays(definition.code, place.communityArea)) ?? null;
    const expectedDays = typicalDays ?? definition.slaDays;

    const idempotencyKey = input.idempotencyKey?.trim() || null;
    const scope = actor.user
      ? `user:${actor.user.id}`
      : actor.apiKeyId
        ? `apikey:${actor.apiKeyId}`
        : 'anonymous';
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([input.serviceCode, description, input.latitude, input.longitude, values]),
      )
      .digest('hex');

    // read before the transaction: on the embedded database the pool has one connection
    const placeAreas = definition.isPrivate
      ? []
      : await this.areas.forPlace(place.ward, place.communityArea);
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (idempotencyKey) {
        await this.repository.lockIdempotencyKey(manager, scope, idempotencyKey);
        const existing = await this.repository.findIdempotent(manager, scope, idempotencyKey);
        if (existing) {
          if (existing.fingerprint !== fingerprint) {
            throw new ConflictError(
              'This idempotency key was already used for a different request.',
              [{ field: 'input.idempotencyKey', message: 'was used for a different request' }],
            );
          }
          const request = await this.repository.findById(existing.requestId, manager);
          const token = await this.repository.tokenOfRequest(manager, existing.requestId);
          return { request: request!, created: false, event: null, token };
        }
      }
      const now = new Date();
      const trackingNumber = await this.repository.nextTrackingNumber(manager);
      const request = await this.repository.insert(manager, {
        trackingNumber,
        serviceDefinitionId: definition.id,
        description,
        latitude: input.latitude,
        longitude: input.longitude,
        address: input.address?.trim() || null,
        zipcode: input.zipcode?.trim() || null,
        ward: place.ward,
        communityArea: place.communityArea,
        attributes: values,
        status: 'OPEN',
        detailedStatus: 'SUBMITTED',
        priority: 'NORMAL',
        agencyId: definition.agencyId,
        channel,
        requestedAt: now,
        updatedAt: now,
        expectedAt: expectedDays ? new Date(now.getTime() + expectedDays * 86_400_000) : null,
        closedAt: null,
        reporterId: forCaller ? null : (actor.user?.id ?? null),
        contactName: contact.name,
        contactEmail: contact.email,
        contactPhone: contact.phone,
        mediaUrl,
        clientInfo: Object.keys(clientInfo).length ? clientInfo : null,
      });
      if (input.mediaIds?.length) {
        await this.media.attach(manager, actor, input.mediaIds, request.id);
      }
      if (updatesBy.length) {
        await this.updates?.subscribe(
          manager,
          request,
          contact,
          updatesBy,
          language as UpdateLanguage,
        );
      }
      const event = await this.repository.insertEvent(manager, {
        requestId: request.id,
        type: 'SUBMITTED',
        fromStatus: null,
        toStatus: 'SUBMITTED',
        text: null,
        visibility: 'PUBLIC',
        actorId: actor.user?.id ?? null,
        at: now,
      });
      // the signed-in reporter follows their request (not the agent entering a caller's report);
      // followers of its ward and community area hear of it
      if (actor.user && !forCaller) {
        await this.follows.followIn(manager, actor.user.id, 'REQUEST', request.id);
      }
      const notes: NotificationEntity[] = [];
      if (!definition.isPrivate) {
        for (const area of placeAreas) {
          const followers = await this.follows.followerIds(manager, 'AREA', area.id);
          const where = areaName(area);
          notes.push(
            ...(await this.notifications.notify(
              manager,
              followers.map((userId) => ({
                userId,
                kind: 'AREA_REQUEST' as const,
                targetType: 'AREA',
                targetId: area.id,
                title: NOTIFY.areaRequest(where, serviceNames(definition)),
                coalesceKey: `AREA_REQUEST:${area.id}`,
                coalescedTitle: (n: number) => NOTIFY.areaRequests(n, where),
              })),
              actor.user?.id,
            )),
          );
        }
      }
      if (idempotencyKey) {
        await this.repository.rememberIdempotencyKey(manager, {
          scope,
          key: idempotencyKey,
          requestId: request.id,
          fingerprint,
        });
      }
      if (channel === 'PHONE' || channel === 'STAFF') {
        await this.audit.record(manager, {
          actorId: actor.user?.id ?? null,
          action: 'request.submit_for_caller',
          targetType: 'ServiceRequest',
          targetId: request.id,
        });
      }
      // Open311 clients of a batch service get a token now and the tracking number through it.
      let token: string | null = null;
      if (definition.type === 'batch' && actor.apiKeyId) {
        token = randomBytes(16).toString('hex');
        await this.repository.insertToken(manager, {
          token,
          requestId: request.id,
          apiKeyId: actor.apiKeyId,
        });
      }
      return { request, created: true, event, token, notes };
    });
    if (outcome.event) {
      this.publishEvents(outcome.request, [outcome.event], definition, 'CREATED');
    }
    this.notifications.publish(outcome.notes ?? []);
    return { request: outcome.request, created: outcome.created, token: outcome.token };
  }

  /**
   * The request an Open311 token stands for: `request` is null when the token is known but its
   * request is not visible to the actor. Returns null for an unknown token.
   */
  async resolveToken(
    actor: Actor,
    token: string,
  ): Promise<{ token: string; request: ServiceRequestEntity | null } | null> {
    const row = await this.repository.findToken(token);
    if (!row) return null;
    const request = await this.repository.findById(row.requestId);
    return {
      token: row.token,
      request: request && (await this.canSee(actor, request)) ? request : null,
    };
  }

  /**
   * One page of the Open311 list, newest first (ties by id, so pages are stable). Tracking numbers,
   * when given, override every other filter (GeoReport v2). Without any date, the window is the last
   * 90 days; an explicit start_date..end_date span may not exceed 90 days, and a lone start or end
   * date opens a 90-day window from or to it. Private services are listed for staff only.
   */
  async listForOpen311(actor: Actor, input: Open311ListInput): Promise<ServiceRequestEntity[]> {
    const pageSize = input.pageSize ?? OPEN311_LIST.defaultPageSize;
    const page = input.page ?? 1;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > OPEN311_LIST.maxPageSize) {
      throw badField('page_size', `must be between 1 and ${OPEN311_LIST.maxPageSize}`);
    }
    if (!Number.isInteger(page) || page < 1 || page > 1_000_000) {
      throw badField('page', 'must be a positive integer');
    }
    const includePrivate = isStaff(actor);
    const paging = { offset: (page - 1) * pageSize, limit: pageSize };
    if (input.trackingNumbers?.length) {
      if (input.trackingNumbers.length > OPEN311_LIST.maxTrackingNumbers) {
        throw badField(
          'service_request_id',
          `takes at most ${OPEN311_LIST.maxTrackingNumbers} ids`,
        );
      }
      return this.repository.listPage(
        {
          trackingNumbers: input.trackingNumbers.map((t) => t.toUpperCase()),
          includePrivate,
        },
        paging,
      );
    }
    const windowMs = OPEN311_LIST.windowDays * 86_400_000;
    let { from, until } = input;
    const anyDate = from || until || input.updatedAfter || input.updatedBefore;
    if (from && until) {
      if (from > until) throw badField('end_date', 'must not be before start_date');
      if (until.getTime() - from.getTime() > windowMs) {
        throw badField(
          'end_date',
          `the range may not span more than ${OPEN311_LIST.windowDays} days; query it in parts`,
        );
      }
    } else if (from) {
      until = new Date(from.getTime() + windowMs);
    } else if (until) {
      from = new Date(until.getTime() - windowMs);
    } else if (!anyDate) {
      from = new Date(Date.now() - windowMs);
    }
    if (input.updatedAfter && input.updatedBefore && input.updatedAfter > input.updatedBefore) {
      throw badField('updated_before', 'must not be before updated_after');
    }
    if (input.near) {
      const r = input.near.radiusMeters;
      if (!(r > 0 && r <= OPEN311_LIST.maxRadiusMeters)) {
        throw badField('radius', `must be between 1 and ${OPEN311_LIST.maxRadiusMeters} metres`);
      }
    }
    return this.repository.listPage(
      {
        serviceCodes: input.serviceCodes,
        status: input.status,
        from,
        until,
        updatedAfter: input.updatedAfter,
        updatedBefore: input.updatedBefore,
        near: input.near,
        includePrivate,
      },
      paging,
    );
  }

  /** Tracking numbers of requests by uuid (duplicates' parents in Open311 output). */
  async trackingNumbersOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.repository.findByIds([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r.trackingNumber]));
  }

  /** Staff change the detailed status, with an optional public or internal note and expected date. */
  async updateStatus(actor: Actor, input: UpdateStatusInput): Promise<ServiceRequestEntity> {
    const [updated] = await this.updateStatuses(actor, {
      ...input,
      requestIds: [input.requestId],
      single: true,
    });
    return updated!;
  }

  /**
   * Staff change the status of several requests at once (the console's bulk action), with the same
   * note and expected date on each. All or nothing: every id must exist and be the actor's agency's,
   * else nothing changes. A request already at the status, with no note or date to add, is left as
   * it is (in bulk; alone it is BAD_USER_INPUT, since the change would do nothing).
   */
  async updateStatuses(
    actor: Actor,
    input: Omit<UpdateStatusInput, 'requestId'> & { requestIds: string[]; single?: boolean },
  ): Promise<ServiceRequestEntity[]> {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isStaff(actor))
      throw new ForbiddenError('Only city staff can change the status of a request.');
    const idsField = input.single ? 'input.id' : 'input.ids';
    if (input.detailedStatus === 'DUPLICATE') {
      throw new BadInputError([
        {
          field: 'input.detailedStatus',
          message: 'use markDuplicate to close a request as a duplicate',
        },
      ]);
    }
    const ids = [...new Set(input.requestIds)];
    if (ids.length === 0 || ids.length > MAX_BULK) {
      throw new BadInputError([
        { field: idsField, message: `must list 1 to ${MAX_BULK} requests` },
      ]);
    }
    const note = input.note?.trim() || null;
    if (note && note.length > 4000) {
      throw new BadInputError([
        { field: 'input.note', message: 'must be at most 4,000 characters' },
      ]);
    }
    const change: StatusChange = {
      to: input.detailedStatus,
      note,
      visibility: input.noteVisibility ?? 'PUBLIC',
      expectedAt: input.expectedAt,
      skipUnchanged: !input.single,
    };
    const userId = actor.user.id;
    const results = await this.dataSource.transaction(async (manager) => {
      // lock in a fixed order so two bulk changes cannot deadlock
      const locked = new Map<string, ServiceRequestEntity>();
      for (const id of [...ids].sort()) {
        const request = await this.repository.lockById(manager, id);
        if (!request) throw new NotFoundError('Service request', id);
        if (!worksForAgency(actor, request.agencyId)) {
          throw new ForbiddenError(
            input.single
              ? "Only staff of this request's agency can change its status."
              : `Only staff of its agency can change the status of ${request.trackingNumber}; nothing was changed.`,
          );
        }
        locked.set(id, request);
      }
      const out: { request: ServiceRequestEntity; events: RequestEventEntity[] }[] = [];
      const notes: NotificationEntity[] = [];
      for (const id of ids) {
        const applied = await this.applyStatusChange(manager, userId, locked.get(id)!, change);
        out.push({ request: applied.request, events: applied.events });
        notes.push(...applied.notes);
      }
      return { out, notes };
    });
    const definitions = await this.definitions.byIds([
      ...new Set(results.out.map((r) => r.request.serviceDefinitionId)),
    ]);
    const byId = new Map(definitions.filter((d) => d !== null).map((d) => [d.id, d]));
    for (const { request, events } of results.out) {
      if (events.length) {
        this.publishEvents(request, events, byId.get(request.serviceDefinitionId)!, 'UPDATED');
      }
    }
    this.notifications.publish(results.notes);
    return results.out.map((r) => r.request);
  }

  /**
   * One status change of one locked request, inside the caller's transaction: the row, its
   * timeline events, followers' notifications, texts to subscribed phones and the audit entry.
   */
  private async applyStatusChange(
    manager: EntityManager,
    userId: string,
    request: ServiceRequestEntity,
    change: StatusChange,
  ): Promise<{
    request: ServiceRequestEntity;
    events: RequestEventEntity[];
    notes: NotificationEntity[];
  }> {
    const { note, visibility } = change;
    const from = request.detailedStatus;
    const to = change.to;
    const now = new Date();
    const statusChanged = from !== to;
    const expectedChanged =
      change.expectedAt !== undefined &&
      (change.expectedAt?.getTime() ?? null) !== (request.expectedAt?.getTime() ?? null);
    if (!statusChanged && !note && !expectedChanged) {
      if (change.skipUnchanged) return { request, events: [], notes: [] };
      throw new BadInputError([
        {
          field: 'input.detailedStatus',
          message: 'is already the current status; add a note or a date',
        },
      ]);
    }
    const status = statusOf(to);
    const changes: Partial<ServiceRequestEntity> = { updatedAt: now };
    if (statusChanged) {
      changes.detailedStatus = to;
      changes.status = status;
      changes.closedAt = status === 'CLOSED' ? now : null;
    }
    if (change.expectedAt !== undefined) changes.expectedAt = change.expectedAt;
    await this.repository.update(manager, request.id, changes);
    const events: RequestEventEntity[] = [];
    if (statusChanged) {
      const type: EventType =
        statusOf(from) === 'CLOSED' && status === 'OPEN'
          ? 'REOPENED'
          : to === 'ACKNOWLEDGED'
            ? 'ACKNOWLEDGED'
            : 'STATUS_CHANGED';
      events.push(
        await this.repository.insertEvent(manager, {
          requestId: request.id,
          type,
          fromStatus: from,
          toStatus: to,
          text: visibility === 'PUBLIC' ? note : null,
          visibility: 'PUBLIC',
          actorId: userId,
          at: now,
        }),
      );
    }
    if (note && (visibility === 'INTERNAL' || !statusChanged)) {
      events.push(
        await this.repository.insertEvent(manager, {
          requestId: request.id,
          type: 'NOTE',
          fromStatus: null,
          toStatus: null,
          text: note,
          visibility,
          actorId: userId,
          at: now,
        }),
      );
    }
    if (expectedChanged && !statusChanged && !note) {
      events.push(
        await this.repository.insertEvent(manager, {
          requestId: request.id,
          type: 'NOTE',
          fromStatus: null,
          toStatus: null,
          text: change.expectedAt
            ? `Expected by ${change.expectedAt.toISOString().slice(0, 10)}`
            : 'Expected date removed',
          visibility: 'PUBLIC',
          actorId: userId,
          at: now,
        }),
      );
    }
    const notes: NotificationEntity[] = [];
    const publicChange = events.find((e) => e.visibility === 'PUBLIC');
    if (publicChange) {
      const followers = await this.follows.followerIds(manager, 'REQUEST', request.id);
      notes.push(
        ...(await this.notifications.notify(
          manager,
          followers.map((id) => ({
            userId: id,
            kind: 'STATUS_CHANGED' as const,
            targetType: 'REQUEST',
            targetId: request.id,
            title: NOTIFY.statusChanged(request.trackingNumber, statusChanged ? to : null),
            body: publicChange.text ?? '',
          })),
          userId,
        )),
      );
      await this.updates?.requestChanged(
        manager,
        {
          ...request,
          expectedAt: change.expectedAt !== undefined ? change.expectedAt : request.expectedAt,
        },
        { status: statusChanged ? to : null, note: publicChange.text ?? null },
      );
    }
    await this.audit.record(manager, {
      actorId: userId,
      action: 'request.update_status',
      targetType: 'ServiceRequest',
      targetId: request.id,
      data: { from, to, visibility, expectedAt: change.expectedAt?.toISOString() ?? null },
    });
    const updated = await this.repository.findById(request.id, manager);
    return { request: updated!, events, notes };
  }

  /**
   * Publishes events written by another service's transaction (supports, merges, reopening,
   * adoption) after it committed: to the request's subscribers and, for public events, to the
   * live map topics.
   */
  async publishAfterCommit(
    request: ServiceRequestEntity,
    events: RequestEventEntity[],
  ): Promise<void> {
    if (events.length === 0) return;
    const definition = (await this.definitions.byIds([request.serviceDefinitionId]))[0];
    if (definition) this.publishEvents(request, events, definition, 'UPDATED');
  }

  private publishEvents(
    request: ServiceRequestEntity,
    events: RequestEventEntity[],
    definition: ServiceDefinitionEntity,
    change: 'CREATED' | 'UPDATED',
  ): void {
    for (const event of events) {
      this.publisher.publish(topics.request(request.id), {
        event,
        request,
      } satisfies RequestEventMessage);
    }
    const message: RequestChangeMessage = { change, request, isPrivate: definition.isPrivate };
    // the agency's staff queue hears of every change, internal ones included (staff only listen)
    this.publisher.publish(topics.agency(request.agencyId), message);
    if (!events.some((e) => e.visibility === 'PUBLIC')) return;
    const [longitude, latitude] = request.location.coordinates as [number, number];
    const tile = tileOf(longitude, latitude);
    this.publisher.publish(topics.tile(tile.x, tile.y), message);
    if (request.ward !== null) this.publisher.publish(topics.area('WARD', request.ward), message);
    if (request.communityArea !== null) {
      this.publisher.publish(topics.area('COMMUNITY_AREA', request.communityArea), message);
    }
  }

  /** Whether the actor may see this request at all (private services: reporter and staff only). */
  async canSee(actor: Actor, request: ServiceRequestEntity): Promise<boolean> {
    if (isStaff(actor) || (actor.user && actor.user.id === request.reporterId)) return true;
    const definition = (await this.definitions.byIds([request.serviceDefinitionId]))[0];
    return !definition?.isPrivate;
  }

  /** One request by uuid or tracking number, or null when absent or not visible. */
  async get(
    actor: Actor,
    by: { id?: string; trackingNumber?: string },
  ): Promise<ServiceRequestEntity | null> {
    const request = by.id
      ? await this.repository.findById(by.id)
      : by.trackingNumber
        ? await this.repository.findByTrackingNumber(by.trackingNumber)
        : null;
    if (!request || !(await this.canSee(actor, request))) return null;
    return request;
  }

  /**
   * A filtered, ordered page. Private services are listed for staff only, and for the reporter
   * among their own requests (`reportedByActor`: "my requests", signed in only).
   */
  list(
    actor: Actor,
    filter: Omit<RequestFilter, 'includePrivate' | 'reporterId'> & { reportedByActor?: boolean },
    order: RequestOrder,
    first: number,
    after?: Keyset,
  ) {
    const { reportedByActor, ...rest } = filter;
    if (reportedByActor && !actor.user) {
      throw new UnauthenticatedError('Sign in to list your own requests.');
    }
    if (order === 'DISTANCE' && !filter.near) {
      throw new BadInputError([{ field: 'orderBy', message: 'DISTANCE needs filter.near' }]);
    }
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw new BadInputError([{ field: 'filter.to', message: 'must be after filter.from' }]);
    }
    const mine = reportedByActor && actor.user ? actor.user.id : undefined;
    return this.repository.list(
      { ...rest, reporterId: mine, includePrivate: isStaff(actor) || mine !== undefined },
      order,
      first,
      after,
    );
  }

  /** Whether the actor reported this request (may ask to reopen it, sees its contact). */
  isReporter(actor: Actor, request: { reporterId: string | null }): boolean {
    return (
      actor.user !== null && request.reporterId !== null && actor.user.id === request.reporterId
    );
  }

  /** Requests near a point, nearest first: duplicate suggestions while reporting. */
  nearby(
    actor: Actor,
    options: {
      latitude: number;
      longitude: number;
      radiusMeters: number;
      serviceCode?: string;
      includeClosed: boolean;
      limit: number;
    },
  ) {
    if (options.radiusMeters <= 0 || options.radiusMeters > 5000) {
      throw new BadInputError([{ field: 'radiusMeters', message: 'must be between 1 and 5,000' }]);
    }
    return this.repository.nearest({
      ...options,
      openOnly: !options.includeClosed,
      includePrivate: isStaff(actor),
    });
  }

  /** The timeline the actor may see (internal notes for staff only). */
  timeline(actor: Actor, requestId: string, afterEventId?: string): Promise<RequestEventEntity[]> {
    return this.repository.events(requestId, isStaff(actor), afterEventId);
  }

  /** Batch loader of timelines. */
  async timelines(actor: Actor, requestIds: readonly string[]): Promise<RequestEventEntity[][]> {
    const rows = await this.repository.eventsFor(requestIds, isStaff(actor));
    return requestIds.map((id) => rows.filter((e) => e.requestId === id));
  }

  /** Batch loader of requests by id (no visibility check: callers check). */
  async byIds(ids: readonly string[]): Promise<(ServiceRequestEntity | null)[]> {
    const rows = await this.repository.findByIds(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** Whether the actor may read the reporter's private contact of this request. */
  canSeeContact(actor: Actor, request: ServiceRequestEntity): boolean {
    return isStaff(actor) || (actor.user !== null && actor.user.id === request.reporterId);
  }

  /** Whether the actor may read internal matters of requests (internal notes, assignees). */
  canSeeInternal(actor: Actor): boolean {
    return isStaff(actor);
  }

  /** Whether the actor may read events of this visibility. */
  canSeeEvent(actor: Actor, event: RequestEventEntity): boolean {
    return event.visibility === 'PUBLIC' || isStaff(actor);
  }
}
