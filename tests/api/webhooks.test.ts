/**
 * Webhooks for integrators: only admins register them; a receiver (a local stand-in) gets each
 * public request event once it answers 2xx, signed with HMAC-SHA256 over "<t>.<body>", with the
 * same delivery id on every retry; internal notes, reporter contact and private services never
 * leave; a removed webhook gets nothing more.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../api/src/channels/webhook/webhook.sender.js';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const INSIDE = { latitude: 41.96679, longitude: -87.67859 };
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];
const CREATE = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id name url eventTypes deliveredCount } } }`;

let app: TestApp;
let admin: { cookie: string };
let staffCookie: string;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; raw: string; status: number }[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  app = await startTestApp();
  // webhooks other files registered (unreachable example URLs) are not this file's to dispatch
  await app.dataSource.query(`UPDATE webhooks SET deleted_at = now() WHERE deleted_at IS NULL`);
  admin = await app.user('ADMIN');
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staffCookie = (await app.user('STAFF', code)).cookie;
  const stub = express();
  stub.post('/hooks/stoop', express.text({ type: '*/*' }), (req, res) => {
    const status = failuresLeft > 0 ? 500 : 204;
    if (failuresLeft > 0) failuresLeft -= 1;
    received.push({
      headers: req.headers as Record<string, string>,
      raw: req.body as string,
      status,
    });
    res.status(status).end();
  });
  receiver = stub.listen(0, '127.0.0.1');
  await new Promise((resolve) => receiver.once('listening', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/stoop`;
});
afterAll(async () => {
  await app.dataSource.query(`UPDATE webhooks SET deleted_at = now() WHERE deleted_at IS NULL`);
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await app.close();
});

function verify(secret: string, header: string, raw: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

const dispatch = () => app.services.webhooks.dispatch((d) => sendWebhook(d), { settleSeconds: 0 });
const makeDue = () =>
  app.dataSource.query(
    `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL`,
  );

describe('registering', () => {
  it('is for admins only, and names a bad field', async () => {
    const resident = await app.user('RESIDENT');
    const input = { name: 'CRM', url: receiverUrl, eventTypes: ['STATUS_CHANGED'] };
    const denied = await app.gql(CREATE, { input }, resident.cookie);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(CREATE, { input });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const badUrl = await app.gql(
      CREATE,
      { input: { ...input, url: 'ftp://example.org/x' } },
      admin.cookie,
    );
    expect(badUrl.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.url' }],
    });
    const badType = await app.gql(
      CREATE,
      { input: { ...input, eventTypes: ['EXPLODED'] } },
      admin.cookie,
    );
    expect(badType.errors![0]!.extensions).toMatchObject({
      fields: [{ field: 'input.eventTypes' }],
    });
    const list = await app.gql(`{ webhooks { id } }`, {}, resident.cookie);
    expect(list.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('delivering', () => {
  it('signs each public event, retries until 2xx with the same delivery id, and leaks nothing private', async () => {
    const created = await app.gql<any>(
      CREATE,
      {
        input: {
          name: 'Ward office CRM',
          url: receiverUrl,
          eventTypes: ['SUBMITTED', 'STATUS_CHANGED', 'NOTE'],
        },
      },
      admin.cookie,
    );
    const { secret, webhook } = created.data.createWebhook;
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.eventTypes).toEqual(['SUBMITTED', 'STATUS_CHANGED', 'NOTE']);
    // the secret is never readable again
    const listed = await app.gql<any>(`{ webhooks { id name url eventTypes } }`, {}, admin.cookie);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const resident = await app.user('RESIDENT');
    const submitted = await app.gql<any>(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } } }`,
      {
        input: {
          serviceCode: POTHOLE,
          description: 'Deep pothole by the bus stop',
          location: INSIDE,
          attributes: ANSWERS,
          contact: {
            name: 'Pat Reporter',
            email: 'pat.private@example.test',
            phone: '+13125550199',
          },
        },
      },
      resident.cookie,
    );
    const sr = submitted.data.submitServiceRequest.serviceRequest;
    const update = (input: Record<string, unknown>) =>
      app.gql(
        `mutation($input: UpdateServiceRequestStatusInput!) { updateServiceRequestStatus(input: $input) { serviceRequest { id } } }`,
        { input: { id: sr.id, ...input } },
        staffCookie,
      );
    expect(
      (
        await update({
          detailedStatus: 'IN_PROGRESS',
          note: 'Crew assigned',
          noteVisibility: 'PUBLIC',
        })
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await update({
          detailedStatus: 'IN_PROGRESS',
          note: 'Caller is a known complainer SECRET-NOTE',
          noteVisibility: 'INTERNAL',
        })
      ).errors,
    ).toBeUndefined();

    failuresLeft = 2;
    received.length = 0;
    expect(await dispatch()).toBe(0); // first delivery fails (500)…
    await makeDue();
    await dispatch(); // …and again…
    await makeDue();
    await dispatch(); // …then everything goes through
    await makeDue();
    await dispatch();

    const ok = received.filter((r) => r.status === 204);
    const bodies = ok.map((r) => JSON.parse(r.raw) as any);
    const ours = bodies.filter((b) => b.request.trackingNumber === sr.trackingNumber);
    expect(ours.map((b) => b.event.type)).toEqual(['SUBMITTED', 'STATUS_CHANGED']);
    expect(ours[1].event).toMatchObject({ toStatus: 'IN_PROGRESS', note: 'Crew assigned' });
    expect(ours[0].request).toMatchObject({
      serviceCode: POTHOLE,
      trackingNumber: sr.trackingNumber,
      latitude: INSIDE.latitude,
      longitude: INSIDE.longitude,
    });
    // each delivery reached the receiver with 2xx exactly once, under one id across retries
    const okIds = ok.map((r) => r.headers['x-stoop-delivery']);
    expect(new Set(okIds).size).toBe(okIds.length);
    const failedIds = received
      .filter((r) => r.status === 500)
      .map((r) => r.headers['x-stoop-delivery']);
    expect(failedIds).toHaveLength(2);
    for (const id of failedIds) expect(okIds).toContain(id);
    for (const r of received) {
      expect(verify(secret, r.headers['x-stoop-signature']!, r.raw)).toBe(true);
      expect(r.headers['x-stoop-event']).toMatch(/^(SUBMITTED|STATUS_CHANGED|NOTE)$/);
    }
    expect(
      verify('whsec_wrong', received[0]!.headers['x-stoop-signature']!, received[0]!.raw),
    ).toBe(false);
    const everything = received.map((r) => r.raw).join('\n');
    expect(everything).not.toContain('SECRET-NOTE');
    expect(everything).not.toContain('pat.private@example.test');
    expect(everything).not.toContain('5550199');

    // nothing left to send, and the admin list counts it
    const before = received.length;
    await makeDue();
    await dispatch();
    expect(received.length).toBe(before);
    const counts = await app.gql<any>(
      `{ webhooks { id deliveredCount pendingCount failedCount } }`,
      {},
      admin.cookie,
    );
    const mine = counts.data.webhooks.find((w: any) => w.id === webhook.id);
    expect(mine.deliveredCount).toBe(ok.length);
    expect(mine.pendingCount).toBe(0);
  });

  it('sends nothing about private services, and nothing after removal', async () => {
    const created = await app.gql<any>(
      CREATE,
      { input: { name: 'Second', url: receiverUrl, eventTypes: ['STATUS_CHANGED'] } },
      admin.cookie,
    );
    const hookId = created.data.createWebhook.webhook.id;
    const [row] = (await app.dataSource.query(
      `SELECT r.id, r.service_definition_id FROM service_requests r
         JOIN service_definitions d ON d.id = r.service_definition_id
        WHERE d.code = $1 AND r.status = 'OPEN' ORDER BY r.requested_at DESC LIMIT 1`,
      [POTHOLE],
    )) as [{ id: string; service_definition_id: string }];
    await app.dataSource.query(`UPDATE service_definitions SET is_private = true WHERE id = $1`, [
      row.service_definition_id,
    ]);
    const [{ id: requestGlobalId }] = (
      await app.gql<any>(
        `{ serviceRequests(first: 1, filter: { serviceCodes: ["${POTHOLE}"], status: OPEN }) { edges { node { id } } } }`,
        {},
        staffCookie,
      )
    ).data.serviceRequests.edges.map((e: any) => e.node);
    const move = (detailedStatus: string) =>
      app.gql(
        `mutation($input: UpdateServiceRequestStatusInput!) { updateServiceRequestStatus(input: $input) { serviceRequest { id detailedStatus } } }`,
        { input: { id: requestGlobalId, detailedStatus } },
        staffCookie,
      );
    try {
      const moved = await move('SCHEDULED');
      expect(moved.data?.updateServiceRequestStatus.serviceRequest.detailedStatus).toBe(
        'SCHEDULED',
      );
      received.length = 0;
      await dispatch();
      expect(received.map((r) => JSON.parse(r.raw).request.serviceCode)).not.toContain(POTHOLE);
    } finally {
      await app.dataSource.query(
        `UPDATE service_definitions SET is_private = false WHERE id = $1`,
        [row.service_definition_id],
      );
    }

    const removed = await app.gql<any>(
      `mutation($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { id } }`,
      { input: { id: hookId } },
      admin.cookie,
    );
    expect(removed.data.deleteWebhook.id).toBe(hookId);
    const list = await app.gql<any>(`{ webhooks { id } }`, {}, admin.cookie);
    expect(list.data.webhooks.map((w: any) => w.id)).not.toContain(hookId);
  });
});
