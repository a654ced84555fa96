/**
 * What "My Stoop" needs from the API: the signed-in person's own requests
 * (`filter.reportedByViewer`, their private ones included), `viewerIsReporter`, what they follow
 * with the followed object itself (`following.target`), and changing their name and language
 * (`updateViewer`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];
const AT = { latitude: 41.96679, longitude: -87.67859 };

const SUBMIT = `mutation($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } }
}`;
const MINE = `query($first: Int!) {
  serviceRequests(first: $first, filter: { reportedByViewer: true }) {
    totalCount edges { node { trackingNumber viewerIsReporter } }
  }
}`;

let app: TestApp;
let restorePrivate = false;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  if (restorePrivate) {
    await app.dataSource.query(
      `UPDATE service_definitions SET is_private = false WHERE code = $1`,
      [POTHOLE],
    );
  }
  await app.close();
});

async function submit(cookie: string) {
  const res = await app.gql<{
    submitServiceRequest: { serviceRequest: { id: string; trackingNumber: string } };
  }>(SUBMIT, { input: { serviceCode: POTHOLE, location: AT, attributes: ANSWERS } }, cookie);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.submitServiceRequest.serviceRequest;
}

describe('my requests', () => {
  it('lists only what the viewer reported, newest first, private services included', async () => {
    const me = await app.user('RESIDENT');
    const other = await app.user('RESIDENT');
    const first = await submit(me.cookie);
    const second = await submit(me.cookie);
    const theirs = await submit(other.cookie);
    // a request of a private service (kept private until the end of this test)
    await app.dataSource.query(`UPDATE service_definitions SET is_private = true WHERE code = $1`, [
      POTHOLE,
    ]);
    restorePrivate = true;
    const hidden = await submit(me.cookie);

    const res = await app.gql(MINE, { first: 10 }, me.cookie);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const numbers = res.data!.serviceRequests.edges.map(
      (e: { node: { trackingNumber: string } }) => e.node.trackingNumber,
    );
    expect(numbers).toEqual([hidden.trackingNumber, second.trackingNumber, first.trackingNumber]);
    expect(res.data!.serviceRequests.totalCount).toBe(3);
    expect(numbers).not.toContain(theirs.trackingNumber);
    expect(
      res.data!.serviceRequests.edges.every(
        (e: { node: { viewerIsReporter: boolean } }) => e.node.viewerIsReporter,
      ),
    ).toBe(true);

    // the other resident does not get my private request in their list, nor in a plain list
    const theirList = await app.gql(MINE, { first: 10 }, other.cookie);
    expect(
      theirList.data!.serviceRequests.edges.map(
        (e: { node: { trackingNumber: string } }) => e.node.trackingNumber,
      ),
    ).toEqual([theirs.trackingNumber]);
    const everyone = await app.gql(
      `{ serviceRequests(first: 100, orderBy: REQUESTED_AT_DESC) { edges { node { trackingNumber } } } }`,
      {},
      other.cookie,
    );
    expect(JSON.stringify(everyone.data)).not.toContain(hidden.trackingNumber);
    await app.dataSource.query(
      `UPDATE service_definitions SET is_private = false WHERE code = $1`,
      [POTHOLE],
    );
    restorePrivate = false;
    const one = await app.gql(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) { viewerIsReporter } }`,
      { tn: first.trackingNumber },
      other.cookie,
    );
    expect(one.data!.serviceRequest.viewerIsReporter).toBe(false);
  });

  it('asks to sign in when signed out', async () => {
    const res = await app.gql(MINE, { first: 5 });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('what I follow', () => {
  it('gives the followed request itself, so a list shows its number and service', async () => {
    const me = await app.user('RESIDENT');
    const other = await app.user('RESIDENT');
    const sr = await submit(other.cookie);
    const follow = await app.gql(
      `mutation($id: ID!) { followServiceRequest(input: { id: $id }) { following } }`,
      { id: sr.id },
      me.cookie,
    );
    expect(follow.data!.followServiceRequest.following).toBe(true);
    const res = await app.gql(
      `{ following { targetId targetType target { id ... on ServiceRequest { trackingNumber service { name } } } } }`,
      {},
      me.cookie,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const entry = res.data!.following.find((f: { targetId: string }) => f.targetId === sr.id);
    expect(entry.targetType).toBe('ServiceRequest');
    expect(entry.target.trackingNumber).toBe(sr.trackingNumber);
    expect(entry.target.service.name).toBe('Pothole in Street Complaint');
  });
});

describe('updateViewer', () => {
  const UPDATE = `mutation($input: UpdateViewerInput!) { updateViewer(input: $input) { displayName locale } }`;

  it('saves the language and name on the account', async () => {
    const me = await app.user('RESIDENT');
    const res = await app.gql(UPDATE, { input: { locale: 'es' } }, me.cookie);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.updateViewer).toEqual({ displayName: 'Test RESIDENT', locale: 'es' });
    const renamed = await app.gql(UPDATE, { input: { displayName: '  Ana M.  ' } }, me.cookie);
    expect(renamed.data!.updateViewer).toEqual({ displayName: 'Ana M.', locale: 'es' });
    const viewer = await app.gql(`{ viewer { displayName locale } }`, {}, me.cookie);
    expect(viewer.data!.viewer).toEqual({ displayName: 'Ana M.', locale: 'es' });
  });

  it('names the field that is wrong, and needs a session', async () => {
    const me = await app.user('RESIDENT');
    const bad = await app.gql(UPDATE, { input: { displayName: '   ' } }, me.cookie);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.displayName');
    const lang = await app.gql(UPDATE, { input: { locale: 'fr' } }, me.cookie);
    expect(lang.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anon = await app.gql(UPDATE, { input: { locale: 'es' } });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('notifications', () => {
  it('point at what they are about, so the list can link to it', async () => {
    const me = await app.user('RESIDENT');
    const sr = await submit(me.cookie);
    const [{ code }] = (await app.dataSource.query(
      `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
      [POTHOLE],
    )) as [{ code: string }];
    const staff = await app.user('STAFF', code);
    const changed = await app.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: IN_PROGRESS }) { serviceRequest { id } } }`,
      { id: sr.id },
      staff.cookie,
    );
    expect(changed.errors, JSON.stringify(changed.errors)).toBeUndefined();
    const read = () =>
      app.gql(
        `{ notifications(first: 5) { unreadCount edges { node { kind targetId target { ... on ServiceRequest { trackingNumber } } } } } }`,
        {},
        me.cookie,
      );
    await expect
      .poll(async () => (await read()).data!.notifications.edges.length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const res = await read();
    const status = res.data!.notifications.edges.find(
      (e: { node: { kind: string } }) => e.node.kind === 'STATUS_CHANGED',
    );
    expect(status.node.targetId).toBe(sr.id);
    expect(status.node.target.trackingNumber).toBe(sr.trackingNumber);
  });
});
