/**
 * Updates for reporters without an account: a web reporter asks for e-mails and texts at the
 * contact they give; the confirmation, every public change and a merge reach them in their
 * language (internal notes never do); e-mails go out exactly once, through SMTP with a one-click
 * unsubscribe that ends that request's e-mails; STOP holds for texts; a missing address is a field
 * error that writes nothing; and the addresses are never readable anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpEmailAdapter } from '../../api/src/channels/email/smtp-email.adapter.js';
import type {
  EmailSender,
  OutgoingEmail,
} from '../../api/src/modules/reporter-updates/reporter-updates.service.js';
import { startTestApp } from './harness.js';
import { startSmtp } from './smtp.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];
const SUBMIT = `mutation($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } }
}`;
const STATUS = `mutation($input: UpdateServiceRequestStatusInput!) {
  updateServiceRequestStatus(input: $input) { serviceRequest { detailedStatus } }
}`;
const MARK = `mutation($input: MarkDuplicateInput!) {
  markDuplicate(input: $input) { duplicate { detailedStatus } }
}`;

let app: TestApp;
let staff: { cookie: string };
/** Each test's addresses are its own (the database is shared by the run). */
let n = 0;
const used = { emails: [] as string[], phones: [] as string[] };
function address(): string {
  const email = `reporter-${Date.now()}-${++n}@example.test`;
  used.emails.push(email);
  return email;
}
function phone(): string {
  const to = `+1773${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  used.phones.push(to);
  return to;
}

/** Makes only this address's e-mails due (other tests' rows wait a day). */
async function onlyDue(email: string): Promise<void> {
  await app.dataSource.query(
    `UPDATE email_outbox SET next_attempt_at = CASE WHEN email = $1 THEN now() ELSE now() + interval '1 day' END
      WHERE delivered_at IS NULL`,
    [email],
  );
}

/** Records what an e-mail sender was given; fails the first `failures` sends. */
class RecordingSender implements EmailSender {
  sent: OutgoingEmail[] = [];
  constructor(private failures = 0) {}
  send(email: OutgoingEmail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('421 try later'));
    }
    this.sent.push(email);
    return Promise.resolve();
  }
}

async function submit(contact: Record<string, unknown>, dLat = 0) {
  return app.gql<{
    submitServiceRequest: { serviceRequest: { id: string; trackingNumber: string } };
  }>(SUBMIT, {
    input: {
      serviceCode: POTHOLE,
      location: { latitude: 41.9668 + dLat, longitude: -87.6786 },
      attributes: ANSWERS,
      description: 'Deep pothole by the bus stop',
      contact,
    },
  });
}

async function created(contact: Record<string, unknown>, dLat = 0) {
  const r = await submit(contact, dLat);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.submitServiceRequest.serviceRequest;
}

async function queuedEmails(email: string) {
  return (await app.dataSource.query(
    `SELECT subject, body, unsubscribe_url AS "unsubscribeUrl", delivered_at IS NOT NULL AS delivered
       FROM email_outbox WHERE email = $1 ORDER BY id`,
    [email],
  )) as { subject: string; body: string; unsubscribeUrl: string; delivered: boolean }[];
}

async function queuedTexts(to: string) {
  const rows = (await app.dataSource.query(
    `SELECT body FROM sms_outbox WHERE phone = $1 ORDER BY id`,
    [to],
  )) as { body: string }[];
  return rows.map((r) => r.body);
}

async function uuidOf(trackingNumber: string): Promise<string> {
  const [{ id }] = (await app.dataSource.query(
    `SELECT id FROM service_requests WHERE tracking_number = $1`,
    [trackingNumber],
  )) as [{ id: string }];
  return id;
}

async function setStatus(id: string, input: Record<string, unknown>) {
  const r = await app.gql(STATUS, { input: { id, ...input } }, staff.cookie);
  expect(r.errors).toBeUndefined();
}

beforeAll(async () => {
  app = await startTestApp({ publicUrl: 'https://311.example.test' });
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staff = await app.user('STAFF', code);
});
afterAll(async () => {
  // the outboxes are shared by the run: leave no texts or e-mails for other files' workers
  await app.dataSource.query(`DELETE FROM email_outbox WHERE email = ANY($1)`, [used.emails]);
  await app.dataSource.query(`DELETE FROM sms_outbox WHERE phone = ANY($1)`, [used.phones]);
  await app.close();
});

describe('a web reporter without an account', () => {
  it('gets the confirmation and each public change by e-mail and text, in Spanish, never an internal note', async () => {
    const email = address();
    const to = phone();
    const r = await created({ email, phone: to, updatesBy: ['EMAIL', 'SMS'], language: 'es' });

    const [confirmation] = await queuedEmails(email);
    expect(confirmation!.subject).toBe(`Recibimos su reporte ${r.trackingNumber}`);
    expect(confirmation!.body).toContain('Gracias por reportar: Queja por bache en la calle');
    expect(confirmation!.body).toContain(`https://311.example.test/requests/${r.trackingNumber}`);
    expect(confirmation!.unsubscribeUrl).toMatch(
      /^https:\/\/311\.example\.test\/updates\/unsubscribe\?token=[A-Za-z0-9_-]{43}$/,
    );
    expect(confirmation!.body).toContain(confirmation!.unsubscribeUrl);
    expect(await queuedTexts(to)).toEqual([
      `Stoop 311: recibimos su reporte ${r.trackingNumber} (Queja por bache en la calle). Le avisaremos por texto cuando cambie; envíe ${r.trackingNumber} para ver su estado. Responda ALTO para no recibir más.`,
    ]);

    await setStatus(r.id, {
      detailedStatus: 'ACKNOWLEDGED',
      note: 'Internal: check the gas main first',
      noteVisibility: 'INTERNAL',
    });
    await setStatus(r.id, {
      detailedStatus: 'IN_PROGRESS',
      note: 'Crew on the way',
      noteVisibility: 'PUBLIC',
    });
    const emails = await queuedEmails(email);
    expect(emails.map((e) => e.subject)).toEqual([
      `Recibimos su reporte ${r.trackingNumber}`,
      `${r.trackingNumber}: confirmada`,
      `${r.trackingNumber}: en curso`,
    ]);
    expect(emails[2]!.body).toContain(
      `Su reporte ${r.trackingNumber} (Queja por bache en la calle) está ahora: en curso.`,
    );
    expect(emails[2]!.body).toContain('Crew on the way');
    const texts = await queuedTexts(to);
    expect(texts.slice(1)).toEqual([
      `Stoop 311: ${r.trackingNumber} está confirmada. Responda ALTO para no recibir más.`,
      `Stoop 311: ${r.trackingNumber} está en curso. Crew on the way Responda ALTO para no recibir más.`,
    ]);
    const everything = JSON.stringify([emails, texts]);
    expect(everything).not.toContain('gas main');
  });

  it('hears in English by default, only on the channels asked for', async () => {
    const email = address();
    const to = phone();
    const r = await created({ email, phone: to, updatesBy: ['EMAIL'] });
    await setStatus(r.id, { detailedStatus: 'COMPLETED' });
    expect((await queuedEmails(email)).map((e) => e.subject)).toEqual([
      `We received your report ${r.trackingNumber}`,
      `${r.trackingNumber} is completed`,
    ]);
    expect(await queuedTexts(to)).toEqual([]);
  });

  it('is told nothing without asking: a contact alone subscribes no one', async () => {
    const email = address();
    const r = await created({ email, name: 'Quiet Resident' });
    await setStatus(r.id, { detailedStatus: 'ACKNOWLEDGED' });
    expect(await queuedEmails(email)).toEqual([]);
  });

  it('names the missing address by its field and writes nothing', async () => {
    const [{ count: before }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM service_requests`,
    )) as [{ count: number }];
    const noEmail = await submit({ phone: phone(), updatesBy: ['EMAIL'] });
    expect(noEmail.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.contact.email', message: 'is needed for updates by e-mail' }],
    });
    const noPhone = await submit({ email: address(), updatesBy: ['SMS'], language: 'fr' });
    expect(noPhone.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.contact.phone', message: 'is needed for updates by text' },
        { field: 'input.contact.language', message: 'must be en or es' },
      ],
    });
    const [{ count: after }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM service_requests`,
    )) as [{ count: number }];
    expect(after).toBe(before);
  });

  it('gets no text at a number that texted STOP', async () => {
    const to = phone();
    await app.dataSource.query(
      `INSERT INTO sms_opt_outs (phone) VALUES ($1) ON CONFLICT DO NOTHING`,
      [to],
    );
    const r = await created({ phone: to, updatesBy: ['SMS'] });
    await setStatus(r.id, { detailedStatus: 'ACKNOWLEDGED' });
    expect(await queuedTexts(to)).toEqual([]);
  });

  it('follows the original when the request is merged as a duplicate', async () => {
    const email = address();
    const to = phone();
    const original = await created({});
    const dup = await created({ email, phone: to, updatesBy: ['EMAIL', 'SMS'] }, 0.0002);
    const marked = await app.gql(
      MARK,
      { input: { id: dup.id, duplicateOfId: original.id } },
      staff.cookie,
    );
    expect(marked.errors).toBeUndefined();
    await setStatus(original.id, { detailedStatus: 'COMPLETED', note: 'Patched today' });
    const emails = await queuedEmails(email);
    expect(emails.map((e) => e.subject)).toEqual([
      `We received your report ${dup.trackingNumber}`,
      `${dup.trackingNumber} was merged into ${original.trackingNumber}`,
      `${original.trackingNumber} is completed`,
    ]);
    // the unsubscribe link of the first e-mail still names the (moved) subscription
    expect(new Set(emails.map((e) => e.unsubscribeUrl)).size).toBe(1);
    expect((await queuedTexts(to)).slice(1)).toEqual([
      `Stoop 311: ${dup.trackingNumber} was merged into ${original.trackingNumber}, the same problem. You will get its updates. Reply STOP to opt out.`,
      `Stoop 311: ${original.trackingNumber} is completed. Patched today Reply STOP to opt out.`,
    ]);
  });
});

