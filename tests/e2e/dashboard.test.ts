/**
 * The transparency dashboard (/dashboard) in a browser, on the seeded Chicago data: the figures in
 * its tables are the API's `stats` answer for the same filter; the area filter works by keyboard
 * and carries over to the URL, the tables and the export link; the export behind the figures has
 * exactly the opened count of rows; sortable tables; Spanish; axe-core; screenshots.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

let app: TestApp;
let browser: Browser;

const STATS = `query($filter: StatsFilter, $kind: AreaKind!) {
  stats(filter: $filter) {
    totals { opened closedCompleted closedNotFixed stillOpen medianDaysToComplete onTimeShare }
    byPeriod { label opened closedCompleted closedNotFixed }
    topServices(limit: 200) {
      code name opened closedCompleted closedNotFixed duplicates stillOpen medianDaysToComplete
      p90DaysToComplete slaDays
    }
    byArea(kind: $kind) { number name opened closedCompleted closedNotFixed stillOpen medianDaysToComplete }
  }
}`;

interface Figures {
  opened: number;
  closedCompleted: number;
  closedNotFixed: number;
  stillOpen: number;
  medianDaysToComplete: number | null;
}
interface StatsAnswer {
  totals: Figures & { onTimeShare: number | null };
  byPeriod: { label: string; opened: number; closedCompleted: number; closedNotFixed: number }[];
  topServices: (Figures & {
    code: string;
    name: string;
    duplicates: number;
    p90DaysToComplete: number | null;
    slaDays: number | null;
  })[];
  byArea: (Figures & { number: number; name: string })[];
}

async function apiStats(filter: Record<string, unknown> = {}, kind = 'COMMUNITY_AREA') {
  const res = await app.gql<{ stats: StatsAnswer }>(STATS, { filter, kind });
  expect(res.errors).toBeUndefined();
  return res.data!.stats;
}

const n = (v: number) => new Intl.NumberFormat('en-US').format(v);
const days = (v: number | null) =>
  v === null ? 'no data' : new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v);

/** The texts of a table's body rows (row header first). */
async function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()),
      ),
    );
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await page.getByTestId('fig-opened').waitFor();
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('dashboard', () => {
  it('shows in its tables the figures stats gives for the same filter', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await open(page, '/dashboard');
    const api = await apiStats();
    await expect
      .poll(() => page.getByTestId('fig-opened').textContent())
      .toBe(n(api.totals.opened));
    expect(api.totals.opened).toBeGreaterThan(2000);
    expect(await page.getByTestId('fig-completed').textContent()).toBe(
      n(api.totals.closedCompleted),
    );
    expect(await page.getByTestId('fig-notfixed').textContent()).toBe(n(api.totals.closedNotFixed));
    expect(await page.getByTestId('fig-open').textContent()).toBe(n(api.totals.stillOpen));
    expect(await page.getByTestId('fig-median').textContent()).toBe(
      days(api.totals.medianDaysToComplete),
    );
    // closed is never shown as fixed: the summary names both apart
    expect(await page.getByTestId('summary-totals').textContent()).toContain(
      `${n(api.totals.closedCompleted)} were completed (fixed), ${n(api.totals.closedNotFixed)} were closed without a fix`,
    );

    // per service: busiest first, every figure of the row
    const services = await rows(page.getByTestId('table-services'));
    expect(services).toHaveLength(api.topServices.length);
    for (const [i, s] of api.topServices.slice(0, 3).entries()) {
      expect(services[i]!.slice(0, 9)).toEqual([
        s.name,
        n(s.opened),
        n(s.closedCompleted),
        n(s.closedNotFixed),
        n(s.duplicates),
        n(s.stillOpen),
        days(s.medianDaysToComplete),
        days(s.p90DaysToComplete),
        expect.stringMatching(/%|no data/) as string,
      ]);
    }

    // per community area (the map's table), by number
    const areas = await rows(page.getByTestId('table-areas'));
    expect(areas).toHaveLength(77);
    const busiest = [...api.byArea].sort((a, b) => b.opened - a.opened)[0]!;
    const row = areas.find((r) => r[0] === `${busiest.name} (${busiest.number})`)!;
    expect(row.slice(1, 6)).toEqual([
      n(busiest.opened),
      n(busiest.closedCompleted),
      n(busiest.closedNotFixed),
      n(busiest.stillOpen),
      days(busiest.medianDaysToComplete),
    ]);

    // over time: one row per Chicago day
    const periods = await rows(page.getByTestId('table-periods'));
    expect(periods.map((r) => r[1])).toEqual(api.byPeriod.map((b) => n(b.opened)));
    expect(periods.map((r) => r[3])).toEqual(api.byPeriod.map((b) => n(b.closedNotFixed)));
    expect(periods[0]![0]).toBe('Jan 1, 2021');

    // the chart has its summary sentence and names it as its description
    const chart = page.getByRole('img', { name: /Line chart/ });
    expect(await chart.getAttribute('aria-describedby')).toBe('trend-summary');
    expect(await page.getByTestId('summary-trend').textContent()).toContain('busiest day');

    // the map is shaded, with the ranges in words
    await expect
      .poll(() => page.locator('.leaflet-overlay-pane path').count())
      .toBeGreaterThanOrEqual(77);
    expect(await page.getByText('up to', { exact: false }).first().textContent()).toMatch(
      /up to \d/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the area by keyboard: URL, tables and export link follow, and the CSV has the opened count', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await open(page, '/dashboard?compare=ward');
    const csv = page.getByTestId('export-csv').first();
    expect(await csv.getAttribute('href')).toBe('/export/requests.csv');

    await page.getByLabel('Area', { exact: true }).focus();
    await page.keyboard.press('ArrowDown'); // "All of Chicago" → Ward 1
    await expect.poll(() => new URL(page.url()).searchParams.get('ward')).toBe('1');
    await expect.poll(() => csv.getAttribute('href')).toBe('/export/requests.csv?ward=1');
    await page.keyboard.press('ArrowDown'); // → Ward 2
    await expect.poll(() => csv.getAttribute('href')).toBe('/export/requests.csv?ward=2');
    // focus stayed on the control
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-area');

    const wards = (
      await app.gql<{ areas: { id: string; number: number }[] }>(
        `{ areas(kind: WARD) { id number } }`,
      )
    ).data!.areas;
    const api = await apiStats({ areaId: wards.find((w) => w.number === 2)!.id }, 'WARD');
    await expect
      .poll(() => page.getByTestId('fig-opened').textContent())
      .toBe(n(api.totals.opened));
    expect(api.totals.opened).toBeGreaterThan(0);
    const services = await rows(page.getByTestId('table-services'));
    expect(services.map((r) => [r[0], r[1]])).toEqual(
      api.topServices.map((s) => [s.name, n(s.opened)]),
    );
    const wardRows = await rows(page.getByTestId('table-areas'));
    expect(wardRows).toHaveLength(50);
    expect(wardRows.find((r) => r[0] === 'Ward 2')![1]).toBe(n(api.totals.opened));
    expect(wardRows.find((r) => r[0] === 'Ward 1')![1]).toBe('0');

    // the export behind the figures: one CSV row per opened request
    const body = await (await fetch(`${app.url}${await csv.getAttribute('href')}`)).text();
    const lines = body.trim().split('\n');
    expect(lines[0]).toMatch(/^tracking_number,/);
    expect(lines.length - 1).toBe(api.totals.opened);

    // with a channel and dates too (Chicago days, the last one included)
    await page.getByLabel('Channel').selectOption('PHONE');
    await page.getByLabel('Requested from').fill('2021-01-01');
    await page.getByLabel('Requested until').fill('2021-01-01');
    await expect
      .poll(() => csv.getAttribute('href'))
      .toBe(
        '/export/requests.csv?ward=2&from=2021-01-01T06%3A00%3A00.000Z&to=2021-01-02T06%3A00%3A00.000Z&channel=PHONE',
      );
    const narrow = await apiStats(
      {
        areaId: wards.find((w) => w.number === 2)!.id,
        channels: ['PHONE'],
        from: '2021-01-01T06:00:00.000Z',
        to: '2021-01-02T06:00:00.000Z',
      },
      'WARD',
    );
    await expect
      .poll(() => page.getByTestId('fig-opened').textContent())
      .toBe(n(narrow.totals.opened));
    const narrowCsv = await (await fetch(`${app.url}${await csv.getAttribute('href')}`)).text();
    expect(narrowCsv.trim().split('\n').length - 1).toBe(narrow.totals.opened);
    await context.close();
  });

  it('sorts a table by a column heading, and says how', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await open(page, '/dashboard');
    const table = page.getByTestId('table-services');
    const heading = table.locator('thead th', { hasText: 'Opened' });
    expect(await heading.getAttribute('aria-sort')).toBe('descending');
    await heading.getByRole('button').press('Enter');
    await expect.poll(() => heading.getAttribute('aria-sort')).toBe('ascending');
    const opened = (await rows(table)).map((r) => Number(r[1]!.replace(/,/g, '')));
    expect(opened).toEqual([...opened].sort((a, b) => a - b));
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toContain('Sorted by Opened, ascending');
    await context.close();
  });

  it('warns about a backwards date range at the field instead of asking the API', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/dashboard?from=2021-01-02&to=2021-01-01');
    const to = page.getByLabel('Requested until');
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('true');
    const described = (await to.getAttribute('aria-describedby'))!.split(' ');
    const error = page.locator(`#${described.find((id) => id.endsWith('error'))}`);
    expect(await error.textContent()).toContain('must be on or after');
    expect(await page.getByTestId('fig-opened').count()).toBe(0);
    await context.close();
  });

  it('speaks Spanish with ?lang=es', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await open(page, '/dashboard?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Cómo responde la ciudad' }).waitFor();
    for (const name of [
      'Resumen',
      'A lo largo del tiempo',
      'Por zona',
      'Por servicio',
      'Lo prometido frente a lo real',
    ]) {
      expect(await page.getByRole('heading', { level: 2, name }).count(), name).toBe(1);
    }
    expect(await page.title()).toBe('Cómo responde la ciudad · Stoop');
    expect(
      await page.getByTestId('table-services').locator('thead th').first().textContent(),
    ).toContain('Servicio');
    expect(await page.getByTestId('summary-totals').textContent()).toContain(
      'se cerraron sin arreglar',
    );
    await checkA11y(page, 'dashboard (Spanish)');
    await context.close();
  }, 90_000);

  it('passes axe-core with every view of the map and tables, and saves screenshots', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await open(page, '/dashboard');
    await expect
      .poll(() => page.locator('.leaflet-overlay-pane path').count())
      .toBeGreaterThanOrEqual(77);
    await checkA11y(page, 'dashboard');
    await screenshots(page, 'dashboard');
    await page.getByLabel('Wards').check();
    await page.getByLabel('Requests still open').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('shade')).toBe('backlog');
    await expect.poll(() => page.getByTestId('table-areas').locator('tbody tr').count()).toBe(50);
    expect(await page.getByTestId('summary-area').textContent()).toMatch(/still open/);
    await page.getByRole('radio', { name: 'Ward', exact: true }).check();
    await page.getByTestId('table-promise-areas').waitFor();
    await page.getByLabel('Group by').selectOption('WEEK');
    const weeks = (
      await app.gql<{ stats: { byPeriod: unknown[] } }>(
        `{ stats(filter: { period: WEEK }) { byPeriod { label } } }`,
      )
    ).data!.stats.byPeriod.length;
    await expect
      .poll(() => page.getByTestId('table-periods').locator('tbody tr').count())
      .toBe(weeks);
    await checkA11y(page, 'dashboard (wards, backlog, by week)');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
