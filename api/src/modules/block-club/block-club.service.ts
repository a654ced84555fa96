/**
 * Block clubs: neighbours organised around a drawn boundary.
 *
 * Terminology:
 * - boundary: a GeoJSON Polygon ([longitude, latitude] positions, outer ring first, holes after),
 *   valid, inside the city (covered by the wards) and at most {@link MAX_CLUB_AREA_M2} m².
 * - organizer: a member who runs the club (edits it, decides memberships, schedules actions,
 *   adopts requests, hands the role over). A club always keeps at least one active organizer.
 * - activity: what a club page streams live — new requests inside the boundary, posts, actions,
 *   comments on posts and membership news (who joined, asked to join, was approved, left or
 *   changed role). News about a request to join (asked, refused, withdrawn) reaches only the
 *   club's organizers, moderators, admins and the person concerned.
 *
 * Every organizer, moderator and admin act is written to the audit log in its own transaction;
 * events and notifications are published after commit.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  type FieldProblem,
} from '../../lib/errors.js';
import type { PubSub } from '../../lib/pubsub.js';
import { tileTopicsForBbox } from '../../lib/pubsub.js';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { CommentEntity } from '../comment/comment.entity.js';
import type { CommentService } from '../comment/comment.service.js';
import type { FollowService } from '../follow/follow.service.js';
import type { NotificationEntity } from '../notification/notification.entity.js';
import type {
  NotificationDraft,
  NotificationService,
} from '../notification/notification.service.js';
import type {
  RequestStatus,
  ServiceRequestEntity,
} from '../service-request/service-request.entity.js';
import type {
  RequestChangeMessage,
  ServiceRequestService,
} from '../service-request/service-request.service.js';
import type { Actor } from '../user/actor.js';
import { isAdmin, isStaff } from '../user/actor.js';
import type { JoinPolicy, MemberRole, MemberStatus, RsvpResponse } from './block-club.entity.js';
import type {
  ActionRow,
  BlockClubRepository,
  ClubRow,
  MemberRow,
  PolygonGeoJson,
  PostRow,
} from './block-club.repository.js';
import { NOTIFY } from '../notification/notification.messages.js';

/** Largest club, in square metres (5 km²). */
export const MAX_CLUB_AREA_M2 = 5_000_000;
/** Area outside the wards tolerated for slivers along ward lines, in square metres. */
const OUTSIDE_TOLERANCE_M2 = 1;
/** Most positions of one boundary (all rings). */
const MAX_BOUNDARY_POSITIONS = 2000;
/** Longest post, in characters. */
export const MAX_POST_LENGTH = 4000;

/** What the block club service needs. */
export interface BlockClubDeps {
  dataSource: DataSource;
  repository: BlockClubRepository;
  follows: FollowService;
  notifications: NotificationService;
  comments: CommentService;
  pubsub: PubSub;
  rateLimits: RateLimits;
  audit: AuditRepository;
  serviceRequests: ServiceRequestService;
}

/** A boundary as callers hand it over (GeoJSON Polygon). */
export interface BoundaryInput {
  type: string;
  coordinates: number[][][];
}

/** What happened to a membership. */
export type MembershipChange =
  'JOINED' | 'ASKED' | 'APPROVED' | 'REFUSED' | 'WITHDRAWN' | 'LEFT' | 'ROLE_CHANGED';

/** Membership news that only organizers (and the person concerned) may hear. */
const ORGANIZERS_ONLY: ReadonlySet<MembershipChange> = new Set(['ASKED', 'REFUSED', 'WITHDRAWN']);

/** What is published on a club's own topic after commit. */
export type ClubTopicMessage =
  | { kind: 'POST'; post: PostRow }
  | { kind: 'ACTION'; action: ActionRow }
  | { kind: 'COMMENT'; comment: CommentEntity; postId: string }
  | { kind: 'MEMBERSHIP'; membershipChange: MembershipChange; member: MemberRow };

/** One item of a club's live activity. */
export type ClubActivity = ClubTopicMessage | { kind: 'REQUEST'; request: ServiceRequestEntity };

/** Topic of one club's posts, actions and comments. */
export function clubTopic(clubId: string): string {
  return `block-club:${clubId}`;
}

/** A URL-safe slug of a name: lower-case ASCII words joined by hyphens, at most 60 characters. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'club';
}

/** The first free slug: the base, else base-2, base-3, … */
export function nextSlug(base: string, used: readonly string[]): string {
  const taken = new Set(used);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Whether a point lies inside a ring (ray casting; positions are [lng, lat]). */
function inRing(lng: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a polygon (in the outer ring and in no hole). */
export function pointInPolygon(lng: number, lat: number, polygon: PolygonGeoJson): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !inRing(lng, lat, outer)) return false;
  return !holes.some((hole) => inRing(lng, lat, hole));
}

