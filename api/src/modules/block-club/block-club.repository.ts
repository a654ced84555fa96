/**
 * Block club queries: boundary checks in PostGIS, slugs, membership, the club page (requests and
 * ideas inside the boundary, posts, actions with RSVP counts, adoptions) and the club search.
 *
 * Spatial predicates keep the indexed column bare: `ST_Covers(<club boundary>, r.location)` and
 * `c.boundary && <envelope>` use the GiST indexes on `service_requests.location` and
 * `block_clubs.boundary`; areas and distances are measured in UTM 16N (EPSG:26916), never in degrees.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { ServiceRequestRepository } from '../service-request/service-request.repository.js';
import type {
  RequestEventEntity,
  RequestStatus,
} from '../service-request/service-request.entity.js';
import type { JoinPolicy, MemberRole, MemberStatus, RsvpResponse } from './block-club.entity.js';

/** Metric projection of Chicago (UTM 16N) used for areas and distances. */
export const CLUB_METRIC_SRID = 26916;

/** A GeoJSON Polygon: an outer ring and optional holes of [longitude, latitude] positions. */
export interface PolygonGeoJson {
  type: 'Polygon';
  coordinates: number[][][];
}

/** A club as the service reads it, with what the viewer needs to know about their own membership. */
export interface ClubRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  boundary: PolygonGeoJson;
  joinPolicy: JoinPolicy;
  createdById: string | null;
  hiddenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  areaSquareMeters: number;
  center: { latitude: number; longitude: number };
  memberCount: number;
  viewerRole: MemberRole | null;
  viewerStatus: MemberStatus | null;
  /** Metres from the searched point to the boundary (0 inside), when searching near a point. */
  distanceMeters: number | null;
}

/** What PostGIS says about a proposed boundary. */
export interface BoundaryCheck {
  valid: boolean;
  reason: string | null;
  areaSquareMeters: number;
  outsideCitySquareMeters: number;
}

/** One membership with the member's public display name. */
export interface MemberRow {
  userId: string;
  displayName: string;
  role: MemberRole;
  status: MemberStatus;
  joinedAt: Date;
  rank: number;
  /** Exact (microsecond) join time as text, for cursors. */
  joinedKey: string;
}

/** One post with its author's display name and live comment count. */
export interface PostRow {
  id: string;
  clubId: string;
  authorId: string;
  authorName: string | null;
  body: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  /** Exact (microsecond) creation time as text, for cursors. */
  createdKey: string;
  commentCount: number;
}

/** One action with its RSVP counts and the viewer's answer. */
export interface ActionRow {
  id: string;
  clubId: string;
  createdById: string | null;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  location: { latitude: number; longitude: number } | null;
  createdAt: Date;
  going: number;
  maybe: number;
  notGoing: number;
  viewerResponse: RsvpResponse | null;
}

/** An idea located inside a club's boundary. */
export interface IdeaSummaryRow {
  id: string;
  title: string;
  status: string;
  voteCount: number;
  createdAt: Date;
}

/** A page of ids with their keyset positions. */
export interface KeyedPage<K> {
  rows: { id: string; key: K }[];
  totalCount: number;
  hasNextPage: boolean;
}

type Q = DataSource | EntityManager;

/** Collects positional parameters: `p(value)` returns `$n`. */
function params(): { list: unknown[]; p: (value: unknown) => string } {
  const list: unknown[] = [];
  return {
    list,
    p: (value: unknown) => {
      list.push(value);
      return `$${list.length}`;
    },
  };
}

