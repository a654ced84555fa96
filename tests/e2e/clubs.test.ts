/**
 * Block clubs in the browser (journey 6): start a club with the keyboard and no map (a circle
 * around an intersection, the street corners) and by clicking its corners on the map; the club
 * page shows a request submitted inside the boundary without a reload; a neighbour asks to join,
 * the organizer approves from their own open page, the new member posts and the organizer sees it
 * live; RSVP to an action; an organizer edits the club (name, description, join policy, a new area
 * by the keyboard) and others are told only organizers can; find clubs by name and near a point;
 * a club with more requests and members than a page shows them all with "Show more", by the
 * keyboard, with no request twice when one arrives live meanwhile; axe-core on every page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const contexts: BrowserContext[] = [];
/** A word no other club has, so name searches find exactly ours. */
const WORD = `Zq${Date.now().toString(36)}`;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await app?.close();
});

/** A signed-in resident with a display name of our choosing. */
async function resident(name: string) {
  const user = await app.user('RESIDENT');
  await app.dataSource.query(`UPDATE users SET display_name = $1 WHERE id = $2`, [name, user.id]);
  return user;
}

async function open(cookie?: string, options: Parameters<typeof newContext>[2] = {}) {
  const context = await newContext(browser, app.url, { cookie, ...options });
  contexts.push(context);
  const page = await context.newPage();
  return { context, page, errors: pageErrors(page) };
}

async function where(query: string): Promise<{ latitude: number; longitude: number }> {
  const res = await app.gql<{ geocode: { location: { latitude: number; longitude: number } }[] }>(
    `query($q: String!) { geocode(query: $q) { location { latitude longitude } } }`,
    { q: query },
  );
  const hit = res.data?.geocode[0];
  if (!hit) throw new Error(`no geocode for ${query}: ${JSON.stringify(res.errors)}`);
  return hit.location;
}

async function submitPothole(location: { latitude: number; longitude: number }, text: string) {
  const res = await app.gql<any>(
    `mutation($input: SubmitServiceRequestInput!) {
       submitServiceRequest(input: $input) { serviceRequest { id trackingNumber } }
     }`,
    { input: { serviceCode: POTHOLE, attributes: ANSWERS, description: text, location } },
  );
  expect(res.errors).toBeUndefined();
  return res.data.submitServiceRequest.serviceRequest as { id: string; trackingNumber: string };
}

/** Degrees per metre near Chicago. */
const DLAT = 1 / 111_000;
const DLNG = 1 / (111_000 * Math.cos((41.9 * Math.PI) / 180));

/** A club made through the API: a square of `side` metres around a point. */
async function apiClub(
  cookie: string,
  name: string,
  at: { latitude: number; longitude: number },
  joinPolicy: 'OPEN' | 'APPROVAL',
) {
  const h = 150;
  const [w, e, s, n] = [
    at.longitude - h * DLNG,
    at.longitude + h * DLNG,
    at.latitude - h * DLAT,
    at.latitude + h * DLAT,
  ];
  const res = await app.gql<any>(
    `mutation($input: CreateBlockClubInput!) { createBlockClub(input: $input) { blockClub { id slug } } }`,
    {
      input: {
        name,
        joinPolicy,
        description: 'Saturday clean-ups and a walking group.',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          ],
        },
      },
    },
    cookie,
  );
  expect(res.errors).toBeUndefined();
  return res.data.createBlockClub.blockClub as { id: string; slug: string };
}

/** Focuses a control and types into it (keyboard only). */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label, { exact: typeof label === 'string' }).focus();
  await page.keyboard.type(text);
}

/** Focuses a button and presses Enter (keyboard only). */
async function pressButton(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).focus();
  await page.keyboard.press('Enter');
}

async function announced(page: Page, pattern: RegExp) {
  await expect
    .poll(() => page.getByTestId('announcer').textContent(), { timeout: 10_000 })
    .toMatch(pattern);
}

/** Waits until the club page's socket is up (and the subscription has reached the server). */
async function live(page: Page) {
  await page.locator('[data-live="connected"]').waitFor();
  await page.waitForTimeout(500);
}