/** Bounding box of a polygon's outer ring. */
function bboxOf(polygon: PolygonGeoJson) {
  const ring = polygon.coordinates[0] ?? [];
  const lngs = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return {
    west: Math.min(...lngs),
    east: Math.max(...lngs),
    south: Math.min(...lats),
    north: Math.max(...lats),
  };
}

/** Checks the GeoJSON shape in JS (before PostGIS); returns problems naming the field. */
function shapeProblems(boundary: BoundaryInput, field: string): FieldProblem[] {
  if (boundary.type !== 'Polygon') {
    return [{ field, message: 'must be a GeoJSON Polygon (type "Polygon")' }];
  }
  const rings = boundary.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) {
    return [{ field, message: 'must have at least one ring of [longitude, latitude] positions' }];
  }
  const total = rings.reduce((n, r) => n + (Array.isArray(r) ? r.length : 0), 0);
  if (total > MAX_BOUNDARY_POSITIONS) {
    return [{ field, message: `may have at most ${MAX_BOUNDARY_POSITIONS} positions` }];
  }
  for (const [i, ring] of rings.entries()) {
    const name = i === 0 ? 'the outer ring' : `hole ${i}`;
    if (!Array.isArray(ring) || ring.length < 4) {
      return [
        {
          field,
          message: `${name} has ${Array.isArray(ring) ? ring.length : 0} positions; a closed ring needs at least 4 (the first repeated at the end)`,
        },
      ];
    }
    for (const position of ring) {
      const [lng, lat] = position as [number, number];
      if (
        position.length !== 2 ||
        !Number.isFinite(lng) ||
        !Number.isFinite(lat) ||
        Math.abs(lng) > 180 ||
        Math.abs(lat) > 90
      ) {
        return [
          {
            field,
            message: `${name} has a position that is not [longitude, latitude] in degrees`,
          },
        ];
      }
    }
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return [{ field, message: `${name} is not closed: its last position must repeat the first` }];
    }
  }
  return [];
}

/** Block club rules. */
export class BlockClubService {
  constructor(private readonly deps: BlockClubDeps) {
    deps.follows.registerTarget(
      'BLOCK_CLUB',
      async (actor, id) => (await this.get(actor, { id })) !== null,
    );
    deps.comments.registerTarget('CLUB_POST', {
      assertCanComment: async (actor, postId) => {
        const post = await deps.repository.findPost(postId);
        const club = post && !post.deletedAt ? await this.get(actor, { id: post.clubId }) : null;
        if (!post || !club) throw new NotFoundError('Block club post', postId);
        if (!this.isMember(club)) {
          throw new ForbiddenError(`Only members of ${club.name} can comment on its posts.`);
        }
      },
      canRead: async (actor, postId) => {
        const post = await deps.repository.findPost(postId);
        return post !== null && (await this.get(actor, { id: post.clubId })) !== null;
      },
      afterAdd: async (manager, comment, actor) => {
        const post = await deps.repository.findPost(comment.targetId, manager);
        const club = post
          ? await deps.repository.findClub({ id: post.clubId }, null, manager)
          : null;
        if (!post || !club) return [];
        return deps.notifications.notify(
          manager,
          [
            {
              userId: post.authorId,
              kind: 'COMMENTED',
              targetType: 'BLOCK_CLUB',
              targetId: club.id,
              title: NOTIFY.clubPostComment(club.name),
              body: comment.body.slice(0, 140),
              coalesceKey: `CLUB_POST_COMMENT:${post.id}`,
              coalescedTitle: (n) => NOTIFY.clubPostComments(n, club.name),
            },
          ],
          actor.user?.id,
        );
      },
      afterCommit: async (comment) => {
        const post = await deps.repository.findPost(comment.targetId);
        if (post) {
          deps.pubsub.publish(clubTopic(post.clubId), {
            kind: 'COMMENT',
            comment,
            postId: post.id,
          } satisfies ClubTopicMessage);
        }
      },
    });
  }

  private get repository() {
    return this.deps.repository;
  }

  /** Whether the viewer of this row is an active member. */
  isMember(club: ClubRow): boolean {
    return club.viewerStatus === 'ACTIVE';
  }

  /** Whether the viewer of this row is an active organizer. */
  isOrganizer(club: ClubRow): boolean {
    return club.viewerStatus === 'ACTIVE' && club.viewerRole === 'ORGANIZER';
  }

