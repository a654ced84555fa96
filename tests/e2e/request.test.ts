/**
 * The request page in a browser: the status changed by staff shows up on an open page without a
 * reload (badge, progress, timeline, live-region announcement) in two contexts at once; co-sign
 * and comment from the page, the comment appearing live elsewhere; endings other than "completed"
 * shown as what they are (closed not fixed, duplicate with a link to the original); the reporter's
 * contact and internal notes only for staff; track by number; axe-core signed out and signed in.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];
const CONTACT = {
  name: 'Ana Private',
  email: 'ana.private@example.test',
  phone: '+1 312 555 0199',
};

let app: TestApp;
let browser: Browser;
let agencyCode: string;
let staffCookie: string;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const [row] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  agencyCode = row.code;
  staffCookie = (await app.user('STAFF', agencyCode)).cookie;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Uploads a small photo as the resident would (POST /media) and returns its id. */
async function uploadPhoto(cookie: string): Promise<string> {
  const jpeg = await sharp({
    create: { width: 640, height: 420, channels: 3, background: '#5a6b7c' },
  })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'pothole.jpg');
  const res = await fetch(`${app.url}/media`, { method: 'POST', body: form, headers: { cookie } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A fresh pothole report by a resident (with a private contact). */
async function report(
  cookie: string,
  description = 'Deep pothole in the curb lane',
  mediaIds: string[] = [],
) {
  const res = await app.gql<{
    submitServiceRequest: { serviceRequest: { id: string; trackingNumber: string } };
  }>(
    `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } } }`,
    {
      input: {
        serviceCode: POTHOLE,
        attributes: ANSWERS,
        description,
        contact: CONTACT,
        mediaIds,
        location: { latitude: 41.96679, longitude: -87.67859 },
      },
    },
    cookie,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.submitServiceRequest.serviceRequest;
}

async function setStatus(
  id: string,
  detailedStatus: string,
  extra: { note?: string; noteVisibility?: string; expectedAt?: string } = {},
) {
  const res = await app.gql(
    `mutation($input: UpdateServiceRequestStatusInput!) { updateServiceRequestStatus(input: $input) { serviceRequest { detailedStatus } } }`,
    { input: { id, detailedStatus, ...extra } },
    staffCookie,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}

async function openRequest(page: Page, trackingNumber: string) {
  await page.goto(`/requests/${trackingNumber}`);
  await page.getByTestId('tracking-number').filter({ hasText: trackingNumber }).waitFor();
  await page.getByTestId('timeline').waitFor();
}

const progressText = (page: Page) =>
  page.getByRole('list', { name: 'Progress of this request' }).innerText();
const currentStep = (page: Page) => page.locator('[aria-current="step"]').innerText();
const announcer = (page: Page) => page.getByTestId('announcer').innerText();

describe('the request page', () => {
  it('shows a staff status change live, without a reload, in two open pages, and announces it', async () => {
    const resident = await app.user('RESIDENT');
    const sr = await report(resident.cookie);

    const mine = await newContext(browser, app.url, { cookie: resident.cookie });
    const residentPage = await mine.newPage();
    const errors = pageErrors(residentPage);
    await openRequest(residentPage, sr.trackingNumber);
    expect(await currentStep(residentPage)).toContain('Submitted');
    expect(await currentStep(residentPage)).toContain('Current step');

    const anon = await newContext(browser, app.url);
    const publicPage = await anon.newPage();
    await openRequest(publicPage, sr.trackingNumber);

    // a marker that a reload would wipe
    for (const p of [residentPage, publicPage]) {
      await p.evaluate(() => ((window as unknown as { __stay: number }).__stay = 42));
    }
    // give both sockets a moment to subscribe
    await residentPage.waitForTimeout(500);

    await setStatus(sr.id, 'IN_PROGRESS', {
      note: 'Crew on the way this afternoon',
      expectedAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });

    for (const p of [residentPage, publicPage]) {
      await expect.poll(() => p.getByTestId('status').innerText()).toContain('In progress');
      await expect.poll(() => currentStep(p)).toContain('In progress');
      await expect
        .poll(() => p.getByTestId('timeline').innerText())
        .toContain('Status changed from Submitted to In progress');
      expect(await p.getByTestId('timeline').innerText()).toContain(
        'Crew on the way this afternoon',
      );
      await expect.poll(() => announcer(p)).toContain('Status changed to In progress');
      await expect.poll(() => p.getByTestId('expected').innerText()).toContain('expects to finish');
      expect(await p.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(42);
    }
    // steps before the current one are marked done in words
    expect(await progressText(residentPage)).toMatch(/Submitted\s+Done/);
    expect(errors).toEqual([]);
    await mine.close();
    await anon.close();
  });

  it('co-signs and comments from the page; the count goes up and the comment shows live elsewhere', async () => {
    const reporter = await app.user('RESIDENT');
    const sr = await report(reporter.cookie);
    const neighbour = await app.user('RESIDENT');

    const watcher = await newContext(browser, app.url, { cookie: reporter.cookie });
    const watching = await watcher.newPage();
    await openRequest(watching, sr.trackingNumber);
    await watching.getByText('No comments yet.').waitFor();

    const ctx = await newContext(browser, app.url, { cookie: neighbour.cookie });
    const page = await ctx.newPage();
    const errors = pageErrors(page);
    await openRequest(page, sr.trackingNumber);
    expect(await page.getByTestId('support-count').innerText()).toBe(
      'No neighbour has co-signed yet.',
    );
    await page.getByRole('button', { name: 'Me too: co-sign' }).click();
    await expect
      .poll(() => page.getByTestId('support-count').innerText())
      .toBe('1 neighbour co-signed');
    await page.getByRole('button', { name: 'Withdraw my co-signature' }).waitFor();
    // co-signing also follows
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();

    await checkA11y(page, 'request page (signed in)');

    // an empty comment names the field
    await page.getByRole('button', { name: 'Post comment' }).click();
    const box = page.getByLabel('Add a comment');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await box.fill('Same here, my tire went flat on it.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect
      .poll(() => page.getByTestId('comments').innerText())
      .toContain('Same here, my tire went flat on it.');
    expect(await page.getByRole('heading', { name: /Comments/ }).innerText()).toContain('1');

    // the reporter's open page gets it live, announced
    await expect
      .poll(() => watching.getByTestId('comments').innerText())
      .toContain('Same here, my tire went flat on it.');
    await expect.poll(() => announcer(watching)).toContain('New comment from Test RESIDENT');
    // and their co-sign count changed live too (the SUPPORTED event)
    await expect
      .poll(() => watching.getByTestId('support-count').innerText())
      .toBe('1 neighbour co-signed');

    // the reporter replies; the neighbour sees the reply live
    await watching.getByRole('button', { name: /^Reply/ }).click();
    await watching.getByLabel('Reply to Test RESIDENT').fill('Thanks, I called it in too.');
    await watching.getByRole('button', { name: 'Post reply' }).click();
    await expect
      .poll(() => page.getByTestId('comments').innerText())
      .toContain('Thanks, I called it in too.');
    await expect.poll(() => announcer(page)).toContain('New reply from');

    // the reporter reports the neighbour's comment to the moderators
    const thread = watching.getByTestId('comments');
    await thread.getByRole('button', { name: 'Report', exact: true }).first().click();
    await thread.getByLabel('What is wrong with it?').fill('Off topic for this request');
    await thread.getByRole('button', { name: 'Report', exact: true }).click();
    await thread.getByText('Thank you. The moderators will look at it.').waitFor();

    // the neighbour edits, then removes their comment
    const mineThread = page.getByTestId('comments');
    await mineThread.getByRole('button', { name: 'Edit' }).click();
    await mineThread.getByLabel('Your comment').fill('Same here, two tires now.');
    await mineThread.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => mineThread.innerText()).toContain('Same here, two tires now.');
    expect(await mineThread.innerText()).toContain('(edited)');
    page.once('dialog', (dialog) => void dialog.accept());
    await mineThread.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => mineThread.innerText()).toContain('Comment removed by its author.');
    expect(await mineThread.innerText()).not.toContain('two tires');
    // the reply stays under it
    expect(await mineThread.innerText()).toContain('Thanks, I called it in too.');
    expect(errors).toEqual([]);
    await watcher.close();
    await ctx.close();
  });

  it('never shows a closed-not-fixed request as completed, and links a duplicate to its original', async () => {
    const resident = await app.user('RESIDENT');
    const sr = await report(resident.cookie);
    await setStatus(sr.id, 'ACKNOWLEDGED');
    await setStatus(sr.id, 'CLOSED_NOT_FIXED', { note: 'Nothing found at this address' });
    const ctx = await newContext(browser, app.url, { cookie: resident.cookie });
    const page = await ctx.newPage();
    await openRequest(page, sr.trackingNumber);
    const progress = await progressText(page);
    expect(progress).toContain('Closed, not fixed');
    expect(progress).not.toContain('Completed');
    expect(await currentStep(page)).toContain('Closed, not fixed');
    expect(await page.getByTestId('ending').innerText()).toContain('without fixing the problem');
    expect(await page.getByTestId('status').innerText()).toContain('Closed, not fixed');
    // the reporter may ask to reopen it
    await page.getByRole('button', { name: 'Ask to reopen' }).click();
    await page.getByLabel('Why should it be reopened?').fill('It is still there, deeper now.');
    await page.getByRole('button', { name: 'Send to the city' }).click();
    await page.getByText('A request to reopen is waiting for the city').waitFor();
    await expect
      .poll(() => page.getByTestId('timeline').innerText())
      .toContain('A resident asked to reopen it');

    // a duplicate points at its original
    const original = await report(resident.cookie, 'The first report');
    const dup = await report(resident.cookie, 'Reported again');
    const merged = await app.gql(
      `mutation($input: MarkDuplicateInput!) { markDuplicate(input: $input) { duplicate { detailedStatus } } }`,
      { input: { id: dup.id, duplicateOfId: original.id } },
      staffCookie,
    );
    expect(merged.errors, JSON.stringify(merged.errors)).toBeUndefined();
    await openRequest(page, dup.trackingNumber);
    expect(await currentStep(page)).toContain('Duplicate');
    expect(await progressText(page)).not.toContain('Completed');
    const link = page.getByRole('link', { name: new RegExp(original.trackingNumber) });
    expect(await link.getAttribute('href')).toBe(`/requests/${original.trackingNumber}`);
    await link.click();
    await page
      .getByTestId('tracking-number')
      .filter({ hasText: original.trackingNumber })
      .waitFor();
    await ctx.close();
  });

  it('keeps the reporter’s contact and internal notes out of a signed-out page; staff see them', async () => {
    const resident = await app.user('RESIDENT');
    const photo = await uploadPhoto(resident.cookie);
    const sr = await report(resident.cookie, 'Deep pothole in the curb lane', [photo]);
    await setStatus(sr.id, 'ACKNOWLEDGED', {
      note: 'Internal: caller is a repeat reporter',
      noteVisibility: 'INTERNAL',
    });

    const anon = await newContext(browser, app.url);
    const page = await anon.newPage();
    const errors = pageErrors(page);
    await openRequest(page, sr.trackingNumber);
    await page.getByText('Deep pothole in the curb lane').waitFor();
    const html = await page.content();
    for (const secret of [CONTACT.name, CONTACT.email, '555', 'repeat reporter']) {
      expect(html).not.toContain(secret);
    }
    expect(await page.getByTestId('contact').count()).toBe(0);
    // signed out: public things, and a sign-in prompt for actions that comes back here
    const prompt = page.getByRole('link', { name: 'Sign in to co-sign, follow or comment.' });
    expect(await prompt.getAttribute('href')).toBe(
      `/signin?next=${encodeURIComponent(`/requests/${sr.trackingNumber}`)}`,
    );
    expect(await page.getByRole('button', { name: 'Me too: co-sign' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ward 47' }).getAttribute('href')).toBe(
      '/areas/wards/47',
    );
    expect(await page.getByRole('link', { name: 'Community area 4' }).getAttribute('href')).toBe(
      '/areas/community-areas/4',
    );
    await page.getByRole('region', { name: /Map of where the problem is/ }).waitFor();
    // the photo: a thumbnail with alt text, linking to the full-size image
    const thumb = page.getByRole('img', { name: /^Photo 1 of 1: Pothole in Street Complaint/ });
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toBe(`/media/${photo}/thumb`);
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /^Photo 1 of 1/ }).getAttribute('href')).toBe(
      `/media/${photo}`,
    );
    expect(await page.title()).toBe(`Pothole in Street Complaint · ${sr.trackingNumber} · Stoop`);
    await checkA11y(page, 'request page (signed out)');
    await screenshots(page, 'request');
    expect(errors).toEqual([]);

    const staff = await newContext(browser, app.url, { cookie: staffCookie });
    const staffPage = await staff.newPage();
    await openRequest(staffPage, sr.trackingNumber);
    const contact = await staffPage.getByTestId('contact').innerText();
    expect(contact).toContain(CONTACT.email);
    expect(contact).toContain('+13125550199');
    const timeline = await staffPage.getByTestId('timeline').innerText();
    expect(timeline).toContain('Internal: caller is a repeat reporter');
    expect(timeline).toContain('Internal note: staff only');
    await anon.close();
    await staff.close();
  });

  it('renames the service when the language is switched, without a reload, and stays live', async () => {
    const resident = await app.user('RESIDENT');
    const sr = await report(resident.cookie);
    const ctx = await newContext(browser, app.url);
    const page = await ctx.newPage();
    const errors = pageErrors(page);
    await openRequest(page, sr.trackingNumber);
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.innerText()).toBe('Pothole in Street Complaint');
    // a marker on the window survives only if the page is not reloaded
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByLabel('Language').selectOption('es');
    await expect.poll(() => heading.innerText()).toBe('Queja por bache en la calle');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // the socket reconnected in Spanish (a moment to resubscribe): a staff change still arrives live
    await page.waitForTimeout(1000);
    await setStatus(sr.id, 'IN_PROGRESS');
    await expect.poll(() => currentStep(page)).toContain('En curso');
    await page.getByLabel('Idioma').selectOption('en');
    await expect.poll(() => heading.innerText()).toBe('Pothole in Street Complaint');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('tracks by number, and says so when a number is unknown', async () => {
    const resident = await app.user('RESIDENT');
    const sr = await report(resident.cookie);
    const ctx = await newContext(browser, app.url);
    const page = await ctx.newPage();
    await page.goto('/track');
    await page.getByLabel('Tracking number').fill('not a number');
    await page.getByRole('button', { name: 'Show the request' }).click();
    expect(await page.getByLabel('Tracking number').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('This does not look like a tracking number').waitFor();
    await checkA11y(page, 'track');
    await page.getByLabel('Tracking number').fill(sr.trackingNumber.toLowerCase());
    await page.getByRole('button', { name: 'Show the request' }).click();
    await page.getByTestId('tracking-number').filter({ hasText: sr.trackingNumber }).waitFor();
    // in Spanish, the steps and the timeline speak Spanish too
    await page.goto(`/requests/${sr.trackingNumber}?lang=es`);
    await page.getByRole('heading', { name: 'Historial' }).waitFor();
    expect(await page.locator('[aria-current="step"]').innerText()).toContain('Paso actual');
    expect(await page.getByTestId('timeline').innerText()).toContain('Reportado');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Queja por bache en la calle',
    );
    await page.getByLabel('Idioma').selectOption('en');
    await page.goto('/requests/SR99-99999999');
    await page.getByRole('heading', { name: 'We could not find request SR99-99999999' }).waitFor();
    await ctx.close();
  });
});
