/**
 * The staff console's API: the queue (default scope, every filter, the four orders, paging, SLA
 * figures, private data for staff only), assignment, the all-or-nothing bulk status change,
 * entering a request for a caller, and the live queue. Runs on two agencies of its own, so the
 * seeded requests and other test files cannot change what the queue holds.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

/** Near Damen & Leland, Lincoln Square (ward 47). */
const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };
/** In the Loop, another ward. */
const LOOP = { latitude: 41.8837, longitude: -87.6324 };
const DAY = 86_400_000;

let app: TestApp;
let admin: string;
let staffQ: string;
let staffQ2: { id: string; cookie: string };
let staffR: string;
let resident: string;
let neighbour: string;
let moderator: string;
let agencyQ: string;
let agencyR: string;
const tag = randomUUID().slice(0, 8);
const CODE = { pot: `q-pot-${tag}`, nosla: `q-nosla-${tag}`, other: `r-pot-${tag}` };
/** Fixture requests by letter: global id, tracking number, uuid. */
const req: Record<string, { id: string; tn: string; uuid: string; ward: number }> = {};

const QUEUE = `query Q($filter: StaffQueueFilter, $orderBy: StaffQueueOrder, $first: Int, $after: String) {
  staffQueue(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount overdueCount agency { id code }
    pageInfo { hasNextPage endCursor }
    edges {
      ageDays overdueDays cursor
      node {
        id trackingNumber detailedStatus overdue dueAt requestedAt supportCount channel
        agency { id } service { code slaDays }
        contact { name phone }
        assignee { id displayName }
        timeline { type text visibility }
      }
    }
  }
}`;

const READ = `query R($id: ID!) { serviceRequest(id: $id) {
  id detailedStatus channel contact { name phone } assignee { displayName }
  timeline { type text visibility }
} }`;

const BULK = `mutation B($input: UpdateServiceRequestStatusesInput!) {
  updateServiceRequestStatuses(input: $input) { serviceRequests { id detailedStatus } }
}`;

const ASSIGN = `mutation A($input: AssignServiceRequestInput!) {
  assignServiceRequest(input: $input) { serviceRequest { id assignee { id displayName } } }
}`;

type Edge = {
  ageDays: number;
  overdueDays: number | null;
  node: {
    id: string;
    trackingNumber: string;
    overdue: boolean;
    dueAt: string | null;
    contact: { name: string | null; phone: string | null } | null;
    assignee: { id: string; displayName: string } | null;
    timeline: { type: string; text: string | null; visibility: string }[];
    [k: string]: unknown;
  };
};

async function queue(vars: Record<string, unknown>, cookie = staffQ) {
  const res = await app.gql(QUEUE, vars, cookie);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.staffQueue as {
    totalCount: number;
    overdueCount: number;
    agency: { id: string; code: string } | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Edge[];
  };
}

/** The fixture letters of a page, in order. */
function letters(edges: Edge[]): string[] {
  const byId = new Map(Object.entries(req).map(([k, v]) => [v.id, k]));
  return edges.map((e) => byId.get(e.node.id) ?? `?${e.node.trackingNumber}`);
}

