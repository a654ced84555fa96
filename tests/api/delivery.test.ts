/**
 * Outbound delivery: texts through an HTTP SMS provider in the common REST shape (a local stand-in
 * that fails twice, then accepts: delivered exactly once), and e-mail over SMTP to a local SMTP
 * server with the right content and a working one-click unsubscribe link.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpEmailAdapter } from '../../api/src/channels/email/smtp-email.adapter.js';
import { HttpSmsSender } from '../../api/src/channels/sms/http-sms.sender.js';
import { SmsNotificationAdapter } from '../../api/src/channels/sms/sms-notification.adapter.js';
import { startTestApp } from './harness.js';
import { startSmtp, type LocalSmtp } from './smtp.js';
import type { TestApp } from './harness.js';

let app: TestApp;
let requestId: string;
let trackingNumber: string;

beforeAll(async () => {
  app = await startTestApp();
  [{ id: requestId, tracking_number: trackingNumber }] = (await app.dataSource.query(
    `SELECT id, tracking_number FROM service_requests ORDER BY tracking_number LIMIT 1`,
  )) as { id: string; tracking_number: string }[] as [{ id: string; tracking_number: string }];
});
afterAll(() => app.close());

describe('HTTP SMS provider', () => {
  let server: Server;
  let url: string;
  const calls: { auth?: string; form: Record<string, string>; status: number }[] = [];

  beforeAll(async () => {
    const stub = express();
    stub.post(
      '/2010-04-01/Accounts/AC1/Messages.json',
      express.urlencoded({ extended: false }),
      (req, res) => {
        const status = calls.length < 2 ? 503 : 201;
        calls.push({ auth: req.headers.authorization, form: { ...req.body }, status });
        res.status(status).json(status === 201 ? { sid: 'SM1' } : { message: 'try later' });
      },
    );
    server = stub.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01/Accounts/AC1/Messages.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a text exactly once after two failures, with back-off between attempts', async () => {
    const phone = '+13125550444';
    await app.dataSource.query(
      `INSERT INTO sms_subscriptions (request_id, phone) VALUES ($1, $2)`,
      [requestId, phone],
    );
    const queued = await app.dataSource.transaction(async (m) => {
      const [request] = (await m.query(
        `SELECT id, tracking_number AS "trackingNumber", service_definition_id AS "serviceDefinitionId",
                expected_at AS "expectedAt" FROM service_requests WHERE id = $1`,
        [requestId],
      )) as [{ id: string; trackingNumber: string; serviceDefinitionId: string; expectedAt: Date }];
      return app.services.reporterUpdates.requestChanged(m, request, {
        status: 'IN_PROGRESS',
        note: null,
      });
    });
    expect(queued).toBe(1);
    const sender = new HttpSmsSender({
      url,
      from: '+13125550000',
      user: 'AC1',
      password: 'secret',
    });
    const due = () =>
      app.dataSource.query(`UPDATE sms_outbox SET next_attempt_at = now() WHERE phone = $1`, [
        phone,
      ]);

    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(0);
    const [afterFirst] = (await app.dataSource.query(
      `SELECT attempts, last_error, next_attempt_at > now() + interval '50 seconds' AS backed_off
         FROM sms_outbox WHERE phone = $1`,
      [phone],
    )) as { attempts: number; last_error: string; backed_off: boolean }[];
    expect(afterFirst).toMatchObject({ attempts: 1, backed_off: true });
    expect(afterFirst!.last_error).toMatch(/503/);
    // not due yet: nothing is sent
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(0);
    expect(calls).toHaveLength(1);

    await due();
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(0);
    await due();
    // two workers at once: SKIP LOCKED lets only one of them take the row
    const results = await Promise.all([
      app.services.smsDelivery.deliverDue(sender),
      app.services.smsDelivery.deliverDue(sender),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    await due();
    expect(await app.services.smsDelivery.deliverDue(sender)).toBe(0);

    expect(calls.map((c) => c.status)).toEqual([503, 503, 201]);
    expect(calls[2]).toMatchObject({
      auth: `Basic ${Buffer.from('AC1:secret').toString('base64')}`,
      form: {
        To: phone,
        From: '+13125550000',
        Body: `Stoop 311: ${trackingNumber} is in progress. Reply STOP to opt out.`,
      },
    });
    const [row] = (await app.dataSource.query(
      `SELECT attempts, delivered_at IS NOT NULL AS delivered FROM sms_outbox WHERE phone = $1`,
      [phone],
    )) as { attempts: number; delivered: boolean }[];
    expect(row).toEqual({ attempts: 2, delivered: true });
  });
});

describe('SMTP e-mail', () => {
  let smtp: LocalSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('sends a notification by e-mail with an unsubscribe link that turns e-mail off', async () => {
    const person = await app.user('RESIDENT');
    await app.dataSource.query(`UPDATE users SET notification_preferences = $2 WHERE id = $1`, [
      person.id,
      JSON.stringify({ disabledKinds: [], channels: ['EMAIL'] }),
    ]);
    await app.dataSource.transaction((m) =>
      app.services.notifications.notify(m, [
        {
          userId: person.id,
          kind: 'STATUS_CHANGED',
          targetType: 'REQUEST',
          targetId: requestId,
          title: { en: `${trackingNumber} is in progress`, es: `${trackingNumber} está en curso` },
          body: 'Crew on the way',
        },
      ]),
    );
    const adapter = new SmtpEmailAdapter({
      url: smtp.url,
      from: 'Stoop 311 <no-reply@stoop.test>',
      publicUrl: app.url,
    });
    expect(await app.services.notifications.deliverDue({ EMAIL: adapter })).toBe(1);
    expect(await app.services.notifications.deliverDue({ EMAIL: adapter })).toBe(0);
    adapter.close();

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual([person.email]);
    // headers unfolded; the body decoded from quoted-printable
    const split = smtp.mails[0]!.raw.indexOf('\r\n\r\n');
    const headers = smtp.mails[0]!.raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const body = smtp.mails[0]!.raw.slice(split)
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const raw = headers + body;
    expect(raw).toMatch(new RegExp(`^Subject: ${trackingNumber} is in progress\\r?$`, 'm'));
    expect(raw).toMatch(/^From: Stoop 311 <no-reply@stoop\.test>\r?$/m);
    expect(raw).toContain('Crew on the way');
    const link = /Stop these e-mails: (\S+)/.exec(raw)![1]!;
    expect(
      link.startsWith(`${app.url}/notifications/unsubscribe?u=${person.id}&c=EMAIL&sig=`),
    ).toBe(true);
    expect(headers).toContain(`List-Unsubscribe: <${link}>`);

    const forged = await fetch(link.replace(/sig=[^&]+/, 'sig=forged'));
    expect(forged.status).toBe(400);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    const [prefs] = (await app.dataSource.query(
      `SELECT notification_preferences AS p FROM users WHERE id = $1`,
      [person.id],
    )) as { p: { channels: string[] } }[];
    expect(prefs!.p.channels).toEqual([]);
  });
});

describe('SMS channel of notifications (accounts)', () => {
  it('texts the phone on the account, and nothing once that number texted STOP', async () => {
    const person = await app.user('RESIDENT');
    await app.dataSource.query(
      `UPDATE users SET phone = '(312) 555-0333', notification_preferences = $2 WHERE id = $1`,
      [person.id, JSON.stringify({ disabledKinds: [], channels: ['SMS'] })],
    );
    const sent: { to: string; body: string }[] = [];
    const adapter = new SmsNotificationAdapter({
      send: (to, body) => {
        sent.push({ to, body });
        return Promise.resolve();
      },
    });
    const notify = (title: string) =>
      app.dataSource.transaction((m) =>
        app.services.notifications.notify(m, [
          {
            userId: person.id,
            kind: 'STATUS_CHANGED',
            targetType: 'REQUEST',
            targetId: requestId,
            title: { en: title, es: title },
          },
        ]),
      );
    await notify(`${trackingNumber} is scheduled`);
    expect(await app.services.notifications.deliverDue({ SMS: adapter })).toBe(1);
    expect(sent).toEqual([
      {
        to: '+13125550333',
        body: `Stoop 311: ${trackingNumber} is scheduled Reply STOP to opt out.`,
      },
    ]);
    await app.dataSource.query(`INSERT INTO sms_opt_outs (phone) VALUES ('+13125550333')`);
    await notify(`${trackingNumber} is completed`);
    await app.services.notifications.deliverDue({ SMS: adapter });
    expect(sent).toHaveLength(1);
  });
});