  private canSee(actor: Actor, club: ClubRow): boolean {
    if (!club.hiddenAt) return true;
    return (
      this.isMember(club) ||
      actor.user?.id === club.createdById ||
      actor.user?.role === 'MODERATOR' ||
      isAdmin(actor)
    );
  }

  /** One club by id or slug, or null when absent or hidden from the actor. */
  async get(
    actor: Actor,
    by: { id?: string; slug?: string },
    manager?: EntityManager,
  ): Promise<ClubRow | null> {
    const club = await this.repository.findClub(by, actor.user?.id ?? null, manager);
    return club && this.canSee(actor, club) ? club : null;
  }

  private async mustGet(actor: Actor, id: string, manager?: EntityManager): Promise<ClubRow> {
    const club = await this.get(actor, { id }, manager);
    if (!club) throw new NotFoundError('Block club', id);
    return club;
  }

  /** Validates a boundary (shape in JS, then validity, area and city coverage in PostGIS). */
  private async checkBoundary(boundary: BoundaryInput, field: string): Promise<string> {
    const shape = shapeProblems(boundary, field);
    if (shape.length) throw new BadInputError(shape);
    const geojson = JSON.stringify({ type: 'Polygon', coordinates: boundary.coordinates });
    let check;
    try {
      check = await this.repository.checkBoundary(geojson);
    } catch {
      throw new BadInputError([{ field, message: 'is not a polygon PostGIS can read' }]);
    }
    if (!check.valid) {
      const reason = check.reason ?? 'invalid';
      throw new BadInputError([
        {
          field,
          message: /self-intersection/i.test(reason)
            ? `is not a valid polygon: its edges cross (self-intersecting; ${reason})`
            : `is not a valid polygon (${reason})`,
        },
      ]);
    }
    const problems: FieldProblem[] = [];
    if (check.areaSquareMeters > MAX_CLUB_AREA_M2) {
      const km2 = (check.areaSquareMeters / 1_000_000).toFixed(1);
      problems.push({
        field,
        message: `${km2} km² is over the ${MAX_CLUB_AREA_M2 / 1_000_000} km² limit; draw a smaller area`,
      });
    }
    if (check.outsideCitySquareMeters > OUTSIDE_TOLERANCE_M2) {
      problems.push({
        field,
        message: `is outside the city of Chicago: about ${Math.round(check.outsideCitySquareMeters).toLocaleString('en-US')} m² lie beyond the city limits`,
      });
    }
    if (problems.length) throw new BadInputError(problems);
    return geojson;
  }

  private cleanText(
    value: string | null | undefined,
    field: string,
    opts: { min: number; max: number },
    problems: FieldProblem[],
  ): string {
    const text = (value ?? '').replace(/\r\n/g, '\n').trim();
    if (text.length < opts.min) {
      problems.push({
        field,
        message: opts.min === 1 ? 'must not be empty' : `must be at least ${opts.min} characters`,
      });
    } else if (text.length > opts.max) {
      problems.push({
        field,
        message: `must be at most ${opts.max.toLocaleString('en-US')} characters`,
      });
    }
    return text;
  }