async function upsert(code: string, agencyId: string, slaDays: number | null) {
  const res = await app.gql(
    `mutation($input: UpsertServiceInput!) { upsertService(input: $input) { service { code } } }`,
    { input: { code, name: `Queue test ${code}`, group: 'Tests', agencyId, slaDays } },
    admin,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}

async function submit(
  letter: string,
  serviceCode: string,
  location: { latitude: number; longitude: number },
  ageDays: number,
) {
  const res = await app.gql(
    `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id trackingNumber ward } } }`,
    {
      input: {
        serviceCode,
        location,
        description: `Fixture ${letter}`,
        contact: { name: `Caller ${letter}`, phone: '+13125550100' },
      },
    },
    resident,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const sr = res.data!.submitServiceRequest.serviceRequest;
  const uuid = Buffer.from(sr.id as string, 'base64url')
    .toString()
    .split(':')[1]!;
  await app.dataSource.query(
    `UPDATE service_requests SET requested_at = $2, updated_at = $2 WHERE id = $1`,
    [uuid, new Date(Date.now() - ageDays * DAY - 60_000)],
  );
  req[letter] = { id: sr.id, tn: sr.trackingNumber, uuid, ward: sr.ward };
}

beforeAll(async () => {
  app = await startTestApp();
  const [q] = (await app.dataSource.query(
    `INSERT INTO agencies (code, name) VALUES ($1, 'Queue test agency') RETURNING id`,
    [`Q-${tag}`],
  )) as [{ id: string }];
  const [r] = (await app.dataSource.query(
    `INSERT INTO agencies (code, name) VALUES ($1, 'Other test agency') RETURNING id`,
    [`R-${tag}`],
  )) as [{ id: string }];
  agencyQ = q.id;
  agencyR = r.id;
  admin = (await app.user('ADMIN')).cookie;
  staffQ = (await app.user('STAFF', `Q-${tag}`)).cookie;
  staffQ2 = await app.user('STAFF', `Q-${tag}`);
  staffR = (await app.user('STAFF', `R-${tag}`)).cookie;
  resident = (await app.user('RESIDENT')).cookie;
  neighbour = (await app.user('RESIDENT')).cookie;
  moderator = (await app.user('MODERATOR')).cookie;
  await upsert(CODE.pot, agencyQ, 7);
  await upsert(CODE.nosla, agencyQ, null);
  await upsert(CODE.other, agencyR, 3);
  await submit('a', CODE.pot, LINCOLN_SQUARE, 10); // 3 days overdue
  await submit('b', CODE.pot, LOOP, 2); // due in 5 days
  await submit('c', CODE.nosla, LINCOLN_SQUARE, 20); // no SLA
  await submit('d', CODE.pot, LINCOLN_SQUARE, 0); // newest, most supported
  await submit('e', CODE.pot, LINCOLN_SQUARE, 4); // closed below
  await submit('f', CODE.other, LINCOLN_SQUARE, 1); // another agency
  for (let i = 0; i < 2; i++) {
    const neighbour = (await app.user('RESIDENT')).cookie;
    const res = await app.gql(
      `mutation($id: ID!) { supportServiceRequest(input: { id: $id }) { serviceRequest { supportCount } } }`,
      { id: req.d!.id },
      neighbour,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  }
  const closed = await app.gql(
    `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: COMPLETED }) { serviceRequest { id } } }`,
    { id: req.e!.id },
    staffQ,
  );
  expect(closed.errors, JSON.stringify(closed.errors)).toBeUndefined();
});

afterAll(async () => {
  await app?.close();
});

describe('staffQueue', () => {
  it("shows staff their own agency's open requests, oldest first, with SLA figures", async () => {
    const page = await queue({});
    expect(page.agency?.id).toBe(agencyQ);
    expect(letters(page.edges)).toEqual(['c', 'a', 'b', 'd']);
    expect(page.totalCount).toBe(4);
    expect(page.overdueCount).toBe(1);
    const [c, a, b] = page.edges;
    expect(a!.ageDays).toBe(10);
    expect(a!.overdueDays).toBe(3);
    expect(a!.node.overdue).toBe(true);
    expect(a!.node.dueAt).toBe(
      new Date(Date.parse(a!.node.requestedAt as string) + 7 * DAY).toISOString(),
    );
    expect(b!.overdueDays).toBeNull();
    expect(b!.node.overdue).toBe(false);
    expect(c!.node.dueAt).toBeNull();
    expect(c!.overdueDays).toBeNull();
    // staff read the reporter's contact
    expect(a!.node.contact).toEqual({ name: 'Caller a', phone: '+13125550100' });
    // the other agency's staff see only theirs
    const other = await queue({}, staffR);
    expect(letters(other.edges)).toEqual(['f']);
  });

  it('sorts newest first, most supported and most overdue', async () => {
    expect(letters((await queue({ orderBy: 'NEWEST_FIRST' })).edges)).toEqual(['d', 'b', 'a', 'c']);
    const supported = await queue({ orderBy: 'MOST_SUPPORTED' });
    expect(letters(supported.edges)).toEqual(['d', 'c', 'a', 'b']);
    expect(supported.edges[0]!.node.supportCount).toBe(2);
    // earliest due first; the service without an SLA last
    expect(letters((await queue({ orderBy: 'MOST_OVERDUE' })).edges)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('pages with cursors in every order without gaps or repeats', async () => {
    for (const orderBy of ['OLDEST_FIRST', 'NEWEST_FIRST', 'MOST_SUPPORTED', 'MOST_OVERDUE']) {
      const whole = letters((await queue({ orderBy })).edges);
      const first = await queue({ orderBy, first: 3 });
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = await queue({ orderBy, first: 3, after: first.pageInfo.endCursor });
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect([...letters(first.edges), ...letters(rest.edges)]).toEqual(whole);
    }
    const bad = await app.gql(QUEUE, { after: 'nonsense' }, staffQ);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by service, area, status, age, overdue and tracking number', async () => {
    expect(letters((await queue({ filter: { serviceCodes: [CODE.nosla] } })).edges)).toEqual(['c']);
    const areas = await app.gql(`{ areas(kind: WARD) { id number } }`);
    const loopWard = (areas.data!.areas as { id: string; number: number }[]).find(
      (w) => w.number === req.b!.ward,
    )!;
    expect(req.b!.ward).not.toBe(req.a!.ward);
    expect(letters((await queue({ filter: { areaId: loopWard.id } })).edges)).toEqual(['b']);
    expect(letters((await queue({ filter: { status: null } })).edges)).toEqual([
      'c',
      'a',
      'e',
      'b',
      'd',
    ]);
    expect(letters((await queue({ filter: { detailedStatuses: ['COMPLETED'] } })).edges)).toEqual([
      'e',
    ]);
    expect(letters((await queue({ filter: { olderThanDays: 5 } })).edges)).toEqual(['c', 'a']);
    const overdue = await queue({ filter: { overdue: true } });
    expect(letters(overdue.edges)).toEqual(['a']);
    expect(overdue.overdueCount).toBe(1);
    expect(letters((await queue({ filter: { overdue: false } })).edges)).toEqual(['c', 'b', 'd']);
    expect(letters((await queue({ filter: { search: req.a!.tn.toLowerCase() } })).edges)).toEqual([
      'a',
    ]);
    const bad = await app.gql(QUEUE, { filter: { olderThanDays: -1 } }, staffQ);
    expect(bad.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('filter.olderThanDays');
  });

  it("lets staff look at another agency's queue, and admins at every agency", async () => {
    expect(letters((await queue({ filter: { agencyId: agencyR } })).edges)).toEqual(['f']);
    const all = await queue({ filter: { allAgencies: true, search: req.f!.tn } }, admin);
    expect(all.agency).toBeNull();
    expect(letters(all.edges)).toEqual(['f']);
  });

  it('is for city staff only', async () => {
    expect((await app.gql(QUEUE, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const cookie of [resident, moderator]) {
      expect((await app.gql(QUEUE, {}, cookie)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('assignServiceRequest', () => {
  it('assigns to a staff member of the agency, shown to staff only, and filters by it', async () => {
    const members = await app.gql(`{ staffMembers { id displayName } }`, {}, staffQ);
    const target = (members.data!.staffMembers as { id: string; displayName: string }[]).find(
      (m) => Buffer.from(m.id, 'base64url').toString() === `User:${staffQ2.id}`,
    )!;
    expect(target).toBeDefined();
    const res = await app.gql(ASSIGN, { input: { id: req.a!.id, assigneeId: target.id } }, staffQ);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.assignServiceRequest.serviceRequest.assignee).toEqual(target);

    const mine = await queue({ filter: { assigneeId: target.id } });
    expect(letters(mine.edges)).toEqual(['a']);
    expect(mine.edges[0]!.node.assignee?.displayName).toBe(target.displayName);
    expect(mine.edges[0]!.node.timeline.at(-1)).toMatchObject({
      type: 'ASSIGNED',
      visibility: 'INTERNAL',
    });
    expect(letters((await queue({ filter: { unassigned: true } })).edges)).toEqual(['c', 'b', 'd']);
    // a resident sees neither the assignee nor the internal event
    const seen = await app.gql(READ, { id: req.a!.id }, resident);
    expect(seen.data!.serviceRequest.assignee).toBeNull();
    expect(
      (seen.data!.serviceRequest.timeline as { type: string }[]).some((e) => e.type === 'ASSIGNED'),
    ).toBe(false);
  });

  it("refuses staff of another agency and assignees outside the request's agency", async () => {
    const others = await app.gql(`{ staffMembers { id } }`, {}, staffR);
    const outsider = (others.data!.staffMembers as { id: string }[])[0]!.id;
    const wrongStaff = await app.gql(
      ASSIGN,
      { input: { id: req.b!.id, assigneeId: outsider } },
      staffR,
    );
    expect(wrongStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongAssignee = await app.gql(
      ASSIGN,
      { input: { id: req.b!.id, assigneeId: outsider } },
      staffQ,
    );
    expect(wrongAssignee.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.assigneeId');
  });

  it('tells the new assignee, once, and not someone who takes a request themselves', async () => {
    const NOTES = `{ notifications(first: 20) { edges { node { kind title targetId } } } }`;
    const kinds = async (cookie: string) =>
      (
        (await app.gql(NOTES, {}, cookie)).data!.notifications.edges as {
          node: { kind: string; title: string; targetId: string };
        }[]
      ).map((e) => e.node);
    const members = await app.gql(`{ staffMembers { id } }`, {}, staffQ2.cookie);
    const ids = (members.data!.staffMembers as { id: string }[]).map((m) => m.id);
    const self = ids.find(
      (id) => Buffer.from(id, 'base64url').toString() === `User:${staffQ2.id}`,
    )!;
    const other = ids.find((id) => id !== self)!;
    const before = (await kinds(staffQ2.cookie)).filter((n) => n.kind === 'ASSIGNED').length;
    // staffQ2 takes d themselves: no notification
    await app.gql(ASSIGN, { input: { id: req.d!.id, assigneeId: self } }, staffQ2.cookie);
    expect((await kinds(staffQ2.cookie)).filter((n) => n.kind === 'ASSIGNED')).toHaveLength(before);
    // staffQ gives b to staffQ2: one notification naming the request
    await app.gql(ASSIGN, { input: { id: req.b!.id, assigneeId: self } }, staffQ);
    await app.gql(ASSIGN, { input: { id: req.b!.id, assigneeId: self } }, staffQ); // no change
    const assigned = (await kinds(staffQ2.cookie)).filter((n) => n.kind === 'ASSIGNED');
    expect(assigned).toHaveLength(before + 1);
    expect(assigned[0]!.title).toBe(`${req.b!.tn} was assigned to you`);
    // the one it was taken from hears nothing; unassigning notifies no one
    await app.gql(ASSIGN, { input: { id: req.b!.id, assigneeId: other } }, staffQ2.cookie);
    await app.gql(ASSIGN, { input: { id: req.b!.id, assigneeId: null } }, staffQ);
    await app.gql(ASSIGN, { input: { id: req.d!.id, assigneeId: null } }, staffQ);
    expect((await kinds(staffQ2.cookie)).filter((n) => n.kind === 'ASSIGNED')).toHaveLength(
      before + 1,
    );
  });

  it('unassigns with assigneeId null', async () => {
    const res = await app.gql(ASSIGN, { input: { id: req.a!.id, assigneeId: null } }, staffQ);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.assignServiceRequest.serviceRequest.assignee).toBeNull();
  });
});

describe('status changes', () => {
  it('keeps an internal note out of what a resident reads', async () => {
    const res = await app.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: IN_PROGRESS, note: "Crew 7 has the key code 4411", noteVisibility: INTERNAL }) { serviceRequest { detailedStatus } } }`,
      { id: req.c!.id },
      staffQ,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const staffView = await app.gql(READ, { id: req.c!.id }, staffQ);
    expect(JSON.stringify(staffView.data)).toContain('Crew 7 has the key code 4411');
    // the reporter reads their own contact, but not the note; neighbours and visitors neither
    const reporterView = await app.gql(READ, { id: req.c!.id }, resident);
    expect(JSON.stringify(reporterView.data)).not.toContain('4411');
    for (const cookie of [neighbour, undefined]) {
      const view = await app.gql(READ, { id: req.c!.id }, cookie);
      expect(view.data!.serviceRequest.detailedStatus).toBe('IN_PROGRESS');
      expect(JSON.stringify(view.data)).not.toContain('4411');
      expect(view.data!.serviceRequest.contact).toBeNull();
    }
  });

  it('changes the status of several requests at once', async () => {
    const res = await app.gql(
      BULK,
      {
        input: {
          ids: [req.b!.id, req.d!.id],
          detailedStatus: 'ACKNOWLEDGED',
          note: 'Inspection booked',
          noteVisibility: 'INTERNAL',
        },
      },
      staffQ,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.updateServiceRequestStatuses.serviceRequests).toEqual([
      { id: req.b!.id, detailedStatus: 'ACKNOWLEDGED' },
      { id: req.d!.id, detailedStatus: 'ACKNOWLEDGED' },
    ]);
    const page = await queue({ filter: { detailedStatuses: ['ACKNOWLEDGED'] } });
    expect(letters(page.edges)).toEqual(['b', 'd']);
    const view = await app.gql(READ, { id: req.d!.id }, resident);
    expect(JSON.stringify(view.data)).not.toContain('Inspection booked');
  });

  it('changes nothing when one request is not the agency’s or does not exist', async () => {
    const forbidden = await app.gql(
      BULK,
      { input: { ids: [req.b!.id, req.f!.id], detailedStatus: 'IN_PROGRESS' } },
      staffQ,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.errors?.[0]?.message).toContain(req.f!.tn);
    const missing = Buffer.from(`ServiceRequest:${randomUUID()}`).toString('base64url');
    const notFound = await app.gql(
      BULK,
      { input: { ids: [req.b!.id, missing], detailedStatus: 'IN_PROGRESS' } },
      staffQ,
    );
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const b = await app.gql(READ, { id: req.b!.id }, staffQ);
    expect(b.data!.serviceRequest.detailedStatus).toBe('ACKNOWLEDGED');
    const f = await app.gql(READ, { id: req.f!.id }, staffQ);
    expect(f.data!.serviceRequest.detailedStatus).toBe('SUBMITTED');
    const dup = await app.gql(
      BULK,
      { input: { ids: [req.b!.id], detailedStatus: 'DUPLICATE' } },
      staffQ,
    );
    expect(dup.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.detailedStatus');
  });
});

describe('a request entered for a caller', () => {
  it('has channel PHONE and the caller’s contact, and is not the agent’s own', async () => {
    const res = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id channel contact { name phone } viewerIsReporter } } }`,
      {
        input: {
          serviceCode: CODE.pot,
          location: LINCOLN_SQUARE,
          description: 'Called in: deep pothole',
          channel: 'PHONE',
          contact: { name: 'Rosa Caller', phone: '(312) 555-0199' },
        },
      },
      staffQ,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const sr = res.data!.submitServiceRequest.serviceRequest;
    expect(sr.channel).toBe('PHONE');
    expect(sr.contact).toEqual({ name: 'Rosa Caller', phone: '3125550199' });
    expect(sr.viewerIsReporter).toBe(false);
    const read = await app.gql(`query($id: ID!) { serviceRequest(id: $id) { channel } }`, {
      id: sr.id,
    });
    expect(read.data!.serviceRequest.channel).toBe('PHONE');
    const [{ reporter_id }] = (await app.dataSource.query(
      `SELECT reporter_id FROM service_requests WHERE id = $1`,
      [
        Buffer.from(sr.id as string, 'base64url')
          .toString()
          .split(':')[1],
      ],
    )) as [{ reporter_id: string | null }];
    expect(reporter_id).toBeNull();
  });

  it('is refused to residents', async () => {
    const res = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
      { input: { serviceCode: CODE.pot, location: LINCOLN_SQUARE, channel: 'PHONE' } },
      resident,
    );
    expect(res.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.channel');
  });
});

describe('staffQueueChanged', () => {
  const LIVE = `subscription { staffQueueChanged { change request { id assignee { displayName } } } }`;

  it("delivers every change of the agency's requests, internal ones included", async () => {
    const client = app.wsClient(staffQ);
    const live = collect<{
      staffQueueChanged: { change: string; request: { id: string; assignee: unknown } };
    }>(client, LIVE, {}, 2);
    await live.ready;
    await new Promise((r) => setTimeout(r, 100));
    const assign = await app.gql(
      ASSIGN,
      {
        input: {
          id: req.c!.id,
          assigneeId: Buffer.from(`User:${staffQ2.id}`).toString('base64url'),
        },
      },
      staffQ,
    );
    expect(assign.errors, JSON.stringify(assign.errors)).toBeUndefined();
    // a change in the other agency is not delivered
    await app.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: ACKNOWLEDGED }) { serviceRequest { id } } }`,
      { id: req.f!.id },
      staffR,
    );
    await app.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: SCHEDULED }) { serviceRequest { id } } }`,
      { id: req.c!.id },
      staffQ,
    );
    const results = await live.results;
    expect(results.map((r) => r.staffQueueChanged.request.id)).toEqual([req.c!.id, req.c!.id]);
    expect(results[0]!.staffQueueChanged.request.assignee).not.toBeNull();
  });

  it('is refused to residents', async () => {
    const client = app.wsClient(resident);
    const live = collect(client, LIVE, {}, 1);
    await expect(live.results).rejects.toMatchObject({
      errors: [
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
      ],
    });
  });
});