/** Escapes LIKE wildcards so that search words match literally. */
function likeWord(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const CLUB_COLUMNS = `c.id, c.name, c.slug, c.description, ST_AsGeoJSON(c.boundary)::json AS boundary,
  c.join_policy, c.created_by_id, c.hidden_at, c.created_at, c.updated_at,
  ST_Area(ST_Transform(c.boundary, ${CLUB_METRIC_SRID})) AS area_m2,
  ST_Y(ST_PointOnSurface(c.boundary)) AS center_lat, ST_X(ST_PointOnSurface(c.boundary)) AS center_lng,
  (SELECT count(*)::int FROM block_club_members m WHERE m.club_id = c.id AND m.status = 'ACTIVE') AS member_count,
  vm.role AS viewer_role, vm.status AS viewer_status`;

interface RawClub {
  id: string;
  name: string;
  slug: string;
  description: string;
  boundary: PolygonGeoJson;
  join_policy: JoinPolicy;
  created_by_id: string | null;
  hidden_at: Date | null;
  created_at: Date;
  updated_at: Date;
  area_m2: number;
  center_lat: number;
  center_lng: number;
  member_count: number;
  viewer_role: MemberRole | null;
  viewer_status: MemberStatus | null;
  distance?: number | null;
}

function clubOf(r: RawClub): ClubRow {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    boundary: r.boundary,
    joinPolicy: r.join_policy,
    createdById: r.created_by_id,
    hiddenAt: r.hidden_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    areaSquareMeters: Number(r.area_m2),
    center: { latitude: Number(r.center_lat), longitude: Number(r.center_lng) },
    memberCount: Number(r.member_count),
    viewerRole: r.viewer_role,
    viewerStatus: r.viewer_status,
    distanceMeters: r.distance === undefined || r.distance === null ? null : Number(r.distance),
  };
}

interface RawPost {
  id: string;
  club_id: string;
  author_id: string;
  author_name: string | null;
  body: string;
  hidden_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
  created_key: string;
  comment_count: number;
}

function postOf(r: RawPost): PostRow {
  return {
    id: r.id,
    clubId: r.club_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    hiddenAt: r.hidden_at,
    deletedAt: r.deleted_at,
    createdAt: r.created_at,
    createdKey: r.created_key,
    commentCount: Number(r.comment_count),
  };
}

const POST_COLUMNS = `p.id, p.club_id, p.author_id, u.display_name AS author_name, p.body, p.hidden_at,
  p.deleted_at, p.created_at, p.created_at::text AS created_key,
  (SELECT count(*)::int FROM comments cm WHERE cm.target_type = 'CLUB_POST' AND cm.target_id = p.id
     AND cm.deleted_at IS NULL) AS comment_count`;

interface RawAction {
  id: string;
  club_id: string;
  created_by_id: string | null;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  place: string;
  lat: number | null;
  lng: number | null;
  created_at: Date;
  going: number;
  maybe: number;
  not_going: number;
  viewer_response: RsvpResponse | null;
}

function actionOf(r: RawAction): ActionRow {
  return {
    id: r.id,
    clubId: r.club_id,
    createdById: r.created_by_id,
    title: r.title,
    description: r.description,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    location:
      r.lat === null || r.lng === null
        ? null
        : { latitude: Number(r.lat), longitude: Number(r.lng) },
    createdAt: r.created_at,
    going: Number(r.going),
    maybe: Number(r.maybe),
    notGoing: Number(r.not_going),
    viewerResponse: r.viewer_response,
  };
}

/** `viewerParam` is the placeholder of the viewer's id (may be NULL). */
function actionColumns(viewerParam: string): string {
  return `a.id, a.club_id, a.created_by_id, a.title, a.description, a.starts_at, a.ends_at, a.place,
    ST_Y(a.location) AS lat, ST_X(a.location) AS lng, a.created_at,
    (SELECT count(*)::int FROM block_club_rsvps v WHERE v.action_id = a.id AND v.response = 'GOING') AS going,
    (SELECT count(*)::int FROM block_club_rsvps v WHERE v.action_id = a.id AND v.response = 'MAYBE') AS maybe,
    (SELECT count(*)::int FROM block_club_rsvps v WHERE v.action_id = a.id AND v.response = 'NOT_GOING') AS not_going,
    (SELECT v.response FROM block_club_rsvps v WHERE v.action_id = a.id AND v.user_id = ${viewerParam}::uuid) AS viewer_response`;
}

/** Block clubs, their members, posts, actions and adoptions. */
export class BlockClubRepository {
  private readonly requests: ServiceRequestRepository;

  constructor(private readonly dataSource: DataSource) {
    this.requests = new ServiceRequestRepository(dataSource);
  }

