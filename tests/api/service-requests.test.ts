/**
 * The spine through real HTTP and WebSockets: submission rules, idempotency, the lifecycle, privacy
 * of contact and internal notes (also through subscriptions), lists, nearby search and areas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
/** Near Damen & Leland, Lincoln Square (ward 47, community area 4). */
const INSIDE = { latitude: 41.96679, longitude: -87.67859 };
/** Evanston, north of the city limits. */
const OUTSIDE = { latitude: 42.0451, longitude: -87.6877 };
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) {
    created
    serviceRequest {
      id trackingNumber status detailedStatus ward communityArea channel expectedAt requestedAt
      location { latitude longitude }
      service { code name } agency { code }
      attributes { code values }
      contact { name email phone }
      timeline { id type toStatus visibility text }
    }
  }
}`;

const UPDATE = `mutation Update($input: UpdateServiceRequestStatusInput!) {
  updateServiceRequestStatus(input: $input) {
    serviceRequest { id status detailedStatus closedAt expectedAt timeline { id type fromStatus toStatus text visibility } }
  }
}`;

const READ = `query Read($id: ID, $tn: String) {
  serviceRequest(id: $id, trackingNumber: $tn) {
    id trackingNumber detailedStatus contact { name email phone }
    timeline { id type text visibility }
  }
}`;

let app: TestApp;
let staffCookie: string;
let otherAgencyStaffCookie: string;

async function submit(input: Record<string, unknown>, cookie?: string) {
  return app.gql(
    SUBMIT,
    { input: { serviceCode: POTHOLE, location: INSIDE, attributes: ANSWERS, ...input } },
    cookie,
  );
}

beforeAll(async () => {
  app = await startTestApp();
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staffCookie = (await app.user('STAFF', code)).cookie;
  const [other] = (await app.dataSource.query(
    `SELECT code FROM agencies WHERE code <> $1 LIMIT 1`,
    [code],
  )) as [{ code: string }];
  otherAgencyStaffCookie = (await app.user('STAFF', other.code)).cookie;
});

afterAll(async () => {
  await app.close();
});

describe('submitServiceRequest', () => {
  it('creates a request with tracking number, derived ward and community area, and a SUBMITTED event', async () => {
    const res = await submit({
      description: 'Deep pothole in the curb lane',
      address: '4700 N Damen Ave',
      contact: { name: 'Ana Resident', email: 'ana@example.test', phone: '+1 312 555 0100' },
    });
    expect(res.errors).toBeUndefined();
    const r = res.data!.submitServiceRequest.serviceRequest;
    expect(res.data!.submitServiceRequest.created).toBe(true);
    expect(r.trackingNumber).toMatch(
      new RegExp(`^SR${String(new Date().getFullYear()).slice(2)}-\\d{8}$`),
    );
    expect(r.status).toBe('OPEN');
    expect(r.detailedStatus).toBe('SUBMITTED');
    expect(r.ward).toBe(47);
    expect(r.communityArea).toBe(4);
    expect(r.channel).toBe('WEB');
    expect(r.service).toEqual({ code: POTHOLE, name: expect.stringMatching(/pothole/i) });
    expect(r.location).toEqual(INSIDE);
    expect(r.attributes).toEqual(
      expect.arrayContaining([
        { code: 'location_on_street', values: ['curb_lane'] },
        { code: 'depth', values: ['over_4in'] },
      ]),
    );
    // the pothole SLA is 7 days
    const days = (Date.parse(r.expectedAt) - Date.parse(r.requestedAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    expect(r.timeline).toEqual([
      {
        id: expect.any(String),
        type: 'SUBMITTED',
        toStatus: 'SUBMITTED',
        visibility: 'PUBLIC',
        text: null,
      },
    ]);
    // an anonymous submitter is not shown the contact back: anyone could read the response by number
    expect(r.contact).toBeNull();
    const [row] = (await app.dataSource.query(
      `SELECT contact_email, contact_phone FROM service_requests WHERE tracking_number = $1`,
      [r.trackingNumber],
    )) as [{ contact_email: string; contact_phone: string }];
    expect(row).toEqual({ contact_email: 'ana@example.test', contact_phone: '+13125550100' });
  });

  it('rejects a location outside Chicago, naming the field, and writes nothing', async () => {
    const before = await countRequests();
    const res = await submit({ location: OUTSIDE });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'input.location', message: expect.stringMatching(/outside the city of Chicago/) },
    ]);
    expect(await countRequests()).toBe(before);
  });

  it('rejects a missing required answer and a value not in the list, naming each field', async () => {
    const res = await submit({ attributes: [{ code: 'location_on_street', value: 'sky' }] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = res.errors?.[0]?.extensions?.fields ?? [];
    expect(fields.map((f) => f.field).sort()).toEqual([
      'input.attributes.depth',
      'input.attributes.location_on_street',
    ]);
    expect(fields.find((f) => f.field === 'input.attributes.depth')?.message).toMatch(/required/);
    expect(fields.find((f) => f.field === 'input.attributes.location_on_street')?.message).toMatch(
      /one of/,
    );
  });

  it('rejects an unknown question, a bad number and an unknown service', async () => {
    const res = await submit({
      attributes: [...ANSWERS, { code: 'count', value: 'many' }, { code: 'colour', value: 'red' }],
    });
    const fields = res.errors?.[0]?.extensions?.fields?.map((f) => f.field).sort();
    expect(fields).toEqual(['input.attributes.colour', 'input.attributes.count']);
    const unknown = await app.gql(SUBMIT, { input: { serviceCode: 'nope', location: INSIDE } });
    expect(unknown.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.serviceCode');
  });

  it('rejects bad shapes through class-validator with the field named (never a 500)', async () => {
    const res = await submit({
      location: { latitude: 123, longitude: -87.6 },
      contact: { email: 'not-an-email' },
    });
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = res.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [];
    expect(fields).toEqual(
      expect.arrayContaining(['input.location.latitude', 'input.contact.email']),
    );
  });

  it('does not let a resident claim the PHONE channel', async () => {
    const res = await submit({ channel: 'PHONE' });
    expect(res.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.channel');
    const staff = await submit({ channel: 'PHONE' }, staffCookie);
    expect(staff.data?.submitServiceRequest.serviceRequest.channel).toBe('PHONE');
  });

  it('returns the same request for the same idempotency key, and one row only', async () => {
    const key = `key-${Date.now()}-${Math.random()}`;
    const [a, b] = await Promise.all([
      submit({ idempotencyKey: key }),
      submit({ idempotencyKey: key }),
    ]);
    const ra = a.data!.submitServiceRequest;
    const rb = b.data!.submitServiceRequest;
    expect(ra.serviceRequest.id).toBe(rb.serviceRequest.id);
    expect([ra.created, rb.created].sort()).toEqual([false, true]);
    const [{ count }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM idempotency_keys k JOIN service_requests r ON r.id = k.request_id WHERE k.key = $1`,
      [key],
    )) as [{ count: number }];
    expect(count).toBe(1);
    const third = await submit({ idempotencyKey: key });
    expect(third.data!.submitServiceRequest.serviceRequest.trackingNumber).toBe(
      ra.serviceRequest.trackingNumber,
    );
    const changed = await submit({ idempotencyKey: key, description: 'something else' });
    expect(changed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('lifecycle and privacy', () => {
  it('lets staff of the agency move a request; residents and other agencies cannot', async () => {
    const resident = await app.user('RESIDENT');
    const created = await submit({ contact: { email: 'mine@example.test' } }, resident.cookie);
    const r = created.data!.submitServiceRequest.serviceRequest;
    // the reporter sees their own contact
    expect(r.contact).toEqual({ name: null, email: 'mine@example.test', phone: null });

    const byResident = await app.gql(
      UPDATE,
      { input: { id: r.id, detailedStatus: 'COMPLETED' } },
      resident.cookie,
    );
    expect(byResident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(UPDATE, { input: { id: r.id, detailedStatus: 'COMPLETED' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const otherAgency = await app.gql(
      UPDATE,
      { input: { id: r.id, detailedStatus: 'COMPLETED' } },
      otherAgencyStaffCookie,
    );
    expect(otherAgency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const ack = await app.gql(
      UPDATE,
      {
        input: {
          id: r.id,
          detailedStatus: 'ACKNOWLEDGED',
          note: 'Crew check: gas line nearby',
          noteVisibility: 'INTERNAL',
        },
      },
      staffCookie,
    );
    expect(ack.errors).toBeUndefined();
    const expectedAt = '2030-01-15T15:00:00.000Z';
    const done = await app.gql(
      UPDATE,
      { input: { id: r.id, detailedStatus: 'COMPLETED', note: 'Patched today.', expectedAt } },
      staffCookie,
    );
    const sr = done.data!.updateServiceRequestStatus.serviceRequest;
    expect(sr.status).toBe('CLOSED');
    expect(sr.detailedStatus).toBe('COMPLETED');
    expect(sr.closedAt).not.toBeNull();
    expect(sr.expectedAt).toBe(expectedAt);
    // staff see the internal note
    expect(sr.timeline.map((e: any) => [e.type, e.visibility, e.text])).toEqual([
      ['SUBMITTED', 'PUBLIC', null],
      ['ACKNOWLEDGED', 'PUBLIC', null],
      ['NOTE', 'INTERNAL', 'Crew check: gas line nearby'],
      ['STATUS_CHANGED', 'PUBLIC', 'Patched today.'],
    ]);
    const [audit] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'request.update_status'`,
      [r.id.length ? await idOf(r.trackingNumber) : ''],
    )) as [{ n: number }];
    expect(audit.n).toBe(2);

    // neither an anonymous caller nor another resident sees the contact or the internal note
    const stranger = await app.user('RESIDENT');
    for (const cookie of [undefined, stranger.cookie]) {
      const read = await app.gql(READ, { tn: r.trackingNumber }, cookie);
      const seen = read.data!.serviceRequest;
      expect(seen.contact).toBeNull();
      expect(seen.timeline.map((e: any) => e.type)).toEqual([
        'SUBMITTED',
        'ACKNOWLEDGED',
        'STATUS_CHANGED',
      ]);
      expect(JSON.stringify(read.data)).not.toContain('gas line');
      expect(JSON.stringify(read.data)).not.toContain('mine@example.test');
    }
    // the reporter sees their contact but not the internal note
    const own = await app.gql(READ, { id: r.id }, resident.cookie);
    expect(own.data!.serviceRequest.contact.email).toBe('mine@example.test');
    expect(JSON.stringify(own.data)).not.toContain('gas line');
    // staff see both
    const staff = await app.gql(READ, { id: r.id }, staffCookie);
    expect(staff.data!.serviceRequest.contact.email).toBe('mine@example.test');
    expect(JSON.stringify(staff.data)).toContain('gas line');
  });

  it('refuses DUPLICATE through status changes and a no-op change', async () => {
    const r = (await submit({})).data!.submitServiceRequest.serviceRequest;
    const dup = await app.gql(
      UPDATE,
      { input: { id: r.id, detailedStatus: 'DUPLICATE' } },
      staffCookie,
    );
    expect(dup.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.detailedStatus');
    const same = await app.gql(
      UPDATE,
      { input: { id: r.id, detailedStatus: 'SUBMITTED' } },
      staffCookie,
    );
    expect(same.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('live timeline over WebSockets', () => {
  const SUB = `subscription($id: ID!, $after: ID) {
    serviceRequestUpdated(id: $id, afterEventId: $after) { id type fromStatus toStatus text visibility }
  }`;

  it('delivers a status change made by staff over HTTP, and a reconnect with afterEventId replays missed events', async () => {
    const r = (await submit({})).data!.submitServiceRequest.serviceRequest;
    const submittedId = r.timeline[0].id as string;
    const client = app.wsClient();
    // afterEventId = the SUBMITTED event: anything after it is delivered, even if it lands before
    // the subscription is registered
    const live = collect(client, SUB, { id: r.id, after: submittedId }, 1);
    await app.gql(
      UPDATE,
      { input: { id: r.id, detailedStatus: 'IN_PROGRESS', note: 'Crew on site.' } },
      staffCookie,
    );
    const [first] = await live.results;
    expect(first.serviceRequestUpdated).toMatchObject({
      type: 'STATUS_CHANGED',
      fromStatus: 'SUBMITTED',
      toStatus: 'IN_PROGRESS',
      text: 'Crew on site.',
      visibility: 'PUBLIC',
    });
    // while "disconnected", two more changes happen
    await app.gql(UPDATE, { input: { id: r.id, detailedStatus: 'SCHEDULED' } }, staffCookie);
    await app.gql(UPDATE, { input: { id: r.id, detailedStatus: 'COMPLETED' } }, staffCookie);
    const again = collect(
      app.wsClient(),
      SUB,
      { id: r.id, after: first.serviceRequestUpdated.id },
      2,
    );
    const missed = await again.results;
    expect(missed.map((m) => m.serviceRequestUpdated.toStatus)).toEqual(['SCHEDULED', 'COMPLETED']);
  });

  it('keeps internal notes out of the subscription for residents but delivers them to staff', async () => {
    const r = (await submit({})).data!.submitServiceRequest.serviceRequest;
    const after = r.timeline[0].id as string;
    const resident = await app.user('RESIDENT');
    const residentSub = collect(app.wsClient(resident.cookie), SUB, { id: r.id, after }, 2);
    const anonSub = collect(app.wsClient(), SUB, { id: r.id, after }, 2);
    const staffSub = collect(app.wsClient(staffCookie), SUB, { id: r.id, after }, 3);
    await app.gql(
      UPDATE,
      {
        input: {
          id: r.id,
          detailedStatus: 'ACKNOWLEDGED',
          note: 'Internal: reporter is a city employee',
          noteVisibility: 'INTERNAL',
        },
      },
      staffCookie,
    );
    await app.gql(UPDATE, { input: { id: r.id, detailedStatus: 'IN_PROGRESS' } }, staffCookie);
    for (const sub of [residentSub, anonSub]) {
      const events = (await sub.results).map((m) => m.serviceRequestUpdated);
      expect(events.map((e) => e.type)).toEqual(['ACKNOWLEDGED', 'STATUS_CHANGED']);
      expect(JSON.stringify(events)).not.toContain('city employee');
    }
    const staffEvents = (await staffSub.results).map((m) => m.serviceRequestUpdated);
    expect(staffEvents.map((e) => e.type)).toEqual(['ACKNOWLEDGED', 'NOTE', 'STATUS_CHANGED']);
    expect(staffEvents[1].visibility).toBe('INTERNAL');
  });

  it('streams new requests inside a watched area and viewport, without contact data', async () => {
    const [ward] = (await app.gql(`{ areas(kind: WARD) { id number } }`)).data!.areas.filter(
      (a: any) => a.number === 47,
    );
    const CHANGED = `subscription($areaId: ID, $bbox: BBoxInput) {
      serviceRequestsChanged(areaId: $areaId, bbox: $bbox) { change request { trackingNumber ward contact { email } } }
    }`;
    const byArea = collect(app.wsClient(), CHANGED, { areaId: ward.id }, 1);
    const byBox = collect(
      app.wsClient(),
      CHANGED,
      { bbox: { west: -87.69, south: 41.96, east: -87.67, north: 41.97 } },
      1,
    );
    // give the server a moment to register both subscriptions: publishing is fire-and-forget
    await new Promise((resolve) => setTimeout(resolve, 500));
    const r = (await submit({ contact: { email: 'private@example.test' } })).data!
      .submitServiceRequest.serviceRequest;
    for (const sub of [byArea, byBox]) {
      const [message] = await sub.results;
      expect(message.serviceRequestsChanged).toEqual({
        change: 'CREATED',
        request: { trackingNumber: r.trackingNumber, ward: 47, contact: null },
      });
    }
  });

  it('rejects a subscription to an unknown request with NOT_FOUND', async () => {
    const sub = collect(
      app.wsClient(),
      SUB,
      {
        id: Buffer.from('ServiceRequest:00000000-0000-4000-8000-000000000000').toString(
          'base64url',
        ),
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

async function countRequests(): Promise<number> {
  const [{ n }] = (await app.dataSource.query(
    `SELECT count(*)::int AS n FROM service_requests`,
  )) as [{ n: number }];
  return n;
}

async function idOf(trackingNumber: string): Promise<string> {
  const [{ id }] = (await app.dataSource.query(
    `SELECT id FROM service_requests WHERE tracking_number = $1`,
    [trackingNumber],
  )) as [{ id: string }];
  return id;
}
