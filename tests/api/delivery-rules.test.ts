/**
 * Delivery rules of the notification outbox: quiet hours hold non-urgent e-mail until they end
 * (status changes go at once), the daily digest gathers non-urgent e-mail into one message at
 * 07:00 Chicago time, the database allows one delivery per notification and channel, and the
 * preferences API validates and keeps these settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpEmailAdapter } from '../../api/src/channels/email/smtp-email.adapter.js';
import {
  chicagoMinutes,
  inQuietHours,
  nextChicagoTime,
} from '../../api/src/modules/notification/notification.service.js';
import type { NotificationKind } from '../../api/src/modules/notification/notification.entity.js';
import { startTestApp } from './harness.js';
import { startSmtp, type LocalSmtp } from './smtp.js';
import type { TestApp } from './harness.js';

let now = new Date();
let app: TestApp;
let requestId: string;
let smtp: LocalSmtp;

beforeAll(async () => {
  app = await startTestApp({ clock: () => now });
  [{ id: requestId }] = (await app.dataSource.query(
    `SELECT id FROM service_requests ORDER BY tracking_number LIMIT 1`,
  )) as [{ id: string }];
  smtp = await startSmtp();
});
afterAll(async () => {
  // leave no due e-mail behind for other files sharing the database
  await app.dataSource.query(`DELETE FROM outbox WHERE delivered_at IS NULL`);
  await smtp.close();
  await app.close();
});

const hhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

async function personWith(prefs: Record<string, unknown>) {
  const person = await app.user('RESIDENT');
  await app.dataSource.query(`UPDATE users SET notification_preferences = $2 WHERE id = $1`, [
    person.id,
    JSON.stringify({ disabledKinds: [], channels: ['EMAIL'], ...prefs }),
  ]);
  return person;
}

function notify(userId: string, kind: NotificationKind, title: string) {
  return app.dataSource.transaction((m) =>
    app.services.notifications.notify(m, [
      {
        userId,
        kind,
        targetType: 'REQUEST',
        targetId: requestId,
        title: { en: title, es: title },
        coalesceKey: null,
      },
    ]),
  );
}

function adapter() {
  return new SmtpEmailAdapter({
    url: smtp.url,
    from: 'Stoop 311 <no-reply@stoop.test>',
    publicUrl: app.url,
  });
}

describe('Chicago wall-clock arithmetic', () => {
  it('finds the next 07:00 in Chicago and tells quiet windows that wrap midnight', () => {
    const noonUtc = new Date('2026-07-01T17:00:00Z'); // 12:00 CDT
    expect(chicagoMinutes(noonUtc)).toBe(12 * 60);
    expect(nextChicagoTime(noonUtc, '07:00').toISOString()).toBe('2026-07-02T12:00:00.000Z');
    expect(nextChicagoTime(noonUtc, '13:30').toISOString()).toBe('2026-07-01T18:30:00.000Z');
    const lateNight = new Date('2026-01-15T05:30:00Z'); // 23:30 CST
    expect(inQuietHours(lateNight, { start: '22:00', end: '07:00' })).toBe(true);
    expect(inQuietHours(noonUtc, { start: '22:00', end: '07:00' })).toBe(false);
    expect(inQuietHours(noonUtc, { start: '09:00', end: '17:00' })).toBe(true);
  });
});

describe('quiet hours', () => {
  it('holds non-urgent e-mail until they end; status changes go at once', async () => {
    now = new Date();
    const current = chicagoMinutes(now);
    const quietHours = { start: hhmm(current - 60), end: hhmm(current + 60) };
    const person = await personWith({ quietHours });
    await notify(person.id, 'COMMENTED', 'New comment on your pothole');
    await notify(person.id, 'STATUS_CHANGED', 'Your pothole is in progress');

    const rows = (await app.dataSource.query(
      `SELECT n.kind, o.next_attempt_at FROM outbox o JOIN notifications n ON n.id = o.notification_id
        WHERE n.user_id = $1 ORDER BY n.kind`,
      [person.id],
    )) as { kind: string; next_attempt_at: Date }[];
    expect(rows.map((r) => r.kind)).toEqual(['COMMENTED', 'STATUS_CHANGED']);
    expect(chicagoMinutes(rows[0]!.next_attempt_at)).toBe((current + 60) % 1440);

    const mail = adapter();
    smtp.mails.length = 0;
    await app.services.notifications.deliverDue({ EMAIL: mail });
    expect(smtp.mails.filter((m) => m.to.includes(person.email)).map((m) => m.raw)).toEqual([
      expect.stringContaining('Your pothole is in progress'),
    ]);

    now = new Date(Date.now() + 61 * 60_000); // quiet hours are over
    await app.services.notifications.deliverDue({ EMAIL: mail });
    const mine = smtp.mails.filter((m) => m.to.includes(person.email));
    expect(mine).toHaveLength(2);
    expect(mine[1]!.raw).toContain('New comment on your pothole');
    mail.close();
    now = new Date();
  });
});

describe('daily digest', () => {
  it('gathers non-urgent e-mail into one message at 07:00 Chicago time', async () => {
    now = new Date();
    const person = await personWith({ digest: 'DAILY' });
    await notify(person.id, 'SUPPORTED', '3 neighbours co-signed SR-A');
    await notify(person.id, 'COMMENTED', 'New comment on SR-B');
    await notify(person.id, 'AREA_REQUEST', 'New request in Lincoln Square');
    await notify(person.id, 'STATUS_CHANGED', 'SR-C is completed');

    const rows = (await app.dataSource.query(
      `SELECT n.kind, o.digest, o.next_attempt_at FROM outbox o
         JOIN notifications n ON n.id = o.notification_id WHERE n.user_id = $1`,
      [person.id],
    )) as { kind: string; digest: boolean; next_attempt_at: Date }[];
    expect(
      rows
        .filter((r) => r.digest)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['AREA_REQUEST', 'COMMENTED', 'SUPPORTED']);
    for (const r of rows.filter((x) => x.digest))
      expect(chicagoMinutes(r.next_attempt_at)).toBe(7 * 60);

    const mail = adapter();
    smtp.mails.length = 0;
    expect(await app.services.notifications.deliverDue({ EMAIL: mail })).toBeGreaterThanOrEqual(1);
    expect(smtp.mails.filter((m) => m.to.includes(person.email))).toHaveLength(1); // the status change

    now = new Date(nextChicagoTime(new Date(), '07:00').getTime() + 60_000);
    await app.services.notifications.deliverDue({ EMAIL: mail });
    const mine = smtp.mails.filter((m) => m.to.includes(person.email));
    expect(mine).toHaveLength(2);
    const digest = mine[1]!.raw.replace(/=\r?\n/g, '');
    expect(digest).toContain('3 updates');
    for (const title of [
      '3 neighbours co-signed SR-A',
      'New comment on SR-B',
      'New request in Lincoln Square',
    ])
      expect(digest).toContain(title);
    expect(digest).toContain('/notifications/unsubscribe?');
    // nothing is sent twice
    await app.services.notifications.deliverDue({ EMAIL: mail });
    expect(smtp.mails.filter((m) => m.to.includes(person.email))).toHaveLength(2);
    mail.close();
    now = new Date();
  });
});

describe('at most once per notification and channel', () => {
  it('is enforced by the database', async () => {
    const person = await personWith({});
    const [n] = await notify(person.id, 'STATUS_CHANGED', 'once');
    await app.dataSource.transaction(async (m) => {
      const repo = (app.services.notifications as unknown as { repository: { enqueue: Function } })
        .repository;
      await repo.enqueue(m, n!.id, 'EMAIL');
      await repo.enqueue(m, n!.id, 'EMAIL');
    });
    const [{ count }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox WHERE notification_id = $1 AND channel = 'EMAIL'`,
      [n!.id],
    )) as [{ count: number }];
    expect(count).toBe(1);
    await expect(
      app.dataSource.query(`INSERT INTO outbox (notification_id, channel) VALUES ($1, 'EMAIL')`, [
        n!.id,
      ]),
    ).rejects.toThrow(/uq_outbox_notification_channel/);
  });
});

describe('preferences API', () => {
  const UPDATE = `mutation($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) { channels disabledKinds digest quietHours { start end } } }`;

  it('saves quiet hours and the digest, keeps them when omitted, and names a bad field', async () => {
    const person = await app.user('RESIDENT');
    const set = await app.gql(
      UPDATE,
      {
        input: {
          channels: ['EMAIL'],
          disabledKinds: [],
          quietHours: { start: '22:00', end: '07:00' },
          digest: 'DAILY',
        },
      },
      person.cookie,
    );
    expect(set.data!.updateNotificationPreferences).toEqual({
      channels: ['EMAIL'],
      disabledKinds: [],
      digest: 'DAILY',
      quietHours: { start: '22:00', end: '07:00' },
    });
    const kept = await app.gql(
      UPDATE,
      { input: { channels: [], disabledKinds: ['SUPPORTED'] } },
      person.cookie,
    );
    expect(kept.data!.updateNotificationPreferences).toMatchObject({
      digest: 'DAILY',
      quietHours: { start: '22:00', end: '07:00' },
    });
    const off = await app.gql(
      UPDATE,
      { input: { channels: [], disabledKinds: [], quietHours: null, digest: 'NONE' } },
      person.cookie,
    );
    expect(off.data!.updateNotificationPreferences).toMatchObject({
      digest: 'NONE',
      quietHours: null,
    });

    const bad = await app.gql(
      UPDATE,
      { input: { channels: [], disabledKinds: [], quietHours: { start: '25:00', end: '07:00' } } },
      person.cookie,
    );
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.fields).toEqual([
      { field: 'input.quietHours.start', message: expect.stringMatching(/HH:MM/) },
    ]);
  });
});
