/**
 * The staff console, moderation queue and admin pages in a browser: staff filter the queue (the
 * rows are the API's), change a status with an internal note residents never read, change two
 * selected rows at once, close a duplicate found by the nearby search, enter a caller's report,
 * and hear of new requests live; a moderator hides a flagged comment; an admin creates an API key
 * (shown once) and revokes it; a resident is told the console is not for them. axe-core on each
 * page, screenshots of each.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };
const DAY = 86_400_000;

let app: TestApp;
let browser: Browser;
let staff: { id: string; cookie: string };
let resident: string;
const tag = randomUUID().slice(0, 6);
const AGENCY = `E2E-${tag}`;
const SERVICE = `e2e-pot-${tag}`;
let agencyId: string;
/** Fixture requests by name: global id and tracking number. */
const req: Record<string, { id: string; tn: string }> = {};

/** expect.poll with time for a busy machine (the default is one second). */
function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000 });
}

async function gql(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const res = await app.gql(query, variables, cookie);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as Record<string, any>;
}

async function submit(
  name: string,
  ageDays: number,
  location = LINCOLN_SQUARE,
  cookie = resident,
): Promise<void> {
  const data = await gql(
    `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } } }`,
    {
      input: {
        serviceCode: SERVICE,
        location,
        description: `Pothole ${name} on Leland`,
        attributes: [{ code: 'depth', value: 'deep' }],
        contact: { name: `Reporter ${name}`, phone: '+13125550123' },
      },
    },
    cookie,
  );
  const sr = data.submitServiceRequest.serviceRequest as { id: string; trackingNumber: string };
  const uuid = Buffer.from(sr.id, 'base64url').toString().split(':')[1];
  await app.dataSource.query(
    `UPDATE service_requests SET requested_at = $2, updated_at = $2 WHERE id = $1`,
    [uuid, new Date(Date.now() - ageDays * DAY - 60_000)],
  );
  req[name] = { id: sr.id, tn: sr.trackingNumber };
}

async function staffPage(
  cookie = staff.cookie,
  path = '/staff',
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await newContext(browser, app.url, { cookie });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(path);
  return { page, context, errors };
}