describe('starting a block club', () => {
  it('with the keyboard only, as a circle around an intersection; a request inside appears live', async () => {
    const organizer = await resident('Rosa Organizer');
    const { page, errors } = await open(organizer.cookie);
    await page.goto('/clubs/new');
    await page.getByRole('heading', { level: 1, name: 'Start a block club' }).waitFor();

    const name = `${WORD} Leland Circle`;
    await typeInto(page, 'Club name', name);
    await page.keyboard.press('Tab'); // the name hint is text; Tab goes to the description
    await page.keyboard.type('Neighbours around Leland and Damen.');
    // Join policy: arrow keys move between the radios.
    await page.getByRole('radio', { name: /Open to all/ }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /Organizers approve/ }).isChecked()).toBe(true);
    // The circle method is the first; type the centre and press Enter to find it.
    expect(await page.getByRole('radio', { name: 'A circle around an address' }).isChecked()).toBe(
      true,
    );
    await typeInto(page, 'Centre: an address or intersection', 'Leland & Damen');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('centre').textContent())
      .toBe('Centre: W LELAND AVE & N DAMEN AVE');
    await page.getByLabel('Distance from the centre').focus();
    await page.keyboard.press('ArrowDown'); // 200 m → 300 m
    await expect
      .poll(() => page.locator('#area-summary').textContent())
      .toMatch(/Area: about 0\.28 km², 32 corners\./);
    await checkA11y(page, 'create a club (circle)');
    await screenshots(page, 'club-create');

    await pressButton(page, 'Start the club');
    await page.waitForURL(/\/clubs\/zq[\w-]+-leland-circle$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await page.getByTestId('membership').textContent()).toBe('Organizer');
    expect(await page.getByTestId('member-count').textContent()).toBe('1 member');
    // The boundary is the 300 m circle the page computed.
    const slug = page.url().split('/').pop()!;
    const club = await app.gql<any>(
      `query($slug: String!) { blockClub(slug: $slug) { id joinPolicy areaSquareMeters boundary { coordinates } } }`,
      { slug },
    );
    expect(club.data.blockClub.joinPolicy).toBe('APPROVAL');
    expect(club.data.blockClub.boundary.coordinates[0]).toHaveLength(33);
    expect(club.data.blockClub.areaSquareMeters).toBeGreaterThan(270_000);
    expect(club.data.blockClub.areaSquareMeters).toBeLessThan(290_000);

    // A pothole reported 60 m from the centre shows up on the open page without a reload.
    await live(page);
    const centre = await where('Leland & Damen');
    const inside = await submitPothole(
      { latitude: centre.latitude + 60 * DLAT, longitude: centre.longitude },
      `${WORD} pothole by the bus stop`,
    );
    const requests = page.getByTestId('club-requests');
    await requests.getByRole('link', { name: new RegExp(inside.trackingNumber) }).waitFor();
    expect(await requests.textContent()).toContain(`${WORD} pothole by the bus stop`);
    await announced(page, /New request inside the club’s area: Pothole in Street/);
    // …and on the map: a marker named by service, status and number, or a numbered group.
    await expect
      .poll(() => page.locator('.leaflet-marker-pane .leaflet-marker-icon').count())
      .toBeGreaterThan(0);

    await checkA11y(page, 'club page');
    await screenshots(page, 'club');
    expect(errors).toEqual([]);
  });

  it('with the keyboard only, by the street corners', async () => {
    const organizer = await resident('Ana Corners');
    const { page, errors } = await open(organizer.cookie);
    await page.goto('/clubs/new');
    await page.getByRole('heading', { level: 1, name: 'Start a block club' }).waitFor();
    const name = `${WORD} Four Corners`;
    await typeInto(page, 'Club name', name);
    await page.getByRole('radio', { name: 'A circle around an address' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(
      await page.getByRole('radio', { name: 'The street corners around it' }).isChecked(),
    ).toBe(true);
    // Typed in no particular order: the page orders them around the area.
    const corners = [
      'Leland & Damen',
      'Lawrence & Hermitage',
      'Leland & Hermitage',
      'Lawrence & Damen',
    ];
    for (const [i, corner] of corners.entries()) {
      await typeInto(page, `Corner ${i + 1}`, corner);
    }
    await pressButton(page, 'Find the corners');
    await announced(page, /All 4 corners found\./);
    expect(await page.getByText('Found: W LAWRENCE AVE & N HERMITAGE AVE').count()).toBe(1);
    await expect.poll(() => page.locator('#area-summary').textContent()).toMatch(/4 corners\./);
    await pressButton(page, 'Start the club');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(errors).toEqual([]);
  });

  it('names the problem when the area is missing or too big, next to the area', async () => {
    const organizer = await resident('Too Big');
    const { page } = await open(organizer.cookie);
    await page.goto('/clubs/new');
    await typeInto(page, 'Club name', `${WORD} Nowhere`);
    await pressButton(page, 'Start the club');
    await page.getByText('Find the centre address or intersection first.').waitFor();
    expect(await page.locator('fieldset.area').getAttribute('aria-describedby')).toContain(
      'input-boundary-error',
    );
  });

  it('by clicking its corners on the map, with Undo and Finish', async () => {
    const organizer = await resident('Dee Drawer');
    const { page, errors } = await open(organizer.cookie);
    await page.goto('/clubs/new');
    await page.getByRole('heading', { level: 1, name: 'Start a block club' }).waitFor();
    const name = `${WORD} Drawn Blocks`;
    await page.getByLabel('Club name').fill(name);
    await page.getByRole('radio', { name: 'Draw it on the map' }).check();
    // Move the map to Lincoln Square first, then click four corners about 200 m apart.
    await page.getByLabel('Move the map to an address or intersection').fill('Leland & Damen');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await announced(page, /Map moved to W LELAND AVE & N DAMEN AVE/);
    const map = page.getByRole('region', { name: /Map of the club’s area/ });
    await map.locator('.leaflet-tile-pane').waitFor({ state: 'attached' });
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const d = 100;
    await page.mouse.click(cx - d, cy - d);
    await page.mouse.click(cx + d, cy - d);
    await page.mouse.click(cx + d + 40, cy + d + 40); // a wrong corner…
    await expect
      .poll(() => page.getByTestId('draw-status').textContent())
      .toBe('3 corners placed.');
    await page.getByRole('button', { name: 'Undo last corner' }).click(); // …undone
    await expect
      .poll(() => page.getByTestId('draw-status').textContent())
      .toBe('2 corners placed.');
    await page.mouse.click(cx + d, cy + d);
    await page.mouse.click(cx - d, cy + d);
    await page.getByRole('button', { name: 'Finish the shape' }).click();
    await expect
      .poll(() => page.getByTestId('draw-status').textContent())
      .toBe('Shape finished with 4 corners.');
    // Clicks after Finish do not add corners.
    await page.mouse.click(cx, cy);
    expect(await page.getByTestId('draw-status').textContent()).toBe(
      'Shape finished with 4 corners.',
    );
    await checkA11y(page, 'create a club (drawing)');
    await page.getByRole('button', { name: 'Start the club' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const slug = page.url().split('/').pop()!;
    const club = await app.gql<any>(
      `query($slug: String!) { blockClub(slug: $slug) { areaSquareMeters boundary { coordinates } } }`,
      { slug },
    );
    // 200 px square at zoom 17 is about 180 m a side.
    expect(club.data.blockClub.boundary.coordinates[0]).toHaveLength(5);
    expect(club.data.blockClub.areaSquareMeters).toBeGreaterThan(20_000);
    expect(club.data.blockClub.areaSquareMeters).toBeLessThan(60_000);
    // The club page draws the boundary.
    await page.locator('.leaflet-overlay-pane path').first().waitFor();
    expect(errors).toEqual([]);
  });
});

describe('a club page with two people', () => {
  it('a neighbour asks to join, the organizer approves live, the member posts live and answers an action', async () => {
    const organizer = await resident('Olga Organizer');
    const neighbour = await resident('Nico Neighbour');
    const at = await where('Lawrence & Damen');
    const club = await apiClub(organizer.cookie, `${WORD} Lawrence Damen`, at, 'APPROVAL');

    const org = await open(organizer.cookie);
    const nb = await open(neighbour.cookie);
    await org.page.goto(`/clubs/${club.slug}`);
    await nb.page.goto(`/clubs/${club.slug}`);
    await org.page.getByRole('heading', { level: 1, name: `${WORD} Lawrence Damen` }).waitFor();
    await live(org.page);
    await live(nb.page);
    expect(await nb.page.getByLabel('Write to the club').count()).toBe(0);

    await nb.page.getByRole('button', { name: 'Ask to join' }).click();
    await nb.page.getByTestId('membership').getByText('Waiting for approval').waitFor();

    // The organizer's open page lists the request without a reload.
    const pending = org.page.getByTestId('pending');
    await pending.getByText('Nico Neighbour').waitFor();
    await announced(org.page, /Nico Neighbour asked to join\./);
    await org.page.getByRole('button', { name: 'Approve Nico Neighbour' }).click();
    await org.page.getByTestId('members').getByText('Nico Neighbour').waitFor();

    // The neighbour's page turns into a member's page live.
    await nb.page.getByTestId('membership').getByText('Member', { exact: true }).waitFor();
    await announced(nb.page, /You are now a member of this club/);
    const box = nb.page.getByLabel('Write to the club');
    await box.waitFor();
    await box.fill('Clean-up this Saturday at 10? Bring gloves.');
    await nb.page.getByRole('button', { name: 'Post', exact: true }).click();
    await nb.page.getByTestId('feed').getByText('Clean-up this Saturday at 10?').waitFor();

    // …and the organizer sees the post arrive.
    await org.page.getByTestId('feed').getByText('Clean-up this Saturday at 10?').waitFor();
    await announced(org.page, /New post from Nico Neighbour\./);
    expect(await org.page.getByTestId('member-count').textContent()).toBe('2 members');

    // Comments on the post: the organizer has them open, the member comments, it arrives live.
    const orgFeed = org.page.getByTestId('feed');
    await orgFeed.getByRole('button', { name: 'Comment', exact: true }).click();
    await orgFeed.getByText('No comments yet.').waitFor();
    const nbFeed = nb.page.getByTestId('feed');
    await nbFeed.getByRole('button', { name: 'Comment', exact: true }).click();
    await nbFeed.getByLabel('Your comment').fill('I will bring bags.');
    await nbFeed.getByRole('button', { name: 'Send comment' }).click();
    await nbFeed.getByText('I will bring bags.').waitFor();
    await orgFeed.getByText('I will bring bags.').waitFor();
    await orgFeed.getByRole('button', { name: '1 comment', exact: true }).waitFor();
    await announced(org.page, /New comment from Nico Neighbour\./);

    // The organizer schedules an action; the member sees it and answers "Going".
    await org.page.getByRole('button', { name: 'Schedule an action' }).click();
    await org.page.getByLabel('What (title)').fill('Spring clean-up');
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', {
      timeZone: 'America/Chicago',
    });
    await org.page.getByLabel('Day').fill(tomorrow);
    await org.page.getByLabel('Starts at').fill('10:00');
    await org.page.getByLabel('Ends at').fill('12:00');
    await org.page.getByLabel('Where (in words)').fill('Corner of Lawrence & Damen');
    await org.page.getByRole('button', { name: 'Schedule it' }).click();
    await org.page.getByRole('heading', { level: 3, name: 'Spring clean-up' }).waitFor();

    await nb.page.getByRole('heading', { level: 3, name: 'Spring clean-up' }).waitFor();
    await announced(nb.page, /New action: Spring clean-up\./);
    await nb.page.getByRole('button', { name: 'Going', exact: true }).click();
    await expect
      .poll(() => nb.page.getByTestId('rsvp-counts').textContent())
      .toMatch(/1 going · 0 maybe · 0 not going/);
    expect(
      await nb.page
        .getByRole('button', { name: 'Going', exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    await nb.page.getByRole('button', { name: 'Maybe', exact: true }).click();
    await expect
      .poll(() => nb.page.getByTestId('rsvp-counts').textContent())
      .toMatch(/0 going · 1 maybe · 0 not going/);

    await checkA11y(org.page, 'club page (organizer)');
    await checkA11y(nb.page, 'club page (member)');
    expect(org.errors).toEqual([]);
    expect(nb.errors).toEqual([]);
  });
});

/** Whether a point lies inside a GeoJSON polygon's outer ring (ray casting; enough for blocks). */
function contains(
  polygon: { coordinates: number[][][] },
  point: { latitude: number; longitude: number },
): boolean {
  const ring = polygon.coordinates[0]!;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (
      yi! > point.latitude !== yj! > point.latitude &&
      point.longitude < ((xj! - xi!) * (point.latitude - yi!)) / (yj! - yi!) + xi!
    ) {
      inside = !inside;
    }
  }
  return inside;
}

async function clubBySlug(slug: string) {
  const res = await app.gql<any>(
    `query($slug: String!) {
       blockClub(slug: $slug) { name description joinPolicy boundary { coordinates } }
     }`,
    { slug },
  );
  expect(res.errors).toBeUndefined();
  return res.data.blockClub as {
    name: string;
    description: string;
    joinPolicy: string;
    boundary: { coordinates: number[][][] };
  };
}

describe('editing a block club', () => {
  it('an organizer renames it, changes who can join and replaces its area by the keyboard; bad values are named next to their field', async () => {
    const organizer = await resident('Edna Editor');
    const neighbour = await resident('Milo Member');
    const at = await where('Lawrence & Damen');
    const oldName = `${WORD} Lawrence Editors`;
    const club = await apiClub(organizer.cookie, oldName, at, 'OPEN');
    const joined = await app.gql<any>(
      `mutation($id: ID!) { joinBlockClub(input: { clubId: $id }) { blockClub { id } } }`,
      { id: club.id },
      neighbour.cookie,
    );
    expect(joined.errors).toBeUndefined();
    const before = await clubBySlug(club.slug);
    // A point the old square holds and the new circle will not, and the other way round.
    const leland = await where('Leland & Damen');
    const oldOnly = { latitude: at.latitude + 140 * DLAT, longitude: at.longitude + 140 * DLNG };
    const newOnly = { latitude: leland.latitude - 250 * DLAT, longitude: leland.longitude };
    expect(contains(before.boundary, oldOnly)).toBe(true);
    expect(contains(before.boundary, newOnly)).toBe(false);

    // From the club page, by the keyboard.
    const { page, errors } = await open(organizer.cookie);
    await page.goto(`/clubs/${club.slug}`);
    await page.getByRole('heading', { level: 1, name: oldName }).waitFor();
    // Leaving while the map still zooms to the boundary throws in Leaflet: let it settle.
    await live(page);
    await page.getByRole('link', { name: 'Edit the club' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/clubs/${club.slug}/edit$`));
    await page.getByRole('heading', { level: 1, name: 'Edit the club' }).waitFor();
    // The form starts from the club as it is.
    const nameBox = page.getByLabel('Club name');
    expect(await nameBox.inputValue()).toBe(oldName);
    expect(await page.getByLabel(/What the club is about/).inputValue()).toBe(
      'Saturday clean-ups and a walking group.',
    );
    expect(await page.getByRole('radio', { name: /Open to all/ }).isChecked()).toBe(true);
    expect(await page.locator('#current-area').textContent()).toMatch(
      /Current area: about [\d,]+ m²\./,
    );
    // The area stays unless the organizer asks to change it.
    expect(await page.getByRole('checkbox', { name: 'Change the club’s area' }).isChecked()).toBe(
      false,
    );
    expect(await page.getByRole('radio', { name: 'A circle around an address' }).count()).toBe(0);

    // An empty name is named next to the field, which gets the focus; nothing is saved.
    await nameBox.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await pressButton(page, 'Save the changes');
    const nameError = page.locator('#input-name-error');
    await expect
      .poll(() => nameError.textContent())
      .toBe('Give the club a name of at least 3 characters.');
    expect(await nameBox.getAttribute('aria-invalid')).toBe('true');
    expect(await nameBox.getAttribute('aria-describedby')).toContain('input-name-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('input-name');
    expect((await clubBySlug(club.slug)).name).toBe(oldName);

    // New name, description and join policy, by the keyboard.
    const newName = `${WORD} Leland Editors`;
    await page.keyboard.type(newName);
    await page.getByLabel(/What the club is about/).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Tree pits, gangway lights and a block party in June.');
    await page.getByRole('radio', { name: /Open to all/ }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /Organizers approve/ }).isChecked()).toBe(true);

    // A new area: a 300 m circle around Leland & Damen, with no map.
    await page.getByRole('checkbox', { name: 'Change the club’s area' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('group', { name: 'The new area' }).waitFor();
    expect(await page.getByRole('radio', { name: 'A circle around an address' }).isChecked()).toBe(
      true,
    );
    expect(await page.locator('#area-summary').textContent()).toMatch(
      /No new area yet: the map outlines the current one\./,
    );
    await typeInto(page, 'Centre: an address or intersection', 'Leland & Damen');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('centre').textContent())
      .toBe('Centre: W LELAND AVE & N DAMEN AVE');
    await page.getByLabel('Distance from the centre').focus();
    await page.keyboard.press('ArrowDown'); // 200 m → 300 m
    await expect
      .poll(() => page.locator('#area-summary').textContent())
      .toMatch(/Area: about 0\.28 km², 32 corners\./);
    await checkA11y(page, 'edit a club');
    await screenshots(page, 'club-edit');

    await pressButton(page, 'Save the changes');
    await page.waitForURL(new RegExp(`/clubs/${club.slug}$`));
    await page.getByRole('heading', { level: 1, name: newName }).waitFor();
    await announced(page, new RegExp(`Changes saved: ${newName} is up to date\\.`));
    await page.getByText('Tree pits, gangway lights and a block party in June.').waitFor();
    await page.getByText('Organizers approve new members', { exact: true }).waitFor();
    await live(page);

    const after = await clubBySlug(club.slug);
    expect(after.name).toBe(newName);
    expect(after.description).toBe('Tree pits, gangway lights and a block party in June.');
    expect(after.joinPolicy).toBe('APPROVAL');
    expect(after.boundary.coordinates[0]).toHaveLength(33);
    expect(contains(after.boundary, newOnly)).toBe(true);
    expect(contains(after.boundary, oldOnly)).toBe(false);

    // The API's own check: a drawn area whose edges cross is named next to the area; nothing changes.
    await page.getByRole('link', { name: 'Edit the club' }).click();
    await page.getByRole('checkbox', { name: 'Change the club’s area' }).check();
    await page.getByRole('radio', { name: 'Draw it on the map' }).check();
    const map = page.getByRole('region', { name: /Map of the club’s area/ });
    await map.locator('.leaflet-tile-pane').waitFor({ state: 'attached' });
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    const box = (await map.boundingBox())!;
    const [cx, cy, d] = [box.x + box.width / 2, box.y + box.height / 2, 80];
    for (const [x, y] of [
      [cx - d, cy - d],
      [cx + d, cy + d],
      [cx + d, cy - d],
      [cx - d, cy + d],
    ] as const) {
      await page.mouse.click(x, y);
    }
    await page.getByRole('button', { name: 'Finish the shape' }).click();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    const areaError = page.locator('#input-boundary-error');
    await expect.poll(() => areaError.textContent()).toMatch(/edges cross/);
    expect(await page.locator('fieldset.area').getAttribute('aria-describedby')).toContain(
      'input-boundary-error',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('boundary-legend');
    expect((await clubBySlug(club.slug)).boundary).toEqual(after.boundary);
    expect(errors).toEqual([]);

    // A member who is not an organizer sees no edit link, and the edit address says why.
    const nb = await open(neighbour.cookie);
    await nb.page.goto(`/clubs/${club.slug}`);
    await nb.page.getByRole('heading', { level: 1, name: newName }).waitFor();
    await nb.page.getByTestId('membership').getByText('Member', { exact: true }).waitFor();
    expect(await nb.page.getByRole('link', { name: 'Edit the club' }).count()).toBe(0);
    await nb.page.goto(`/clubs/${club.slug}/edit`);
    await expect
      .poll(() => nb.page.getByTestId('organizers-only').textContent())
      .toContain(`Only the organizers of ${newName} can edit the club.`);
    expect(await nb.page.getByLabel('Club name').count()).toBe(0);
    expect(await nb.page.getByRole('button', { name: 'Save the changes' }).count()).toBe(0);
    await checkA11y(nb.page, 'edit a club (not an organizer)');
    expect(nb.errors).toEqual([]);
  });

  it('speaks Spanish and reflows at 320 px', async () => {
    const organizer = await resident('Eva Editora');
    const at = await where('Wilson & Hermitage');
    const club = await apiClub(organizer.cookie, `${WORD} Wilson Editoras`, at, 'OPEN');
    const { page, errors } = await open(organizer.cookie, { locale: 'es-MX', width: 320 });
    await page.goto(`/clubs/${club.slug}?lang=es`);
    // straight on, while the club's map may still be setting its view: leaving must not throw
    await page.getByRole('link', { name: 'Editar el club' }).click();
    await page.getByRole('heading', { level: 1, name: 'Editar el club' }).waitFor();
    expect(await page.getByLabel('Nombre del club').inputValue()).toBe(`${WORD} Wilson Editoras`);
    await page.getByRole('checkbox', { name: 'Cambiar la zona del club' }).check();
    await page.getByRole('radio', { name: 'Las esquinas que la rodean' }).check();
    await page.getByRole('textbox', { name: 'Esquina 1' }).waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await checkA11y(page, 'edit a club (Spanish, 320 px)');
    // A problem is named in Spanish.
    await page.getByRole('button', { name: 'Guardar los cambios' }).click();
    await expect
      .poll(() => page.locator('#input-boundary-error').textContent())
      .toBe('Escriba al menos 3 esquinas y pulse «Buscar las esquinas».');
    expect(errors).toEqual([]);
  });
});

describe('finding clubs', () => {
  it('by name and near a point (the device location or a typed intersection)', async () => {
    const organizer = await resident('Finn Finder');
    // Another word: the clubs of the other tests (Lincoln Square) stay out of these lists.
    const word = `${WORD}x`;
    const corner = await where('Wilson & Paulina');
    const near = await apiClub(organizer.cookie, `${word} Wilson Paulina`, corner, 'OPEN');
    const far = await apiClub(
      organizer.cookie,
      `${word} Far North`,
      { latitude: corner.latitude + 0.018, longitude: corner.longitude },
      'OPEN',
    );

    const { context, page, errors } = await open();
    await page.goto('/clubs');
    await page.getByRole('heading', { level: 1, name: 'Block clubs' }).waitFor();
    await page.getByRole('link', { name: 'Start a block club' }).waitFor();

    // By name: every club with our word, by name.
    await page.getByLabel('Club name').fill(`${word} paulina`);
    await page.getByLabel('Club name').press('Enter');
    await page.getByRole('heading', { level: 2, name: `Clubs named “${word} paulina”` }).waitFor();
    await expect.poll(() => page.getByTestId('club-count').textContent()).toBe('1 club found');
    const list = page.locator('.club-list');
    expect(await list.getByRole('link').allTextContents()).toEqual([`${word} Wilson Paulina`]);
    expect(await list.textContent()).toContain('1 member');

    // Near the device: the club around it first ("inside"), the far one 2 km away after it.
    await context.grantPermissions(['geolocation'], { origin: app.url });
    await context.setGeolocation({ latitude: corner.latitude, longitude: corner.longitude });
    await page.getByLabel('Club name').fill(word);
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.getByRole('heading', { level: 2, name: 'Clubs near your location' }).waitFor();
    await expect
      .poll(() => list.getByRole('link').allTextContents())
      .toEqual([`${word} Wilson Paulina`, `${word} Far North`]);
    const items = list.locator('li');
    expect(await items.nth(0).textContent()).toContain('You are inside its area');
    expect(await items.nth(1).textContent()).toMatch(/1\.[0-9] km away/);
    expect(page.url()).toMatch(/lat=41\.9/);
    await announced(page, /2 clubs found/);
    await page.locator('.leaflet-overlay-pane path').nth(1).waitFor();
    await checkA11y(page, 'clubs list');
    await screenshots(page, 'clubs');

    // Near a typed intersection.
    await page.getByLabel('Club name').fill(word);
    await page.getByLabel('Near an address or intersection').fill('Wilson & Paulina');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page
      .getByRole('heading', { level: 2, name: 'Clubs near W WILSON AVE & N PAULINA ST' })
      .waitFor();
    await expect
      .poll(() => list.getByRole('link').first().textContent())
      .toBe(`${word} Wilson Paulina`);

    // A result leads to its page.
    await list.getByRole('link', { name: `${word} Wilson Paulina` }).click();
    await page.getByRole('heading', { level: 1, name: `${word} Wilson Paulina` }).waitFor();
    expect(page.url()).toContain(`/clubs/${near.slug}`);
    expect(far.slug).not.toBe(near.slug);
    expect(errors).toEqual([]);
  });
});

describe('the clubs pages in Spanish and at 320 px', () => {
  it('speak Spanish and reflow without sideways scrolling', async () => {
    const organizer = await resident('Lupe Organizadora');
    const at = await where('Wilson & Hermitage');
    const club = await apiClub(organizer.cookie, `${WORD} Wilson Hermitage`, at, 'OPEN');
    const { page, errors } = await open(organizer.cookie, { locale: 'es-MX', width: 320 });
    await page.goto('/clubs?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Clubes de cuadra' }).waitFor();
    await page.getByRole('link', { name: 'Crear un club de cuadra' }).waitFor();
    const noSideways = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideways()).toBe(true);
    await page.goto('/clubs/new?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Crear un club de cuadra' }).waitFor();
    await page.getByRole('radio', { name: 'Las esquinas que la rodean' }).waitFor();
    expect(await noSideways()).toBe(true);
    await checkA11y(page, 'create a club (Spanish, 320 px)');
    await page.goto(`/clubs/${club.slug}?lang=es`);
    await page.getByRole('heading', { level: 1, name: `${WORD} Wilson Hermitage` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Publicaciones' }).waitFor();
    expect(await page.getByTestId('member-count').textContent()).toBe('1 miembro');
    expect(await noSideways()).toBe(true);
    await checkA11y(page, 'club page (Spanish, 320 px)');
    expect(errors).toEqual([]);
  });
});

/** The items of one list on the club page, by the text of their links. */
async function trackingNumbers(page: Page): Promise<string[]> {
  const links = await page.getByTestId('club-requests').getByRole('link').allTextContents();
  return links.map((text) => text.split(' · ').pop()!.trim());
}

/** How many closed requests the API counts inside a club. */
async function closedInside(slug: string): Promise<number> {
  const res = await app.gql(
    `query($slug: String!) { blockClub(slug: $slug) { requests(filter: { status: CLOSED }) { totalCount } } }`,
    { slug },
  );
  return res.data!.blockClub.requests.totalCount as number;
}

/** The text of the element that has the keyboard focus. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

describe('a club with more than a page of requests and members', () => {
  it('shows every one, a page at a time, by the keyboard; live requests and pending members stay right', async () => {
    const organizer = await resident('Paula Pager');
    const at = await where('Lawrence & Damen');
    // 2 km south of the other tests' clubs: only our requests fall inside
    const centre = { latitude: at.latitude - 0.02, longitude: at.longitude };
    const club = await apiClub(organizer.cookie, `${WORD} Long Lists`, centre, 'APPROVAL');
    const [{ id: clubId }] = (await app.dataSource.query(
      `SELECT id FROM block_clubs WHERE slug = $1`,
      [club.slug],
    )) as [{ id: string }];
    // The seed's requests inside (a few, from 2021) come after ours, which are newer.
    const seeded = await app.gql<any>(
      `query($slug: String!) { blockClub(slug: $slug) { requests(first: 1) { totalCount } } }`,
      { slug: club.slug },
    );
    const base = seeded.data.blockClub.requests.totalCount as number;
    expect(base).toBeLessThan(10);
    const tag = `LL${Date.now().toString(36).slice(-5)}`;
    // real tracking numbers (SR99-…, a year no import uses), so other files that read the first
    // request by number still get one the SMS door knows
    const numberBase = 10_000_000 + Math.floor(Math.random() * 80_000) * 1000;
    const tn = (i: number) => `SR99-${numberBase + i}`;
    // 44 open potholes inside, newest first: tn(1) (a minute ago) … tn(44)
    await app.dataSource.query(
      `INSERT INTO service_requests (tracking_number, service_definition_id, description, location,
              status, detailed_status, agency_id, channel, requested_at, updated_at)
       SELECT 'SR99-' || ($1::int + i), s.id, 'Paged pothole ' || i,
              ST_SetSRID(ST_MakePoint($2::float8 + ((i % 7) - 3) * 20 * $4::float8,
                                      $3::float8 + ((i % 5) - 2) * 20 * $5::float8), 4326),
              'OPEN', 'SUBMITTED', s.agency_id, 'WEB',
              now() - i * interval '1 minute', now() - i * interval '1 minute'
         FROM service_definitions s, generate_series(1, 44) AS i
        WHERE s.code = $6`,
      [numberBase, centre.longitude, centre.latitude, DLNG, DLAT, POTHOLE],
    );
    // 55 members who joined before 3 neighbours asked to join: with the organizer, 59 people
    await app.dataSource.query(
      `INSERT INTO users (email, display_name, password_hash)
       SELECT $1 || '-' || lpad(i::text, 2, '0') || '@example.test',
              CASE WHEN i <= 55 THEN 'Member ' || lpad(i::text, 2, '0')
                   ELSE 'Asker ' || (i - 55) END, 'x'
         FROM generate_series(1, 58) AS i`,
      [tag],
    );
    await app.dataSource.query(
      `INSERT INTO block_club_members (club_id, user_id, role, status, joined_at)
       SELECT $1, u.id, 'MEMBER', CASE WHEN u.display_name LIKE 'Asker%' THEN 'PENDING' ELSE 'ACTIVE' END,
              now() - interval '1 day' + row_number() OVER (ORDER BY u.email) * interval '1 minute'
         FROM users u WHERE u.email LIKE $2 || '-%'`,
      [clubId, tag],
    );

    // 35 posts by the organizer, newest first: post 01 a minute ago … post 35
    await app.dataSource.query(
      `INSERT INTO block_club_posts (club_id, author_id, body, created_at)
       SELECT $1, $2, 'Paged post ' || lpad(i::text, 2, '0'), now() - i * interval '1 minute'
         FROM generate_series(1, 35) AS i`,
      [clubId, organizer.id],
    );

    const { page, errors } = await open(organizer.cookie);
    await page.goto(`/clubs/${club.slug}`);
    await page.getByRole('heading', { level: 1, name: `${WORD} Long Lists` }).waitFor();
    const shownRequests = page.getByTestId('requests-shown');
    const showing = (n: number, total: number) => `Showing ${n} of ${total} requests`;
    await expect.poll(() => shownRequests.textContent()).toContain(showing(20, 44 + base));
    expect(await trackingNumbers(page)).toEqual(Array.from({ length: 20 }, (_, i) => tn(i + 1)));
    await live(page);

    // Show more, by the keyboard: 20 more, the focus on the first of them, the count said.
    await pressButton(page, 'Show more requests');
    await expect.poll(() => shownRequests.textContent()).toContain(showing(40, 44 + base));
    await announced(page, new RegExp(showing(40, 44 + base)));
    await expect.poll(() => focused(page)).toMatch(new RegExp(`^Pothole in Street.* · ${tn(21)}$`));
    expect(await trackingNumbers(page)).toHaveLength(40);

    // A request reported now arrives live at the top; a re-read of the page (here after
    // (un)following the club) pushes the first page's last request out of it: it stays shown, once.
    const fresh = await submitPothole(
      { latitude: centre.latitude + 30 * DLAT, longitude: centre.longitude },
      `${WORD} pothole while paging`,
    );
    await page
      .getByTestId('club-requests')
      .getByRole('link', { name: new RegExp(fresh.trackingNumber) })
      .waitFor();
    await expect.poll(() => shownRequests.textContent()).toContain(showing(41, 45 + base));
    await pressButton(page, /^Follow(ing)?$/);
    await announced(page, /You (no longer )?follow this club/);
    await expect.poll(() => shownRequests.textContent()).toContain(showing(41, 45 + base));

    await pressButton(page, 'Show more requests');
    await expect.poll(() => shownRequests.textContent()).toContain(showing(45 + base, 45 + base));
    await announced(page, new RegExp(showing(45 + base, 45 + base)));
    await expect.poll(() => focused(page)).toMatch(new RegExp(`^Pothole in Street.* · ${tn(41)}$`));
    expect(await page.getByRole('button', { name: 'Show more requests' }).count()).toBe(0);
    const all = await trackingNumbers(page);
    expect(all).toHaveLength(45 + base);
    expect(new Set(all).size).toBe(45 + base);
    expect(all[0]).toBe(fresh.trackingNumber);
    expect(all.slice(1, 45)).toEqual(Array.from({ length: 44 }, (_, i) => tn(i + 1)));

    // The status filter is the API's: its count, its pages, its "Show more".
    const openCount = 45 + base - (await closedInside(club.slug));
    await page.locator('#request-filter').selectOption('OPEN');
    await expect.poll(() => shownRequests.textContent()).toContain(showing(20, openCount));
    expect(await trackingNumbers(page)).toEqual([
      fresh.trackingNumber,
      ...Array.from({ length: 19 }, (_, i) => tn(i + 1)),
    ]);
    await pressButton(page, 'Show more requests');
    await expect.poll(() => shownRequests.textContent()).toContain(showing(40, openCount));
    await page.locator('#request-filter').selectOption('ALL');
    await expect.poll(() => shownRequests.textContent()).toContain(showing(20, 45 + base));

    // Members: organizers first, then members; requests to join come last, after "Show more".
    const shownMembers = page.getByTestId('members-shown');
    const members = page.getByTestId('members');
    const pending = page.getByTestId('pending');
    expect(await shownMembers.textContent()).toMatch(
      /Showing 50 of 59 members and requests to join/,
    );
    expect(await members.locator('li').count()).toBe(50);
    expect(await pending.textContent()).toContain('Nobody is waiting.');
    await page.getByText('Requests to join come after the members').waitFor();
    await pressButton(page, 'Show more members');
    await expect
      .poll(() => shownMembers.textContent())
      .toMatch(/Showing 59 of 59 members and requests to join/);
    await announced(page, /Showing 59 of 59 members and requests to join/);
    await expect.poll(() => focused(page)).toMatch(/^Member 50/);
    expect(await page.getByRole('button', { name: 'Show more members' }).count()).toBe(0);
    const names = (await members.locator('.name').allTextContents()).map((n) => n.trim());
    expect(names).toEqual([
      'Paula Pager',
      ...Array.from({ length: 55 }, (_, i) => `Member ${String(i + 1).padStart(2, '0')}`),
    ]);
    expect(await pending.locator('.name').allTextContents()).toEqual([
      'Asker 1',
      'Asker 2',
      'Asker 3',
    ]);
    await checkA11y(page, 'club page, every request and member shown');

    // The organizer decides on requests to join that came with the second page.
    await pressButton(page, 'Approve Asker 1');
    await members.getByText('Asker 1').waitFor();
    // the page's buttons wait while a decision is saved and the page re-read (slower on PGlite)
    await announced(page, /Asker 1 is now a member\./);
    await expect
      .poll(() => page.getByRole('button', { name: 'Decline Asker 2', exact: true }).isEnabled())
      .toBe(true);
    await pressButton(page, 'Decline Asker 2');
    await expect.poll(() => pending.locator('.name').allTextContents()).toEqual(['Asker 3']);
    await expect
      .poll(() => shownMembers.textContent())
      .toMatch(/Showing 58 of 58 members and requests to join/);
    const after = (await members.locator('.name').allTextContents()).map((n) => n.trim());
    expect(after).toHaveLength(57);
    expect(new Set(after).size).toBe(57);
    expect(after).toContain('Asker 1');
    expect(await page.getByTestId('member-count').textContent()).toBe('57 members');

    // The feed: 30 posts, then the last 5 by "Show more posts", the focus on the first of them.
    const shownPosts = page.getByTestId('posts-shown');
    expect(await shownPosts.textContent()).toContain('Showing 30 of 35 posts');
    await pressButton(page, 'Show more posts');
    await expect.poll(() => shownPosts.textContent()).toContain('Showing 35 of 35 posts');
    await announced(page, /Showing 35 of 35 posts/);
    await expect.poll(() => focused(page)).toContain('Paged post 31');
    expect(await page.getByRole('button', { name: 'Show more posts' }).count()).toBe(0);
    const bodies = await page
      .getByTestId('feed')
      .getByText(/^Paged post \d\d$/)
      .allTextContents();
    expect(bodies).toEqual(
      Array.from({ length: 35 }, (_, i) => `Paged post ${String(i + 1).padStart(2, '0')}`),
    );
    expect(errors).toEqual([]);
  });
});