  /** Runs PostGIS validity, area and city-coverage checks on a GeoJSON Polygon. */
  async checkBoundary(geojson: string): Promise<BoundaryCheck> {
    const [validity] = (await this.dataSource.query(
      `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom)
       SELECT ST_IsValid(geom) AS valid, ST_IsValidReason(geom) AS reason,
              ST_Area(ST_Transform(geom, ${CLUB_METRIC_SRID})) AS area FROM g`,
      [geojson],
    )) as [{ valid: boolean; reason: string; area: number }];
    if (!validity.valid) {
      return {
        valid: false,
        reason: validity.reason,
        areaSquareMeters: Number(validity.area),
        outsideCitySquareMeters: 0,
      };
    }
    // Only the wards the polygon touches are unioned (GiST on areas.boundary), not all fifty.
    const [coverage] = (await this.dataSource.query(
      `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom),
            city AS (SELECT ST_Union(a.boundary) AS geom FROM areas a, g
                      WHERE a.kind = 'WARD' AND a.boundary && g.geom)
       SELECT COALESCE(ST_Area(ST_Transform(ST_Difference(g.geom, city.geom), ${CLUB_METRIC_SRID})),
                       ST_Area(ST_Transform(g.geom, ${CLUB_METRIC_SRID}))) AS outside
         FROM g, city`,
      [geojson],
    )) as [{ outside: number }];
    return {
      valid: true,
      reason: null,
      areaSquareMeters: Number(validity.area),
      outsideCitySquareMeters: Number(coverage.outside),
    };
  }

