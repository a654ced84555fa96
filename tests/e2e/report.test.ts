/**
 * Journey 2, report a problem, in a real browser against the built app: the whole flow with a
 * photo by keyboard alone and no map; checks by the field (nothing written); the draft kept across
 * a reload; nearby requests with "me too"; the place by device location, by ward, and by a map pin
 * placed with the mouse or the keyboard alone (pan to the crosshair, then a button); the Spanish
 * interface end to end; and /track. axe-core runs on every step.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Browser, FileChooser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

const POTHOLE = '4fd3b656e750846c53000004';
/** A seeded address the offline geocoder knows exactly. */
const ADDRESS = '1953 W Leland Ave';

let app: TestApp;
let browser: Browser;
let png: Buffer;
let place: { ward: number; latitude: number; longitude: number };

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  png = await sharp({
    create: { width: 80, height: 60, channels: 3, background: { r: 190, g: 70, b: 40 } },
  })
    .png()
    .toBuffer();
  const [row] = (await app.dataSource.query(
    `SELECT ward, ST_Y(location) AS latitude, ST_X(location) AS longitude
       FROM service_requests WHERE address = '1953 W LELAND AVE' LIMIT 1`,
  )) as { ward: number; latitude: number; longitude: number }[];
  place = row!;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function requestCount(): Promise<number> {
  const [{ n }] = (await app.dataSource.query(
    `SELECT count(*)::int AS n FROM service_requests`,
  )) as [{ n: number }];
  return n;
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab until the locator has focus (the keyboard is the only way forward). */
async function tabTo(page: Page, locator: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator.toString()}`);
}

/**
 * Enter on the focused file input opens the file chooser. The listener is in place before the key
 * is pressed; on a loaded machine Chromium has been seen to drop the first chooser (CI, once in
 * many runs), so the key is pressed again, up to three times, while the input still has focus.
 */
async function openChooserByKeyboard(page: Page, input: Locator): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    expect(await isFocused(input)).toBe(true);
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
    await page.keyboard.press('Enter');
    try {
      return await chooser;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** In a radio group reached by Tab: Space picks the focused one, arrows move to the wanted one. */
async function pickRadio(page: Page, wanted: Locator): Promise<void> {
  await page.keyboard.press('Space');
  for (let i = 0; i < 30 && !(await wanted.isChecked()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  expect(await wanted.isChecked()).toBe(true);
}

async function stepHeading(page: Page): Promise<string> {
  return page.locator('#step-heading').innerText();
}

/** An open pothole at the seeded address, reported by someone else. */
async function openPotholeNearby(): Promise<string> {
  const other = await app.user('RESIDENT');
  const r = await app.gql<{
    submitServiceRequest: { serviceRequest: { trackingNumber: string } };
  }>(
    `mutation($input: SubmitServiceRequestInput!) {
      submitServiceRequest(input: $input) { serviceRequest { trackingNumber } } }`,
    {
      input: {
        serviceCode: POTHOLE,
        attributes: [
          { code: 'location_on_street', value: 'traffic_lane' },
          { code: 'depth', value: '2_to_4in' },
        ],
        description: 'Deep hole by the bus stop',
        location: { latitude: place.latitude + 0.0002, longitude: place.longitude },
        address: '1955 W LELAND AVE',
      },
    },
    other.cookie,
  );
  return r.data!.submitServiceRequest.serviceRequest.trackingNumber;
}

describe('/report', { timeout: 120_000 }, () => {
  it('files a pothole with a photo by keyboard alone, without the map', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const before = await requestCount();
    const rosa = `rosa-${randomUUID()}@example.test`;
    await page.goto('/report');
    await page.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
    expect(await page.title()).toBe('What is the problem? · Report a problem · Stoop');

    // Step 1: words, then the service from the radio list.
    const search = page.getByLabel('Describe the problem in a few words');
    await tabTo(page, search);
    await page.keyboard.type('pothole');
    await expect
      .poll(() => page.getByTestId('service-count').innerText())
      .toMatch(/services? match/);
    const pothole = page.getByRole('radio', { name: /Pothole in Street Complaint/ });
    await tabTo(page, page.getByRole('radio').first());
    await pickRadio(page, pothole);
    await expect.poll(() => page.getByTestId('chosen-service').innerText()).toContain('Pothole');
    await checkA11y(page, 'report step 1');
    await screenshots(page, 'report');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');

    // Step 2: the service's own questions, a description, a photo through the file input.
    await expect.poll(() => stepHeading(page)).toContain('Tell us more');
    expect(await isFocused(page.locator('#step-heading'))).toBe(true);
    const curb = page.getByRole('radio', { name: 'Curb lane (next to parked cars)' });
    await tabTo(page, page.locator('input[name="attr-location_on_street"]').first());
    await pickRadio(page, curb);
    await tabTo(page, page.locator('input[name="attr-depth"]').first());
    await pickRadio(page, page.getByRole('radio', { name: 'More than 4 inches' }));
    await tabTo(page, page.getByLabel(/How many potholes/));
    await page.keyboard.type('2');
    await tabTo(page, page.getByLabel(/Describe the problem/));
    await page.keyboard.type('Deep hole in the curb lane, cars swerve around it.');
    const photos = page.getByLabel('Photos (optional)');
    await tabTo(page, photos);
    const chooser = await openChooserByKeyboard(page, photos);
    await chooser.setFiles({ name: 'hole.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('photo-uploaded').waitFor();
    await expect.poll(() => page.getByRole('img', { name: 'Photo 1: hole.png' }).count()).toBe(1);
    await checkA11y(page, 'report step 2');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');

    // Step 3: a typed address, resolved with its ward; no map is ever shown.
    await expect.poll(() => stepHeading(page)).toContain('Where is it?');
    await tabTo(page, page.getByLabel('Address or intersection'));
    await page.keyboard.type(ADDRESS);
    await page.keyboard.press('Enter');
    const resolved = page.getByTestId('resolved-place');
    await expect.poll(() => resolved.innerText()).toContain('1953 W LELAND AVE');
    expect(await resolved.innerText()).toContain(`Ward ${place.ward}`);
    await page.getByRole('heading', { name: 'Already reported nearby?' }).waitFor();
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    await checkA11y(page, 'report step 3');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }), 120);
    await page.keyboard.press('Enter');

    // Step 4: contact (private), a last check, the estimate, send.
    await expect.poll(() => stepHeading(page)).toContain('Contact and a last check');
    await tabTo(page, page.getByLabel(/^Name/));
    await page.keyboard.type('Rosa Resident');
    // no account: updates by e-mail, asked for before the address is typed (a field error)
    const emailMe = page.getByRole('checkbox', { name: 'E-mail me when it changes' });
    await tabTo(page, emailMe);
    await page.keyboard.press('Space');
    expect(await emailMe.isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Send the report' }));
    await page.keyboard.press('Enter');
    const emailError = page.locator('#input-contact-email-error');
    await expect
      .poll(() => emailError.innerText())
      .toContain('Enter the e-mail address for the updates');
    expect(await requestCount()).toBe(before);
    await tabTo(page, page.getByRole('textbox', { name: /^E-mail/ }));
    await page.keyboard.type(rosa);
    const estimate = page.getByTestId('estimate');
    await estimate.getByRole('heading', { name: 'How long it usually takes' }).waitFor();
    const e = await app.gql<{ completionEstimate: any }>(
      `query($at: GeoPointInput!) { completionEstimate(serviceCode: "${POTHOLE}", location: $at) {
        medianDays p90Days sampleSize slaDays } }`,
      { at: { latitude: place.latitude, longitude: place.longitude } },
    );
    const honest = e.data!.completionEstimate;
    await expect
      .poll(() => estimate.innerText())
      .toContain(
        honest.medianDays === null
          ? 'There is not enough history yet'
          : `Based on ${honest.sampleSize} finished requests`,
      );
    if (honest.slaDays) {
      expect(await estimate.innerText()).toContain(
        `The city’s own target is ${honest.slaDays} days`,
      );
    }
    const review = await page.locator('.review').innerText();
    expect(review).toContain('Pothole in Street Complaint');
    expect(review).toContain('More than 4 inches');
    expect(review).toContain('1 photo');
    await checkA11y(page, 'report step 4');
    await tabTo(page, page.getByRole('button', { name: 'Send the report' }));
    await page.keyboard.press('Enter');

    // Confirmation: tracking number, link to follow it.
    const tnText = page.getByTestId('tracking-number');
    await tnText.waitFor();
    const tn = (await tnText.innerText()).trim();
    expect(tn).toMatch(/^SR\d{2}-\d{8}$/);
    expect(
      await page.getByRole('link', { name: `Follow the progress of ${tn}` }).getAttribute('href'),
    ).toBe(`/requests/${tn}`);
    expect(await page.title()).toBe('Your report was sent · Stoop');
    expect(await page.getByTestId('updates-to').innerText()).toBe(
      `Updates will go to ${rosa}. A confirmation is on its way.`,
    );
    const [confirmation] = (await app.dataSource.query(
      `SELECT subject, body FROM email_outbox WHERE email = $1`,
      [rosa],
    )) as { subject: string; body: string }[];
    expect(confirmation!.subject).toBe(`We received your report ${tn}`);
    await app.dataSource.query(`DELETE FROM email_outbox WHERE email = $1`, [rosa]);
    await checkA11y(page, 'report confirmation');
    await screenshots(page, 'report-confirmation');
    expect(await requestCount()).toBe(before + 1);

    // What the API has: the right service, the answers, the photo, the place.
    const r = await app.gql<{ serviceRequest: any }>(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) {
        service { code } description address ward channel
        attributes { code values } media { id width height } } }`,
      { tn },
    );
    const sr = r.data!.serviceRequest;
    expect(sr.service.code).toBe(POTHOLE);
    expect(sr.attributes).toEqual(
      expect.arrayContaining([
        { code: 'location_on_street', values: ['curb_lane'] },
        { code: 'depth', values: ['over_4in'] },
        { code: 'count', values: ['2'] },
      ]),
    );
    expect(sr.media).toHaveLength(1);
    expect(sr.media[0]).toMatchObject({ width: 80, height: 60 });
    expect(sr).toMatchObject({
      description: 'Deep hole in the curb lane, cars swerve around it.',
      address: '1953 W LELAND AVE',
      ward: place.ward,
      channel: 'WEB',
    });
    // The draft is gone: a new visit starts empty.
    await page.goto('/report');
    await page.getByLabel('Describe the problem in a few words').waitFor();
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a missing required answer by its field and writes nothing', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const before = await requestCount();
    await page.goto('/report');
    // Continue without a service.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('error-summary').waitFor();
    expect(await page.getByTestId('error-summary').innerText()).toContain(
      'Choose the service that fits the problem.',
    );
    await page.getByLabel('Describe the problem in a few words').fill('bache');
    await page.getByRole('radio', { name: /Pothole in Street Complaint/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Tell us more');
    // Only one of the two required questions answered.
    await page.getByRole('radio', { name: 'Traffic lane' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const error = page.locator('#attr-depth-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Answer this question.');
    const group = page.getByRole('radiogroup', { name: /How deep is it\?/ });
    expect(await group.getAttribute('aria-invalid')).toBe('true');
    expect(await group.getAttribute('aria-describedby')).toContain('attr-depth-error');
    expect(await page.locator('#attr-location_on_street-error').count()).toBe(0);
    expect(await page.getByTestId('error-summary').innerText()).toContain(
      'How deep is it? — Answer this question.',
    );
    expect(await isFocused(page.getByTestId('error-summary'))).toBe(true);
    await checkA11y(page, 'report step 2 with errors');
    // The summary's link takes focus to the question.
    await page.getByRole('link', { name: /How deep is it\?/ }).click();
    expect(await isFocused(page.locator('#attr-depth'))).toBe(true);
    expect(await stepHeading(page)).toContain('Tell us more');

    // A saved draft that skipped the question cannot be sent either.
    await page.evaluate(() => {
      const draft = JSON.parse(localStorage.getItem('stoop.report.draft')!);
      draft.step = 4;
      draft.answers = { location_on_street: 'traffic_lane' };
      draft.location = {
        latitude: 41.96679,
        longitude: -87.67859,
        ward: 47,
        communityArea: 4,
        label: 'Leland & Damen',
      };
      localStorage.setItem('stoop.report.draft', JSON.stringify(draft));
    });
    await page.reload();
    await expect.poll(() => stepHeading(page)).toContain('Contact and a last check');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Tell us more');
    await page.locator('#attr-depth-error').waitFor();
    expect(await requestCount()).toBe(before);
    await context.close();
  });

  it('keeps a half-filled report, photo included, across a reload', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/report');
    await page.getByLabel('Describe the problem in a few words').fill('rats');
    await page.getByRole('radio', { name: /Rodent Baiting\/Rat Complaint/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Tell us more');
    await page.getByLabel(/Describe the problem/).fill('Rats under the back porch every night');
    await page
      .getByLabel('Photos (optional)')
      .setInputFiles({ name: 'rats.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('photo-uploaded').waitFor();
    const mediaId = await page.evaluate(
      () => JSON.parse(localStorage.getItem('stoop.report.draft')!).photos[0].id as string,
    );
    expect(mediaId).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    expect(await stepHeading(page)).toContain('Tell us more');
    expect(await page.getByLabel(/Describe the problem/).inputValue()).toBe(
      'Rats under the back porch every night',
    );
    expect(await page.getByRole('img', { name: 'Photo 1: rats.png' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Back' }).click();
    expect(
      await page.getByRole('radio', { name: /Rodent Baiting\/Rat Complaint/ }).isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Describe the problem in a few words').inputValue()).toBe('rats');
    // Removing the photo is kept too.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Remove photo 1: rats.png' }).click();
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByRole('img', { name: 'Photo 1: rats.png' }).count()).toBe(0);
    // Starting over empties it.
    await page.getByRole('button', { name: 'Start over with an empty report' }).click();
    await expect.poll(() => stepHeading(page)).toContain('What is the problem?');
    expect(await page.getByLabel('Describe the problem in a few words').inputValue()).toBe('');
    await context.close();
  });

  it('lists an open request nearby, with "me too" for the signed-in and a sign-in link otherwise', async () => {
    const tn = await openPotholeNearby();
    const resident = await app.user('RESIDENT');
    for (const cookie of [undefined, resident.cookie]) {
      const context = await newContext(browser, app.url, { cookie });
      const page = await context.newPage();
      await page.goto('/report');
      await page.getByLabel('Describe the problem in a few words').fill('pothole');
      await page.getByRole('radio', { name: /Pothole in Street Complaint/ }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('radio', { name: 'Traffic lane' }).check();
      await page.getByRole('radio', { name: '2 to 4 inches' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Address or intersection').fill(ADDRESS);
      await page.getByRole('button', { name: 'Find this place' }).click();
      const list = page.getByTestId('nearby-list');
      await expect.poll(() => list.innerText().catch(() => '')).toContain(tn);
      const item = list.locator('li', { hasText: tn });
      expect(await item.innerText()).toContain('Deep hole by the bus stop');
      expect(await item.innerText()).toMatch(/\d+ m away/);
      expect(await item.getByRole('link', { name: 'See this request' }).getAttribute('href')).toBe(
        `/requests/${tn}`,
      );
      if (!cookie) {
        expect(
          await item.getByRole('link', { name: 'Sign in to say “me too”' }).getAttribute('href'),
        ).toBe('/signin?next=/report');
        await checkA11y(page, 'report step 3 with nearby requests');
      } else {
        await item.getByRole('button', { name: 'Me too: same problem' }).click();
        await page.getByText(`Thank you: you co-signed ${tn}`).first().waitFor();
        await expect.poll(() => item.innerText()).toContain('You said “me too”');
        const r = await app.gql<{ serviceRequest: { supportCount: number } }>(
          `query($tn: String!) { serviceRequest(trackingNumber: $tn) { supportCount } }`,
          { tn },
        );
        expect(r.data!.serviceRequest.supportCount).toBe(1);
        // Dropping the draft instead of filing a duplicate.
        const before = await requestCount();
        await page.getByRole('button', { name: 'Discard my report' }).click();
        await page.waitForURL(`**/requests/${tn}`);
        expect(await page.evaluate(() => localStorage.getItem('stoop.report.draft'))).toBeNull();
        expect(await requestCount()).toBe(before);
      }
      await context.close();
    }
  });

  it('takes the place from the device location, or from a ward and a description', async () => {
    const context = await newContext(browser, app.url);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: place.latitude, longitude: place.longitude });
    const page = await context.newPage();
    await page.goto('/report');
    await page.getByLabel('Describe the problem in a few words').fill('graffiti');
    await page.getByRole('radio', { name: /Graffiti Removal Request/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Tell us more');
    // Short lists are radio buttons, long ones (8 surfaces) a select.
    for (const group of await page.locator('fieldset[role="radiogroup"]').all()) {
      await group.getByRole('radio').first().check();
    }
    const selects = await page.locator('#report-form select').all();
    expect(selects.length).toBeGreaterThan(0);
    for (const select of selects) await select.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Where is it?');

    await page.getByRole('radio', { name: 'Use my current location' }).check();
    await page.getByRole('button', { name: 'Use my location' }).click();
    const resolved = page.getByTestId('resolved-place');
    await expect.poll(() => resolved.innerText().catch(() => '')).toContain('Near ');
    expect(await resolved.innerText()).toContain(`Ward ${place.ward}`);
    expect(await page.getByLabel(/Address or landmark/).inputValue()).toMatch(/^\d+ W /);

    await page.getByRole('radio', { name: 'Choose the ward and describe the place' }).check();
    expect(await resolved.count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#ward-error').innerText()).toContain('Choose the ward.');
    expect(await page.locator('#place-note-error').innerText()).toContain('Describe the place');
    await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Ward 25' });
    await expect.poll(() => resolved.innerText().catch(() => '')).toContain('Ward 25');
    await page
      .getByLabel('Describe the place', { exact: true })
      .fill('Viaduct wall on the east side');
    await checkA11y(page, 'report step 3 by ward');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Send the report' }).click();
    const tn = (await page.getByTestId('tracking-number').innerText()).trim();
    const r = await app.gql<{ serviceRequest: { ward: number; address: string } }>(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) { ward address } }`,
      { tn },
    );
    expect(r.data!.serviceRequest).toEqual({ ward: 25, address: 'Viaduct wall on the east side' });
    await context.close();
  });

  it('asks several-answer and date questions, and takes a pin dropped on the map', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/report');
    // A required date and time (Aircraft Noise Complaint: when did it happen?).
    await page.getByLabel('Describe the problem in a few words').fill('airplane noise');
    await page.getByRole('radio', { name: /Aircraft Noise Complaint/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const when = page.locator('#attr-event_time');
    expect(await when.getAttribute('type')).toBe('datetime-local');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#attr-event_time-error').innerText()).toContain(
      'Answer this question.',
    );
    await when.fill('2026-11-20T22:15');
    await page.getByRole('button', { name: 'Back' }).click();

    // A required several-answer list (rats: where were they seen?), as checkboxes.
    await page.getByLabel('Describe the problem in a few words').fill('rats');
    await page.getByRole('radio', { name: /Rodent Baiting\/Rat Complaint/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const seen = page.locator('fieldset#attr-where_seen');
    await seen.waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#attr-where_seen-error').innerText()).toContain(
      'Answer this question.',
    );
    const boxes = seen.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(1);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const keys = await Promise.all([0, 1].map((i) => boxes.nth(i).getAttribute('value')));
    for (const group of await page.locator('fieldset[role="radiogroup"]').all()) {
      await group.getByRole('radio').first().check();
    }
    await page.getByRole('button', { name: 'Continue' }).click();

    // The map is one way among four: a click drops the pin and names the ward.
    await page.getByRole('radio', { name: 'Point to it on a map' }).check();
    const map = page.getByRole('region', { name: 'Map: put the pin where the problem is' });
    await map.waitFor();
    await map.click();
    const resolved = page.getByTestId('resolved-place');
    await expect.poll(() => resolved.innerText().catch(() => '')).toMatch(/Ward \d+/);
    await checkA11y(page, 'report step 3 with the map');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Send the report' }).click();
    const tn = (await page.getByTestId('tracking-number').innerText()).trim();
    const r = await app.gql<{ serviceRequest: { ward: number; attributes: any[] } }>(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) { ward attributes { code values } } }`,
      { tn },
    );
    expect(r.data!.serviceRequest.ward).toBeGreaterThan(0);
    const where = r.data!.serviceRequest.attributes.find((a) => a.code === 'where_seen');
    expect([...where.values].sort()).toEqual([...keys].sort());
    await context.close();
  });

  it('places the pin by keyboard alone: pan to the crosshair, then the button or Enter', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/report');
    // Steps 1 and 2 (done by keyboard in the first test) come from a saved draft.
    await page.evaluate((code) => {
      localStorage.setItem(
        'stoop.report.draft',
        JSON.stringify({
          version: 1,
          key: crypto.randomUUID(),
          step: 3,
          search: 'pothole',
          serviceCode: code,
          serviceName: 'Pothole in Street Complaint',
          answers: { location_on_street: 'traffic_lane', depth: 'under_2in' },
          description: 'Placed by keyboard',
        }),
      );
    }, POTHOLE);
    await page.reload();
    await expect.poll(() => stepHeading(page)).toContain('Where is it?');
    await tabTo(page, page.getByRole('radio').first());
    await pickRadio(page, page.getByRole('radio', { name: 'Point to it on a map' }));

    // The map is a Tab stop, described by how to use it by keyboard; no "needs a pointer" text.
    const map = page.getByRole('region', { name: 'Map: put the pin where the problem is' });
    await map.waitFor();
    const hint = page.locator(`#${await map.getAttribute('aria-describedby')}`);
    expect(await hint.innerText()).toContain(
      'move it with the arrow keys and zoom with plus and minus until the cross in the middle is on the place',
    );
    expect(await page.locator('main').innerText()).not.toContain('needs a pointer');
    // No street tiles in tests: the ward outlines are drawn, and the crosshair marks the centre.
    await expect.poll(() => map.locator('.leaflet-overlay-pane path').count()).toBe(50);
    expect(await page.locator('svg.crosshair[aria-hidden="true"]').count()).toBe(1);
    const view = async () => {
      const [lat, lng] = (await map.getAttribute('data-center'))!.split(',').map(Number);
      return { lat: lat!, lng: lng!, zoom: Number(await map.getAttribute('data-zoom')) };
    };
    /** Presses a key on the map and waits for the view to settle on a new centre or zoom. */
    const press = async (key: string) => {
      const before = await view();
      await page.keyboard.press(key);
      await expect.poll(view).not.toEqual(before);
      return view();
    };
    await tabTo(page, map);
    const start = await view();
    expect(start.zoom).toBe(11);
    expect(start.lat).toBeCloseTo(41.8781, 4);
    expect(start.lng).toBeCloseTo(-87.6298, 4);
    // "+" typed with Shift zooms one step, like "-".
    expect((await press('Shift+Equal')).zoom).toBe(12);
    expect((await press('Shift+Equal')).zoom).toBe(13);
    expect((await press('-')).zoom).toBe(12);
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowUp', 'ArrowUp']) await press(key);
    const centre = await view();
    expect(centre.zoom).toBe(12);
    expect(centre.lng).toBeLessThan(start.lng - 0.03);
    expect(centre.lat).toBeGreaterThan(start.lat + 0.02);
    expect(await isFocused(map)).toBe(true);
    expect(await page.getByTestId('resolved-place').count()).toBe(0);

    // The button beside the map puts the pin at the centre, resolved like a click.
    await tabTo(page, page.getByRole('button', { name: 'Put the pin at the centre of the map' }));
    await page.keyboard.press('Enter');
    const placeAt = async (at: { lat: number; lng: number }) =>
      (
        await app.gql<{ placeAt: { ward: number; nearestAddress: string | null } }>(
          `query($at: GeoPointInput!) { placeAt(location: $at) { ward nearestAddress } }`,
          { at: { latitude: at.lat, longitude: at.lng } },
        )
      ).data!.placeAt;
    /** What the page shows for a point: its nearest address, or the point itself. */
    const labelOf = (at: { lat: number; lng: number }, nearestAddress: string | null) => {
      const n = new Intl.NumberFormat('en-US', { maximumFractionDigits: 5 });
      return nearestAddress
        ? `Near ${nearestAddress}`
        : `The point you chose (${n.format(at.lat)}, ${n.format(at.lng)})`;
    };
    const there = await placeAt(centre);
    expect(there.ward).toBeGreaterThan(0);
    const resolved = page.getByTestId('resolved-place');
    await expect.poll(() => resolved.innerText().catch(() => '')).toContain(`Ward ${there.ward}`);
    expect(await resolved.innerText()).toContain(labelOf(centre, there.nearestAddress));
    await expect
      .poll(() => page.getByTestId('announcer').innerText())
      .toBe(`Pin placed: ${labelOf(centre, there.nearestAddress)}, ward ${there.ward}.`);
    expect(await map.locator('.stoop-pin').count()).toBe(1);
    await checkA11y(page, 'report step 3, pin placed by keyboard');

    // Back on the map, Enter places it again at the new centre.
    await page.keyboard.press('Shift+Tab');
    for (let i = 0; i < 10 && !(await isFocused(map)); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await isFocused(map)).toBe(true);
    await press('ArrowDown');
    const moved = await view();
    expect(moved.lat).toBeLessThan(centre.lat);
    await page.keyboard.press('Enter');
    const near = await placeAt(moved);
    await expect
      .poll(() => page.getByTestId('announcer').innerText())
      .toBe(`Pin placed: ${labelOf(moved, near.nearestAddress)}, ward ${near.ward}.`);
    expect(await resolved.innerText()).toContain(`Ward ${near.ward}`);

    await tabTo(page, page.getByRole('button', { name: 'Continue' }), 120);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Send the report' }));
    await page.keyboard.press('Enter');
    const tn = (await page.getByTestId('tracking-number').innerText()).trim();
    const r = await app.gql<{
      serviceRequest: { ward: number; location: { latitude: number; longitude: number } };
    }>(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) {
        ward location { latitude longitude } } }`,
      { tn },
    );
    const sr = r.data!.serviceRequest;
    expect(sr.ward).toBe(near.ward);
    expect(sr.location.latitude).toBeCloseTo(moved.lat, 6);
    expect(sr.location.longitude).toBeCloseTo(moved.lng, 6);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works end to end in Spanish', async () => {
    const context = await newContext(browser, app.url, { locale: 'en-US' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/report?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Reportar un problema' }).waitFor();
    expect(await page.title()).toBe('¿Cuál es el problema? · Reportar un problema · Stoop');
    const english = [
      'Describe the problem',
      'Continue',
      'Step ',
      'Choose the service',
      'Back',
      'Where is it',
      'Send the report',
      'Your report was sent',
      'services match',
      // the catalogue's own text: the service's questions
      'How deep',
      'Where on the street',
    ];
    const noEnglish = async () => {
      const text = await page.locator('main').innerText();
      for (const phrase of english) expect(text).not.toContain(phrase);
    };
    await page.getByLabel('Describa el problema en pocas palabras').fill('bache');
    await expect.poll(() => page.getByTestId('service-count').innerText()).toMatch(/coinciden?/);
    // The best match for "bache" comes first.
    expect(await page.getByRole('radio').first().getAttribute('value')).toBe(POTHOLE);
    // listed by its Spanish name, with its group in Spanish
    await page.getByRole('radio', { name: /^Queja por bache en la calle/ }).waitFor();
    expect(await page.locator(`#service-${POTHOLE}-group`).innerText()).toBe('Calles y transporte');
    await page.getByRole('radio').first().check();
    await noEnglish();
    await checkA11y(page, 'report step 1 (es)');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Cuéntenos más');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.locator('#attr-depth-error').waitFor();
    expect(await page.locator('#attr-depth-error').innerText()).toContain(
      'Responda esta pregunta.',
    );
    expect(await page.getByTestId('error-summary').innerText()).toContain('Corrija esto primero');
    // the service's questions and answers in Spanish
    await page
      .getByRole('radiogroup', { name: /¿En qué parte de la calle está el bache\?/ })
      .waitFor();
    await page.getByRole('radio', { name: 'Cruce peatonal' }).check();
    await page.getByRole('radio', { name: 'Menos de 2 pulgadas' }).check();
    // answered: the question no longer says to answer it, and the summary is gone
    await expect.poll(() => page.locator('#attr-depth-error').count()).toBe(0);
    expect(await page.getByTestId('error-summary').count()).toBe(0);
    await screenshots(page, 'report-es');
    await page
      .getByLabel('Fotos (opcional)')
      .setInputFiles({ name: 'bache.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('photo-uploaded').waitFor();
    expect(await page.getByTestId('photo-uploaded').innerText()).toContain('Subida');
    await noEnglish();
    await checkA11y(page, 'report step 2 (es)');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await expect.poll(() => stepHeading(page)).toContain('¿Dónde está?');
    await page.getByLabel('Dirección o cruce de calles').fill(ADDRESS);
    await page.getByRole('button', { name: 'Buscar este lugar' }).click();
    await expect
      .poll(() =>
        page
          .getByTestId('resolved-place')
          .innerText()
          .catch(() => ''),
      )
      .toContain(`Distrito ${place.ward}`);
    await page.getByRole('heading', { name: '¿Ya lo reportaron cerca?' }).waitFor();
    await noEnglish();
    await checkA11y(page, 'report step 3 (es)');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Contacto y una última revisión');
    await page.getByLabel(/Correo electrónico/).fill('no-es-un-correo');
    await page.getByRole('button', { name: 'Enviar el reporte' }).click();
    expect(await page.locator('#input-contact-email-error').innerText()).toContain(
      'Escriba un correo como nombre@ejemplo.com.',
    );
    await page.getByLabel(/Correo electrónico/).fill('vecina@example.com');
    await page
      .getByTestId('estimate')
      .getByRole('heading', { name: 'Cuánto suele tardar' })
      .waitFor();
    expect(await page.getByText('Nunca se muestran públicamente', { exact: false }).count()).toBe(
      1,
    );
    await noEnglish();
    await checkA11y(page, 'report step 4 (es)');
    await page.getByRole('button', { name: 'Enviar el reporte' }).click();
    await page.getByRole('heading', { name: /Su reporte fue enviado/ }).waitFor();
    const tn = (await page.getByTestId('tracking-number').innerText()).trim();
    expect(await page.getByText('Su número de seguimiento:').count()).toBe(1);
    expect(await page.getByRole('link', { name: `Seguir el avance de ${tn}` }).count()).toBe(1);
    await noEnglish();
    await checkA11y(page, 'report confirmation (es)');
    const r = await app.gql<{ serviceRequest: any }>(
      `query($tn: String!) { serviceRequest(trackingNumber: $tn) { service { code } media { id } } }`,
      { tn },
    );
    expect(r.data!.serviceRequest.service.code).toBe(POTHOLE);
    expect(r.data!.serviceRequest.media).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a signed-in resident choose whether to follow, and change it on the confirmation', async () => {
    const resident = await app.user('RESIDENT');
    const context = await newContext(browser, app.url, { cookie: resident.cookie });
    const page = await context.newPage();
    await page.goto('/report');
    await page.evaluate((code) => {
      localStorage.setItem(
        'stoop.report.draft',
        JSON.stringify({
          version: 1,
          key: crypto.randomUUID(),
          step: 4,
          serviceCode: code,
          serviceName: 'Pothole in Street Complaint',
          answers: { location_on_street: 'intersection', depth: '2_to_4in' },
          location: {
            latitude: 41.96679,
            longitude: -87.67859,
            ward: 47,
            communityArea: 4,
            label: 'Leland & Damen',
          },
        }),
      );
    }, POTHOLE);
    await page.reload();
    const follow = page.getByRole('checkbox', { name: /Follow this report/ });
    await follow.waitFor();
    expect(await follow.isChecked()).toBe(true);
    expect(await page.locator('main').innerText()).not.toContain('To get updates, sign in');
    await follow.uncheck();
    await page.getByRole('button', { name: 'Send the report' }).click();
    const tn = (await page.getByTestId('tracking-number').innerText()).trim();
    const following = async () =>
      (
        await app.gql<{ serviceRequest: { viewerIsFollowing: boolean } }>(
          `query($tn: String!) { serviceRequest(trackingNumber: $tn) { viewerIsFollowing } }`,
          { tn },
          resident.cookie,
        )
      ).data!.serviceRequest.viewerIsFollowing;
    expect(await following()).toBe(false);
    const button = page.getByRole('button', { name: 'Follow this report' });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await expect.poll(following).toBe(true);
    await expect
      .poll(() => page.getByRole('button', { name: /Following/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await context.close();
  });

  it('sends one request when the same draft is sent twice', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/report');
    const key = randomUUID();
    await page.evaluate(
      ({ key, code }) => {
        localStorage.setItem(
          'stoop.report.draft',
          JSON.stringify({
            version: 1,
            key,
            step: 4,
            search: 'pothole',
            serviceCode: code,
            serviceName: 'Pothole in Street Complaint',
            answers: { location_on_street: 'bike_lane', depth: 'under_2in' },
            description: 'Twice sent',
            location: {
              latitude: 41.96679,
              longitude: -87.67859,
              ward: 47,
              communityArea: 4,
              label: 'Leland & Damen',
            },
          }),
        );
      },
      { key, code: POTHOLE },
    );
    await page.reload();
    const send = page.getByRole('button', { name: 'Send the report' });
    await send.waitFor();
    const before = await requestCount();
    await send.dblclick();
    await page.getByTestId('tracking-number').waitFor();
    // A second tab of the same draft (same key) gets the same request back.
    const again = await app.gql<{
      submitServiceRequest: { created: boolean; serviceRequest: { trackingNumber: string } };
    }>(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) { created serviceRequest { trackingNumber } } }`,
      {
        input: {
          serviceCode: POTHOLE,
          attributes: [
            { code: 'location_on_street', value: 'bike_lane' },
            { code: 'depth', value: 'under_2in' },
          ],
          description: 'Twice sent',
          location: { latitude: 41.96679, longitude: -87.67859 },
          address: 'Leland & Damen',
          idempotencyKey: key,
          channel: 'WEB',
        },
      },
    );
    expect(again.data!.submitServiceRequest.created).toBe(false);
    expect(again.data!.submitServiceRequest.serviceRequest.trackingNumber).toBe(
      (await page.getByTestId('tracking-number').innerText()).trim(),
    );
    expect(await requestCount()).toBe(before + 1);
    await context.close();
  });
});

describe('/track', { timeout: 60_000 }, () => {
  it('goes to the request of a tracking number, and says by the field when there is none', async () => {
    const tn = await openPotholeNearby();
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/track');
    await page.getByRole('heading', { level: 1, name: 'Track a request' }).waitFor();
    expect(await page.title()).toBe('Track a request · Stoop');
    const field = page.getByLabel('Tracking number');

    await field.fill('hello');
    await page.getByRole('button', { name: 'Show the request' }).click();
    const error = page.locator('#tracking-number-error');
    expect(await error.innerText()).toContain('This does not look like a tracking number');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('SR26-99999999');
    await page.getByRole('button', { name: 'Show the request' }).click();
    await expect.poll(() => error.innerText()).toContain('We found no request SR26-99999999');
    expect(await field.getAttribute('aria-describedby')).toContain('tracking-number-error');
    expect(await isFocused(field)).toBe(true);
    await checkA11y(page, 'track with an error');
    await screenshots(page, 'track');

    // Typed loosely (lower case, spaces) it still finds the request.
    await field.fill(` ${tn.toLowerCase().replace('-', ' ')} `);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/requests/${tn}`);
    expect(errors).toEqual([]);

    await page.goto('/track?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Seguir una solicitud' }).waitFor();
    await page.getByLabel('Número de seguimiento').fill('SR26-99999998');
    await page.getByRole('button', { name: 'Ver la solicitud' }).click();
    await expect
      .poll(() => page.locator('#tracking-number-error').innerText())
      .toContain('No encontramos la solicitud SR26-99999998');
    await checkA11y(page, 'track (es)');
    await context.close();
  });
});
