/**
 * The home map and the area pages in a browser, against the seeded Chicago data with no street
 * tiles: outlines and points drawn from Stoop's own API, a list that holds the API's answer for
 * the same filter, filters driven by keyboard and kept in the URL, a new request appearing live,
 * ward and community-area pages with the API's figures, axe-core on each, screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

const POTHOLE = '4fd3b656e750846c53000004';
/** 1953 W Leland Ave: ward 47, community area 4 (Lincoln Square). */
const LELAND = { latitude: 41.96679, longitude: -87.67859 };

/** Polls patiently: the machine is shared and the page loads its data after it renders. */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 15_000, interval: 100 });
}

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Connection {
  totalCount: number;
  edges: { node: { trackingNumber: string } }[];
}

/** Tracking numbers the API lists first for a filter. */
async function apiTrackingNumbers(
  filter: Record<string, unknown>,
  first: number,
  orderBy = 'REQUESTED_AT_DESC',
): Promise<{ total: number; numbers: string[] }> {
  const r = await app.gql<{ serviceRequests: Connection }>(
    `query($filter: ServiceRequestFilter, $first: Int!, $orderBy: ServiceRequestOrder!) {
       serviceRequests(filter: $filter, first: $first, orderBy: $orderBy) {
         totalCount edges { node { trackingNumber } }
       }
     }`,
    { filter, first, orderBy },
  );
  expect(r.errors).toBeUndefined();
  return {
    total: r.data!.serviceRequests.totalCount,
    numbers: r.data!.serviceRequests.edges.map((e) => e.node.trackingNumber),
  };
}

/** Tracking numbers the page's list shows, in order. */
function listedNumbers(page: Page, within = 'main'): Promise<string[]> {
  return page.locator(`${within} [data-testid="tracking-number"]`).allInnerTexts();
}

async function areaId(kind: 'WARD' | 'COMMUNITY_AREA', number: number): Promise<string> {
  const r = await app.gql<{ areas: { id: string; number: number }[] }>(
    `query($kind: AreaKind) { areas(kind: $kind) { id number } }`,
    { kind },
  );
  return r.data!.areas.find((a) => a.number === number)!.id;
}

async function submitPothole(description: string, cookie: string): Promise<string> {
  const r = await app.gql<{ submitServiceRequest: { serviceRequest: { trackingNumber: string } } }>(
    `mutation($input: SubmitServiceRequestInput!) {
       submitServiceRequest(input: $input) { serviceRequest { trackingNumber } }
     }`,
    {
      input: {
        serviceCode: POTHOLE,
        attributes: [
          { code: 'location_on_street', value: 'curb_lane' },
          { code: 'depth', value: 'over_4in' },
        ],
        description,
        address: '1953 W LELAND AVE',
        location: LELAND,
      },
    },
    cookie,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.submitServiceRequest.serviceRequest.trackingNumber;
}

/** Back to the top with nothing focused, for a screenshot. */
async function toTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
}

