/**
 * Notifications in the reader's language: the list and the live badge in the interface's language
 * (Accept-Language, the socket's `language` parameter), e-mails (to a local SMTP server) and texts in
 * the account's language, Stoop's own sentences translated and what people wrote left as written.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SmtpEmailAdapter } from '../../api/src/channels/email/smtp-email.adapter.js';
import { SmsNotificationAdapter } from '../../api/src/channels/sms/sms-notification.adapter.js';
import { collect, startTestApp } from './harness.js';
import { startSmtp, type LocalSmtp } from './smtp.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const SUBMIT = `mutation($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } }
}`;
const STATUS = `mutation($input: UpdateServiceRequestStatusInput!) {
  updateServiceRequestStatus(input: $input) { serviceRequest { detailedStatus } }
}`;
const FOLLOW = `mutation($id: ID!) { followServiceRequest(input: { id: $id }) { following } }`;
const LIST = `{ notifications(first: 5) { edges { node { kind title body } } } }`;

let app: TestApp;
let staff: { cookie: string };

async function newRequest(): Promise<{ id: string; trackingNumber: string }> {
  const res = await app.gql(SUBMIT, {
    input: {
      serviceCode: POTHOLE,
      location: { latitude: 41.8358, longitude: -87.6252 },
      attributes: [
        { code: 'location_on_street', value: 'curb_lane' },
        { code: 'depth', value: 'over_4in' },
      ],
      description: 'Deep pothole by the bus stop',
    },
  });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.submitServiceRequest.serviceRequest;
}

/** A resident whose account speaks `locale`, following `requestId`, with these channels. */
async function follower(locale: string, requestId: string, channels: string[] = []) {
  const person = await app.user('RESIDENT');
  await app.dataSource.query(
    `UPDATE users SET locale = $2, phone = $3, notification_preferences = $4 WHERE id = $1`,
    [
      person.id,
      locale,
      `+1312555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
      JSON.stringify({ disabledKinds: [], channels }),
    ],
  );
  const res = await app.gql(FOLLOW, { id: requestId }, person.cookie);
  expect(res.errors).toBeUndefined();
  return person;
}

async function listIn(language: string, cookie: string) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language, cookie },
    body: JSON.stringify({ query: LIST }),
  });
  const body = (await res.json()) as { data: { notifications: { edges: { node: any }[] } } };
  return body.data.notifications.edges.map((e) => e.node);
}

/** Subject and text of a raw message: MIME encoded words and quoted-printable decoded as UTF-8. */
function decodeMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const bytes = (s: string) =>
    Buffer.from(
      s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  const words = (s: string) =>
    s.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : bytes(data.replace(/_/g, ' ')),
    );
  const subject = words(/^Subject: (.*)$/m.exec(headers)![1]!.trim());
  const text = bytes(raw.slice(split).replace(/=\r?\n/g, ''));
  return { subject, text };
}

beforeAll(async () => {
  app = await startTestApp();
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staff = await app.user('STAFF', code);
});
afterAll(() => app.close());

describe('notifications in the reader’s language', () => {
  it('lists a status change in the interface’s language; the staff note stays as written', async () => {
    const r = await newRequest();
    const person = await follower('en', r.id);
    const res = await app.gql(
      STATUS,
      {
        input: {
          id: r.id,
          detailedStatus: 'IN_PROGRESS',
          note: 'Crew on the way',
          noteVisibility: 'PUBLIC',
        },
      },
      staff.cookie,
    );
    expect(res.errors).toBeUndefined();
    const [en] = await listIn('en-US', person.cookie);
    const [es] = await listIn('es-MX,es;q=0.9', person.cookie);
    expect(en).toEqual({
      kind: 'STATUS_CHANGED',
      title: `${r.trackingNumber} is in progress`,
      body: 'Crew on the way',
    });
    expect(es).toEqual({
      kind: 'STATUS_CHANGED',
      title: `${r.trackingNumber} está en curso`,
      body: 'Crew on the way',
    });
  });

  it('folds co-signs into one notification whose count reads in Spanish too', async () => {
    const r = await newRequest();
    const person = await follower('es', r.id);
    for (let i = 0; i < 2; i++) {
      const neighbour = await app.user('RESIDENT');
      const res = await app.gql(
        `mutation($input: SupportServiceRequestInput!) { supportServiceRequest(input: $input) { serviceRequest { supportCount } } }`,
        { input: { id: r.id } },
        neighbour.cookie,
      );
      expect(res.errors).toBeUndefined();
    }
    const [es] = await listIn('es', person.cookie);
    const [en] = await listIn('en', person.cookie);
    expect(es.title).toBe(`2 vecinos apoyaron ${r.trackingNumber}`);
    expect(en.title).toBe(`2 neighbours co-signed ${r.trackingNumber}`);
  });

  it('pushes the live notification in the socket’s language', async () => {
    const r = await newRequest();
    const person = await follower('en', r.id);
    const client = createClient({
      url: app.wsUrl,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: person.cookie } });
        }
      },
      connectionParams: { language: 'es' },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      const live = collect(client, `subscription { notificationAdded { title } }`, {}, 1);
      await live.ready;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await app.gql(STATUS, { input: { id: r.id, detailedStatus: 'SCHEDULED' } }, staff.cookie);
      const [first] = await live.results;
      expect(first.notificationAdded.title).toBe(`${r.trackingNumber} está programada`);
    } finally {
      await client.dispose();
    }
  });
});

describe('e-mails and texts in the account’s language', () => {
  let smtp: LocalSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('writes a Spanish account’s e-mail and text in Spanish, an English account’s in English', async () => {
    const r = await newRequest();
    const vecina = await follower('es', r.id, ['EMAIL', 'SMS']);
    const neighbour = await follower('en', r.id, ['EMAIL']);
    const res = await app.gql(
      STATUS,
      {
        input: {
          id: r.id,
          detailedStatus: 'COMPLETED',
          note: 'Patched today',
          noteVisibility: 'PUBLIC',
        },
      },
      staff.cookie,
    );
    expect(res.errors).toBeUndefined();
    const email = new SmtpEmailAdapter({
      url: smtp.url,
      from: 'Stoop 311 <no-reply@stoop.test>',
      publicUrl: app.url,
    });
    const texts: { to: string; body: string }[] = [];
    const sms = new SmsNotificationAdapter({
      send: (to: string, body: string) => {
        texts.push({ to, body });
        return Promise.resolve();
      },
    });
    // other files' rows may be due too: deliver until nothing is left
    while ((await app.services.notifications.deliverDue({ EMAIL: email, SMS: sms })) > 0);
    email.close();

    const toVecina = smtp.mails
      .filter((m) => m.to.includes(vecina.email))
      .map((m) => decodeMail(m.raw));
    expect(toVecina).toHaveLength(1);
    expect(toVecina[0]!.subject).toBe(`${r.trackingNumber} está completada`);
    expect(toVecina[0]!.text).toContain('Hola, Test RESIDENT:');
    expect(toVecina[0]!.text).toContain('Patched today');
    expect(toVecina[0]!.text).toMatch(/Dejar de recibir estos correos: http\S+unsubscribe/);
    expect(toVecina[0]!.text).not.toContain('Stop these e-mails');

    const toNeighbour = smtp.mails
      .filter((m) => m.to.includes(neighbour.email))
      .map((m) => decodeMail(m.raw));
    expect(toNeighbour).toHaveLength(1);
    expect(toNeighbour[0]!.subject).toBe(`${r.trackingNumber} is completed`);
    expect(toNeighbour[0]!.text).toContain('Hello Test RESIDENT,');

    const [phone] = (await app.dataSource.query(`SELECT phone FROM users WHERE id = $1`, [
      vecina.id,
    ])) as [{ phone: string }];
    const mine = texts.filter((t) => t.to === phone.phone);
    expect(mine.map((t) => t.body)).toEqual([
      `Stoop 311: ${r.trackingNumber} está completada Responda ALTO para no recibir más.`,
    ]);
  });
});
