/**
 * Neighbours around requests: co-signing, following, comments with replies, notifications
 * (coalesced, preferences, live badge), duplicates merged, and asking to reopen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];
const SUBMIT = `mutation($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { serviceRequest { id trackingNumber timeline { id } } }
}`;
const SUPPORT = `mutation($input: SupportServiceRequestInput!) {
  supportServiceRequest(input: $input) { serviceRequest { supportCount viewerHasSupported viewerIsFollowing followerCount } }
}`;
const WITHDRAW = `mutation($input: ServiceRequestRefInput!) {
  withdrawSupport(input: $input) { serviceRequest { supportCount viewerHasSupported } }
}`;
const STATUS = `mutation($input: UpdateServiceRequestStatusInput!) {
  updateServiceRequestStatus(input: $input) { serviceRequest { detailedStatus } }
}`;
const NOTIFICATIONS = `{ notifications(first: 20) { unreadCount totalCount edges { node { id kind title count read targetId } } } }`;
const ADD_COMMENT = `mutation($input: AddCommentInput!) {
  addComment(input: $input) { comment { id body links { url } parentId authorName viewerIsAuthor } }
}`;

let app: TestApp;
let staff: { id: string; cookie: string };
let agencyCode: string;

/** A new pothole request at a point near Lincoln Square, by an optional signed-in reporter. */
async function newRequest(cookie?: string, dLat = 0) {
  const res = await app.gql(
    SUBMIT,
    {
      input: {
        serviceCode: POTHOLE,
        location: { latitude: 41.9668 + dLat, longitude: -87.6786 },
        attributes: ANSWERS,
        description: 'Pothole',
      },
    },
    cookie,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.submitServiceRequest.serviceRequest as {
    id: string;
    trackingNumber: string;
    timeline: { id: string }[];
  };
}

beforeAll(async () => {
  app = await startTestApp();
  [{ code: agencyCode }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staff = await app.user('STAFF', agencyCode);
});

afterAll(async () => {
  await app.close();
});

describe('co-signing', () => {
  it('counts one support per account, follows, writes a public event without the name unless asked', async () => {
    const reporter = await app.user('RESIDENT');
    const r = await newRequest(reporter.cookie);
    const ana = await app.user('RESIDENT');
    const ben = await app.user('RESIDENT');
    const first = await app.gql(SUPPORT, { input: { id: r.id } }, ana.cookie);
    expect(first.data!.supportServiceRequest.serviceRequest).toEqual({
      supportCount: 1,
      viewerHasSupported: true,
      viewerIsFollowing: true,
      // the signed-in reporter follows their own request
      followerCount: 2,
    });
    const again = await app.gql(SUPPORT, { input: { id: r.id } }, ana.cookie);
    expect(again.data!.supportServiceRequest.serviceRequest.supportCount).toBe(1);
    await app.gql(SUPPORT, { input: { id: r.id, showName: true } }, ben.cookie);
    const read = await app.gql(
      `query($id: ID!) { serviceRequest(id: $id) { supportCount timeline { type text } } }`,
      { id: r.id },
    );
    const supported = read.data!.serviceRequest.timeline.filter((e: any) => e.type === 'SUPPORTED');
    expect(read.data!.serviceRequest.supportCount).toBe(2);
    expect(supported.map((e: any) => e.text)).toEqual([
      'A neighbour co-signed',
      'Test RESIDENT co-signed',
    ]);
    const own = await app.gql(SUPPORT, { input: { id: r.id } }, reporter.cookie);
    expect(own.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anon = await app.gql(SUPPORT, { input: { id: r.id } });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const withdrawn = await app.gql(WITHDRAW, { input: { id: r.id } }, ana.cookie);
    expect(withdrawn.data!.withdrawSupport.serviceRequest).toEqual({
      supportCount: 1,
      viewerHasSupported: false,
    });
  });

  it('coalesces support notifications to one per request per hour, with the count', async () => {
    const reporter = await app.user('RESIDENT');
    const r = await newRequest(reporter.cookie);
    await app.gql(
      `mutation($id: ID!) { followServiceRequest(input: { id: $id }) { following } }`,
      { id: r.id },
      reporter.cookie,
    );
    for (let i = 0; i < 5; i++) {
      const neighbour = await app.user('RESIDENT');
      await app.gql(SUPPORT, { input: { id: r.id } }, neighbour.cookie);
    }
    const list = await app.gql(NOTIFICATIONS, {}, reporter.cookie);
    const supports = list.data!.notifications.edges.filter((e: any) => e.node.kind === 'SUPPORTED');
    expect(supports).toHaveLength(1);
    expect(supports[0].node).toMatchObject({
      count: 5,
      title: `5 neighbours co-signed ${r.trackingNumber}`,
      read: false,
      targetId: r.id,
    });
  });
});

describe('notifications', () => {
  it('tells followers of every status change at once, respects preferences, and marks read', async () => {
    const follower = await app.user('RESIDENT');
    const quiet = await app.user('RESIDENT');
    const r = await newRequest();
    for (const u of [follower, quiet]) {
      await app.gql(
        `mutation($id: ID!) { follow(input: { targetId: $id }) { following } }`,
        { id: r.id },
        u.cookie,
      );
    }
    const prefs = await app.gql(
      `mutation { updateNotificationPreferences(input: { disabledKinds: [STATUS_CHANGED], channels: [] }) { disabledKinds } }`,
      {},
      quiet.cookie,
    );
    expect(prefs.data!.updateNotificationPreferences.disabledKinds).toEqual(['STATUS_CHANGED']);
    await app.gql(STATUS, { input: { id: r.id, detailedStatus: 'ACKNOWLEDGED' } }, staff.cookie);
    await app.gql(STATUS, { input: { id: r.id, detailedStatus: 'IN_PROGRESS' } }, staff.cookie);
    const list = await app.gql(NOTIFICATIONS, {}, follower.cookie);
    const changes = list.data!.notifications.edges.filter(
      (e: any) => e.node.kind === 'STATUS_CHANGED',
    );
    expect(changes).toHaveLength(2);
    expect(list.data!.notifications.unreadCount).toBe(2);
    const none = await app.gql(NOTIFICATIONS, {}, quiet.cookie);
    expect(none.data!.notifications.totalCount).toBe(0);
    const marked = await app.gql(
      `mutation { markNotificationsRead(input: {}) }`,
      {},
      follower.cookie,
    );
    expect(marked.data!.markNotificationsRead).toBe(2);
    const after = await app.gql(NOTIFICATIONS, {}, follower.cookie);
    expect(after.data!.notifications.unreadCount).toBe(0);
  });

  it('streams notificationAdded to the signed-in person only', async () => {
    const follower = await app.user('RESIDENT');
    const r = await newRequest();
    await app.gql(
      `mutation($id: ID!) { followServiceRequest(input: { id: $id }) { following } }`,
      { id: r.id },
      follower.cookie,
    );
    const live = collect(
      app.wsClient(follower.cookie),
      `subscription { notificationAdded { kind title } }`,
      {},
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    await app.gql(STATUS, { input: { id: r.id, detailedStatus: 'SCHEDULED' } }, staff.cookie);
    const [first] = await live.results;
    expect(first.notificationAdded.kind).toBe('STATUS_CHANGED');
    expect(first.notificationAdded.title).toContain(r.trackingNumber);
    const anon = collect(app.wsClient(), `subscription { notificationAdded { kind } }`, {}, 1);
    await expect(anon.results).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      ],
    });
  });
});

describe('comments', () => {
  it('adds comments and one level of replies with links; edits and soft-deletes by the author only', async () => {
    const r = await newRequest();
    const ana = await app.user('RESIDENT');
    const ben = await app.user('RESIDENT');
    const top = await app.gql(
      ADD_COMMENT,
      {
        input: {
          targetId: r.id,
          body: 'Same on the next block, see https://example.org/photo and chicago.gov',
        },
      },
      ana.cookie,
    );
    const c = top.data!.addComment.comment;
    expect(c.links.map((l: any) => l.url)).toEqual([
      'https://example.org/photo',
      'http://chicago.gov',
    ]);
    expect(c.viewerIsAuthor).toBe(true);
    const reply = await app.gql(
      ADD_COMMENT,
      { input: { targetId: r.id, body: 'Thanks!', parentId: c.id } },
      ben.cookie,
    );
    const replyId = reply.data!.addComment.comment.id;
    expect(reply.data!.addComment.comment.parentId).toBe(c.id);
    const nested = await app.gql(
      ADD_COMMENT,
      { input: { targetId: r.id, body: 'Deeper', parentId: replyId } },
      ana.cookie,
    );
    expect(nested.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.parentId');
    const empty = await app.gql(
      ADD_COMMENT,
      { input: { targetId: r.id, body: '   ' } },
      ana.cookie,
    );
    expect(empty.errors?.[0]?.extensions?.fields?.[0]).toEqual({
      field: 'input.body',
      message: 'must not be empty',
    });
    const long = await app.gql(
      ADD_COMMENT,
      { input: { targetId: r.id, body: 'x'.repeat(2001) } },
      ana.cookie,
    );
    expect(long.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.body');
    const anon = await app.gql(ADD_COMMENT, { input: { targetId: r.id, body: 'hi' } });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const byOther = await app.gql(
      `mutation($id: ID!) { editComment(input: { id: $id, body: "hacked" }) { comment { body } } }`,
      { id: c.id },
      ben.cookie,
    );
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const edited = await app.gql(
      `mutation($id: ID!) { editComment(input: { id: $id, body: "Same on the next block" }) { comment { body } } }`,
      { id: c.id },
      ana.cookie,
    );
    expect(edited.data!.editComment.comment.body).toBe('Same on the next block');
    await app.gql(
      `mutation($id: ID!) { deleteComment(input: { id: $id }) { comment { removed } } }`,
      { id: c.id },
      ana.cookie,
    );

    const counted = await app.dataSource.query(
      `SELECT comment_count FROM service_requests WHERE id = $1`,
      [Buffer.from(r.id, 'base64url').toString().split(':')[1]],
    );
    // two comments were written, one was removed
    expect(counted).toEqual([{ comment_count: 1 }]);
    const page = await app.gql(
      `query($id: ID!) { serviceRequest(id: $id) { comments(first: 10) { totalCount edges { node { body removed authorName editedAt replies { body authorName } } } } timeline { type } } }`,
      { id: r.id },
    );
    const sr = page.data!.serviceRequest;
    expect(sr.comments.totalCount).toBe(1);
    expect(sr.comments.edges[0].node).toMatchObject({
      body: null,
      removed: true,
      authorName: null,
    });
    expect(sr.comments.edges[0].node.replies).toEqual([
      { body: 'Thanks!', authorName: 'Test RESIDENT' },
    ]);
    expect(sr.timeline.filter((e: any) => e.type === 'COMMENT')).toHaveLength(2);
  });

  it('streams commentAdded for one target', async () => {
    const r = await newRequest();
    const other = await newRequest(undefined, 0.001);
    const ana = await app.user('RESIDENT');
    const live = collect(
      app.wsClient(),
      `subscription($id: ID!) { commentAdded(targetId: $id) { body } }`,
      { id: r.id },
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    await app.gql(ADD_COMMENT, { input: { targetId: other.id, body: 'elsewhere' } }, ana.cookie);
    await app.gql(ADD_COMMENT, { input: { targetId: r.id, body: 'here' } }, ana.cookie);
    expect((await live.results)[0].commentAdded.body).toBe('here');
  });
});

describe('duplicates and reopening', () => {
  const MARK = `mutation($input: MarkDuplicateInput!) {
    markDuplicate(input: $input) {
      duplicate { detailedStatus status duplicateOf { trackingNumber } timeline { type text } }
      original { supportCount timeline { type text } }
    }
  }`;

  it('closes the duplicate, moves supporters and followers, says so on both timelines, tells followers', async () => {
    const original = await newRequest();
    const dup = await newRequest(undefined, 0.0002);
    const ana = await app.user('RESIDENT');
    const ben = await app.user('RESIDENT');
    await app.gql(SUPPORT, { input: { id: dup.id } }, ana.cookie);
    await app.gql(SUPPORT, { input: { id: dup.id } }, ben.cookie);
    await app.gql(SUPPORT, { input: { id: original.id } }, ben.cookie);
    const resident = await app.gql(
      MARK,
      { input: { id: dup.id, duplicateOfId: original.id } },
      ana.cookie,
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await app.gql(
      MARK,
      { input: { id: dup.id, duplicateOfId: original.id } },
      staff.cookie,
    );
    expect(res.errors).toBeUndefined();
    const out = res.data!.markDuplicate;
    expect(out.duplicate).toMatchObject({
      status: 'CLOSED',
      detailedStatus: 'DUPLICATE',
      duplicateOf: { trackingNumber: original.trackingNumber },
    });
    expect(out.duplicate.timeline.at(-1)).toEqual({
      type: 'MERGED',
      text: `Closed as a duplicate of ${original.trackingNumber}; follow that request for updates.`,
    });
    expect(out.original.supportCount).toBe(2);
    expect(out.original.timeline.at(-1).text).toContain(
      `${dup.trackingNumber} was merged into this request`,
    );
    const following = await app.gql(
      `query($id: ID!) { serviceRequest(id: $id) { viewerIsFollowing } }`,
      { id: original.id },
      ana.cookie,
    );
    expect(following.data!.serviceRequest.viewerIsFollowing).toBe(true);
    const notes = await app.gql(NOTIFICATIONS, {}, ana.cookie);
    expect(notes.data!.notifications.edges.map((e: any) => e.node.kind)).toContain('MERGED');
    const twice = await app.gql(
      MARK,
      { input: { id: dup.id, duplicateOfId: original.id } },
      staff.cookie,
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets the reporter or a supporter ask to reopen a closed request, and staff decide in public', async () => {
    const reporter = await app.user('RESIDENT');
    const stranger = await app.user('RESIDENT');
    const r = await newRequest(reporter.cookie);
    const REOPEN = `mutation($input: RequestReopenInput!) { requestReopen(input: $input) { reopenRequest { id status reason } } }`;
    const open = await app.gql(
      REOPEN,
      { input: { id: r.id, reason: 'Still there after the rain' } },
      reporter.cookie,
    );
    expect(open.errors?.[0]?.extensions?.fields?.[0]?.message).toBe('is still open');
    await app.gql(
      STATUS,
      { input: { id: r.id, detailedStatus: 'COMPLETED', note: 'Patched' } },
      staff.cookie,
    );
    const byStranger = await app.gql(
      REOPEN,
      { input: { id: r.id, reason: 'Still there after the rain' } },
      stranger.cookie,
    );
    expect(byStranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asked = await app.gql(
      REOPEN,
      { input: { id: r.id, reason: 'Still there after the rain' } },
      reporter.cookie,
    );
    const reopenId = asked.data!.requestReopen.reopenRequest.id;
    expect(asked.data!.requestReopen.reopenRequest.status).toBe('PENDING');
    const dupAsk = await app.gql(
      REOPEN,
      { input: { id: r.id, reason: 'Again please' } },
      reporter.cookie,
    );
    expect(dupAsk.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const staffNotes = await app.gql(NOTIFICATIONS, {}, staff.cookie);
    expect(staffNotes.data!.notifications.edges.map((e: any) => e.node.kind)).toContain(
      'REOPEN_REQUESTED',
    );

    const DECIDE = `mutation($input: DecideReopenInput!) {
      decideReopen(input: $input) { reopenRequest { status decisionNote } serviceRequest { status detailedStatus closedAt timeline { type text } } }
    }`;
    const byResident = await app.gql(
      DECIDE,
      { input: { id: reopenId, accept: true } },
      reporter.cookie,
    );
    expect(byResident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const decided = await app.gql(
      DECIDE,
      { input: { id: reopenId, accept: true, note: 'Crew will return' } },
      staff.cookie,
    );
    expect(decided.errors).toBeUndefined();
    const d = decided.data!.decideReopen;
    expect(d.reopenRequest).toEqual({ status: 'ACCEPTED', decisionNote: 'Crew will return' });
    expect(d.serviceRequest).toMatchObject({
      status: 'OPEN',
      detailedStatus: 'ACKNOWLEDGED',
      closedAt: null,
    });
    expect(d.serviceRequest.timeline.slice(-2)).toEqual([
      {
        type: 'REOPEN_REQUESTED',
        text: 'A resident asked to reopen this request: Still there after the rain',
      },
      { type: 'REOPENED', text: 'Crew will return' },
    ]);
    const reporterNotes = await app.gql(NOTIFICATIONS, {}, reporter.cookie);
    expect(reporterNotes.data!.notifications.edges.map((e: any) => e.node.title)).toContain(
      `${r.trackingNumber} was reopened`,
    );
  });
});

describe('node(id)', () => {
  it('fetches block clubs and ideas by global id', async () => {
    const user = await app.user('RESIDENT');
    const d = 0.0009;
    const [lat, lng] = [41.9668, -87.6786];
    const club = await app.gql(
      `mutation($input: CreateBlockClubInput!) { createBlockClub(input: $input) { blockClub { id name } } }`,
      {
        input: {
          name: `Node Test Club ${Date.now()}`,
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [lng - d, lat - d],
                [lng + d, lat - d],
                [lng + d, lat + d],
                [lng - d, lat + d],
                [lng - d, lat - d],
              ],
            ],
          },
        },
      },
      user.cookie,
    );
    const idea = await app.gql(
      `mutation($input: ProposeIdeaInput!) { proposeIdea(input: $input) { idea { id title } } }`,
      {
        input: {
          title: 'A stop sign at Leland & Damen',
          body: 'Drivers speed through this corner on the way to school every morning.',
          location: { latitude: lat, longitude: lng },
        },
      },
      user.cookie,
    );
    const clubId = club.data!.createBlockClub.blockClub.id;
    const ideaId = idea.data!.proposeIdea.idea.id;
    const res = await app.gql(
      `query($a: ID!, $b: ID!) {
        a: node(id: $a) { id ... on BlockClub { name } }
        b: node(id: $b) { id ... on Idea { title } }
      }`,
      { a: clubId, b: ideaId },
    );
    expect(res.data).toEqual({
      a: { id: clubId, name: club.data!.createBlockClub.blockClub.name },
      b: { id: ideaId, title: 'A stop sign at Leland & Damen' },
    });
  });
});