/** Presses Tab until the element is focused (keyboard only, as a resident would). */
async function tabTo(page: Page, selector: string, back = false, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

describe('home map', { timeout: 60_000 }, () => {
  it('draws outlines and clusters from the API and lists the API’s newest requests', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/');
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(10);

    const api = await apiTrackingNumbers({}, 10);
    expect((await listedNumbers(page)).slice(0, 10)).toEqual(api.numbers);
    await poll(() => page.getByTestId('list-count').innerText()).toBe(
      `Showing 50 of ${api.total.toLocaleString('en-US')}`,
    );

    // 50 ward outlines from areas(kind: WARD), drawn with no street tiles.
    await poll(() => page.locator('.leaflet-overlay-pane path').count()).toBe(50);
    expect(await page.getByText('Street map tiles could not load').count()).toBe(1);
    // Zoomed out over the city: server-side clusters, whose counts add up to every request.
    await poll(() => page.locator('.stoop-cluster').count()).toBeGreaterThan(20);
    const counts = await page
      .locator('.stoop-cluster')
      .evaluateAll((els) => els.map((el) => Number(el.textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(api.total);

    // The community-area outlines instead, by keyboard.
    await page.getByRole('radio', { name: 'Community areas' }).focus();
    await page.keyboard.press('Space');
    await poll(() => page.locator('.leaflet-overlay-pane path').count()).toBe(77);

    // Export links carry no filter yet.
    expect(await page.getByTestId('export-csv').getAttribute('href')).toBe('/export/requests.csv');

    await checkA11y(page, 'home');
    await toTop(page);
    await screenshots(page, 'home');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('zoomed in, shows the requests in view as points, the same as the list', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto(`/?map=${LELAND.latitude},${LELAND.longitude},15`);
    await poll(() =>
      page.getByRole('heading', { level: 2, name: 'Requests in the map view' }).count(),
    ).toBe(1);
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(0);
    // The export link holds the view's bbox: ask the API for the same.
    const href = (await page.getByTestId('export-csv').getAttribute('href'))!;
    const bbox = new URL(href, app.url).searchParams.get('bbox')!.split(',').map(Number);
    const [west, south, east, north] = bbox;
    const api = await apiTrackingNumbers({ bbox: { west, south, east, north } }, 50);
    expect(await listedNumbers(page)).toEqual(api.numbers);
    expect(await page.locator('.stoop-marker').count()).toBe(api.numbers.length);
    const first = page.locator('.stoop-marker').first();
    expect(await first.getAttribute('aria-label')).toMatch(/ · SR\d\d-\d{8}$/);
    await checkA11y(page, 'home, zoomed in');
    await context.close();
  });

  it('changes list and URL when a filter changes by keyboard', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/');
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(10);
    await tabTo(page, '#f-status');
    await page.keyboard.press('ArrowDown'); // "Open"
    await poll(() => new URL(page.url()).searchParams.get('status')).toBe('open');
    const open = await apiTrackingNumbers({ status: 'OPEN' }, 50);
    await poll(() => listedNumbers(page)).toEqual(open.numbers);
    expect(await page.getByTestId('export-csv').getAttribute('href')).toBe(
      '/export/requests.csv?status=open',
    );

    // A ward, chosen from the area list by keyboard; its page is linked.
    await tabTo(page, '#f-area', true);
    const ward47 = await areaId('WARD', 47);
    for (let i = 0; i < 47; i++) await page.keyboard.press('ArrowDown');
    await poll(() => new URL(page.url()).searchParams.get('ward')).toBe('47');
    const inWard = await apiTrackingNumbers({ status: 'OPEN', areaId: ward47 }, 50);
    await poll(() => listedNumbers(page)).toEqual(inWard.numbers);
    expect(await page.getByTestId('area-page-link').getAttribute('href')).toBe('/areas/wards/47');

    // The URL alone reproduces the view.
    const shared = await context.newPage();
    await shared.goto(page.url());
    await poll(() => listedNumbers(shared)).toEqual(inWard.numbers);
    expect(await shared.locator('#f-status').inputValue()).toBe('OPEN');
    expect(await shared.locator('#f-area').inputValue()).toBe('WARD:47');
    await context.close();
  });

  it('shows a request submitted elsewhere without a reload, and announces it', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/');
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(10);
    await page.getByTestId('live').waitFor();
    const resident = await app.user('RESIDENT');
    const tn = await submitPothole('Deep pothole by the bus stop', resident.cookie);
    await poll(() => listedNumbers(page).then((n) => n[0])).toBe(tn);
    const row = page.getByTestId('request-row').first();
    expect(await row.innerText()).toContain('1953 W LELAND AVE');
    expect(await row.innerText()).toContain('New');
    await poll(() => page.getByTestId('announcer').innerText()).toContain(
      'New request: Pothole in Street Complaint, 1953 W LELAND AVE',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by dates and detailed status by keyboard; the map then shows the listed points', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/');
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(10);
    await tabTo(page, '#f-from');
    await page.keyboard.type('01022021');
    await poll(() => new URL(page.url()).searchParams.get('from')).toBe('2021-01-02');
    await tabTo(page, '.detailed > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, 'input[type="checkbox"][value="COMPLETED"]');
    await page.keyboard.press('Space');
    await poll(() => new URL(page.url()).searchParams.get('detailed_status')).toBe('COMPLETED');
    // Chicago's midnight of 2 January 2021 (CST, UTC−6).
    const filter = { from: '2021-01-02T06:00:00.000Z', detailedStatuses: ['COMPLETED'] };
    const api = await apiTrackingNumbers(filter, 50);
    await poll(() => listedNumbers(page)).toEqual(api.numbers);
    await poll(() => page.getByTestId('announcer').innerText()).toBe(
      `${api.total.toLocaleString('en-US')} requests match.`,
    );
    // Clusters cannot count by date or detailed status: the map shows the listed requests.
    await poll(() => page.locator('.stoop-marker').count()).toBe(api.numbers.length);
    expect(await page.locator('.stoop-cluster').count()).toBe(0);
    expect(await page.getByTestId('export-csv').getAttribute('href')).toBe(
      '/export/requests.csv?detailed_status=COMPLETED&from=2021-01-02T06%3A00%3A00.000Z',
    );
    await context.close();
  });

  it('lists requests near the viewer, nearest first, after “use my location”', async () => {
    const context = await newContext(browser, app.url);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(LELAND);
    const page = await context.newPage();
    await page.goto('/');
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(10);
    await tabTo(page, 'button:has-text("Use my location")');
    await page.keyboard.press('Enter');
    await poll(() => new URL(page.url()).searchParams.get('near')).toBe('41.96679,-87.67859');
    await page.getByRole('heading', { level: 2, name: /within 1 km of you/ }).waitFor();
    const api = await apiTrackingNumbers(
      { near: { lat: LELAND.latitude, lng: LELAND.longitude, radiusMeters: 1000 } },
      50,
      'DISTANCE',
    );
    expect(api.total).toBeGreaterThan(0);
    await poll(() => listedNumbers(page)).toEqual(api.numbers);
    expect(await page.getByTestId('request-row').first().innerText()).toMatch(/\d+ m away/);
    await context.close();
  });

  it('holds a burst of new requests behind a “show” hint', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/');
    await poll(() => listedNumbers(page).then((n) => n.length)).toBeGreaterThan(10);
    await page.getByTestId('live').waitFor();
    const resident = await app.user('RESIDENT');
    const numbers: string[] = [];
    for (let i = 0; i < 8; i++) numbers.push(await submitPothole(`Burst ${i}`, resident.cookie));
    // The first five arrive in the list; the rest wait behind the hint.
    await poll(() => page.getByTestId('pending').innerText()).toBe('3 new requests in view — show');
    expect((await listedNumbers(page)).slice(0, 5)).toEqual(numbers.slice(0, 5).reverse());
    await page.getByTestId('pending').focus();
    await page.keyboard.press('Enter');
    await poll(() => listedNumbers(page).then((n) => n.slice(0, 8))).toEqual(numbers.toReversed());
    expect(await page.getByTestId('pending').count()).toBe(0);
    await context.close();
  });

  it('speaks Spanish and reflows at 320 px', async () => {
    const context = await newContext(browser, app.url, { locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto('/');
    await page
      .getByRole('heading', { level: 1, name: 'Lo que reportan los vecinos en Chicago' })
      .waitFor();
    await page.getByLabel('Distrito o área comunitaria').waitFor();
    await poll(() => page.getByTestId('list-count').innerText()).toMatch(/^Mostrando 50 de /);
    // Reflows at 320 px: nothing wider than the screen.
    await page.setViewportSize({ width: 320, height: 700 });
    await poll(() =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await page.goto('/areas/wards/47?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Ward 47' }).waitFor();
    await page.getByText('Cómo se atendieron las solicitudes aquí').waitFor();
    await poll(() =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await context.close();
  });
});

describe('area pages', { timeout: 60_000 }, () => {
  it('ward 47: name, open requests and figures equal to the API’s, live, follow', async () => {
    const resident = await app.user('RESIDENT');
    await submitPothole('Pothole in front of the library', resident.cookie);
    const id = await areaId('WARD', 47);
    const context = await newContext(browser, app.url, { cookie: resident.cookie });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/areas/wards/47');
    await page.getByRole('heading', { level: 1, name: 'Ward 47' }).waitFor();
    expect(await page.title()).toBe('Ward 47 · Stoop');

    const open = await apiTrackingNumbers({ areaId: id, status: 'OPEN' }, 20);
    expect(open.total).toBeGreaterThan(0);
    const openList = 'section[aria-labelledby="open-heading"]';
    await poll(() => listedNumbers(page, openList)).toEqual(open.numbers);

    const stats = await app.gql<{ stats: { totals: Record<string, number | null> } }>(
      `query($id: ID!) { stats(filter: { areaId: $id }) { totals {
         opened closedCompleted closedNotFixed duplicates stillOpen medianDaysToClose } } }`,
      { id },
    );
    const totals = stats.data!.stats.totals;
    await page.getByTestId('stats').waitFor();
    const n = (v: number | null) => (v ?? 0).toLocaleString('en-US');
    expect(await page.getByTestId('stat-opened').innerText()).toBe(n(totals.opened!));
    expect(await page.getByTestId('stat-completed').innerText()).toBe(n(totals.closedCompleted!));
    expect(await page.getByTestId('stat-not-fixed').innerText()).toBe(n(totals.closedNotFixed!));
    expect(await page.getByTestId('stat-duplicates').innerText()).toBe(n(totals.duplicates!));
    expect(await page.getByTestId('stat-still-open').innerText()).toBe(n(totals.stillOpen!));
    const median = totals.medianDaysToClose!;
    expect(await page.getByTestId('stat-median-close').innerText()).toBe(
      `${median.toLocaleString('en-US', { maximumFractionDigits: 1 })} days`,
    );
    // "Closed" is never shown as "fixed".
    expect(await page.getByText('Closed without a fix', { exact: true }).count()).toBe(1);

    // The outline is drawn from the API.
    await poll(() => page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(0);

    // Live: a new request in the ward appears at the top of the open list.
    const tn = await submitPothole('Another one, near the corner', resident.cookie);
    await poll(() => listedNumbers(page, openList).then((l) => l[0])).toBe(tn);
    await poll(() => page.getByTestId('announcer').innerText()).toContain(
      'New request here: Pothole in Street',
    );

    // Follow the ward.
    await page.getByTestId('follow-area').click();
    await poll(() => page.getByTestId('follow-area').getAttribute('aria-pressed')).toBe('true');
    const following = await app.gql<{ following: { targetId: string }[] }>(
      `{ following { targetId } }`,
      {},
      resident.cookie,
    );
    expect(following.data!.following.map((f) => f.targetId)).toContain(id);

    await checkA11y(page, 'ward page');
    await toTop(page);
    await screenshots(page, 'ward');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('community area 4 (Lincoln Square): name, open requests, passes axe', async () => {
    const id = await areaId('COMMUNITY_AREA', 4);
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/areas/community-areas/4');
    await page.getByRole('heading', { level: 1, name: 'Lincoln Square' }).waitFor();
    const open = await apiTrackingNumbers({ areaId: id, status: 'OPEN' }, 20);
    await poll(() => listedNumbers(page, 'section[aria-labelledby="open-heading"]')).toEqual(
      open.numbers,
    );
    expect(await page.getByRole('link', { name: 'Sign in to follow this area' }).count()).toBe(1);
    await checkA11y(page, 'community area page');
    await toTop(page);
    await screenshots(page, 'community-area');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so for an area that does not exist', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/areas/wards/51');
    await page.getByText('There is no such area.').waitFor();
    await context.close();
  });
});