describe('e-mail delivery and unsubscribing', () => {
  it('delivers each e-mail exactly once, after failures, with back-off', async () => {
    const email = address();
    await created({ email, updatesBy: ['EMAIL'] });
    const sender = new RecordingSender(2);
    await onlyDue(email);
    expect(await app.services.reporterUpdates.deliverDue(sender)).toBe(0);
    const [{ attempts, backed_off }] = (await app.dataSource.query(
      `SELECT attempts, next_attempt_at > now() + interval '20 seconds' AS backed_off
         FROM email_outbox WHERE email = $1`,
      [email],
    )) as [{ attempts: number; backed_off: boolean }];
    expect(attempts).toBe(1);
    expect(backed_off).toBe(true);
    // not due yet: nothing goes
    expect(await app.services.reporterUpdates.deliverDue(sender)).toBe(0);
    const delivered: number[] = [];
    for (let i = 0; i < 3; i++) {
      await onlyDue(email);
      delivered.push(await app.services.reporterUpdates.deliverDue(sender));
    }
    expect(delivered).toEqual([0, 1, 0]);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.to).toBe(email);
    expect(sender.sent[0]!.subject).toMatch(/^We received your report SR\d{2}-\d{8}$/);
    expect((await queuedEmails(email))[0]!.delivered).toBe(true);
  });

  it('sends through SMTP with List-Unsubscribe; the link ends that request’s e-mails, once', async () => {
    const smtp = await startSmtp();
    const { mails } = smtp;
    const adapter = new SmtpEmailAdapter({
      url: smtp.url,
      from: 'Stoop 311 <no-reply@stoop.test>',
      publicUrl: app.url,
    });
    try {
      const email = address();
      const other = address();
      const r = await created({ email, updatesBy: ['EMAIL'] });
      await onlyDue(email);
      expect(await app.services.reporterUpdates.deliverDue(adapter)).toBe(1);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([email]);
      const raw = mails[0]!.raw.replace(/\r\n[ \t]+/g, ' ');
      expect(raw).toMatch(
        new RegExp(`^Subject: We received your report ${r.trackingNumber}\\r?$`, 'm'),
      );
      const { unsubscribeUrl } = (await queuedEmails(email))[0]!;
      expect(raw).toContain(`List-Unsubscribe: <${unsubscribeUrl}>`);
      expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

      // the link names the site's public origin; the same path here
      const link = `${app.url}${new URL(unsubscribeUrl).pathname}${new URL(unsubscribeUrl).search}`;
      expect((await fetch(link.replace(/token=.*/, 'token=not-a-real-token-0000000'))).status).toBe(
        400,
      );
      const res = await fetch(link, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('You are unsubscribed');
      expect((await fetch(link)).status).toBe(400);

      // another address on the same request still hears; the unsubscribed one does not
      await app.dataSource.query(
        `INSERT INTO email_subscriptions (request_id, email, token) VALUES ($1, $2, $3)`,
        [await uuidOf(r.trackingNumber), other, `token-${other.replace(/\W/g, '')}`],
      );
      await setStatus(r.id, { detailedStatus: 'ACKNOWLEDGED' });
      expect((await queuedEmails(email)).map((e) => e.subject)).toEqual([
        `We received your report ${r.trackingNumber}`,
      ]);
      expect((await queuedEmails(other)).map((e) => e.subject)).toEqual([
        `${r.trackingNumber} is acknowledged`,
      ]);
    } finally {
      adapter.close();
      await smtp.close();
    }
  });
});

describe('privacy', () => {
  it('never shows the addresses: not to the public, not in Open311, not in exports', async () => {
    const email = address();
    const to = phone();
    const r = await created({ email, phone: to, updatesBy: ['EMAIL', 'SMS'] });
    const pub = await app.gql(
      `query($tn: String) { serviceRequest(trackingNumber: $tn) { trackingNumber contact { email phone } timeline { text } } }`,
      { tn: r.trackingNumber },
    );
    expect(pub.data!.serviceRequest.trackingNumber).toBe(r.trackingNumber);
    expect(pub.data!.serviceRequest.contact).toBeNull();
    const open311 = await (
      await fetch(`${app.url}/open311/v2/requests/${r.trackingNumber}.json?extensions=true`)
    ).text();
    const csv = await (
      await fetch(`${app.url}/export/requests.csv?service_code=${POTHOLE}`)
    ).text();
    for (const text of [JSON.stringify(pub), open311, csv]) {
      expect(text).not.toContain(email);
      expect(text).not.toContain(to.slice(2));
    }
    expect(open311).toContain(r.trackingNumber);
  });
});