  /** Serialises slug choice for one base slug until the transaction ends. */
  async lockSlug(manager: EntityManager, base: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `block-club-slug|${base}`,
    ]);
  }

  /** Slugs in use that are the base or the base with a numeric suffix. */
  async slugsLike(manager: EntityManager, base: string): Promise<string[]> {
    const rows: { slug: string }[] = await manager.query(
      `SELECT slug FROM block_clubs WHERE slug = $1 OR (slug LIKE $2 AND substr(slug, $3) ~ '^[0-9]+$')`,
      [base, `${base}-%`, base.length + 2],
    );
    return rows.map((r) => r.slug);
  }

  /** Inserts a club; returns its id. */
  async insertClub(
    manager: EntityManager,
    club: {
      name: string;
      slug: string;
      description: string;
      boundary: string;
      joinPolicy: JoinPolicy;
      createdById: string;
    },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO block_clubs (name, slug, description, boundary, join_policy, created_by_id)
       VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326), $5, $6) RETURNING id`,
      [club.name, club.slug, club.description, club.boundary, club.joinPolicy, club.createdById],
    )) as [{ id: string }];
    return row.id;
  }

  /** Changes a club's editable fields. */
  async updateClub(
    manager: EntityManager,
    id: string,
    changes: {
      name?: string;
      description?: string;
      boundary?: string;
      joinPolicy?: JoinPolicy;
      hiddenAt?: Date | null;
    },
  ): Promise<void> {
    const { list, p } = params();
    const sets = ['updated_at = now()'];
    if (changes.name !== undefined) sets.push(`name = ${p(changes.name)}`);
    if (changes.description !== undefined) sets.push(`description = ${p(changes.description)}`);
    if (changes.boundary !== undefined) {
      sets.push(`boundary = ST_SetSRID(ST_GeomFromGeoJSON(${p(changes.boundary)}), 4326)`);
    }
    if (changes.joinPolicy !== undefined) sets.push(`join_policy = ${p(changes.joinPolicy)}`);
    if (changes.hiddenAt !== undefined) sets.push(`hidden_at = ${p(changes.hiddenAt)}`);
    await manager.query(`UPDATE block_clubs SET ${sets.join(', ')} WHERE id = ${p(id)}`, list);
  }

  /** One club by id or slug, with the viewer's membership. */
  async findClub(
    by: { id?: string; slug?: string },
    viewerId: string | null,
    manager?: EntityManager,
  ): Promise<ClubRow | null> {
    const column = by.id ? 'c.id' : 'c.slug';
    const rows: RawClub[] = await (manager ?? this.dataSource).query(
      `SELECT ${CLUB_COLUMNS} FROM block_clubs c
         LEFT JOIN block_club_members vm ON vm.club_id = c.id AND vm.user_id = $1::uuid
        WHERE ${column} = $2`,
      [viewerId, by.id ?? by.slug],
    );
    return rows[0] ? clubOf(rows[0]) : null;
  }

  /** Locks a club row so membership changes of one club happen one at a time. */
  async lockClub(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT id FROM block_clubs WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows.length > 0;
  }

  /** One membership, or null. */
  async membership(
    q: Q,
    clubId: string,
    userId: string,
  ): Promise<{ role: MemberRole; status: MemberStatus } | null> {
    const rows: { role: MemberRole; status: MemberStatus }[] = await q.query(
      `SELECT role, status FROM block_club_members WHERE club_id = $1 AND user_id = $2`,
      [clubId, userId],
    );
    return rows[0] ?? null;
  }

  async insertMember(
    manager: EntityManager,
    clubId: string,
    userId: string,
    role: MemberRole,
    status: MemberStatus,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO block_club_members (club_id, user_id, role, status) VALUES ($1, $2, $3, $4)`,
      [clubId, userId, role, status],
    );
  }

  async updateMember(
    manager: EntityManager,
    clubId: string,
    userId: string,
    changes: { role?: MemberRole; status?: MemberStatus },
  ): Promise<void> {
    await manager.query(
      `UPDATE block_club_members SET role = COALESCE($3, role), status = COALESCE($4, status)
        WHERE club_id = $1 AND user_id = $2`,
      [clubId, userId, changes.role ?? null, changes.status ?? null],
    );
  }

  async deleteMember(manager: EntityManager, clubId: string, userId: string): Promise<void> {
    await manager.query(`DELETE FROM block_club_members WHERE club_id = $1 AND user_id = $2`, [
      clubId,
      userId,
    ]);
  }

  /** One membership with the member's display name, or null. */
  async member(q: Q, clubId: string, userId: string): Promise<MemberRow | null> {
    const rows: {
      user_id: string;
      display_name: string;
      role: MemberRole;
      status: MemberStatus;
      joined_at: Date;
      joined_key: string;
      rank: number;
    }[] = await q.query(
      `SELECT m.user_id, u.display_name, m.role, m.status, m.joined_at, m.joined_at::text AS joined_key,
              CASE WHEN m.status = 'PENDING' THEN 2 WHEN m.role = 'ORGANIZER' THEN 0 ELSE 1 END AS rank
         FROM block_club_members m JOIN users u ON u.id = m.user_id
        WHERE m.club_id = $1 AND m.user_id = $2`,
      [clubId, userId],
    );
    const r = rows[0];
    return r
      ? {
          userId: r.user_id,
          displayName: r.display_name,
          role: r.role,
          status: r.status,
          joinedAt: r.joined_at,
          rank: Number(r.rank),
          joinedKey: r.joined_key,
        }
      : null;
  }

  /** Active members' ids, optionally only organizers. */
  async activeMemberIds(q: Q, clubId: string, role?: MemberRole): Promise<string[]> {
    const rows: { user_id: string }[] = await q.query(
      `SELECT user_id FROM block_club_members
        WHERE club_id = $1 AND status = 'ACTIVE' AND ($2::text IS NULL OR role = $2)`,
      [clubId, role ?? null],
    );
    return rows.map((r) => r.user_id);
  }

  /** Members page: organizers first, then members, then (when included) pending requests. */
  async members(
    clubId: string,
    includePending: boolean,
    first: number,
    after?: [number, string, string],
  ): Promise<{ rows: MemberRow[]; totalCount: number; hasNextPage: boolean }> {
    const rank = `CASE WHEN m.status = 'PENDING' THEN 2 WHEN m.role = 'ORGANIZER' THEN 0 ELSE 1 END`;
    const { list, p } = params();
    const where = [`m.club_id = ${p(clubId)}`];
    if (!includePending) where.push(`m.status = 'ACTIVE'`);
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM block_club_members m WHERE ${where.join(' AND ')}`,
      [...list],
    )) as [{ count: number }];
    if (after) {
      where.push(
        `(${rank}, m.joined_at, m.user_id) > (${p(after[0])}::int, ${p(after[1])}::timestamptz, ${p(after[2])}::uuid)`,
      );
    }
    const rows: {
      user_id: string;
      display_name: string;
      role: MemberRole;
      status: MemberStatus;
      joined_at: Date;
      joined_key: string;
      rank: number;
    }[] = await this.dataSource.query(
      `SELECT m.user_id, u.display_name, m.role, m.status, m.joined_at, m.joined_at::text AS joined_key,
              ${rank} AS rank
         FROM block_club_members m JOIN users u ON u.id = m.user_id
        WHERE ${where.join(' AND ')}
        ORDER BY rank, m.joined_at, m.user_id LIMIT ${p(first + 1)}`,
      list,
    );
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: rows.slice(0, first).map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        role: r.role,
        status: r.status,
        joinedAt: r.joined_at,
        rank: Number(r.rank),
        joinedKey: r.joined_key,
      })),
    };
  }

  /**
   * Clubs near a point (nearest boundary first, with the distance; 0 inside) or by name, a page at
   * a time. The candidate set comes from the GiST index on the boundary (`&&` with the search
   * circle's envelope); the exact distance is measured in metres.
   */
  async search(
    viewerId: string | null,
    options: { near?: { lat: number; lng: number; radiusMeters: number }; words: string[] },
    first: number,
    after?: [number | string, string],
  ): Promise<{ rows: ClubRow[]; totalCount: number; hasNextPage: boolean }> {
    const { list, p } = params();
    const where = ['c.hidden_at IS NULL'];
    let distance = 'NULL::float8';
    let sort = 'c.name';
    if (options.near) {
      const { lat, lng, radiusMeters } = options.near;
      const point = `ST_SetSRID(ST_MakePoint(${p(lng)}, ${p(lat)}), 4326)`;
      const metric = `ST_Transform(${point}, ${CLUB_METRIC_SRID})`;
      distance = `ST_Distance(ST_Transform(c.boundary, ${CLUB_METRIC_SRID}), ${metric})`;
      // an envelope in degrees that surely contains the circle (1° of latitude ≥ 110.5 km)
      const dLat = radiusMeters / 110_000;
      const dLng =
        radiusMeters / (110_000 * Math.cos((Math.min(Math.abs(lat), 85) * Math.PI) / 180));
      where.push(
        `c.boundary && ST_MakeEnvelope(${p(lng - dLng)}, ${p(lat - dLat)}, ${p(lng + dLng)}, ${p(lat + dLat)}, 4326)`,
      );
      where.push(
        `ST_DWithin(ST_Transform(c.boundary, ${CLUB_METRIC_SRID}), ${metric}, ${p(radiusMeters)})`,
      );
      sort = distance;
    }
    for (const word of options.words) where.push(`c.name ILIKE ${p(likeWord(word))}`);
    const countList = [...list];
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM block_clubs c WHERE ${where.join(' AND ')}`,
      countList,
    )) as [{ count: number }];
    const viewer = p(viewerId);
    const pageWhere = [...where];
    if (after) {
      pageWhere.push(
        options.near
          ? `(${sort}, c.id) > (${p(Number(after[0]))}::float8, ${p(after[1])}::uuid)`
          : `(${sort}, c.id) > (${p(String(after[0]))}::text, ${p(after[1])}::uuid)`,
      );
    }
    const rows: RawClub[] = await this.dataSource.query(
      `SELECT ${CLUB_COLUMNS}, ${distance} AS distance FROM block_clubs c
         LEFT JOIN block_club_members vm ON vm.club_id = c.id AND vm.user_id = ${viewer}::uuid
        WHERE ${pageWhere.join(' AND ')}
        ORDER BY ${sort}, c.id LIMIT ${p(first + 1)}`,
      list,
    );
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: rows.slice(0, first).map(clubOf),
    };
  }

  /**
   * Requests inside a club's boundary: open first, then newest (keyset: open flag, requested
   * time, id). `ST_Covers(boundary, r.location)` lets the planner use the GiST index on location.
   */
  async requestsInside(
    clubId: string,
    filter: { status?: RequestStatus; serviceCodes?: string[]; includePrivate: boolean },
    first: number,
    after?: [number, string, string],
  ): Promise<KeyedPage<[number, string, string]>> {
    const { list, p } = params();
    const where = [`c.id = ${p(clubId)}`, 'r.duplicate_of_id IS NULL'];
    if (filter.status) where.push(`r.status = ${p(filter.status)}`);
    if (filter.serviceCodes?.length) where.push(`s.code = ANY(${p(filter.serviceCodes)}::text[])`);
    if (!filter.includePrivate) where.push('NOT s.is_private');
    const from = `FROM block_clubs c JOIN service_requests r ON ST_Covers(c.boundary, r.location)
      JOIN service_definitions s ON s.id = r.service_definition_id`;
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count ${from} WHERE ${where.join(' AND ')}`,
      [...list],
    )) as [{ count: number }];
    const open = `(CASE WHEN r.status = 'OPEN' THEN 1 ELSE 0 END)`;
    if (after) {
      where.push(
        `(${open}, r.requested_at, r.id) < (${p(after[0])}::int, ${p(after[1])}::timestamptz, ${p(after[2])}::uuid)`,
      );
    }
    const rows: { id: string; open: number; requested_at: Date }[] = await this.dataSource.query(
      `SELECT r.id, ${open} AS open, r.requested_at ${from} WHERE ${where.join(' AND ')}
        ORDER BY ${open} DESC, r.requested_at DESC, r.id DESC LIMIT ${p(first + 1)}`,
      list,
    );
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: rows.slice(0, first).map((r) => ({
        id: r.id,
        key: [Number(r.open), r.requested_at.toISOString(), r.id],
      })),
    };
  }

  /** Whether a request lies inside (or on) a club's boundary. */
  async requestInside(q: Q, clubId: string, requestId: string): Promise<boolean> {
    const rows: { inside: boolean }[] = await q.query(
      `SELECT ST_Covers(c.boundary, r.location) AS inside
         FROM block_clubs c, service_requests r WHERE c.id = $1 AND r.id = $2`,
      [clubId, requestId],
    );
    return rows[0]?.inside === true;
  }

  /** Ideas located inside the boundary (visible ones), newest first, with the total. */
  async ideasInside(
    clubId: string,
    limit: number,
  ): Promise<{ totalCount: number; items: IdeaSummaryRow[] }> {
    const where = `c.id = $1 AND i.hidden_at IS NULL`;
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM block_clubs c JOIN ideas i ON ST_Covers(c.boundary, i.location) WHERE ${where}`,
      [clubId],
    )) as [{ count: number }];
    const rows: {
      id: string;
      title: string;
      status: string;
      vote_count: number;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT i.id, i.title, i.status, i.vote_count, i.created_at
         FROM block_clubs c JOIN ideas i ON ST_Covers(c.boundary, i.location)
        WHERE ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT $2`,
      [clubId, limit],
    );
    return {
      totalCount: count,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        voteCount: Number(r.vote_count),
        createdAt: r.created_at,
      })),
    };
  }

  async insertPost(
    manager: EntityManager,
    post: { clubId: string; authorId: string; body: string },
  ): Promise<PostRow> {
    const [row] = (await manager.query(
      `INSERT INTO block_club_posts (club_id, author_id, body) VALUES ($1, $2, $3) RETURNING id`,
      [post.clubId, post.authorId, post.body],
    )) as [{ id: string }];
    return (await this.findPost(row.id, manager))!;
  }

  async findPost(id: string, q: Q = this.dataSource): Promise<PostRow | null> {
    const rows: RawPost[] = await q.query(
      `SELECT ${POST_COLUMNS} FROM block_club_posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
      [id],
    );
    return rows[0] ? postOf(rows[0]) : null;
  }

  async updatePost(
    manager: EntityManager,
    id: string,
    changes: { deletedAt?: Date; hiddenAt?: Date | null },
  ): Promise<void> {
    if (changes.deletedAt !== undefined) {
      await manager.query(`UPDATE block_club_posts SET deleted_at = $2 WHERE id = $1`, [
        id,
        changes.deletedAt,
      ]);
    }
    if (changes.hiddenAt !== undefined) {
      await manager.query(`UPDATE block_club_posts SET hidden_at = $2 WHERE id = $1`, [
        id,
        changes.hiddenAt,
      ]);
    }
  }

  /** Posts of a club, newest first. */
  async posts(
    clubId: string,
    first: number,
    after?: [string, string],
  ): Promise<{ rows: PostRow[]; totalCount: number; hasNextPage: boolean }> {
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM block_club_posts WHERE club_id = $1`,
      [clubId],
    )) as [{ count: number }];
    const { list, p } = params();
    const where = [`p.club_id = ${p(clubId)}`];
    if (after) {
      where.push(`(p.created_at, p.id) < (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    }
    const rows: RawPost[] = await this.dataSource.query(
      `SELECT ${POST_COLUMNS} FROM block_club_posts p JOIN users u ON u.id = p.author_id
        WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT ${p(first + 1)}`,
      list,
    );
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: rows.slice(0, first).map(postOf),
    };
  }

  async insertAction(
    manager: EntityManager,
    action: {
      clubId: string;
      createdById: string;
      title: string;
      description: string;
      startsAt: Date;
      endsAt: Date;
      place: string;
      location: { latitude: number; longitude: number } | null;
    },
  ): Promise<ActionRow> {
    const [row] = (await manager.query(
      `INSERT INTO block_club_actions (club_id, created_by_id, title, description, starts_at, ends_at, place, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $9), 4326) END)
       RETURNING id`,
      [
        action.clubId,
        action.createdById,
        action.title,
        action.description,
        action.startsAt,
        action.endsAt,
        action.place,
        action.location?.longitude ?? null,
        action.location?.latitude ?? null,
      ],
    )) as [{ id: string }];
    return (await this.findAction(row.id, action.createdById, manager))!;
  }

  async findAction(
    id: string,
    viewerId: string | null,
    q: Q = this.dataSource,
  ): Promise<ActionRow | null> {
    const rows: RawAction[] = await q.query(
      `SELECT ${actionColumns('$2')} FROM block_club_actions a WHERE a.id = $1`,
      [id, viewerId],
    );
    return rows[0] ? actionOf(rows[0]) : null;
  }

  /** Actions of a club, soonest first; past ones (ended) only when asked. */
  async actions(
    clubId: string,
    viewerId: string | null,
    includePast: boolean,
    first: number,
    after?: [string, string],
  ): Promise<{ rows: ActionRow[]; totalCount: number; hasNextPage: boolean }> {
    const { list, p } = params();
    const where = [`a.club_id = ${p(clubId)}`];
    if (!includePast) where.push('a.ends_at > now()');
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM block_club_actions a WHERE ${where.join(' AND ')}`,
      [...list],
    )) as [{ count: number }];
    const viewer = p(viewerId);
    if (after) {
      where.push(`(a.starts_at, a.id) > (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    }
    const rows: RawAction[] = await this.dataSource.query(
      `SELECT ${actionColumns(viewer)} FROM block_club_actions a WHERE ${where.join(' AND ')}
        ORDER BY a.starts_at, a.id LIMIT ${p(first + 1)}`,
      list,
    );
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: rows.slice(0, first).map(actionOf),
    };
  }

  /** Records or changes one person's answer. */
  async upsertRsvp(
    manager: EntityManager,
    actionId: string,
    userId: string,
    response: RsvpResponse,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO block_club_rsvps (action_id, user_id, response) VALUES ($1, $2, $3)
       ON CONFLICT (action_id, user_id) DO UPDATE SET response = EXCLUDED.response, updated_at = now()`,
      [actionId, userId, response],
    );
  }

  /** Adopts a request; false when the club had already adopted it. */
  async adopt(
    manager: EntityManager,
    clubId: string,
    requestId: string,
    userId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO block_club_adoptions (club_id, request_id, adopted_by_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING request_id`,
      [clubId, requestId, userId],
    );
    return rows.length > 0;
  }

  /** Adopted requests of a club, most recently adopted first. */
  async adoptions(
    clubId: string,
    includePrivate: boolean,
    first: number,
    after?: [string, string],
  ): Promise<KeyedPage<[string, string]>> {
    const { list, p } = params();
    const where = [`a.club_id = ${p(clubId)}`];
    if (!includePrivate) where.push('NOT s.is_private');
    const from = `FROM block_club_adoptions a JOIN service_requests r ON r.id = a.request_id
      JOIN service_definitions s ON s.id = r.service_definition_id`;
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count ${from} WHERE ${where.join(' AND ')}`,
      [...list],
    )) as [{ count: number }];
    if (after) {
      where.push(
        `(a.created_at, a.request_id) < (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`,
      );
    }
    const rows: { request_id: string; created_key: string }[] = await this.dataSource.query(
      `SELECT a.request_id, a.created_at::text AS created_key ${from} WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.request_id DESC LIMIT ${p(first + 1)}`,
      list,
    );
    return {
      totalCount: count,
      hasNextPage: rows.length > first,
      rows: rows.slice(0, first).map((r) => ({
        id: r.request_id,
        key: [r.created_key, r.request_id],
      })),
    };
  }

  /** Writes a public NOTE on a request's timeline inside the caller's transaction. */
  insertRequestNote(
    manager: EntityManager,
    requestId: string,
    text: string,
    actorId: string,
  ): Promise<RequestEventEntity> {
    return this.requests.insertEvent(manager, {
      requestId,
      type: 'NOTE',
      fromStatus: null,
      toStatus: null,
      text,
      visibility: 'PUBLIC',
      actorId,
      at: new Date(),
    });
  }
}