/** Tracking numbers of the queue table's rows, in order. */
async function rowNumbers(page: Page): Promise<string[]> {
  return page.locator('[data-testid="queue-row"] a.tn').allTextContents();
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const [agency] = (await app.dataSource.query(
    `INSERT INTO agencies (code, name) VALUES ($1, 'Street Repairs (test)') RETURNING id`,
    [AGENCY],
  )) as [{ id: string }];
  agencyId = agency.id;
  const admin = await app.user('ADMIN');
  await gql(
    `mutation($input: UpsertServiceInput!) { upsertService(input: $input) { created } }`,
    {
      input: {
        code: SERVICE,
        name: `Street hole ${tag}`,
        group: 'Streets',
        agencyId,
        slaDays: 7,
        attributes: [
          {
            code: 'depth',
            datatype: 'SINGLEVALUELIST',
            required: true,
            description: 'How deep is it?',
            values: [
              { key: 'shallow', name: 'Shallow' },
              { key: 'deep', name: 'Deeper than a hand' },
            ],
          },
        ],
      },
    },
    admin.cookie,
  );
  staff = await app.user('STAFF', AGENCY);
  await app.dataSource.query(`UPDATE users SET display_name = 'Dana Crew' WHERE id = $1`, [
    staff.id,
  ]);
  resident = (await app.user('RESIDENT')).cookie;
  await submit('old', 12); // overdue by 5 days
  await submit('mid', 9); // overdue by 2 days
  await submit('new', 1);
  await submit('original', 3, { latitude: 41.96689, longitude: -87.67849 });
  await submit('copy', 0, { latitude: 41.96685, longitude: -87.67852 });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('who may open the console', () => {
  it('tells a resident the console is not for them, and a visitor to sign in', async () => {
    const { page, context, errors } = await staffPage(resident);
    await eventually(() => page.getByTestId('staff-forbidden').textContent()).toContain(
      'cannot open the staff console',
    );
    expect(await page.locator('[data-testid="queue-row"]').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Staff console');
    await context.close();
    const visitor = await newContext(browser, app.url);
    const anon = await visitor.newPage();
    await anon.goto('/staff');
    await anon.getByTestId('staff-signin').waitFor();
    expect(await anon.getByRole('link', { name: 'Sign in' }).last().getAttribute('href')).toBe(
      '/signin?next=/staff',
    );
    await visitor.close();
    expect(errors).toEqual([]);
  });
});

describe('the staff queue', () => {
  it('filters as the API does, with the SLA said in words', async () => {
    const { page, context, errors } = await staffPage();
    await page.getByText('Queue of Street Repairs (test)').waitFor();
    await eventually(() => rowNumbers(page)).toEqual([
      req.old!.tn,
      req.mid!.tn,
      req.original!.tn,
      req.new!.tn,
      req.copy!.tn,
    ]);
    // overdue only, by the filter form
    await page.getByLabel('Service level target').selectOption('yes');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(() => rowNumbers(page)).toEqual([req.old!.tn, req.mid!.tn]);
    const api = await gql(
      `{ staffQueue(filter: { overdue: true }) { edges { node { trackingNumber } } } }`,
      {},
      staff.cookie,
    );
    expect(await rowNumbers(page)).toEqual(
      api.staffQueue.edges.map((e: { node: { trackingNumber: string } }) => e.node.trackingNumber),
    );
    const sla = await page.getByTestId('sla').allTextContents();
    expect(sla.map((s) => s.replace('⚠', '').trim())).toEqual([
      'Overdue by 5 days',
      'Overdue by 2 days',
    ]);
    expect(await page.getByTestId('queue-summary').textContent()).toContain('2 overdue');
    // sort newest first from the column header
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: /Requested/ }).click();
    await eventually(() => rowNumbers(page)).toEqual([
      req.copy!.tn,
      req.new!.tn,
      req.original!.tn,
      req.mid!.tn,
      req.old!.tn,
    ]);
    expect(
      await page.getByRole('columnheader', { name: /Requested/ }).getAttribute('aria-sort'),
    ).toBe('descending');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes a status with an internal note that residents never read', async () => {
    const { page, context, errors } = await staffPage();
    await page.getByRole('button', { name: `Open ${req.mid!.tn}` }).click();
    const panel = page.getByRole('complementary', { name: new RegExp(req.mid!.tn) });
    await panel.getByTestId('contact').waitFor();
    expect(await panel.getByTestId('contact').textContent()).toContain('Reporter mid');
    await panel.getByLabel('Status', { exact: true }).selectOption('IN_PROGRESS');
    await panel.getByLabel(/^Note/).fill('Gate code 4411 for the crew');
    await panel.getByLabel('Internal note (staff only)').check();
    await panel.getByLabel(/^Expected by/).fill('2030-06-14');
    await panel.getByRole('button', { name: 'Save the change' }).click();
    await panel.getByText('Gate code 4411 for the crew').waitFor();
    expect(
      await panel.locator('li.internal').filter({ hasText: 'Gate code 4411' }).textContent(),
    ).toContain('Internal');
    await eventually(() => page.getByTestId('announcer').textContent()).toContain(
      'Saved: the request is In progress.',
    );
    await checkA11y(page, '/staff with the side panel open');
    await page.evaluate(() => {
      document.getElementById('request-panel')?.scrollTo(0, 0);
      document.getElementById('queue-heading')?.scrollIntoView();
    });
    await screenshots(page, 'staff');

    const READ = `query($id: ID!) { serviceRequest(id: $id) { detailedStatus expectedAt timeline { text } } }`;
    const asResident = await gql(READ, { id: req.mid!.id }, resident);
    expect(asResident.serviceRequest.detailedStatus).toBe('IN_PROGRESS');
    expect(asResident.serviceRequest.expectedAt.slice(0, 10)).toBe('2030-06-14');
    expect(JSON.stringify(asResident)).not.toContain('4411');
    const anonymous = await gql(READ, { id: req.mid!.id });
    expect(JSON.stringify(anonymous)).not.toContain('4411');
    expect(JSON.stringify(await gql(READ, { id: req.mid!.id }, staff.cookie))).toContain('4411');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the status of two selected rows at once', async () => {
    const { page, context, errors } = await staffPage();
    await page.getByLabel(`Select ${req.old!.tn}`).check();
    await page.getByLabel(`Select ${req.new!.tn}`).check();
    await page.getByRole('heading', { name: '2 requests selected' }).waitFor();
    await page.getByLabel('New status for the selected requests').selectOption('ACKNOWLEDGED');
    await page.getByRole('button', { name: 'Change status' }).click();
    await eventually(() => page.getByTestId('announcer').textContent()).toContain(
      '2 requests are now Acknowledged.',
    );
    for (const name of ['old', 'new']) {
      const data = await gql(
        `query($id: ID!) { serviceRequest(id: $id) { detailedStatus } }`,
        { id: req[name]!.id },
        resident,
      );
      expect(data.serviceRequest.detailedStatus).toBe('ACKNOWLEDGED');
    }
    const row = page.locator('[data-testid="queue-row"]', { hasText: req.old!.tn });
    await eventually(() => row.textContent()).toContain('Acknowledged');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('closes a duplicate found by the nearby search; its page points at the original', async () => {
    const { page, context, errors } = await staffPage();
    await page.getByRole('button', { name: `Open ${req.copy!.tn}` }).click();
    const panel = page.getByRole('complementary', { name: new RegExp(req.copy!.tn) });
    await panel.getByRole('button', { name: 'Find nearby requests' }).click();
    const candidates = panel.getByRole('group', { name: 'Which request is the original?' });
    await candidates.waitFor();
    await candidates.getByRole('radio', { name: new RegExp(req.original!.tn) }).check();
    await panel.getByRole('button', { name: 'Mark as duplicate of the chosen request' }).click();
    await panel
      .locator('p.notice', { hasText: 'Closed as a duplicate of' })
      .getByRole('link', { name: req.original!.tn })
      .waitFor();
    const data = await gql(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) { detailedStatus duplicateOf { trackingNumber } } }`,
      { tn: req.copy!.tn },
    );
    expect(data.serviceRequest).toEqual({
      detailedStatus: 'DUPLICATE',
      duplicateOf: { trackingNumber: req.original!.tn },
    });
    const visitor = await newContext(browser, app.url);
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/requests/${req.copy!.tn}`);
    const link = publicPage.locator(`a[href="/requests/${req.original!.tn}"]`).first();
    await link.waitFor();
    expect(await link.textContent()).toContain(req.original!.tn);
    await visitor.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('enters a request for a caller with channel PHONE and their contact', async () => {
    const { page, context, errors } = await staffPage();
    await page.getByRole('button', { name: 'Enter a request for a caller' }).click();
    const form = page.locator('#caller-form');
    await form.getByLabel('Service', { exact: true }).selectOption(SERVICE);
    await form.getByLabel(/How deep is it\?/).selectOption('deep');
    await form
      .getByLabel('What the caller says')
      .fill('Caller says the hole swallowed a bike wheel');
    await form.getByLabel('Or only the ward').selectOption({ label: 'Ward 47' });
    await form.getByLabel('Name').fill('Rosa Caller');
    const callerPhone = `773${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await form.getByLabel('Phone').fill(callerPhone);
    // the caller wants texts, in Spanish
    await form.getByRole('checkbox', { name: 'Text the caller when it changes' }).check();
    await form.getByLabel("Language of the caller's updates").selectOption('es');
    await form.getByRole('button', { name: 'Submit for the caller' }).click();
    const done = page.getByTestId('caller-done');
    await done.waitFor();
    const tn = /SR\d{2}-\d{8}/.exec((await done.textContent()) ?? '')?.[0];
    expect(tn).toBeTruthy();
    const data = await gql(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) { channel ward description contact { name phone } attributes { code values } } }`,
      { tn },
      staff.cookie,
    );
    expect(data.serviceRequest).toEqual({
      channel: 'PHONE',
      ward: 47,
      description: 'Caller says the hole swallowed a bike wheel',
      contact: { name: 'Rosa Caller', phone: callerPhone },
      attributes: [{ code: 'depth', values: ['deep'] }],
    });
    const texts = (await app.dataSource.query(`SELECT body FROM sms_outbox WHERE phone = $1`, [
      `+1${callerPhone}`,
    ])) as { body: string }[];
    expect(texts.map((x) => x.body)).toEqual([
      expect.stringMatching(new RegExp(`^Stoop 311: recibimos su reporte ${tn} `)),
    ]);
    await app.dataSource.query(`DELETE FROM sms_outbox WHERE phone = $1`, [`+1${callerPhone}`]);
    // it opens beside the queue
    await page.getByRole('complementary', { name: new RegExp(tn!) }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when new requests arrive, and refreshes on demand', async () => {
    const { page, context, errors } = await staffPage();
    await eventually(() => rowNumbers(page).then((r) => r.length)).toBeGreaterThan(0);
    await page.waitForTimeout(300); // the socket subscribes after the first page shows
    await submit('live', 0);
    await page.getByText('1 new request arrived.').first().waitFor();
    await page.getByRole('button', { name: 'Refresh the queue' }).click();
    await eventually(() => rowNumbers(page)).toContain(req.live!.tn);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('moderation', () => {
  it('lets a moderator hide a flagged comment, showing its text and the reasons', async () => {
    const author = await app.user('RESIDENT');
    const body = `You are all idiots ${tag}`;
    const comment = await gql(
      `mutation($id: ID!, $body: String!) { addComment(input: { targetId: $id, body: $body }) { comment { id } } }`,
      { id: req.original!.id, body },
      author.cookie,
    );
    const commentId = comment.addComment.comment.id as string;
    await gql(
      `mutation($id: ID!) { flagContent(input: { targetId: $id, reason: "Insults the neighbours" }) { hidden } }`,
      { id: commentId },
      resident,
    );
    const moderator = await app.user('MODERATOR');
    const { page, context, errors } = await staffPage(moderator.cookie, '/moderation');
    const item = page.getByTestId('mod-item').filter({ hasText: body });
    await item.waitFor();
    expect(await item.textContent()).toContain('Insults the neighbours');
    expect(await item.textContent()).toContain('Visible now');
    await checkA11y(page, '/moderation');
    await screenshots(page, 'moderation');
    await item.getByRole('button', { name: 'Hide', exact: true }).click();
    await eventually(() => page.getByTestId('announcer').textContent()).toContain('Hidden.');
    await eventually(() => item.count()).toBe(0);
    const uuid = Buffer.from(commentId, 'base64url').toString().split(':')[1];
    const [row] = (await app.dataSource.query(`SELECT hidden_at FROM comments WHERE id = $1`, [
      uuid,
    ])) as [{ hidden_at: Date | null }];
    expect(row.hidden_at).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
    // a resident is turned away
    const other = await staffPage(resident, '/moderation');
    await other.page.getByTestId('mod-forbidden').waitFor();
    await other.context.close();
  });
});

describe('administration', () => {
  it('creates an API key shown once, then revokes it', async () => {
    const admin = await app.user('ADMIN');
    const { page, context, errors } = await staffPage(admin.cookie, '/admin');
    await page.getByRole('heading', { name: 'Services and their questions' }).waitFor();
    await page.locator('[data-testid="service-row"]').first().waitFor();
    await checkA11y(page, '/admin');
    await screenshots(page, 'admin');
    const name = `Block club app ${tag}`;
    await page.getByLabel('Who or what the key is for').fill(name);
    await page.getByRole('button', { name: 'Create a key' }).click();
    const shown = page.getByLabel('The new key');
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^stoop_[\w-]{20,}$/);
    // the key works at the Open311 door… and is never shown again
    await page.reload();
    const row = page.getByTestId('key-row').filter({ hasText: name });
    await row.waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await row.textContent()).toContain(key.slice(0, 10));
    expect(await row.textContent()).toContain('Active');
    await row.getByRole('button', { name: /Revoke/ }).click();
    await eventually(() => row.textContent()).toContain('Revoked');
    const keys = await gql(
      `{ apiKeys(first: 5) { edges { node { name revokedAt } } } }`,
      {},
      admin.cookie,
    );
    const listed = keys.apiKeys.edges.find((e: { node: { name: string } }) => e.node.name === name);
    expect(listed.node.revokedAt).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
    const other = await staffPage(staff.cookie, '/admin');
    await other.page.getByTestId('admin-forbidden').waitFor();
    await other.context.close();
  });
  it('creates a service with a list question, and makes a resident staff of an agency', async () => {
    const admin = await app.user('ADMIN');
    const { page, context, errors } = await staffPage(admin.cookie, '/admin');
    await page.getByRole('button', { name: 'New service' }).click();
    const editor = page.getByRole('form', { name: 'New service' });
    const code = `e2e-tree-${tag}`;
    await editor.getByLabel('Service code').fill(code);
    await editor.getByLabel('Name', { exact: true }).fill('Fallen tree limb');
    await editor.getByLabel('Group', { exact: true }).fill('Trees');
    await editor.getByLabel('Agency').selectOption({ label: `Street Repairs (test) (${AGENCY})` });
    await editor.getByLabel('Target days to close').fill('4');
    await editor.getByRole('button', { name: 'Add a question' }).click();
    await editor.getByLabel('Code', { exact: true }).fill('size');
    await editor.getByLabel('Answer type').selectOption('SINGLEVALUELIST');
    await editor.getByLabel('Question', { exact: true }).fill('How big is the limb?');
    await editor.getByLabel('Required').check();
    // a list question without answers is refused, next to the field
    await editor.getByRole('button', { name: 'Save the service' }).click();
    const values = editor.getByLabel(/^Answers, one per line/);
    await eventually(() => values.getAttribute('aria-invalid')).toBe('true');
    await values.fill('small | Smaller than an arm\nlarge | Blocks the street');
    // the Spanish text beside the English
    await editor.getByLabel('Name in Spanish').fill('Rama de árbol caída');
    await editor.getByLabel('Question in Spanish').fill('¿Qué tan grande es la rama?');
    await editor
      .getByLabel(/^Answers in Spanish/)
      .fill('small | Más pequeña que un brazo\nlarge | Bloquea la calle');
    await editor.getByRole('button', { name: 'Save the service' }).click();
    await eventually(() => page.getByTestId('announcer').textContent()).toContain(
      'Created Fallen tree limb.',
    );
    const created = await gql(
      `query($code: String!) { service(code: $code) { name es: name(language: "es") slaDays agency { code } attributes { code datatype required values { key name } es: description(language: "es") esValues: values(language: "es") { key name } } } }`,
      { code },
    );
    expect(created.service).toEqual({
      name: 'Fallen tree limb',
      es: 'Rama de árbol caída',
      slaDays: 4,
      agency: { code: AGENCY },
      attributes: [
        {
          code: 'size',
          datatype: 'SINGLEVALUELIST',
          required: true,
          values: [
            { key: 'small', name: 'Smaller than an arm' },
            { key: 'large', name: 'Blocks the street' },
          ],
          es: '¿Qué tan grande es la rama?',
          esValues: [
            { key: 'small', name: 'Más pequeña que un brazo' },
            { key: 'large', name: 'Bloquea la calle' },
          ],
        },
      ],
    });

    const person = await app.user('RESIDENT');
    await page.getByLabel('Name or e-mail').fill(person.email);
    await page.getByLabel('Role', { exact: true }).first().selectOption('ALL');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const row = page.getByTestId('account-row').filter({ hasText: person.email });
    await row.getByRole('button', { name: /Change role/ }).click();
    const roleForm = page.getByRole('form', { name: /Change the role of/ });
    await roleForm.getByLabel('Role').selectOption('STAFF');
    await roleForm
      .getByLabel('Agency')
      .selectOption({ label: `Street Repairs (test) (${AGENCY})` });
    await roleForm.getByRole('button', { name: 'Save role' }).click();
    await eventually(() => row.textContent()).toContain('Staff');
    const queue = await gql(`{ staffQueue(first: 1) { agency { code } } }`, {}, person.cookie);
    expect(queue.staffQueue.agency.code).toBe(AGENCY);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages the accounts with "Show more", and a role changed on a later page shows there', async () => {
    const tag = `pager-${randomUUID().slice(0, 8)}`;
    // 57 residents found by one search: a first page of 50, then 7 more
    await app.dataSource.query(
      `INSERT INTO users (email, display_name, password_hash)
       SELECT '${tag}-' || lpad(i::text, 2, '0') || '@example.test', 'Pager ' || i, 'x'
         FROM generate_series(1, 57) AS i`,
    );
    const admin = await app.user('ADMIN');
    const { page, context, errors } = await staffPage(admin.cookie, '/admin');
    await page.getByLabel('Name or e-mail').fill(tag);
    await page.getByLabel('Role', { exact: true }).first().selectOption('ALL');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await eventually(() => page.getByText('57 accounts').count()).toBe(1);
    const rows = page.getByTestId('account-row');
    await eventually(() => rows.count()).toBe(50);
    expect(await page.getByText('50 of 57 shown').count()).toBe(1);
    await page.getByRole('button', { name: 'Show more accounts' }).click();
    await eventually(() => rows.count()).toBe(57);
    expect(await page.getByRole('button', { name: 'Show more accounts' }).count()).toBe(0);
    const emails = (await rows.locator('.email').allInnerTexts()).map((e) => e.trim());
    expect(new Set(emails).size).toBe(57);
    expect(emails.every((e) => e.startsWith(tag))).toBe(true);
    // keyboard users land on the first new row's button
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('tr')?.querySelector('.email')?.textContent?.trim(),
      ),
    ).toBe(emails[50]);
    await checkA11y(page, '/admin accounts, second page');

    const last = rows.filter({ hasText: emails[56]! });
    await last.getByRole('button', { name: /Change role/ }).click();
    const roleForm = page.getByRole('form', { name: /Change the role of/ });
    await roleForm.getByLabel('Role').selectOption('MODERATOR');
    await roleForm.getByRole('button', { name: 'Save role' }).click();
    await eventually(() => last.textContent()).toContain('Moderator');
    const [{ role }] = (await app.dataSource.query(`SELECT role FROM users WHERE email = $1`, [
      emails[56],
    ])) as [{ role: string }];
    expect(role).toBe('MODERATOR');
    expect(errors).toEqual([]);
    await context.close();
  });
});
