/**
 * The SMS door end to end over real HTTP: status by tracking number, a complete report from first
 * text to tracking number (numbered service choice, intersection, required questions, MMS photo),
 * a server restart in the middle of it, the staff status change coming back as a text through the
 * SMS outbox, and STOP / START / HELP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSmsRouter, twiml, webhookSignature } from '../../api/src/channels/sms/sms.routes.js';
import { logger } from '../../api/src/lib/logger.js';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const PHONE = '+13125550123';
const STATUS = `mutation($input: UpdateServiceRequestStatusInput!) {
  updateServiceRequestStatus(input: $input) { serviceRequest { detailedStatus } }
}`;

let app: TestApp;

/** Texts the server as the provider would; returns the reply message (null for an empty reply). */
async function text(
  target: TestApp,
  body: string,
  extra: Record<string, string> = {},
  from = PHONE,
): Promise<string | null> {
  const res = await fetch(`${target.url}/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ From: from, To: '+13125550000', Body: body, ...extra }).toString(),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/xml/);
  const xml = await res.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response')).toBe(true);
  const match = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  return match ? match[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"') : null;
}

/** A sender that records texts. */
function recorder() {
  const sent: { to: string; body: string }[] = [];
  return {
    sent,
    send: (to: string, body: string) => {
      sent.push({ to, body });
      return Promise.resolve();
    },
  };
}

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('SMS door', () => {
  it('answers in TwiML-style XML and rejects a webhook without a From number', async () => {
    expect(twiml('a & b')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &amp; b</Message></Response>',
    );
    const res = await fetch(`${app.url}/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Body=hello',
    });
    expect(res.status).toBe(400);
  });

  it('answers a tracking number with status and expected date', async () => {
    const [row] = (await app.dataSource.query(
      `SELECT tracking_number, detailed_status FROM service_requests
        WHERE tracking_number ~ '^SR[0-9]{2}-[0-9]{8}$' ORDER BY tracking_number LIMIT 1`,
    )) as { tracking_number: string; detailed_status: string }[];
    const status = row!.detailed_status.replace(/_/g, ' ').toLowerCase();
    expect(await text(app, `STATUS ${row!.tracking_number}`, {}, '+13125550999')).toContain(
      `${row!.tracking_number}: ${status}.`,
    );
    expect(await text(app, row!.tracking_number.toLowerCase(), {}, '+13125550999')).toContain(
      `${row!.tracking_number}: ${status}.`,
    );
    expect(await text(app, 'STATUS SR99-99999999', {}, '+13125550999')).toMatch(/No request/);
  });

  it('takes a report from first text to tracking number, across a restart, and texts updates back', async () => {
    const first = await text(app, 'There is a huge pothole here', {
      NumMedia: '1',
      MediaUrl0: 'https://api.example-sms.test/media/ME123.jpg',
    });
    // several services match "pothole": a numbered choice
    expect(first).toMatch(/^Which one is it\? 1 .+, 2 .+, 3 .+\. Reply 1, 2 or 3\.$/);
    const choice = /(\d) Pothole in Street Complaint/.exec(first!)![1]!;
    expect(await text(app, 'seven')).toMatch(/number from 1 to 3/);
    expect(await text(app, choice)).toMatch(/^Pothole in Street Complaint\. Where is it\?/);
    expect(await text(app, 'Somewhere Nowhere Rd')).toMatch(/could not find that place/);
    const afterPlace = await text(app, 'Leland & Damen');
    expect(afterPlace).toMatch(/^Got it: W LELAND AVE & N DAMEN AVE\. .+ Reply 1, 2/);

    // restart: a second server on the same database continues the conversation
    await app.close();
    app = await startTestApp();
    const second = await text(app, '1');
    expect(second).toMatch(/^Thanks\. .+ Reply 1/);
    const done = await text(app, '1');
    const tracking = /Your request is (SR\d{2}-\d+)\./.exec(done!)?.[1];
    expect(tracking, done!).toBeDefined();

    const [request] = (await app.dataSource.query(
      `SELECT id, channel, contact_phone, media_url, address, attributes, description,
              ST_Y(location) AS lat, ST_X(location) AS lon
         FROM service_requests WHERE tracking_number = $1`,
      [tracking],
    )) as any[];
    expect(request).toMatchObject({
      channel: 'SMS',
      contact_phone: PHONE,
      media_url: 'https://api.example-sms.test/media/ME123.jpg',
      address: 'W LELAND AVE & N DAMEN AVE',
      description: 'There is a huge pothole here',
    });
    expect(Object.keys(request.attributes).sort()).toEqual(['depth', 'location_on_street']);
    expect(request.lat).toBeCloseTo(41.9667, 3);
    // the conversation is over: a status query works, a new problem starts afresh
    expect(await text(app, tracking!)).toMatch(new RegExp(`^${tracking}: submitted\\.`));

    // staff move the request: the reporter gets a text through the SMS outbox
    const [agency] = (await app.dataSource.query(
      `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
      [POTHOLE],
    )) as { code: string }[];
    const staff = await app.user('STAFF', agency!.code);
    const found = await app.gql(`query($t: String) { serviceRequest(trackingNumber: $t) { id } }`, {
      t: tracking,
    });
    const gid = found.data!.serviceRequest.id as string;
    const moved = await app.gql(
      STATUS,
      { input: { id: gid, detailedStatus: 'IN_PROGRESS', note: 'Crew on the way' } },
      staff.cookie,
    );
    expect(moved.errors).toBeUndefined();
    const sender = recorder();
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(1);
    expect(sender.sent).toEqual([
      {
        to: PHONE,
        body: `Stoop 311: ${tracking} is in progress. Crew on the way Reply STOP to opt out.`,
      },
    ]);
    // delivered once: nothing left
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(0);

    // STOP: no reply to other texts, nothing queued on the next change; START resumes
    expect(await text(app, 'STOP')).toMatch(/no more texts/);
    expect(await text(app, 'pothole')).toBeNull();
    await app.gql(STATUS, { input: { id: gid, detailedStatus: 'COMPLETED' } }, staff.cookie);
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(0);
    expect(sender.sent).toHaveLength(1);
    expect(await text(app, 'START')).toMatch(/texts from Stoop 311 again/);
    await app.gql(STATUS, { input: { id: gid, detailedStatus: 'IN_PROGRESS' } }, staff.cookie);
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(1);
    expect(sender.sent[1]!.body).toContain(`${tracking} is in progress.`);
  });

  it('holds a whole conversation in Spanish when the first text is Spanish', async () => {
    const from = '+13125550777';
    const first = await text(app, 'Hay un bache enorme en la calle', {}, from);
    expect(first).toMatch(/^¿Cuál es\? 1 .+\. Responda 1, 2 o 3\.$/);
    // the choices are the services' Spanish names
    expect(first).not.toContain('Pothole in Street Complaint');
    const choice = /(\d) Queja por bache en la calle/.exec(first!)![1]!;
    expect(await text(app, 'siete', {}, from)).toMatch(/^Responda con un número del 1 al 3/);
    expect(await text(app, choice, {}, from)).toMatch(
      /^Queja por bache en la calle\. ¿Dónde está\?/,
    );
    // the service's questions and their choices come in Spanish too
    expect(await text(app, 'Leland & Damen', {}, from)).toMatch(
      /^Entendido: W LELAND AVE & N DAMEN AVE\. ¿En qué parte de la calle está el bache\? 1 Carril de circulación, 2 .+ Responda 1/,
    );
    expect(await text(app, '1', {}, from)).toMatch(/^Gracias\. /);
    const done = await text(app, '1', {}, from);
    const tracking = /Su solicitud es (SR\d{2}-\d+)\./.exec(done!)?.[1];
    expect(tracking, done!).toBeDefined();
    expect(done).toContain(`envíe ${tracking} para ver su estado`);
    expect(await text(app, `ESTADO ${tracking}`, {}, from)).toMatch(
      new RegExp(`^${tracking}: recibida\\.`),
    );
    expect(await text(app, 'AYUDA', {}, from)).toMatch(/^Stoop 311 por texto/);
    expect(await text(app, 'ALTO', {}, from)).toMatch(/^No recibirá más mensajes/);
    expect(await text(app, 'hola', {}, from)).toBeNull();
    expect(await text(app, 'ALTA', {}, from)).toMatch(/^Recibirá mensajes de Stoop 311 otra vez/);

    // the updates come back in the conversation's language
    const [agency] = (await app.dataSource.query(
      `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
      [POTHOLE],
    )) as { code: string }[];
    const staff = await app.user('STAFF', agency!.code);
    const found = await app.gql(`query($t: String) { serviceRequest(trackingNumber: $t) { id } }`, {
      t: tracking,
    });
    await app.gql(
      STATUS,
      { input: { id: found.data!.serviceRequest.id, detailedStatus: 'SCHEDULED' } },
      staff.cookie,
    );
    const [queued] = (await app.dataSource.query(
      `SELECT body FROM sms_outbox WHERE phone = $1 AND delivered_at IS NULL`,
      [from],
    )) as { body: string }[];
    expect(queued!.body).toBe(
      `Stoop 311: ${tracking} está programada. Responda ALTO para no recibir más.`,
    );
    await app.dataSource.query(`DELETE FROM sms_outbox WHERE phone = $1`, [from]);
  });

  it('answers HELP and asks again for an unknown problem', async () => {
    expect(await text(app, 'help', {}, '+13125550777')).toMatch(/^Stoop 311 by text/);
    expect(await text(app, 'xyzzy plugh', {}, '+13125550777')).toMatch(/did not recognise/);
  });

  it('refuses a place outside the city and a bare street', async () => {
    const from = '+13125550555';
    expect(await text(app, 'rodent baiting', {}, from)).toMatch(
      /^Rodent Baiting\/Rat Complaint\. Where/,
    );
    expect(await text(app, 'West Lexington', {}, from)).toMatch(/long street/);
    // a point the geocoder knows but outside every ward: a stand-in address placed in Evanston
    await app.dataSource.query(
      `UPDATE service_requests SET address = '9999 N TESTING AVE',
              location = ST_SetSRID(ST_MakePoint(-87.6877, 42.0451), 4326)
        WHERE id = (SELECT id FROM service_requests WHERE address LIKE '%ZEMKE%' LIMIT 1)`,
    );
    expect(await text(app, '9999 N Testing Ave', {}, from)).toMatch(/outside the city/);
  });
});

describe('SMS webhook signature', () => {
  it('refuses an unsigned or wrongly signed webhook when the provider key is set', async () => {
    const door = express();
    door.use('/sms', createSmsRouter({ sms: app.services.sms, logger, signatureKey: 'tok3n' }));
    const server = door.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/inbound`;
    const form = { From: '+13125550888', Body: 'HELP' };
    const post = (signature?: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(signature ? { 'x-twilio-signature': signature } : {}),
        },
        body: new URLSearchParams(form).toString(),
      });
    try {
      expect((await post()).status).toBe(403);
      expect((await post(webhookSignature('wrong', url, form))).status).toBe(403);
      const ok = await post(webhookSignature('tok3n', url, form));
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('Stoop 311 by text');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
