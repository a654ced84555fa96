/**
 * Accounts and sessions over real HTTP and WebSockets: the session cookie and its flags, privacy of
 * the e-mail, sign-up rules, sign-in failures that reveal nothing, sign-out, the cookie on the
 * graphql-ws socket, argon2id at rest, and Apollo's CSRF prevention.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const INSIDE = { latitude: 41.96679, longitude: -87.67859 };
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { viewer { id email displayName role locale } }
}`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id email } } }`;
const VIEWER = `{ viewer { id email displayName role } }`;

let app: TestApp;

function uniqueEmail(prefix = 'resident'): string {
  return `${prefix}-${randomUUID()}@example.test`;
}

/** Signs up; returns the response, the cookie pair (`name=value`) and the raw Set-Cookie header. */
async function signUp(
  input: Partial<Record<'email' | 'password' | 'displayName' | 'locale', string>>,
) {
  const res = await app.gql(SIGN_UP, {
    input: {
      email: uniqueEmail(),
      password: 'a long enough passphrase',
      displayName: 'Rosa Parks',
      ...input,
    },
  });
  const setCookie = res.headers.get('set-cookie');
  return { res, setCookie, cookie: setCookie?.split(';')[0] };
}

function firstError(res: { errors?: { message: string; extensions?: any }[] }) {
  expect(res.errors?.length).toBeGreaterThan(0);
  return res.errors![0]!;
}

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

describe('signUp', () => {
  it('sets an HttpOnly SameSite=Lax session cookie; viewer returns the account with its e-mail', async () => {
    const email = uniqueEmail();
    const { res, setCookie, cookie } = await signUp({ email, displayName: 'Ana', locale: 'es' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.signUp.viewer).toEqual({
      id: expect.any(String),
      email,
      displayName: 'Ana',
      role: 'RESIDENT',
      locale: 'es',
    });
    expect(setCookie).toMatch(/^stoop_session=[^;]{20,}/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).toMatch(/;\s*Expires=/i);

    const viewer = await app.gql(VIEWER, {}, cookie);
    expect(viewer.data!.viewer).toEqual({
      id: res.data!.signUp.viewer.id,
      email,
      displayName: 'Ana',
      role: 'RESIDENT',
    });
    // without the cookie, or with a forged one, nobody is signed in
    expect((await app.gql(VIEWER)).data!.viewer).toBeNull();
    expect((await app.gql(VIEWER, {}, 'stoop_session=forged-token-value')).data!.viewer).toBeNull();
  });

  it('stores the password as an argon2id hash, never the password', async () => {
    const email = uniqueEmail();
    const password = 'correct horse battery staple';
    const { res } = await signUp({ email, password });
    expect(res.errors).toBeUndefined();
    const [row] = (await app.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [
      email,
    ])) as [{ password_hash: string }];
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain(password);
  });

  it('refuses a taken e-mail (in any case), naming input.email, and creates nothing', async () => {
    const email = uniqueEmail();
    expect((await signUp({ email })).res.errors).toBeUndefined();
    for (const again of [email, email.toUpperCase()]) {
      const { res, setCookie } = await signUp({ email: again });
      const error = firstError(res);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual([
        { field: 'input.email', message: expect.stringMatching(/already exists/) },
      ]);
      expect(setCookie).toBeNull();
    }
    const [{ n }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)`,
      [email],
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses a short password and a bad e-mail, naming each field', async () => {
    const email = uniqueEmail();
    const { res, setCookie } = await signUp({ email, password: 'short' });
    const error = firstError(res);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual([
      { field: 'input.password', message: expect.stringMatching(/at least 10/) },
    ]);
    expect(setCookie).toBeNull();
    const [{ n }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE email = $1`,
      [email],
    )) as [{ n: number }];
    expect(n).toBe(0);
    const both = await signUp({ email: 'not-an-email', password: 'short' });
    expect(
      firstError(both.res)
        .extensions?.fields?.map((f: any) => f.field)
        .sort(),
    ).toEqual(['input.email', 'input.password']);
  });
});

