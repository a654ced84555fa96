/**
 * Block clubs through real HTTP and WebSockets over PostGIS: boundary validation, slugs,
 * membership and hand-over, the club page (requests inside the boundary, posts, actions, adoption),
 * the search near a point and the live activity stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];
/** Damen & Leland, Lincoln Square. */
// Logan Square: a point no other test file submits requests at, so club lists stay predictable
// whatever order the files run in.
const CENTER = { lat: 41.9234, lng: -87.7085 };
/** Degrees of latitude / longitude per metre here. */
const DLAT = 1 / 111_000;
const DLNG = 1 / (111_000 * Math.cos((CENTER.lat * Math.PI) / 180));

/** A closed square ring of `side` metres centred on a point. */
function square(side: number, c = CENTER): number[][][] {
  const h = side / 2;
  const [w, e] = [c.lng - h * DLNG, c.lng + h * DLNG];
  const [s, n] = [c.lat - h * DLAT, c.lat + h * DLAT];
  return [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ];
}

const CLUB_FIELDS = `id slug name joinPolicy memberCount areaSquareMeters
  viewerMembership { role status } boundary { type coordinates }`;

const CREATE = `mutation($input: CreateBlockClubInput!) {
  createBlockClub(input: $input) { blockClub { ${CLUB_FIELDS} } }
}`;

let app: TestApp;
let counter = 0;

