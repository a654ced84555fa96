/**
 * The Open311 door end to end: a batch submission with a token, read back with Chicago's
 * extensions, a staff status change through GraphQL that shows in `notes` (an internal note does
 * not), live delivery to GraphQL subscribers, privacy of contact and private services, and API keys
 * (admin mutations, revocation, per-key rate limits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../api/src/modules/api-key/api-key.crypto.js';
import { collect, startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { createKey, get, getJson, names, parseXml, post, textOf } from './open311-client.js';
import type { Form, RawResponse } from './open311-client.js';

const AIRCRAFT_NOISE = 'AVN';
const RODENTS = '4fd3b9bce750846c5300004a';
const SHELTER = '5c1849c79e6e99eda0ad8de1';
/** Hyde Park (ward 5): away from the points other test files crowd. */
const INSIDE = { lat: '41.7943', long: '-87.5907' };
const EMAIL = 'reporter.secret@example.test';
const PHONE = '3125550199';

const UPDATE = `mutation($input: UpdateServiceRequestStatusInput!) {
  updateServiceRequestStatus(input: $input) { serviceRequest { id detailedStatus } }
}`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name prefix rateLimitPerMinute revokedAt } }
}`;
const REVOKE_KEY = `mutation($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { apiKey { id revokedAt } }
}`;

let app: TestApp;
let key: string;
let staffCookie: string;
let adminCookie: string;
/** Every Open311 response body of this file, searched for private data at the end. */
const bodies: string[] = [];

async function record(res: Promise<RawResponse>): Promise<RawResponse> {
  const r = await res;
  bodies.push(r.text);
  return r;
}

function aircraftNoise(extra: Form = {}): Form {
  return {
    api_key: key,
    service_code: AIRCRAFT_NOISE,
    ...INSIDE,
    address_string: '5700 S Woodlawn Ave, Chicago',
    'attribute[event_time]': '2026-01-05T22:10:00-06:00',
    'attribute[airport]': 'ohare',
    'attribute[noise_type]': 'departure',
    'attribute[event_count]': '4',
    description: 'Low departures all evening',
    first_name: 'Rita',
    last_name: 'Reporter',
    email: EMAIL,
    phone: PHONE,
    media_url: 'https://photos.example.org/noise/42.jpg',
    device_id: 'device-7f3a',
    account_id: 'account-99',
    ...extra,
  };
}

beforeAll(async () => {
  app = await startTestApp();
  key = (await createKey(app)).key;
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [AIRCRAFT_NOISE],
  )) as [{ code: string }];
  staffCookie = (await app.user('STAFF', code)).cookie;
  adminCookie = (await app.user('ADMIN')).cookie;
});

afterAll(async () => {
  await app.close();
});

describe('round trip', () => {
  it('POST (batch, attributes) → token → id → GET with extensions → staff change in notes, internal note absent', async () => {
    const posted = await record(post(app, 'requests.json', aircraftNoise()));
    expect(posted.status).toBe(200);
    const [{ token }] = JSON.parse(posted.text);
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    const resolved = JSON.parse((await record(get(app, `tokens/${token}.json`))).text);
    const id = resolved[0].service_request_id as string;
    expect(id).toMatch(/^SR\d{2}-\d{8}$/);

    const [stored] = (await app.dataSource.query(
      `SELECT id, channel, attributes, contact_name, contact_email, media_url, client_info
         FROM service_requests WHERE tracking_number = $1`,
      [id],
    )) as any[];
    expect(stored).toMatchObject({
      channel: 'OPEN311',
      attributes: {
        event_time: '2026-01-06T04:10:00.000Z',
        airport: 'ohare',
        noise_type: 'departure',
        event_count: '4',
      },
      contact_name: 'Rita Reporter',
      contact_email: EMAIL,
      media_url: 'https://photos.example.org/noise/42.jpg',
      client_info: { device_id: 'device-7f3a', account_id: 'account-99' },
    });

    const single = JSON.parse(
      (await record(get(app, `requests/${id}.json?extensions=true`))).text,
    )[0];
    expect(single).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: AIRCRAFT_NOISE,
      description: 'Low departures all evening',
      address: '5700 S Woodlawn Ave, Chicago',
      media_url: 'https://photos.example.org/noise/42.jpg',
      detailed_status: 'SUBMITTED',
      extended_attributes: {
        ward: 5,
        channel: 'open311',
        duplicate: false,
        parent_service_request_id: null,
      },
    });
    expect(single.notes).toEqual([
      { datetime: single.requested_datetime, summary: 'Request submitted', type: 'submitted' },
    ]);

    // GraphQL sees the same request, from the OPEN311 channel
    const gqlRead = await app.gql(
      `query($tn: String) { serviceRequest(trackingNumber: $tn) { id channel } }`,
      { tn: id },
    );
    const gid = gqlRead.data!.serviceRequest.id as string;
    expect(gqlRead.data!.serviceRequest.channel).toBe('OPEN311');

    const changed = await app.gql(
      UPDATE,
      {
        input: {
          id: gid,
          detailedStatus: 'IN_PROGRESS',
          note: 'Noise office reviewing flight tracks.',
        },
      },
      staffCookie,
    );
    expect(changed.errors).toBeUndefined();
    const internal = await app.gql(
      UPDATE,
      {
        input: {
          id: gid,
          detailedStatus: 'IN_PROGRESS',
          note: 'INTERNAL: caller is a repeat complainant',
          noteVisibility: 'INTERNAL',
        },
      },
      staffCookie,
    );
    expect(internal.errors).toBeUndefined();

    const listed = JSON.parse(
      (
        await record(
          get(
            app,
            `requests.json?extensions=true&service_code=${AIRCRAFT_NOISE}&updated_after=${encodeURIComponent(single.requested_datetime)}&page_size=500`,
          ),
        )
      ).text,
    ) as any[];
    const inList = listed.find((r) => r.service_request_id === id);
    expect(inList).toBeDefined();
    expect(inList.status_notes).toBe('Noise office reviewing flight tracks.');
    expect(inList.detailed_status).toBe('IN_PROGRESS');
    expect(inList.notes.map((n: any) => n.type)).toEqual(['submitted', 'activity']);
    expect(inList.notes[1]).toMatchObject({
      summary: 'Status changed to In progress',
      description: 'Noise office reviewing flight tracks.',
    });
    expect(JSON.stringify(listed)).not.toContain('repeat complainant');

    await app.gql(
      UPDATE,
      {
        input: {
          id: gid,
          detailedStatus: 'COMPLETED',
          note: 'Flights were on the assigned route.',
        },
      },
      staffCookie,
    );
    const xml = await record(get(app, `requests/${id}.xml?extensions=true`));
    const request = parseXml(xml.text).root.children[0]!;
    expect(textOf(request, 'status')).toBe('closed');
    expect(textOf(request, 'status_notes')).toBe('Flights were on the assigned route.');
    const notes = request.children.find((c) => c.name === 'notes')!.children;
    expect(notes.map((n) => textOf(n, 'type'))).toEqual(['submitted', 'activity', 'closed']);
    expect(names(notes[2]!)).toEqual(['datetime', 'summary', 'type', 'description']);
    expect(xml.text).not.toContain('repeat complainant');
  });

  it('a realtime request created through Open311 reaches GraphQL subscribers live', async () => {
    const [ward] = (await app.gql(`{ areas(kind: WARD) { id number } }`)).data!.areas.filter(
      (a: any) => a.number === 5,
    );
    const sub = collect(
      app.wsClient(),
      `subscription($areaId: ID) {
        serviceRequestsChanged(areaId: $areaId) { change request { trackingNumber channel contact { email } } }
      }`,
      { areaId: ward.id },
      1,
    );
    await sub.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await record(
      post(app, 'requests.json', {
        api_key: key,
        service_code: RODENTS,
        ...INSIDE,
        'attribute[where_seen][]': ['alley', 'garbage_area'],
        'attribute[dog_in_yard]': 'no',
        email: EMAIL,
      }),
    );
    const [{ service_request_id: id }] = JSON.parse(res.text);
    const [message] = await sub.results;
    expect(message.serviceRequestsChanged).toEqual({
      change: 'CREATED',
      request: { trackingNumber: id, channel: 'OPEN311', contact: null },
    });
  });

  it('requests of private services never appear: not by id, not in lists', async () => {
    const res = await record(
      post(app, 'requests.json', { api_key: key, service_code: SHELTER, ...INSIDE, phone: PHONE }),
    );
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = JSON.parse(res.text);
    for (const format of ['json', 'xml']) {
      expect((await record(get(app, `requests/${id}.${format}`))).status).toBe(404);
    }
    expect((await getJson(app, `requests.json?service_request_id=${id}`)).body).toEqual([]);
    expect((await getJson(app, `requests.json?service_code=${SHELTER}`)).body).toEqual([]);
    const all = (await getJson(app, 'requests.json?page_size=500')).body;
    expect(all.map((r: any) => r.service_request_id)).not.toContain(id);
  });

  it("never shows the reporter's contact or the client's ids in any Open311 response", async () => {
    bodies.push((await get(app, 'requests.json?page_size=500&extensions=true')).text);
    bodies.push((await get(app, 'requests.xml?page_size=500&extensions=true')).text);
    expect(bodies.length).toBeGreaterThan(8);
    for (const body of bodies) {
      for (const secret of [EMAIL, PHONE, 'Rita', 'device-7f3a', 'account-99']) {
        expect(body).not.toContain(secret);
      }
    }
  });
});

describe('API keys', () => {
  it('createApiKey and revokeApiKey are for admins only, audit-logged; a revoked key is refused', async () => {
    const resident = await app.user('RESIDENT');
    for (const cookie of [resident.cookie, staffCookie]) {
      const denied = await app.gql(CREATE_KEY, { input: { name: 'x' } }, cookie);
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const created = await app.gql(
      CREATE_KEY,
      { input: { name: 'SeeClickFix', rateLimitPerMinute: 120 } },
      adminCookie,
    );
    expect(created.errors).toBeUndefined();
    const { key: newKey, apiKey } = created.data!.createApiKey;
    expect(apiKey).toMatchObject({ name: 'SeeClickFix', rateLimitPerMinute: 120, revokedAt: null });
    expect(newKey.startsWith(apiKey.prefix)).toBe(true);
    const ok = await post(app, 'requests.json', {
      api_key: newKey,
      service_code: RODENTS,
      ...INSIDE,
      'attribute[where_seen][]': 'yard',
      'attribute[dog_in_yard]': 'yes',
    });
    expect(ok.status).toBe(200);

    const deniedRevoke = await app.gql(REVOKE_KEY, { input: { id: apiKey.id } }, staffCookie);
    expect(deniedRevoke.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const revoked = await app.gql(REVOKE_KEY, { input: { id: apiKey.id } }, adminCookie);
    expect(revoked.data!.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    for (const format of ['json', 'xml']) {
      const refused = await post(app, `requests.${format}`, {
        api_key: newKey,
        service_code: RODENTS,
        ...INSIDE,
      });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('revoked');
    }
    const audit = (await app.dataSource.query(
      `SELECT action FROM audit_log WHERE target_type = 'ApiKey' AND target_id = $1 ORDER BY id`,
      [await keyUuid(newKey)],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it("answers 429 with an error list once a key's per-minute limit is spent", async () => {
    const limited = (await createKey(app, 3)).key;
    const form = { api_key: limited, service_code: 'NOPE', ...INSIDE };
    for (let i = 0; i < 3; i += 1) {
      expect((await post(app, 'requests.json', form)).status).toBe(404);
    }
    const json = await post(app, 'requests.json', form);
    expect(json.status).toBe(429);
    expect(JSON.parse(json.text)).toEqual([{ code: 429, description: expect.any(String) }]);
    const xml = await post(app, 'requests.xml', form);
    expect(xml.status).toBe(429);
    expect(parseXml(xml.text).root.name).toBe('errors');
    // other keys are not affected
    expect((await post(app, 'requests.json', { ...form, api_key: key })).status).toBe(404);
  });
});

/** The uuid of a key, found by its hash as the server would. */
async function keyUuid(clear: string): Promise<string> {
  const [row] = (await app.dataSource.query(`SELECT id FROM api_keys WHERE key_hash = $1`, [
    hashApiKey(clear),
  ])) as { id: string }[];
  return row!.id;
}