describe('signIn and signOut', () => {
  it('signs in with the right password (e-mail in any case) and sets the cookie', async () => {
    const email = uniqueEmail();
    const password = 'a long enough passphrase';
    const created = await signUp({ email, password });
    const res = await app.gql(SIGN_IN, { input: { email: email.toUpperCase(), password } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.signIn.viewer).toEqual({ id: created.res.data!.signUp.viewer.id, email });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    // a second session: both cookies work, and differ
    expect(cookie).not.toBe(created.cookie);
    expect((await app.gql(VIEWER, {}, cookie)).data!.viewer.email).toBe(email);
    expect((await app.gql(VIEWER, {}, created.cookie)).data!.viewer.email).toBe(email);
  });

  it('answers a wrong password and an unknown e-mail the same way: UNAUTHENTICATED', async () => {
    const email = uniqueEmail();
    await signUp({ email, password: 'a long enough passphrase' });
    const wrong = await app.gql(SIGN_IN, { input: { email, password: 'not the password' } });
    const unknown = await app.gql(SIGN_IN, {
      input: { email: uniqueEmail('nobody'), password: 'not the password' },
    });
    for (const res of [wrong, unknown]) {
      expect(firstError(res).extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.data?.signIn ?? null).toBeNull();
    }
    expect(firstError(wrong).message).toBe(firstError(unknown).message);
    expect(firstError(wrong).extensions).toEqual(firstError(unknown).extensions);
  });

  it('signOut ends the session: the old cookie no longer authenticates', async () => {
    const email = uniqueEmail();
    const { cookie } = await signUp({ email });
    expect((await app.gql(VIEWER, {}, cookie)).data!.viewer.email).toBe(email);
    const out = await app.gql(`mutation { signOut }`, {}, cookie);
    expect(out.errors).toBeUndefined();
    expect(out.data!.signOut).toBe(true);
    const cleared = out.headers.get('set-cookie');
    expect(cleared).toMatch(/^stoop_session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    expect((await app.gql(VIEWER, {}, cookie)).data!.viewer).toBeNull();
    // signing out again (or anonymously) ends nothing
    expect((await app.gql(`mutation { signOut }`, {}, cookie)).data!.signOut).toBe(false);
    expect((await app.gql(`mutation { signOut }`)).data!.signOut).toBe(false);
  });
});

describe('privacy of the e-mail', () => {
  it('never shows an account e-mail to others, even on the requests it submitted', async () => {
    const email = uniqueEmail('reporter');
    const { cookie } = await signUp({ email, displayName: 'Private Reporter' });
    const submitted = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) { serviceRequest { id trackingNumber contact { email } } }
      }`,
      {
        input: {
          serviceCode: POTHOLE,
          location: INSIDE,
          attributes: ANSWERS,
          contact: { email },
        },
      },
      cookie,
    );
    expect(submitted.errors).toBeUndefined();
    const r = submitted.data!.submitServiceRequest.serviceRequest;
    // the reporter sees their own contact
    expect(r.contact).toEqual({ email });

    const READ = `query($tn: String) {
      serviceRequest(trackingNumber: $tn) {
        id trackingNumber description contact { name email phone }
        timeline { type text } service { code } agency { code }
      }
    }`;
    const other = await signUp({});
    for (const reader of [other.cookie, undefined]) {
      const read = await app.gql(READ, { tn: r.trackingNumber }, reader);
      expect(read.errors).toBeUndefined();
      expect(read.data!.serviceRequest.id).toBe(r.id);
      expect(read.data!.serviceRequest.contact).toBeNull();
      expect(JSON.stringify(read.data)).not.toContain(email);
      const listed = await app.gql(
        `{ serviceRequests(first: 5, filter: { serviceCodes: ["${POTHOLE}"] }) {
            edges { node { id contact { email } } } } }`,
        {},
        reader,
      );
      const mine = listed.data!.serviceRequests.edges.find((e: any) => e.node.id === r.id);
      expect(mine.node.contact).toBeNull();
      expect(JSON.stringify(listed.data)).not.toContain(email);
      // the viewer of another account is that account, not the reporter
      const viewer = await app.gql(VIEWER, {}, reader);
      expect(JSON.stringify(viewer.data)).not.toContain(email);
    }
  });
});

describe('the cookie on the WebSocket', () => {
  it('authenticates a graphql-ws connection; without it the viewer is null', async () => {
    const email = uniqueEmail('socket');
    const { cookie } = await signUp({ email });
    const viewerOver = async (c?: string) => {
      const client = app.wsClient(c);
      const results: any[] = [];
      for await (const result of client.iterate({ query: `{ viewer { email role } }` })) {
        results.push(result);
      }
      return results;
    };
    expect(await viewerOver(cookie)).toEqual([{ data: { viewer: { email, role: 'RESIDENT' } } }]);
    expect(await viewerOver()).toEqual([{ data: { viewer: null } }]);
    // after sign-out, the same cookie opens an anonymous socket
    await app.gql(`mutation { signOut }`, {}, cookie);
    expect(await viewerOver(cookie)).toEqual([{ data: { viewer: null } }]);
  });

  it('a staff cookie over the socket is staff: internal notes are delivered', async () => {
    const [{ code: agencyCode }] = (await app.dataSource.query(
      `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
      [POTHOLE],
    )) as [{ code: string }];
    const staff = await app.user('STAFF', agencyCode);
    const created = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) { serviceRequest { id } }
      }`,
      { input: { serviceCode: POTHOLE, location: INSIDE, attributes: ANSWERS } },
    );
    const id = created.data!.submitServiceRequest.serviceRequest.id as string;
    await app.gql(
      `mutation($input: UpdateServiceRequestStatusInput!) {
        updateServiceRequestStatus(input: $input) { serviceRequest { id } }
      }`,
      {
        input: {
          id,
          detailedStatus: 'ACKNOWLEDGED',
          note: 'Internal: check the gas main first',
          noteVisibility: 'INTERNAL',
        },
      },
      staff.cookie,
    );
    const timelineOver = async (c?: string) => {
      const results: any[] = [];
      for await (const result of app.wsClient(c).iterate({
        query: `query($id: ID) { serviceRequest(id: $id) { timeline { type visibility text } } }`,
        variables: { id },
      })) {
        results.push(result);
      }
      return results[0].data.serviceRequest.timeline as { type: string; text: string | null }[];
    };
    const staffView = await timelineOver(staff.cookie);
    expect(staffView.map((e) => e.type)).toEqual(['SUBMITTED', 'ACKNOWLEDGED', 'NOTE']);
    expect(staffView[2]!.text).toBe('Internal: check the gas main first');
    const anonymousView = await timelineOver();
    expect(anonymousView.map((e) => e.type)).toEqual(['SUBMITTED', 'ACKNOWLEDGED']);
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple text/plain POST to /graphql (status 400) and changes nothing', async () => {
    const email = uniqueEmail('csrf');
    const body = JSON.stringify({
      query: `mutation($input: SignUpInput!) { signUp(input: $input) { viewer { id } } }`,
      variables: {
        input: { email, password: 'a long enough passphrase', displayName: 'CSRF' },
      },
    });
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toMatch(/CSRF|preflight/i);
    const [{ n }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE email = $1`,
      [email],
    )) as [{ n: number }];
    expect(n).toBe(0);
    // the same operation as JSON goes through
    const ok = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(ok.status).toBe(200);
    const [{ n: after }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE email = $1`,
      [email],
    )) as [{ n: number }];
    expect(after).toBe(1);
  });
});