async function createClub(
  cookie: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; slug: string }> {
  counter += 1;
  const res = await app.gql(
    CREATE,
    {
      input: {
        name: `Leland Neighbours ${counter}`,
        description: 'Keeping our blocks clean',
        boundary: { type: 'Polygon', coordinates: square(400) },
        joinPolicy: 'OPEN',
        ...overrides,
      },
    },
    cookie,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createBlockClub.blockClub;
}

async function submit(location: { latitude: number; longitude: number }, cookie?: string) {
  const res = await app.gql(
    `mutation($input: SubmitServiceRequestInput!) {
       submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } }
     }`,
    { input: { serviceCode: POTHOLE, location, attributes: ANSWERS } },
    cookie,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.submitServiceRequest.serviceRequest as { id: string; trackingNumber: string };
}

async function join(clubId: string, cookie: string) {
  return app.gql(
    `mutation($id: ID!) { joinBlockClub(input: { clubId: $id }) { blockClub { memberCount viewerMembership { role status } } } }`,
    { id: clubId },
    cookie,
  );
}

/** Just inside and just outside the east edge of the 400 m square (edge at +200 m). */
const INSIDE = { latitude: CENTER.lat + 50 * DLAT, longitude: CENTER.lng + 150 * DLNG };
const OUTSIDE = { latitude: CENTER.lat + 50 * DLAT, longitude: CENTER.lng + 260 * DLNG };

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

describe('createBlockClub', () => {
  it('creates a club around Lincoln Square; the creator is its organizer', async () => {
    const u = await app.user('RESIDENT');
    const res = await app.gql(
      CREATE,
      {
        input: {
          name: 'Lincoln Square Block Club',
          boundary: { type: 'Polygon', coordinates: square(400) },
        },
      },
      u.cookie,
    );
    expect(res.errors).toBeUndefined();
    const club = res.data!.createBlockClub.blockClub;
    expect(club.slug).toMatch(/^lincoln-square-block-club(-\d+)?$/);
    expect(club.joinPolicy).toBe('OPEN');
    expect(club.memberCount).toBe(1);
    expect(club.viewerMembership).toEqual({ role: 'ORGANIZER', status: 'ACTIVE' });
    // 400 m × 400 m = 160,000 m² (within a few per cent: degrees-per-metre is approximate)
    expect(club.areaSquareMeters).toBeGreaterThan(150_000);
    expect(club.areaSquareMeters).toBeLessThan(170_000);
    expect(club.boundary.type).toBe('Polygon');
    expect(club.boundary.coordinates[0]).toHaveLength(5);
    const [audit] = (await app.dataSource.query(
      `SELECT action FROM audit_log WHERE target_type = 'BlockClub' AND actor_id = $1`,
      [u.id],
    )) as { action: string }[];
    expect(audit).toEqual({ action: 'block_club.create' });
  });

  it('refuses bad boundaries, naming input.boundary and the reason', async () => {
    const u = await app.user('RESIDENT');
    const bowtie = [
      [
        [CENTER.lng - 0.002, CENTER.lat - 0.002],
        [CENTER.lng + 0.002, CENTER.lat + 0.002],
        [CENTER.lng + 0.002, CENTER.lat - 0.002],
        [CENTER.lng - 0.002, CENTER.lat + 0.002],
        [CENTER.lng - 0.002, CENTER.lat - 0.002],
      ],
    ];
    const evanston = square(400, { lat: 42.0451, lng: -87.6877 });
    const ring = square(400)[0]!;
    const cases: [number[][][], RegExp][] = [
      [bowtie, /self-intersecting/],
      [evanston, /outside the city/],
      [square(3000), /^9\.\d km² is over the 5 km² limit/],
      [[ring.slice(0, 4)], /not closed/],
      [[[ring[0]!, ring[1]!, ring[0]!]], /at least 4/],
    ];
    for (const [coordinates, reason] of cases) {
      const res = await app.gql(
        CREATE,
        { input: { name: 'Bad Shape Club', boundary: { type: 'Polygon', coordinates } } },
        u.cookie,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const fields = res.errors![0]!.extensions!.fields!;
      expect(fields[0]!.field).toBe('input.boundary');
      expect(fields[0]!.message).toMatch(reason);
    }
    const [{ count }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM block_clubs WHERE name = 'Bad Shape Club'`,
    )) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('gives colliding names the suffixes -2 and -3', async () => {
    const u = await app.user('RESIDENT');
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      slugs.push((await createClub(u.cookie, { name: 'Wilson Avenue Neighbors' })).slug);
    }
    expect(slugs).toEqual([
      'wilson-avenue-neighbors',
      'wilson-avenue-neighbors-2',
      'wilson-avenue-neighbors-3',
    ]);
    const bySlug = await app.gql(`query { blockClub(slug: "wilson-avenue-neighbors-2") { slug } }`);
    expect(bySlug.data!.blockClub).toEqual({ slug: 'wilson-avenue-neighbors-2' });
  });

  it('needs a signed-in account', async () => {
    const res = await app.gql(CREATE, {
      input: { name: 'Anonymous Club', boundary: { type: 'Polygon', coordinates: square(400) } },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('membership', () => {
  it('OPEN clubs take members at once; APPROVAL clubs after an organizer decides', async () => {
    const organizer = await app.user('RESIDENT');
    const a = await app.user('RESIDENT');
    const b = await app.user('RESIDENT');
    const open = await createClub(organizer.cookie);
    const joined = await join(open.id, a.cookie);
    expect(joined.data!.joinBlockClub.blockClub).toEqual({
      memberCount: 2,
      viewerMembership: { role: 'MEMBER', status: 'ACTIVE' },
    });

    const gated = await createClub(organizer.cookie, { joinPolicy: 'APPROVAL' });
    const pending = await join(gated.id, b.cookie);
    expect(pending.data!.joinBlockClub.blockClub).toEqual({
      memberCount: 1,
      viewerMembership: { role: 'MEMBER', status: 'PENDING' },
    });
    // the organizer was told
    const [note] = (await app.dataSource.query(
      `SELECT kind, title FROM notifications WHERE user_id = $1 AND kind = 'MEMBERSHIP'`,
      [organizer.id],
    )) as { kind: string; title: string }[];
    expect(note!.title).toMatch(/asked to join/);

    const MEMBERS = `query($id: ID!) { blockClub(id: $id) { members { totalCount edges { node { displayName role status } } } } }`;
    // pending members are visible to organizers only; no e-mails anywhere
    const asOrganizer = await app.gql(MEMBERS, { id: gated.id }, organizer.cookie);
    expect(asOrganizer.data!.blockClub.members.edges.map((e: any) => e.node.status)).toEqual([
      'ACTIVE',
      'PENDING',
    ]);
    expect(JSON.stringify(asOrganizer.data)).not.toContain('@example.test');
    const asOther = await app.gql(MEMBERS, { id: gated.id }, a.cookie);
    expect(asOther.data!.blockClub.members.totalCount).toBe(1);

    const DECIDE = `mutation($input: DecideMembershipInput!) { decideMembership(input: $input) { member { status role } blockClub { memberCount } } }`;
    const byMember = await app.gql(
      DECIDE,
      { input: { clubId: gated.id, userId: b.id, approve: true } },
      b.cookie,
    );
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const decided = await app.gql(
      DECIDE,
      { input: { clubId: gated.id, userId: b.id, approve: true } },
      organizer.cookie,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideMembership).toEqual({
      member: { status: 'ACTIVE', role: 'MEMBER' },
      blockClub: { memberCount: 2 },
    });
    const [told] = (await app.dataSource.query(
      `SELECT title FROM notifications WHERE user_id = $1 AND kind = 'MEMBERSHIP'`,
      [b.id],
    )) as { title: string }[];
    expect(told!.title).toMatch(/You are now a member/);
  });

  it('the last organizer cannot leave until they hand over', async () => {
    const organizer = await app.user('RESIDENT');
    const member = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie);
    await join(club.id, member.cookie);
    const LEAVE = `mutation($id: ID!) { leaveBlockClub(input: { clubId: $id }) { blockClub { memberCount viewerMembership { role } } } }`;
    const refused = await app.gql(LEAVE, { id: club.id }, organizer.cookie);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toMatch(/last organizer/);

    const handOver = await app.gql(
      `mutation($input: SetBlockClubMemberRoleInput!) { setBlockClubMemberRole(input: $input) { member { role } } }`,
      { input: { clubId: club.id, userId: member.id, role: 'ORGANIZER' } },
      organizer.cookie,
    );
    expect(handOver.data!.setBlockClubMemberRole.member).toEqual({ role: 'ORGANIZER' });
    const left = await app.gql(LEAVE, { id: club.id }, organizer.cookie);
    expect(left.errors).toBeUndefined();
    expect(left.data!.leaveBlockClub.blockClub).toEqual({ memberCount: 1, viewerMembership: null });
  });
});

describe('the club page', () => {
  it('lists requests inside the boundary, open first, and not those outside', async () => {
    const organizer = await app.user('RESIDENT');
    const staff = await app.user('ADMIN');
    const club = await createClub(organizer.cookie);
    const inside = await submit(INSIDE);
    const closedInside = await submit(INSIDE);
    const outside = await submit(OUTSIDE);
    await app.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: COMPLETED }) { serviceRequest { id } } }`,
      { id: closedInside.id },
      staff.cookie,
    );
    const newer = await submit(INSIDE);
    const res = await app.gql(
      `query($id: ID!) { blockClub(id: $id) { requests(first: 100) { totalCount edges { node { id status } } } } }`,
      { id: club.id },
    );
    expect(res.errors).toBeUndefined();
    const ids = res.data!.blockClub.requests.edges.map((e: any) => e.node.id as string);
    expect(ids).toContain(inside.id);
    expect(ids).not.toContain(outside.id);
    // open first (newest first among them), closed after
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(inside.id));
    expect(ids.indexOf(inside.id)).toBeLessThan(ids.indexOf(closedInside.id));
    const statuses = res.data!.blockClub.requests.edges.map((e: any) => e.node.status);
    expect(statuses.indexOf('CLOSED')).toBeGreaterThan(statuses.lastIndexOf('OPEN'));

    const closedOnly = await app.gql(
      `query($id: ID!) { blockClub(id: $id) { requests(filter: { status: CLOSED }) { edges { node { id } } } } }`,
      { id: club.id },
    );
    expect(closedOnly.data!.blockClub.requests.edges.map((e: any) => e.node.id)).toContain(
      closedInside.id,
    );
    expect(closedOnly.data!.blockClub.requests.edges.map((e: any) => e.node.id)).not.toContain(
      inside.id,
    );
  });

  it('posts are for members; anyone reads them; members comment on them', async () => {
    const organizer = await app.user('RESIDENT');
    const outsider = await app.user('RESIDENT');
    const follower = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie);
    await app.gql(
      `mutation($id: ID!) { follow(input: { targetId: $id }) { following } }`,
      { id: club.id },
      follower.cookie,
    );
    const POST = `mutation($input: PostToBlockClubInput!) { postToBlockClub(input: $input) { post { id body authorName } } }`;
    const refused = await app.gql(
      POST,
      { input: { clubId: club.id, body: 'Hello!' } },
      outsider.cookie,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const posted = await app.gql(
      POST,
      { input: { clubId: club.id, body: 'Clean-up on Saturday, bring gloves' } },
      organizer.cookie,
    );
    expect(posted.errors).toBeUndefined();
    const post = posted.data!.postToBlockClub.post;
    expect(post.authorName).toBe('Test RESIDENT');
    // the follower is told
    const notes = (await app.dataSource.query(`SELECT kind FROM notifications WHERE user_id = $1`, [
      follower.id,
    ])) as { kind: string }[];
    expect(notes).toEqual([{ kind: 'CLUB_ACTIVITY' }]);

    const feed = await app.gql(
      `query($id: ID!) { blockClub(id: $id) { posts { totalCount edges { node { body commentCount } } } } }`,
      { id: club.id },
    );
    expect(feed.data!.blockClub.posts.edges[0].node.body).toBe(
      'Clean-up on Saturday, bring gloves',
    );

    const COMMENT = `mutation($id: ID!) { addComment(input: { targetId: $id, body: "Count me in" }) { comment { body } } }`;
    const outsiderComment = await app.gql(COMMENT, { id: post.id }, outsider.cookie);
    expect(outsiderComment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await join(club.id, outsider.cookie);
    const memberComment = await app.gql(COMMENT, { id: post.id }, outsider.cookie);
    expect(memberComment.errors).toBeUndefined();

    const removed = await app.gql(
      `mutation($id: ID!) { deleteBlockClubPost(input: { id: $id }) { post { body removed } } }`,
      { id: post.id },
      organizer.cookie,
    );
    expect(removed.data!.deleteBlockClubPost.post).toEqual({ body: null, removed: true });
  });

  it('actions with RSVP counts and the viewer’s answer', async () => {
    const organizer = await app.user('RESIDENT');
    const a = await app.user('RESIDENT');
    const b = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie);
    await join(club.id, a.cookie);
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const CREATE_ACTION = `mutation($input: CreateBlockClubActionInput!) { createBlockClubAction(input: $input) { action { id title rsvpCounts { going maybe notGoing } } } }`;
    const input = {
      clubId: club.id,
      title: 'Alley clean-up',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      place: 'Alley behind 4700 N Damen',
    };
    const backwards = await app.gql(
      CREATE_ACTION,
      { input: { ...input, endsAt: startsAt.toISOString() } },
      organizer.cookie,
    );
    expect(backwards.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.endsAt');
    const byMember = await app.gql(CREATE_ACTION, { input }, a.cookie);
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await app.gql(CREATE_ACTION, { input }, organizer.cookie);
    expect(created.errors).toBeUndefined();
    const action = created.data!.createBlockClubAction.action;

    const RSVP = `mutation($input: RsvpBlockClubActionInput!) { rsvpBlockClubAction(input: $input) { action { rsvpCounts { going maybe notGoing } viewerResponse } } }`;
    const nonMember = await app.gql(
      RSVP,
      { input: { actionId: action.id, response: 'GOING' } },
      b.cookie,
    );
    expect(nonMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await app.gql(RSVP, { input: { actionId: action.id, response: 'GOING' } }, organizer.cookie);
    await app.gql(RSVP, { input: { actionId: action.id, response: 'GOING' } }, a.cookie);
    const changed = await app.gql(
      RSVP,
      { input: { actionId: action.id, response: 'MAYBE' } },
      a.cookie,
    );
    expect(changed.data!.rsvpBlockClubAction.action).toEqual({
      rsvpCounts: { going: 1, maybe: 1, notGoing: 0 },
      viewerResponse: 'MAYBE',
    });
    const listed = await app.gql(
      `query($id: ID!) { blockClub(id: $id) { actions { totalCount edges { node { title viewerResponse rsvpCounts { going } } } } } }`,
      { id: club.id },
      organizer.cookie,
    );
    expect(listed.data!.blockClub.actions).toEqual({
      totalCount: 1,
      edges: [
        { node: { title: 'Alley clean-up', viewerResponse: 'GOING', rsvpCounts: { going: 1 } } },
      ],
    });
  });

  it('organizers adopt requests inside the boundary, not outside', async () => {
    const organizer = await app.user('RESIDENT');
    const member = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie);
    await join(club.id, member.cookie);
    const inside = await submit(INSIDE);
    const outside = await submit(OUTSIDE);
    const ADOPT = `mutation($input: AdoptServiceRequestInput!) { adoptServiceRequest(input: $input) { serviceRequest { id timeline { type text } } } }`;
    const byMember = await app.gql(
      ADOPT,
      { input: { clubId: club.id, requestId: inside.id } },
      member.cookie,
    );
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const far = await app.gql(
      ADOPT,
      { input: { clubId: club.id, requestId: outside.id } },
      organizer.cookie,
    );
    expect(far.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(far.errors![0]!.extensions!.fields![0]).toEqual({
      field: 'input.requestId',
      message: expect.stringMatching(/outside the boundary/),
    });
    const ok = await app.gql(
      ADOPT,
      { input: { clubId: club.id, requestId: inside.id } },
      organizer.cookie,
    );
    expect(ok.errors).toBeUndefined();
    const timeline = await app.gql(
      `query($id: ID!) { serviceRequest(id: $id) { timeline { type text } } }`,
      { id: inside.id },
    );
    expect(timeline.data!.serviceRequest.timeline).toContainEqual({
      type: 'NOTE',
      text: expect.stringMatching(/^Adopted by block club Leland Neighbours/),
    });
    const adopted = await app.gql(
      `query($id: ID!) { blockClub(id: $id) { adoptedRequests { totalCount edges { node { id } } } } }`,
      { id: club.id },
    );
    expect(adopted.data!.blockClub.adoptedRequests).toEqual({
      totalCount: 1,
      edges: [{ node: { id: inside.id } }],
    });
  });
});

describe('blockClubs(near, search)', () => {
  it('lists clubs nearest boundary first, with distances', async () => {
    const u = await app.user('RESIDENT');
    // a distinctive name word so other tests' clubs do not interfere
    const word = `zq${Date.now().toString(36)}`;
    const far = await createClub(u.cookie, {
      name: `${word} Far`,
      boundary: {
        type: 'Polygon',
        coordinates: square(300, { lat: CENTER.lat + 0.0082, lng: CENTER.lng }),
      },
    });
    const near = await createClub(u.cookie, {
      name: `${word} Near`,
      boundary: {
        type: 'Polygon',
        coordinates: square(300, { lat: CENTER.lat + 0.0027, lng: CENTER.lng }),
      },
    });
    const around = await createClub(u.cookie, { name: `${word} Around` });
    const res = await app.gql(
      `query($near: NearInput, $search: String) { blockClubs(near: $near, search: $search) { totalCount edges { distanceMeters node { id } } } }`,
      { near: { lat: CENTER.lat, lng: CENTER.lng, radiusMeters: 2000 }, search: word },
    );
    expect(res.errors).toBeUndefined();
    const edges = res.data!.blockClubs.edges;
    expect(edges.map((e: any) => e.node.id)).toEqual([around.id, near.id, far.id]);
    expect(edges[0].distanceMeters).toBe(0);
    expect(edges[1].distanceMeters).toBeGreaterThan(100);
    expect(edges[2].distanceMeters).toBeGreaterThan(edges[1].distanceMeters);
    const small = await app.gql(
      `query($near: NearInput, $search: String) { blockClubs(near: $near, search: $search) { totalCount } }`,
      { near: { lat: CENTER.lat, lng: CENTER.lng, radiusMeters: 500 }, search: word },
    );
    expect(small.data!.blockClubs.totalCount).toBe(2);
  });
});

describe('blockClubActivity', () => {
  it('a member receives a request submitted inside the boundary and not one outside it', async () => {
    const organizer = await app.user('RESIDENT');
    const member = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie);
    await join(club.id, member.cookie);
    const client = app.wsClient(member.cookie);
    const sub = collect(
      client,
      `subscription($id: ID!) { blockClubActivity(blockClubId: $id) { kind request { id } post { body } } }`,
      { id: club.id },
      2,
    );
    await sub.ready;
    // give the server a moment to register the subscription before publishing
    await new Promise((r) => setTimeout(r, 300));
    const outside = await submit(OUTSIDE);
    const inside = await submit(INSIDE);
    await app.gql(
      `mutation($input: PostToBlockClubInput!) { postToBlockClub(input: $input) { post { id } } }`,
      { input: { clubId: club.id, body: 'Pothole reported on Damen' } },
      organizer.cookie,
    );
    const items = await sub.results;
    expect(items[0]!.blockClubActivity).toEqual({
      kind: 'REQUEST',
      request: { id: inside.id },
      post: null,
    });
    expect(items[1]!.blockClubActivity).toEqual({
      kind: 'POST',
      request: null,
      post: { body: 'Pothole reported on Damen' },
    });
    expect(JSON.stringify(items)).not.toContain(outside.id);
  });
});

describe('blockClubActivity membership news', () => {
  const ACTIVITY = `subscription($id: ID!) {
    blockClubActivity(blockClubId: $id) { kind membershipChange member { userId displayName role status } }
  }`;
  const DECIDE = `mutation($input: DecideMembershipInput!) {
    decideMembership(input: $input) { member { status } }
  }`;

  it('organizers hear requests to join and decisions; other members hear only who joined', async () => {
    const organizer = await app.user('RESIDENT');
    const member = await app.user('RESIDENT');
    const asker = await app.user('RESIDENT');
    const refused = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie, { joinPolicy: 'APPROVAL' });
    await join(club.id, member.cookie);
    await app.gql(
      DECIDE,
      { input: { clubId: club.id, userId: member.id, approve: true } },
      organizer.cookie,
    );

    const forOrganizer = collect(app.wsClient(organizer.cookie), ACTIVITY, { id: club.id }, 5);
    const forMember = collect(app.wsClient(member.cookie), ACTIVITY, { id: club.id }, 2);
    const forAsker = collect(app.wsClient(asker.cookie), ACTIVITY, { id: club.id }, 2);
    await Promise.all([forOrganizer.ready, forMember.ready, forAsker.ready]);
    await new Promise((r) => setTimeout(r, 300));

    expect((await join(club.id, asker.cookie)).errors).toBeUndefined();
    expect((await join(club.id, refused.cookie)).errors).toBeUndefined();
    await app.gql(
      DECIDE,
      { input: { clubId: club.id, userId: refused.id, approve: false } },
      organizer.cookie,
    );
    await app.gql(
      DECIDE,
      { input: { clubId: club.id, userId: asker.id, approve: true } },
      organizer.cookie,
    );
    await app.gql(
      `mutation($input: SetBlockClubMemberRoleInput!) { setBlockClubMemberRole(input: $input) { member { role } } }`,
      { input: { clubId: club.id, userId: asker.id, role: 'ORGANIZER' } },
      organizer.cookie,
    );

    const seen = (items: any[]) =>
      items.map((i) => {
        const a = i.blockClubActivity;
        return `${a.kind} ${a.membershipChange} ${a.member.userId} ${a.member.role} ${a.member.status}`;
      });
    expect(seen(await forOrganizer.results)).toEqual([
      `MEMBERSHIP ASKED ${asker.id} MEMBER PENDING`,
      `MEMBERSHIP ASKED ${refused.id} MEMBER PENDING`,
      `MEMBERSHIP REFUSED ${refused.id} MEMBER PENDING`,
      `MEMBERSHIP APPROVED ${asker.id} MEMBER ACTIVE`,
      `MEMBERSHIP ROLE_CHANGED ${asker.id} ORGANIZER ACTIVE`,
    ]);
    // A plain member hears who became a member, never who asked or was refused.
    expect(seen(await forMember.results)).toEqual([
      `MEMBERSHIP APPROVED ${asker.id} MEMBER ACTIVE`,
      `MEMBERSHIP ROLE_CHANGED ${asker.id} ORGANIZER ACTIVE`,
    ]);
    // The person who asked hears their own request and its approval, not someone else's refusal.
    expect(seen(await forAsker.results)).toEqual([
      `MEMBERSHIP ASKED ${asker.id} MEMBER PENDING`,
      `MEMBERSHIP APPROVED ${asker.id} MEMBER ACTIVE`,
    ]);
    const displayName = (await forOrganizer.results)[0].blockClubActivity.member.displayName;
    expect(displayName).toBe('Test RESIDENT');
  });

  it('an open club streams who joined and who left', async () => {
    const organizer = await app.user('RESIDENT');
    const neighbour = await app.user('RESIDENT');
    const club = await createClub(organizer.cookie);
    const live = collect(app.wsClient(organizer.cookie), ACTIVITY, { id: club.id }, 2);
    await live.ready;
    await new Promise((r) => setTimeout(r, 300));
    await join(club.id, neighbour.cookie);
    await app.gql(
      `mutation($id: ID!) { leaveBlockClub(input: { clubId: $id }) { member { userId } } }`,
      { id: club.id },
      neighbour.cookie,
    );
    const items = await live.results;
    expect(items.map((i) => i.blockClubActivity.membershipChange)).toEqual(['JOINED', 'LEFT']);
    expect(items[1].blockClubActivity.member).toMatchObject({
      userId: neighbour.id,
      status: 'ACTIVE',
    });
  });
});
