/**
 * Accounts in a browser: sign up and sign in with field errors named next to their fields and a
 * return to `?next=`; My Stoop lists my requests and what I follow; a notification arriving live
 * bumps the header badge and the list, and marking it read clears the badge; preferences and the
 * account language are saved; axe-core on /signin, /signup and /me.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];

let app: TestApp;
let browser: Browser;
let staffCookie: string;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const [row] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  staffCookie = (await app.user('STAFF', row.code)).cookie;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The browser's session cookie, to act as the same person through the API. */
async function sessionOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'stoop_session');
  expect(cookie, 'session cookie').toBeTruthy();
  return `stoop_session=${cookie!.value}`;
}

describe('sign up, sign in and My Stoop', () => {
  it('signs up and in with named field errors, lists my requests, and the badge follows notifications live', async () => {
    const email = `ana-${Date.now()}@example.test`;
    const password = 'a long enough secret';
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);

    // sign up, coming from a request page
    const next = '/track';
    await page.goto(`/signup?next=${encodeURIComponent(next)}`);
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    const name = page.getByLabel('Name shown to others');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#signup-displayName-error').innerText()).toContain(
      'Enter a name of 1 to 80 characters.',
    );
    expect(await name.getAttribute('aria-describedby')).toContain('signup-displayName-error');
    expect(await page.locator('#signup-password-error').innerText()).toContain(
      'at least 10 characters',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signup-displayName');
    await checkA11y(page, '/signup with errors');

    // an e-mail already taken is named on the e-mail field (from the API)
    const taken = await app.user('RESIDENT');
    await name.fill('Ana');
    await page.getByLabel('E-mail').fill(taken.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.locator('#signup-email-error').filter({ hasText: 'already exists' }).waitFor();

    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL((url) => url.pathname === next);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My Stoop' }).waitFor();

    // sign out, then sign in again through /signin?next=/me
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await nav.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto('/signin?next=%2Fme');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'E-mail or password is not correct.' })
      .waitFor();
    await checkA11y(page, '/signin');
    await screenshots(page, 'signin');

    // something to find on /me: a report made while signed in (through the API as this person)
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/me');
    const cookie = await sessionOf(context);
    const submitted = await app.gql<{
      submitServiceRequest: { serviceRequest: { id: string; trackingNumber: string } };
    }>(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } } }`,
      {
        input: {
          serviceCode: POTHOLE,
          attributes: ANSWERS,
          description: 'Pothole outside my building',
          location: { latitude: 41.96679, longitude: -87.67859 },
        },
      },
      cookie,
    );
    expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
    const sr = submitted.data!.submitServiceRequest.serviceRequest;
    await page.reload();
    await page.getByRole('heading', { name: 'My Stoop', level: 1 }).waitFor();
    const mine = page.getByTestId('my-requests');
    await mine
      .getByRole('link', { name: `Pothole in Street Complaint · ${sr.trackingNumber}` })
      .waitFor();
    // the reporter follows it
    await page
      .getByTestId('following')
      .getByRole('link', { name: `Pothole in Street Complaint · ${sr.trackingNumber}` })
      .waitFor();
    expect(await page.getByTestId('unread-badge').count()).toBe(0);
    await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 7));

    // staff change the status: the badge and the list update live, without a reload
    const changed = await app.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: IN_PROGRESS }) { serviceRequest { id } } }`,
      { id: sr.id },
      staffCookie,
    );
    expect(changed.errors, JSON.stringify(changed.errors)).toBeUndefined();
    await expect
      .poll(() => page.getByTestId('unread-badge').innerText(), { timeout: 15_000 })
      .toContain('1');
    await expect
      .poll(() => page.getByTestId('notifications').innerText())
      .toContain(sr.trackingNumber);
    expect(await page.getByTestId('unread-count').innerText()).toBe('1 unread');
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(7);
    await expect.poll(() => page.getByTestId('announcer').innerText()).toContain(sr.trackingNumber);
    await checkA11y(page, '/me');
    await screenshots(page, 'me');

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => page.getByTestId('unread-badge').count()).toBe(0);
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('none unread');
    const unread = await app.gql(`{ notifications(first: 1) { unreadCount } }`, {}, cookie);
    expect(unread.data!.notifications.unreadCount).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves notification preferences and the account language', async () => {
    const me = await app.user('RESIDENT');
    const context = await newContext(browser, app.url, { cookie: me.cookie });
    const page = await context.newPage();
    await page.goto('/me');
    const prefs = page.getByTestId('preferences');
    await prefs.getByLabel('New comments on what I follow').uncheck();
    await prefs.getByRole('checkbox', { name: 'E-mail', exact: true }).check();
    await prefs.getByLabel('One message a day at 7:00', { exact: false }).check();
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await prefs.getByText('Preferences saved.').waitFor();
    const saved = await app.gql(
      `{ notificationPreferences { channels disabledKinds digest } }`,
      {},
      me.cookie,
    );
    expect(saved.data!.notificationPreferences).toEqual({
      channels: ['EMAIL'],
      disabledKinds: ['COMMENTED'],
      digest: 'DAILY',
    });
    await page.reload();
    expect(
      await page.getByTestId('preferences').getByLabel('New comments on what I follow').isChecked(),
    ).toBe(false);

    // language saved to the account: the app switches and the next visit keeps it
    await page.getByTestId('profile').getByLabel('Language').selectOption('es');
    await page.getByTestId('profile').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Mi Stoop', level: 1 }).waitFor();
    const viewer = await app.gql(`{ viewer { locale } }`, {}, me.cookie);
    expect(viewer.data!.viewer.locale).toBe('es');
    const fresh = await newContext(browser, app.url, { cookie: me.cookie, locale: 'en-US' });
    const other = await fresh.newPage();
    await other.goto('/me');
    await other.getByRole('heading', { name: 'Mi Stoop', level: 1 }).waitFor();
    await fresh.close();
    await context.close();
  });

  it('asks a signed-out visitor of /me to sign in and come back', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/me');
    const link = page.getByRole('main').getByRole('link', { name: 'Sign in' });
    expect(await link.getAttribute('href')).toBe('/signin?next=%2Fme');
    // ?next never leads off the site
    const someone = await app.user('RESIDENT');
    await page.goto('/signin?next=//evil.example/');
    await page.getByLabel('E-mail').fill(someone.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/me');
    expect(new URL(page.url()).host).toBe(new URL(app.url).host);
    await context.close();
  });
});