  /** Creates a club; the creator becomes its first organizer. Limited per account per day. */
  async create(
    actor: Actor,
    input: {
      name: string;
      description?: string | null;
      boundary: BoundaryInput;
      joinPolicy?: JoinPolicy | null;
    },
  ): Promise<ClubRow> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to start a block club.');
    const user = actor.user;
    const problems: FieldProblem[] = [];
    const name = this.cleanText(input.name, 'input.name', { min: 3, max: 80 }, problems);
    const description = this.cleanText(
      input.description,
      'input.description',
      { min: 0, max: 2000 },
      problems,
    );
    if (problems.length) throw new BadInputError(problems);
    const boundary = await this.checkBoundary(input.boundary, 'input.boundary');
    await this.deps.rateLimits.consume('clubCreate', user.id);
    const id = await this.deps.dataSource.transaction(async (manager) => {
      const base = slugify(name);
      await this.repository.lockSlug(manager, base);
      const slug = nextSlug(base, await this.repository.slugsLike(manager, base));
      const id = await this.repository.insertClub(manager, {
        name,
        slug,
        description,
        boundary,
        joinPolicy: input.joinPolicy ?? 'OPEN',
        createdById: user.id,
      });
      await this.repository.insertMember(manager, id, user.id, 'ORGANIZER', 'ACTIVE');
      await this.deps.follows.followIn(manager, user.id, 'BLOCK_CLUB', id);
      await this.deps.audit.record(manager, {
        actorId: user.id,
        action: 'block_club.create',
        targetType: 'BlockClub',
        targetId: id,
        data: { name, slug },
      });
      return id;
    });
    return (await this.get(actor, { id }))!;
  }

  /** Organizers (or admins) change the name, description, boundary or join policy. The slug stays. */
  async update(
    actor: Actor,
    id: string,
    input: {
      name?: string | null;
      description?: string | null;
      boundary?: BoundaryInput | null;
      joinPolicy?: JoinPolicy | null;
    },
  ): Promise<ClubRow> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const club = await this.mustGet(actor, id);
    if (!this.isOrganizer(club) && !isAdmin(actor)) {
      throw new ForbiddenError(`Only organizers of ${club.name} can change it.`);
    }
    const problems: FieldProblem[] = [];
    const changes: {
      name?: string;
      description?: string;
      boundary?: string;
      joinPolicy?: JoinPolicy;
    } = {};
    if (input.name != null) {
      changes.name = this.cleanText(input.name, 'input.name', { min: 3, max: 80 }, problems);
    }
    if (input.description != null) {
      changes.description = this.cleanText(
        input.description,
        'input.description',
        { min: 0, max: 2000 },
        problems,
      );
    }
    if (input.joinPolicy != null) changes.joinPolicy = input.joinPolicy;
    if (problems.length) throw new BadInputError(problems);
    if (input.boundary != null) {
      changes.boundary = await this.checkBoundary(input.boundary, 'input.boundary');
    }
    await this.deps.dataSource.transaction(async (manager) => {
      await this.repository.updateClub(manager, id, changes);
      await this.deps.audit.record(manager, {
        actorId: userId,
        action: 'block_club.update',
        targetType: 'BlockClub',
        targetId: id,
        data: { fields: Object.keys(changes) },
      });
    });
    return (await this.get(actor, { id }))!;
  }

  /** Clubs near a point (nearest first) and/or matching name words, a page at a time. */
  search(
    actor: Actor,
    options: {
      near?: { lat: number; lng: number; radiusMeters: number } | null;
      search?: string | null;
      first: number;
      after?: [number | string, string];
    },
  ) {
    const words = (options.search ?? '')
      .trim()
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .slice(0, 8);
    return this.repository.search(
      actor.user?.id ?? null,
      { near: options.near ?? undefined, words },
      options.first,
      options.after,
    );
  }

  /** Joins a club: active at once with OPEN, pending (organizers told) with APPROVAL. */
  async join(actor: Actor, clubId: string): Promise<ClubRow> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to join a block club.');
    const user = actor.user;
    const { notes, joined } = await this.deps.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockClub(manager, clubId)))
        throw new NotFoundError('Block club', clubId);
      const club = await this.mustGet(actor, clubId, manager);
      if (club.viewerStatus) return { notes: [], joined: null };
      const status: MemberStatus = club.joinPolicy === 'OPEN' ? 'ACTIVE' : 'PENDING';
      await this.repository.insertMember(manager, club.id, user.id, 'MEMBER', status);
      const joined = await this.repository.member(manager, club.id, user.id);
      if (status === 'ACTIVE') return { notes: [], joined };
      const organizers = await this.repository.activeMemberIds(manager, club.id, 'ORGANIZER');
      const notes = await this.deps.notifications.notify(
        manager,
        organizers.map((userId) => ({
          userId,
          kind: 'MEMBERSHIP' as const,
          targetType: 'BLOCK_CLUB',
          targetId: club.id,
          title: NOTIFY.joinAsked(user.displayName, club.name),
          coalesceKey: `MEMBERSHIP_PENDING:${club.id}`,
          coalescedTitle: (n: number) => NOTIFY.joinsAsked(n, club.name),
        })),
        user.id,
      );
      return { notes, joined };
    });
    if (joined) {
      this.publishMembership(clubId, joined.status === 'ACTIVE' ? 'JOINED' : 'ASKED', joined);
    }
    this.deps.notifications.publish(notes);
    return (await this.get(actor, { id: clubId }))!;
  }

  /**
   * Leaves a club (or withdraws a pending request). The last active organizer cannot leave: they
   * first make another member an organizer with {@link setRole}.
   */
  async leave(actor: Actor, clubId: string): Promise<ClubRow> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const gone = await this.deps.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockClub(manager, clubId)))
        throw new NotFoundError('Block club', clubId);
      const club = await this.mustGet(actor, clubId, manager);
      if (!club.viewerStatus) return null;
      if (this.isOrganizer(club)) {
        const organizers = await this.repository.activeMemberIds(manager, clubId, 'ORGANIZER');
        if (organizers.length <= 1) {
          throw new ConflictError(
            `You are the last organizer of ${club.name}. Make another member an organizer (setBlockClubMemberRole) before you leave.`,
          );
        }
      }
      const member = await this.repository.member(manager, clubId, userId);
      await this.repository.deleteMember(manager, clubId, userId);
      return member;
    });
    if (gone) this.publishMembership(clubId, gone.status === 'ACTIVE' ? 'LEFT' : 'WITHDRAWN', gone);
    return (await this.get(actor, { id: clubId }))!;
  }

  /** Organizers (or admins) approve or refuse a pending membership; the person is told. */
  async decide(
    actor: Actor,
    clubId: string,
    userId: string,
    approve: boolean,
  ): Promise<{ club: ClubRow; member: MemberRow | null }> {
    if (!actor.user) throw new UnauthenticatedError();
    const actorId = actor.user.id;
    const { notes, decided } = await this.deps.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockClub(manager, clubId)))
        throw new NotFoundError('Block club', clubId);
      const club = await this.mustGet(actor, clubId, manager);
      if (!this.isOrganizer(club) && !isAdmin(actor)) {
        throw new ForbiddenError(`Only organizers of ${club.name} can decide memberships.`);
      }
      const membership = await this.repository.membership(manager, clubId, userId);
      if (!membership) throw new NotFoundError('Membership request', userId);
      if (membership.status !== 'PENDING') {
        throw new ConflictError('This person is already a member; there is nothing to decide.', [
          { field: 'input.userId', message: 'is not waiting for a decision' },
        ]);
      }
      const asked = await this.repository.member(manager, clubId, userId);
      if (approve)
        await this.repository.updateMember(manager, clubId, userId, { status: 'ACTIVE' });
      else await this.repository.deleteMember(manager, clubId, userId);
      const decided = approve ? await this.repository.member(manager, clubId, userId) : asked;
      await this.deps.audit.record(manager, {
        actorId,
        action: approve ? 'block_club.approve_member' : 'block_club.refuse_member',
        targetType: 'BlockClub',
        targetId: clubId,
        data: { userId },
      });
      const notes = await this.deps.notifications.notify(
        manager,
        [
          {
            userId,
            kind: 'MEMBERSHIP',
            targetType: 'BLOCK_CLUB',
            targetId: clubId,
            title: NOTIFY.joinDecided(club.name, approve),
          },
        ],
        actorId,
      );
      return { notes, decided };
    });
    if (decided) this.publishMembership(clubId, approve ? 'APPROVED' : 'REFUSED', decided);
    this.deps.notifications.publish(notes);
    return {
      club: (await this.get(actor, { id: clubId }))!,
      member: await this.memberOf(clubId, userId),
    };
  }

  /**
   * Organizers (or admins) make an active member an organizer or an organizer a member: this is
   * how an organizer hands over before leaving. The last organizer cannot be demoted.
   */
  async setRole(
    actor: Actor,
    clubId: string,
    userId: string,
    role: MemberRole,
  ): Promise<{ club: ClubRow; member: MemberRow | null }> {
    if (!actor.user) throw new UnauthenticatedError();
    const actorId = actor.user.id;
    const changed = await this.deps.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockClub(manager, clubId)))
        throw new NotFoundError('Block club', clubId);
      const club = await this.mustGet(actor, clubId, manager);
      if (!this.isOrganizer(club) && !isAdmin(actor)) {
        throw new ForbiddenError(`Only organizers of ${club.name} can change roles.`);
      }
      const membership = await this.repository.membership(manager, clubId, userId);
      if (!membership) throw new NotFoundError('Member', userId);
      if (membership.status !== 'ACTIVE') {
        throw new ConflictError('Decide the membership request first.', [
          { field: 'input.userId', message: 'is not an active member' },
        ]);
      }
      if (membership.role === role) return false;
      if (role === 'MEMBER') {
        const organizers = await this.repository.activeMemberIds(manager, clubId, 'ORGANIZER');
        if (organizers.length <= 1) {
          throw new ConflictError(
            `${club.name} needs at least one organizer; make someone else an organizer first.`,
          );
        }
      }
      await this.repository.updateMember(manager, clubId, userId, { role });
      await this.deps.audit.record(manager, {
        actorId,
        action: 'block_club.set_role',
        targetType: 'BlockClub',
        targetId: clubId,
        data: { userId, from: membership.role, to: role },
      });
      return true;
    });
    const member = await this.memberOf(clubId, userId);
    if (changed && member) this.publishMembership(clubId, 'ROLE_CHANGED', member);
    return { club: (await this.get(actor, { id: clubId }))!, member };
  }

  private memberOf(clubId: string, userId: string): Promise<MemberRow | null> {
    return this.repository.member(this.deps.dataSource, clubId, userId);
  }

  /** Tells the club page (after commit) that a membership changed. */
  private publishMembership(clubId: string, change: MembershipChange, member: MemberRow): void {
    this.deps.pubsub.publish(clubTopic(clubId), {
      kind: 'MEMBERSHIP',
      membershipChange: change,
      member,
    } satisfies ClubTopicMessage);
  }

  /**
   * Whether the actor may hear news of a request to join: the person concerned, the club's active
   * organizers, moderators and admins.
   */
  private async mayHearJoinRequests(
    actor: Actor,
    clubId: string,
    memberId: string,
  ): Promise<boolean> {
    const user = actor.user;
    if (!user) return false;
    if (user.id === memberId || user.role === 'MODERATOR' || isAdmin(actor)) return true;
    const own = await this.repository.membership(this.deps.dataSource, clubId, user.id);
    return own?.status === 'ACTIVE' && own.role === 'ORGANIZER';
  }

  /** Members, organizers first; pending requests only for organizers, moderators and admins. */
  members(actor: Actor, club: ClubRow, first: number, after?: [number, string, string]) {
    const includePending =
      this.isOrganizer(club) || isAdmin(actor) || actor.user?.role === 'MODERATOR';
    return this.repository.members(club.id, includePending, first, after);
  }

  /** Requests inside the boundary, open first then newest; private services for staff only. */
  async requests(
    actor: Actor,
    club: ClubRow,
    filter: { status?: RequestStatus | null; serviceCodes?: string[] | null },
    first: number,
    after?: [number, string, string],
  ) {
    const page = await this.repository.requestsInside(
      club.id,
      {
        status: filter.status ?? undefined,
        serviceCodes: filter.serviceCodes ?? undefined,
        includePrivate: isStaff(actor),
      },
      first,
      after,
    );
    const entities = await this.deps.serviceRequests.byIds(page.rows.map((r) => r.id));
    return {
      ...page,
      rows: page.rows.map((r, i) => ({ entity: entities[i]!, key: r.key })),
    };
  }

  /** Ideas located inside the boundary (newest first, at most `limit`) and how many there are. */
  ideas(_actor: Actor, club: ClubRow, limit: number) {
    return this.repository.ideasInside(club.id, Math.min(Math.max(limit, 0), 50));
  }

  /** Members post to the club's feed; followers and members are told (coalesced per hour). */
  async post(actor: Actor, clubId: string, body: string): Promise<PostRow> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to post.');
    const user = actor.user;
    const club = await this.mustGet(actor, clubId);
    if (!this.isMember(club)) throw new ForbiddenError(`Only members of ${club.name} can post.`);
    const problems: FieldProblem[] = [];
    const text = this.cleanText(body, 'input.body', { min: 1, max: MAX_POST_LENGTH }, problems);
    if (problems.length) throw new BadInputError(problems);
    await this.deps.rateLimits.consume('post', user.id);
    const { post, notes } = await this.deps.dataSource.transaction(async (manager) => {
      const post = await this.repository.insertPost(manager, {
        clubId,
        authorId: user.id,
        body: text,
      });
      const notes = await this.notifyClub(manager, club, user.id, (userId) => ({
        userId,
        kind: 'CLUB_ACTIVITY',
        targetType: 'BLOCK_CLUB',
        targetId: club.id,
        title: NOTIFY.clubPost(club.name),
        body: text.slice(0, 140),
        coalesceKey: `CLUB_POST:${club.id}`,
        coalescedTitle: (n) => NOTIFY.clubPosts(n, club.name),
      }));
      return { post, notes };
    });
    this.deps.pubsub.publish(clubTopic(clubId), { kind: 'POST', post } satisfies ClubTopicMessage);
    this.deps.notifications.publish(notes);
    return post;
  }

  /** Notifies the club's followers and active members (never the actor). */
  private async notifyClub(
    manager: EntityManager,
    club: ClubRow,
    actorId: string,
    draft: (userId: string) => NotificationDraft,
  ): Promise<NotificationEntity[]> {
    const followers = await this.deps.follows.followerIds(manager, 'BLOCK_CLUB', club.id);
    const members = await this.repository.activeMemberIds(manager, club.id);
    const everyone = [...new Set([...followers, ...members])];
    return this.deps.notifications.notify(manager, everyone.map(draft), actorId);
  }

  /** The author, an organizer of the club or an admin removes a post (soft delete). */
  async deletePost(actor: Actor, postId: string): Promise<PostRow> {
    if (!actor.user) throw new UnauthenticatedError();
    const actorId = actor.user.id;
    const post = await this.repository.findPost(postId);
    const club = post ? await this.get(actor, { id: post.clubId }) : null;
    if (!post || !club) throw new NotFoundError('Block club post', postId);
    const isAuthor = post.authorId === actorId;
    if (!isAuthor && !this.isOrganizer(club) && !isAdmin(actor)) {
      throw new ForbiddenError('Only the author or an organizer can remove a post.');
    }
    if (!post.deletedAt) {
      await this.deps.dataSource.transaction(async (manager) => {
        await this.repository.updatePost(manager, postId, { deletedAt: new Date() });
        if (!isAuthor) {
          await this.deps.audit.record(manager, {
            actorId,
            action: 'block_club.delete_post',
            targetType: 'BlockClubPost',
            targetId: postId,
            data: { clubId: club.id, authorId: post.authorId },
          });
        }
      });
    }
    return (await this.repository.findPost(postId))!;
  }

  /** Moderation hides or restores a post, inside the moderation transaction. */
  async setPostHidden(manager: EntityManager, postId: string, hidden: boolean): Promise<void> {
    await this.repository.updatePost(manager, postId, { hiddenAt: hidden ? new Date() : null });
  }

  /** Moderation hides or restores a whole club, inside the moderation transaction. */
  async setClubHidden(manager: EntityManager, clubId: string, hidden: boolean): Promise<void> {
    await this.repository.updateClub(manager, clubId, { hiddenAt: hidden ? new Date() : null });
  }

  /** The feed, newest first. Anyone who can see the club reads it. */
  posts(_actor: Actor, club: ClubRow, first: number, after?: [string, string]) {
    return this.repository.posts(club.id, first, after);
  }

  /** Organizers schedule an action (clean-up day, walk, meeting); followers and members are told. */
  async createAction(
    actor: Actor,
    input: {
      clubId: string;
      title: string;
      description?: string | null;
      startsAt: Date;
      endsAt: Date;
      place: string;
      location?: { latitude: number; longitude: number } | null;
    },
  ): Promise<ActionRow> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const club = await this.mustGet(actor, input.clubId);
    if (!this.isOrganizer(club)) {
      throw new ForbiddenError(`Only organizers of ${club.name} can schedule actions.`);
    }
    const problems: FieldProblem[] = [];
    const title = this.cleanText(input.title, 'input.title', { min: 1, max: 120 }, problems);
    const description = this.cleanText(
      input.description,
      'input.description',
      { min: 0, max: 4000 },
      problems,
    );
    const place = this.cleanText(input.place, 'input.place', { min: 1, max: 200 }, problems);
    if (!(input.endsAt.getTime() > input.startsAt.getTime())) {
      problems.push({ field: 'input.endsAt', message: 'must be after startsAt' });
    } else if (input.endsAt.getTime() <= Date.now()) {
      problems.push({ field: 'input.endsAt', message: 'must be in the future' });
    }
    if (problems.length) throw new BadInputError(problems);
    const { action, notes } = await this.deps.dataSource.transaction(async (manager) => {
      const action = await this.repository.insertAction(manager, {
        clubId: club.id,
        createdById: userId,
        title,
        description,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        place,
        location: input.location ?? null,
      });
      await this.deps.audit.record(manager, {
        actorId: userId,
        action: 'block_club.create_action',
        targetType: 'BlockClubAction',
        targetId: action.id,
        data: { clubId: club.id, title },
      });
      const notes = await this.notifyClub(manager, club, userId, (id) => ({
        userId: id,
        kind: 'CLUB_ACTIVITY',
        targetType: 'BLOCK_CLUB',
        targetId: club.id,
        title: NOTIFY.clubAction(club.name, title, input.startsAt),
        body: place,
      }));
      return { action, notes };
    });
    this.deps.pubsub.publish(clubTopic(club.id), {
      kind: 'ACTION',
      action,
    } satisfies ClubTopicMessage);
    this.deps.notifications.publish(notes);
    return action;
  }

  /** Active members answer going, maybe or not going (changeable). */
  async rsvp(actor: Actor, actionId: string, response: RsvpResponse): Promise<ActionRow> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const action = await this.repository.findAction(actionId, userId);
    const club = action ? await this.get(actor, { id: action.clubId }) : null;
    if (!action || !club) throw new NotFoundError('Block club action', actionId);
    if (!this.isMember(club)) {
      throw new ForbiddenError(`Only members of ${club.name} can answer its actions.`);
    }
    await this.deps.dataSource.transaction((manager) =>
      this.repository.upsertRsvp(manager, actionId, userId, response),
    );
    return (await this.repository.findAction(actionId, userId))!;
  }

  /** Actions, soonest first; ended ones only with `includePast`. */
  actions(
    actor: Actor,
    club: ClubRow,
    includePast: boolean,
    first: number,
    after?: [string, string],
  ) {
    return this.repository.actions(club.id, actor.user?.id ?? null, includePast, first, after);
  }

  /**
   * Organizers adopt a request inside the boundary: it is listed on the club page and its public
   * timeline says "Adopted by block club X". Adopting twice changes nothing.
   */
  async adopt(
    actor: Actor,
    clubId: string,
    requestId: string,
  ): Promise<{ club: ClubRow; request: ServiceRequestEntity }> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    const club = await this.mustGet(actor, clubId);
    if (!this.isOrganizer(club)) {
      throw new ForbiddenError(`Only organizers of ${club.name} can adopt requests.`);
    }
    const request = await this.deps.serviceRequests.get(actor, { id: requestId });
    if (!request) throw new NotFoundError('Service request', requestId);
    const event = await this.deps.dataSource.transaction(async (manager) => {
      if (!(await this.repository.requestInside(manager, clubId, requestId))) {
        throw new BadInputError([
          {
            field: 'input.requestId',
            message: `lies outside the boundary of ${club.name}; a club adopts requests inside its area`,
          },
        ]);
      }
      if (!(await this.repository.adopt(manager, clubId, requestId, userId))) return null;
      const event = await this.repository.insertRequestNote(
        manager,
        requestId,
        `Adopted by block club ${club.name}`,
        userId,
      );
      await this.deps.audit.record(manager, {
        actorId: userId,
        action: 'block_club.adopt_request',
        targetType: 'ServiceRequest',
        targetId: requestId,
        data: { clubId },
      });
      return event;
    });
    if (event) await this.deps.serviceRequests.publishAfterCommit(request, [event]);
    return { club, request };
  }

  /** Requests the club adopted, most recent first (private services for staff only). */
  async adoptedRequests(actor: Actor, club: ClubRow, first: number, after?: [string, string]) {
    const page = await this.repository.adoptions(club.id, isStaff(actor), first, after);
    const entities = await this.deps.serviceRequests.byIds(page.rows.map((r) => r.id));
    return {
      ...page,
      rows: page.rows.map((r, i) => ({ entity: entities[i]!, key: r.key })),
    };
  }

  /** Loader batch: which of these clubs the actor follows. */
  isFollowing(actor: Actor, ids: readonly string[]): Promise<boolean[]> {
    return this.deps.follows.isFollowing(actor, 'BLOCK_CLUB', ids);
  }

  /**
   * A club's live activity: its own topic (posts, actions, comments on posts, membership news)
   * plus the map tiles covering its bounding box, filtered to new requests whose point lies inside
   * the boundary. News of requests to join reaches only those who may see pending members.
   * Listening starts before this returns, so nothing published afterwards is missed.
   */
  async activity(actor: Actor, clubId: string): Promise<AsyncGenerator<ClubActivity>> {
    const club = await this.mustGet(actor, clubId);
    const tiles = tileTopicsForBbox(bboxOf(club.boundary)) ?? [];
    const live = this.deps.pubsub.subscribe<ClubTopicMessage | RequestChangeMessage>([
      clubTopic(club.id),
      ...tiles,
    ]);
    const requests = this.deps.serviceRequests;
    const mayHear = (memberId: string) => this.mayHearJoinRequests(actor, club.id, memberId);
    return (async function* clubActivity(): AsyncGenerator<ClubActivity> {
      try {
        for await (const message of live) {
          if (!('kind' in message)) {
            if (message.change !== 'CREATED') continue;
            const [lng, lat] = message.request.location.coordinates as [number, number];
            if (!pointInPolygon(lng, lat, club.boundary)) continue;
            if (message.isPrivate && !(await requests.canSee(actor, message.request))) continue;
            yield { kind: 'REQUEST', request: message.request };
          } else if (
            message.kind === 'MEMBERSHIP' &&
            ORGANIZERS_ONLY.has(message.membershipChange)
          ) {
            if (await mayHear(message.member.userId)) yield message;
          } else {
            yield message;
          }
        }
      } finally {
        live.close();
      }
    })();
  }
}
