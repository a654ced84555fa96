/**
 * Improvement ideas through real HTTP: proposing (inside the city, lengths, rate limit), votes and
 * their counter, the review threshold telling staff, official responses telling voters, the four
 * orders with their values, filters, comments and paging, and the live `ideaUpdated` stream.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdeaRepository } from '../../api/src/modules/idea/idea.repository.js';
import { IdeaService } from '../../api/src/modules/idea/idea.service.js';
import { AuditRepository } from '../../api/src/modules/audit/audit.repository.js';
import type { Actor } from '../../api/src/modules/user/actor.js';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
/** Near Damen & Leland, Lincoln Square (ward 47). */
const INSIDE = { latitude: 41.96679, longitude: -87.67859 };
/** Hyde Park, about 25 km south. */
const FAR_INSIDE = { latitude: 41.7943, longitude: -87.5907 };
/** Evanston, north of the city limits. */
const OUTSIDE = { latitude: 42.0451, longitude: -87.6877 };

const IDEA_FIELDS = `id title body hidden status voteCount viewerHasVoted viewerIsAuthor authorName commentCount
  location { latitude longitude } service { code } area { kind number }
  officialResponse { text responderName status respondedAt } createdAt`;
const PROPOSE = `mutation($input: ProposeIdeaInput!) { proposeIdea(input: $input) { idea { ${IDEA_FIELDS} } } }`;
const VOTE = `mutation($id: ID!) { voteIdea(input: { id: $id }) { idea { id voteCount viewerHasVoted status } } }`;
const UNVOTE = `mutation($id: ID!) { unvoteIdea(input: { id: $id }) { idea { id voteCount viewerHasVoted } } }`;
const RESPOND = `mutation($input: RespondToIdeaInput!) { respondToIdea(input: $input) { idea { ${IDEA_FIELDS} } } }`;
const READ = `query($id: ID!) { idea(id: $id) { ${IDEA_FIELDS} comments(first: 10) { totalCount edges { node { body } } } } }`;
const LIST = `query($filter: IdeaFilterInput, $orderBy: IdeaOrder, $first: Int, $after: String) {
  ideas(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status voteCount } }
  }
}`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind title targetId } } } }`;

let app: TestApp;
let staffRight: { id: string; cookie: string };
let staffOther: { id: string; cookie: string };

/** A fresh resident (each may propose 5 ideas a day). */
function resident() {
  return app.user('RESIDENT');
}

async function propose(cookie: string, input: Record<string, unknown>) {
  return app.gql(
    PROPOSE,
    {
      input: {
        title: 'A protected bike lane on Damen',
        body: 'Cars park in the painted lane every morning; a curb would keep it clear.',
        ...input,
      },
    },
    cookie,
  );
}

async function proposeOk(cookie: string, input: Record<string, unknown> = {}): Promise<string> {
  const res = await propose(cookie, input);
  expect(res.errors).toBeUndefined();
  return res.data!.proposeIdea.idea.id as string;
}

function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
}

beforeAll(async () => {
  app = await startTestApp();
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staffRight = await app.user('STAFF', code);
  const [other] = (await app.dataSource.query(
    `SELECT code FROM agencies WHERE code <> $1 LIMIT 1`,
    [code],
  )) as [{ code: string }];
  staffOther = await app.user('STAFF', other.code);
});

afterAll(async () => {
  await app.close();
});

describe('proposeIdea', () => {
  it('creates a PROPOSED idea in the ward of its location, followed by its author', async () => {
    const author = await resident();
    const res = await propose(author.cookie, { location: INSIDE, serviceCode: POTHOLE });
    expect(res.errors).toBeUndefined();
    const idea = res.data!.proposeIdea.idea;
    expect(idea).toMatchObject({
      title: 'A protected bike lane on Damen',
      hidden: false,
      status: 'PROPOSED',
      voteCount: 0,
      viewerHasVoted: false,
      viewerIsAuthor: true,
      authorName: 'Test RESIDENT',
      commentCount: 0,
      location: INSIDE,
      service: { code: POTHOLE },
      area: { kind: 'WARD', number: 47 },
      officialResponse: null,
    });
    const follows = (await app.dataSource.query(
      `SELECT 1 FROM follows WHERE user_id = $1 AND target_type = 'IDEA' AND target_id = $2`,
      [author.id, uuidOf(idea.id)],
    )) as unknown[];
    expect(follows).toHaveLength(1);
  });

  it('refuses a location outside the city, naming input.location', async () => {
    const author = await resident();
    const res = await propose(author.cookie, { location: OUTSIDE });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'input.location', message: 'is outside the city' },
    ]);
  });

  it('refuses a title or body too short, and a location together with an area', async () => {
    const author = await resident();
    const short = await propose(author.cookie, { title: 'Bike', body: 'Too short.' });
    expect(short.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(short.errors?.[0]?.extensions?.fields?.map((f) => f.field)).toEqual([
      'input.title',
      'input.body',
    ]);
    const [ward] = (await app.dataSource.query(
      `SELECT id FROM areas WHERE kind = 'WARD' AND number = 47`,
    )) as [{ id: string }];
    const both = await propose(author.cookie, {
      location: INSIDE,
      areaId: Buffer.from(`Area:${ward.id}`).toString('base64url'),
    });
    expect(both.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.areaId');
  });

  it('needs an account, and limits an account to 5 ideas a day', async () => {
    const anonymous = await app.gql(PROPOSE, {
      input: { title: 'A new idea here', body: 'A long enough body for an idea.' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const author = await resident();
    for (let i = 0; i < 5; i++) await proposeOk(author.cookie);
    const sixth = await propose(author.cookie, {});
    expect(sixth.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('voteIdea and unvoteIdea', () => {
  it('counts one vote per account, in step with the votes table, and follows the idea', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie);
    const [a, b] = [await resident(), await resident()];
    const first = await app.gql(VOTE, { id }, a.cookie);
    expect(first.data!.voteIdea.idea).toMatchObject({ voteCount: 1, viewerHasVoted: true });
    const again = await app.gql(VOTE, { id }, a.cookie);
    expect(again.data!.voteIdea.idea.voteCount).toBe(1);
    const second = await app.gql(VOTE, { id }, b.cookie);
    expect(second.data!.voteIdea.idea.voteCount).toBe(2);
    const back = await app.gql(UNVOTE, { id }, a.cookie);
    expect(back.data!.unvoteIdea.idea).toMatchObject({ voteCount: 1, viewerHasVoted: false });
    const [row] = (await app.dataSource.query(
      `SELECT i.vote_count, (SELECT count(*)::int FROM idea_votes v WHERE v.idea_id = i.id) AS n
         FROM ideas i WHERE i.id = $1`,
      [uuidOf(id)],
    )) as [{ vote_count: number; n: number }];
    expect(row).toEqual({ vote_count: 1, n: 1 });
    const follows = (await app.dataSource.query(
      `SELECT user_id FROM follows WHERE target_type = 'IDEA' AND target_id = $1`,
      [uuidOf(id)],
    )) as { user_id: string }[];
    expect(follows.map((f) => f.user_id).sort()).toEqual([author.id, a.id, b.id].sort());
  });

  it('refuses a vote on your own idea (BAD_USER_INPUT) and from anonymous callers', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie);
    const own = await app.gql(VOTE, { id }, author.cookie);
    expect(own.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(own.errors?.[0]?.extensions?.fields?.[0]).toEqual({
      field: 'input.id',
      message: 'is your own idea',
    });
    const anonymous = await app.gql(VOTE, { id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const read = await app.gql(READ, { id });
    expect(read.data!.idea.voteCount).toBe(0);
  });
});

describe('review threshold', () => {
  it('moves a PROPOSED idea to UNDER_REVIEW at the threshold and tells agency staff and the author', async () => {
    const s = app.services;
    const ideas = new IdeaService({
      dataSource: app.dataSource,
      repository: new IdeaRepository(app.dataSource),
      follows: s.follows,
      notifications: s.notifications,
      comments: s.comments,
      pubsub: s.pubsub,
      rateLimits: s.rateLimits,
      audit: new AuditRepository(),
      definitions: s.definitions,
      areas: s.areas,
      reviewThreshold: 2,
    });
    const actorOf = (u: { id: string }): Actor => ({
      user: { id: u.id, role: 'RESIDENT', agencyId: null, displayName: 'Test RESIDENT' },
    });
    const author = await resident();
    const idea = await ideas.propose(actorOf(author), {
      title: 'Fix potholes before winter',
      body: 'Fill the potholes on Damen before the first freeze, not after.',
      serviceCode: POTHOLE,
    });
    const [a, b] = [await resident(), await resident()];
    expect((await ideas.vote(actorOf(a), idea.id)).status).toBe('PROPOSED');
    const reached = await ideas.vote(actorOf(b), idea.id);
    expect(reached).toMatchObject({ status: 'UNDER_REVIEW', voteCount: 2 });

    const globalId = Buffer.from(`Idea:${idea.id}`).toString('base64url');
    const read = await app.gql(READ, { id: globalId });
    expect(read.data!.idea.status).toBe('UNDER_REVIEW');
    const kindsFor = async (cookie: string) =>
      ((await app.gql(NOTIFICATIONS, {}, cookie)).data!.notifications.edges as any[])
        .filter((e) => e.node.targetId === globalId)
        .map((e) => e.node.kind as string);
    expect(await kindsFor(staffRight.cookie)).toEqual(['IDEA_UNDER_REVIEW']);
    expect(await kindsFor(author.cookie)).toEqual(['IDEA_UNDER_REVIEW']);
    expect(await kindsFor(staffOther.cookie)).toEqual([]);
    expect(await kindsFor(a.cookie)).toEqual([]);
  });
});

describe('respondToIdea', () => {
  it('lets agency staff answer in public, tells voters, and writes the audit log', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie, { serviceCode: POTHOLE });
    const voter = await resident();
    await app.gql(VOTE, { id }, voter.cookie);
    const input = { id, status: 'PLANNED', response: 'Scheduled for the spring resurfacing.' };

    const byResident = await app.gql(RESPOND, { input }, voter.cookie);
    expect(byResident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherAgency = await app.gql(RESPOND, { input }, staffOther.cookie);
    expect(byOtherAgency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(RESPOND, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const proposed = await app.gql(
      RESPOND,
      { input: { ...input, status: 'PROPOSED' } },
      staffRight.cookie,
    );
    expect(proposed.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.status');

    const res = await app.gql(RESPOND, { input }, staffRight.cookie);
    expect(res.errors).toBeUndefined();
    expect(res.data!.respondToIdea.idea.status).toBe('PLANNED');
    expect(res.data!.respondToIdea.idea.officialResponse).toMatchObject({
      text: 'Scheduled for the spring resurfacing.',
      responderName: 'Test STAFF',
      status: 'PLANNED',
    });
    const notes = (await app.gql(NOTIFICATIONS, {}, voter.cookie)).data!.notifications
      .edges as any[];
    const response = notes.find((e) => e.node.targetId === id && e.node.kind === 'IDEA_RESPONSE');
    expect(response?.node.title).toContain('planned');
    const audit = (await app.dataSource.query(
      `SELECT actor_id, data->>'to' AS "to" FROM audit_log WHERE action = 'idea.respond' AND target_id = $1`,
      [uuidOf(id)],
    )) as { actor_id: string; to: string }[];
    expect(audit).toEqual([{ actor_id: staffRight.id, to: 'PLANNED' }]);
  });

  it('lets any staff answer an idea without a service', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie);
    const res = await app.gql(
      RESPOND,
      { input: { id, status: 'DECLINED', response: 'Outside what the city can do.' } },
      staffOther.cookie,
    );
    expect(res.data!.respondToIdea.idea.status).toBe('DECLINED');
    const voter = await resident();
    const closed = await app.gql(VOTE, { id }, voter.cookie);
    expect(closed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('ideas list', () => {
  const token = `zq${randomUUID().slice(0, 8)}`;
  const ids: Record<'a' | 'b' | 'c' | 'far', string> = { a: '', b: '', c: '', far: '' };

  beforeAll(async () => {
    const author = await resident();
    const title = (n: string) => `${n} ${token} idea`;
    ids.a = await proposeOk(author.cookie, { title: title('Alpha'), location: INSIDE });
    ids.b = await proposeOk(author.cookie, { title: title('Bravo'), serviceCode: POTHOLE });
    ids.far = await proposeOk(author.cookie, { title: title('Far'), location: FAR_INSIDE });
    ids.c = await proposeOk(author.cookie, { title: title('Charlie') });
    const voters = [await resident(), await resident(), await resident()];
    for (const v of voters) await app.gql(VOTE, { id: ids.a }, v.cookie);
    for (const v of voters.slice(0, 2)) await app.gql(VOTE, { id: ids.b }, v.cookie);
    await app.gql(VOTE, { id: ids.far }, voters[0]!.cookie);
    // Alpha's votes are old: they count for TOP, not for TRENDING.
    await app.dataSource.query(
      `UPDATE idea_votes SET created_at = now() - interval '10 days' WHERE idea_id = $1`,
      [uuidOf(ids.a)],
    );
    await app.gql(
      RESPOND,
      { input: { id: ids.a, status: 'PLANNED', response: 'We will do it.' } },
      staffRight.cookie,
    );
  });

  async function list(orderBy: string, filter: Record<string, unknown> = {}, first = 10) {
    const res = await app.gql(LIST, { orderBy, first, filter: { search: token, ...filter } });
    expect(res.errors).toBeUndefined();
    return res.data!.ideas as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { id: string; title: string; voteCount: number; status: string } }[];
    };
  }
  const names = (page: Awaited<ReturnType<typeof list>>) =>
    page.edges.map((e) => `${e.node.title.split(' ')[0]}:${e.node.voteCount}`);

  it('orders NEW, TOP, TRENDING and STATUS', async () => {
    expect(names(await list('NEW'))).toEqual(['Charlie:0', 'Far:1', 'Bravo:2', 'Alpha:3']);
    expect(names(await list('TOP'))).toEqual(['Alpha:3', 'Bravo:2', 'Far:1', 'Charlie:0']);
    // Votes of the last 7 days: Bravo 2, Far 1, then none (newest first): Charlie, Alpha.
    expect(names(await list('TRENDING'))).toEqual(['Bravo:2', 'Far:1', 'Charlie:0', 'Alpha:3']);
    // Lifecycle order: PROPOSED (newest first), then PLANNED.
    const byStatus = await list('STATUS');
    expect(byStatus.edges.map((e) => e.node.status)).toEqual([
      'PROPOSED',
      'PROPOSED',
      'PROPOSED',
      'PLANNED',
    ]);
    expect(names(byStatus)).toEqual(['Charlie:0', 'Far:1', 'Bravo:2', 'Alpha:3']);
  });

  it('pages with cursors (keyset for NEW, offsets for TOP) and counts the whole list', async () => {
    const top1 = await list('TOP', {}, 3);
    expect(top1.totalCount).toBe(4);
    expect(top1.pageInfo.hasNextPage).toBe(true);
    const top2 = await app.gql(LIST, {
      orderBy: 'TOP',
      first: 3,
      after: top1.pageInfo.endCursor,
      filter: { search: token },
    });
    expect(top2.data!.ideas.edges.map((e: any) => e.node.id)).toEqual([ids.c]);
    expect(top2.data!.ideas.pageInfo.hasNextPage).toBe(false);
    const new1 = await list('NEW', {}, 2);
    const new2 = await app.gql(LIST, {
      orderBy: 'NEW',
      first: 2,
      after: new1.pageInfo.endCursor,
      filter: { search: token },
    });
    expect(new2.data!.ideas.edges.map((e: any) => e.node.id)).toEqual([ids.b, ids.a]);
    const mixed = await app.gql(LIST, { orderBy: 'NEW', after: top1.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by status, service, area, distance and words', async () => {
    const only = async (filter: Record<string, unknown>) =>
      (await list('NEW', filter)).edges.map((e) => e.node.id);
    expect(await only({ status: 'PLANNED' })).toEqual([ids.a]);
    expect(await only({ status: ['PROPOSED'] })).toEqual([ids.c, ids.far, ids.b]);
    expect(await only({ serviceCode: POTHOLE })).toEqual([ids.b]);
    const [ward] = (await app.dataSource.query(
      `SELECT id FROM areas WHERE kind = 'WARD' AND number = 47`,
    )) as [{ id: string }];
    expect(await only({ areaId: Buffer.from(`Area:${ward.id}`).toString('base64url') })).toEqual([
      ids.a,
    ]);
    expect(
      await only({ near: { lat: INSIDE.latitude, lng: INSIDE.longitude, radiusMeters: 500 } }),
    ).toEqual([ids.a]);
    expect(
      await only({ near: { lat: INSIDE.latitude, lng: INSIDE.longitude, radiusMeters: 30000 } }),
    ).toEqual([ids.far, ids.a]);
    expect(await only({ search: `Bravo ${token}` })).toEqual([ids.b]);
  });
});

describe('comments on ideas', () => {
  it('adds a comment, counts it and lists it on the idea; the commenter follows', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie);
    const neighbour = await resident();
    const res = await app.gql(
      `mutation($id: ID!) { addComment(input: { targetId: $id, body: "Yes, please!" }) { comment { id body } } }`,
      { id },
      neighbour.cookie,
    );
    expect(res.errors).toBeUndefined();
    const read = await app.gql(READ, { id });
    expect(read.data!.idea.commentCount).toBe(1);
    expect(read.data!.idea.comments).toEqual({
      totalCount: 1,
      edges: [{ node: { body: 'Yes, please!' } }],
    });
    const notes = (await app.gql(NOTIFICATIONS, {}, author.cookie)).data!.notifications
      .edges as any[];
    expect(notes.filter((e) => e.node.targetId === id).map((e) => e.node.kind)).toEqual([
      'COMMENTED',
    ]);
  });
});

describe('ideaUpdated', () => {
  it('streams the idea after each vote, take-back and official response, per viewer', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie, { serviceCode: POTHOLE });
    const voter = await resident();
    const client = app.wsClient(voter.cookie);
    const sub = collect(
      client,
      `subscription($id: ID!) { ideaUpdated(id: $id) { id status voteCount viewerHasVoted
        officialResponse { text status responderName responderAgency { code } } } }`,
      { id },
      3,
    );
    await sub.ready;
    // give the server a moment to register the subscription before publishing
    await new Promise((r) => setTimeout(r, 300));
    await app.gql(VOTE, { id }, voter.cookie);
    await app.gql(VOTE, { id }, voter.cookie); // idempotent: no second event
    await app.gql(UNVOTE, { id }, voter.cookie);
    await app.gql(
      RESPOND,
      { input: { id, status: 'UNDER_REVIEW', response: 'Our engineers are looking at Damen.' } },
      staffRight.cookie,
    );
    const items = (await sub.results).map((r) => r.ideaUpdated);
    expect(items.map((i) => [i.voteCount, i.viewerHasVoted, i.status])).toEqual([
      [1, true, 'PROPOSED'],
      [0, false, 'PROPOSED'],
      [0, false, 'UNDER_REVIEW'],
    ]);
    const [{ code }] = (await app.dataSource.query(
      `SELECT a.code FROM agencies a JOIN users u ON u.agency_id = a.id WHERE u.id = $1`,
      [staffRight.id],
    )) as [{ code: string }];
    expect(items[2]!.officialResponse).toEqual({
      text: 'Our engineers are looking at Damen.',
      status: 'UNDER_REVIEW',
      responderName: 'Test STAFF',
      responderAgency: { code },
    });
  });

  it('streams a moderator hiding and restoring the idea: others then read no text', async () => {
    const author = await resident();
    const id = await proposeOk(author.cookie);
    const watcher = await resident();
    const moderator = await app.user('MODERATOR');
    const sub = collect(
      app.wsClient(watcher.cookie),
      `subscription($id: ID!) { ideaUpdated(id: $id) { id hidden title } }`,
      { id },
      2,
    );
    await sub.ready;
    await new Promise((r) => setTimeout(r, 300));
    const MODERATE = `mutation($input: ModerateContentInput!) { moderateContent(input: $input) { action } }`;
    for (const action of ['HIDE', 'RESTORE']) {
      const res = await app.gql(MODERATE, { input: { targetId: id, action } }, moderator.cookie);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    const items = (await sub.results).map((r) => r.ideaUpdated);
    const { title } = (await app.gql(READ, { id })).data!.idea as { title: string };
    expect(items.map((i) => [i.hidden, i.title])).toEqual([
      [true, null],
      [false, title],
    ]);
  });

  it('refuses an idea that does not exist', async () => {
    const client = app.wsClient();
    const missing = Buffer.from(`Idea:${randomUUID()}`).toString('base64url');
    const sub = collect(
      client,
      `subscription($id: ID!) { ideaUpdated(id: $id) { id } }`,
      {
        id: missing,
      },
      1,
    );
    await expect(sub.results).rejects.toMatchObject({
      errors: [
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ],
    });
  });
});

describe('viewerIsFollowing', () => {
  it('is true for the author and a voter, false for others, and follows follow/unfollow', async () => {
    const FOLLOWING = `query($id: ID!) { idea(id: $id) { viewerIsFollowing } }`;
    const author = await resident();
    const id = await proposeOk(author.cookie);
    const voter = await resident();
    const other = await resident();
    await app.gql(VOTE, { id }, voter.cookie);
    const following = async (cookie?: string) =>
      (await app.gql(FOLLOWING, { id }, cookie)).data!.idea.viewerIsFollowing as boolean;
    expect(await following(author.cookie)).toBe(true);
    expect(await following(voter.cookie)).toBe(true);
    expect(await following(other.cookie)).toBe(false);
    expect(await following()).toBe(false);
    await app.gql(
      `mutation($id: ID!) { follow(input: { targetId: $id }) { following } }`,
      { id },
      other.cookie,
    );
    expect(await following(other.cookie)).toBe(true);
    await app.gql(
      `mutation($id: ID!) { unfollow(input: { targetId: $id }) { following } }`,
      { id },
      other.cookie,
    );
    expect(await following(other.cookie)).toBe(false);
  });
});
