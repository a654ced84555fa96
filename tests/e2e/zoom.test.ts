/**
 * Every main page at 200% zoom (WCAG 1.4.4 Resize text, 1.4.10 Reflow). Chromium lays out a
 * 1280×800 window at 200% browser zoom exactly as a 640×400 viewport at device scale 2, so each
 * page is opened that way and must: not scroll sideways, leave no text or control cut off past the
 * right edge (wide data tables may scroll inside their own `overflow-x: auto` wrapper, and the map
 * pans, both of which WCAG allows), keep the skip link (visible when focused) and the main
 * landmark, and pass axe-core. Also at 200%: the open menu, every step of the report form (errors
 * and confirmation included), and the staff console with a request open. The report form and a
 * request page are also read with the text alone at 200% (root font size), on a desktop window and
 * at 200% zoom. A last test proves the check catches a line pushed past the edge.
 *
 * The fixtures are long on purpose (an unbroken web address in a comment, the longest community
 * area name, the longest service name), and every page is read in Spanish too: long words and
 * long lines are what break a layout at large sizes.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors } from './browser.js';

/** 1280×800 CSS px at 200%. */
const ZOOMED = { width: 640, height: 400, deviceScaleFactor: 2 };
const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };
const tag = randomUUID().slice(0, 6);
/** A web address with no place to break a line, as residents paste them. */
const LONG_URL = `https://www.chicago.gov/city/en/depts/cdot/provdrs/street/svcs/pothole_repair_program_${'x'.repeat(40)}_${tag}.html`;

let app: TestApp;
let browser: Browser;
let tn: string;
let communityArea: { number: number; name: string };
let cookies: Record<'resident' | 'staff' | 'moderator' | 'admin', string>;
let clubSlug: string;
let ideaId: string;

async function gql(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const res = await app.gql(query, variables, cookie);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as Record<string, any>;
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  // The seeded public request with the longest service name and address (its heading and facts).
  const [sr] = (await app.dataSource.query(
    `SELECT r.tracking_number FROM service_requests r
       JOIN service_definitions s ON s.id = r.service_definition_id
      WHERE NOT s.is_private
      ORDER BY length(s.name) + length(coalesce(r.address, '')) DESC, r.tracking_number LIMIT 1`,
  )) as [{ tracking_number: string }];
  tn = sr.tracking_number;
  [communityArea] = (await app.dataSource.query(
    `SELECT number, name FROM areas WHERE kind ILIKE 'community%'
      ORDER BY length(name) DESC, number LIMIT 1`,
  )) as [{ number: number; name: string }];
  const [resident, staff, moderator, admin] = await Promise.all([
    app.user('RESIDENT'),
    app.user('STAFF', 'CDOT'),
    app.user('MODERATOR'),
    app.user('ADMIN'),
  ]);
  cookies = {
    resident: resident.cookie,
    staff: staff.cookie,
    moderator: moderator.cookie,
    admin: admin.cookie,
  };

  // A comment with a long address on the request, flagged so the moderation queue shows it too.
  const found = await gql(`query($tn: String!) { serviceRequest(trackingNumber: $tn) { id } }`, {
    tn,
  });
  const comment = await gql(
    `mutation($id: ID!, $body: String!) { addComment(input: { targetId: $id, body: $body }) { comment { id } } }`,
    { id: found.serviceRequest.id, body: `The city's page about this: ${LONG_URL}` },
    resident.cookie,
  );
  const neighbour = await app.user('RESIDENT');
  await gql(
    `mutation($id: ID!) { flagContent(input: { targetId: $id, reason: "Spam link" }) { hidden } }`,
    { id: comment.addComment.comment.id },
    neighbour.cookie,
  );
  // A request of the resident's own, and one followed, so My Stoop lists both.
  await gql(
    `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
    {
      input: {
        serviceCode: '4fd3b656e750846c53000004', // pothole
        attributes: [
          { code: 'location_on_street', value: 'curb_lane' },
          { code: 'depth', value: 'over_4in' },
        ],
        description: `Deep pothole in the curb lane ${tag}; photos at ${LONG_URL}`,
        location: LINCOLN_SQUARE,
      },
    },
    resident.cookie,
  );
  await gql(
    `mutation($id: ID!) { followServiceRequest(input: { id: $id }) { following } }`,
    { id: found.serviceRequest.id },
    resident.cookie,
  );

  // A club and an idea, so their lists are not empty.
  const h = 0.0015;
  const { longitude: x, latitude: y } = LINCOLN_SQUARE;
  const club = await gql(
    `mutation($input: CreateBlockClubInput!) { createBlockClub(input: $input) { blockClub { slug } } }`,
    {
      input: {
        name: `Leland and Damen Neighbours ${tag}`,
        joinPolicy: 'OPEN',
        description: `Saturday clean-ups and a walking group. Notes: ${LONG_URL}`,
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [x - h, y - h],
              [x + h, y - h],
              [x + h, y + h],
              [x - h, y + h],
              [x - h, y - h],
            ],
          ],
        },
      },
    },
    resident.cookie,
  );
  clubSlug = club.createBlockClub.blockClub.slug;
  const idea = await gql(
    `mutation($input: ProposeIdeaInput!) { proposeIdea(input: $input) { idea { id } } }`,
    {
      input: {
        title: `Benches along Lincoln Avenue near the Western Brown Line station ${tag}`,
        body: `Older neighbours walk to the Brown Line here and have nowhere to rest. See ${LONG_URL}`,
      },
    },
    resident.cookie,
  );
  ideaId = idea.proposeIdea.idea.id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** What sticks out past the right edge of the viewport, described for the failure message. */
function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 1;
    // Content that may legitimately go past the edge: inside a scrolling box (a wide table's
    // wrapper), inside the map (it pans), or visually hidden (clipped to nothing on purpose).
    const exempt = (el: Element) => {
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true;
        if (s.clip !== 'auto' || s.clipPath !== 'none') return true;
        if (e.classList.contains('leaflet-container')) return true;
      }
      return false;
    };
    const describe = (el: Element, right: number) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${Array.from(el.classList).join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(right)} "${text}"`;
    };
    const found = new Map<Element, number>();
    // Elements holding text of their own: the box and the text's own line boxes.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim()) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const right = Math.max(
        el.getBoundingClientRect().right,
        ...Array.from(range.getClientRects(), (r) => r.right),
      );
      if (right > limit && !exempt(el)) found.set(el, Math.max(right, found.get(el) ?? 0));
    }
    // Controls and pictures, which show text or content without text nodes of their own.
    for (const el of document.body.querySelectorAll(
      'input:not([type=hidden]), select, textarea, button, img, svg, canvas',
    )) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || !el.checkVisibility({ visibilityProperty: true })) continue;
      if (box.right > limit && !exempt(el)) found.set(el, box.right);
    }
    return Array.from(found, ([el, right]) => describe(el, right));
  });
}

/**
 * When the page scrolls sideways: what reaches past the edge (the outermost such boxes, and any
 * absolutely placed one, which escapes a scrolling wrapper), to name the cause in the failure.
 */
function widest(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 1;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right;
      if (right <= limit) continue;
      const placed = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      if (!placed && (el.parentElement?.getBoundingClientRect().right ?? 0) > limit) continue;
      const cls = el.classList.length ? `.${Array.from(el.classList).join('.')}` : '';
      out.push(
        `${el.tagName.toLowerCase()}${cls} right=${Math.round(right)}${placed ? ' (positioned)' : ''}`,
      );
    }
    return out.slice(0, 10);
  });
}

/** The page's width against the viewport's, in CSS px. */
function widths(page: Page): Promise<{ scroll: number; viewport: number }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}

/** Asserts the page reflows: no sideways scroll, nothing cut off on the right. */
async function reflows(page: Page, label: string): Promise<void> {
  const { scroll, viewport } = await widths(page);
  const past = await cutOff(page);
  const wide = scroll > viewport + 1 ? await widest(page) : [];
  expect(
    scroll,
    `${label}: the page is ${scroll} px wide in a ${viewport} px viewport; past the edge:\n${[...past, ...wide].join('\n')}`,
  ).toBeLessThanOrEqual(viewport + 1);
  expect(past, `${label}: cut off at the right edge`).toEqual([]);
}

/** The full check of one page at 200%: reflow, skip link, main landmark, axe-core. */
async function checkZoomed(page: Page, label: string): Promise<void> {
  expect(await page.evaluate(() => window.innerWidth)).toBe(640);
  expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
  await reflows(page, label);
  expect(await page.locator('main#main').count(), `${label}: one main landmark`).toBe(1);
  expect(await page.getByRole('main').count()).toBe(1);
  // The skip link comes first in the tab order, points at main, and shows inside the viewport
  // when focused.
  const skip = page.locator('a.skip-link');
  expect(await skip.getAttribute('href')).toBe('#main');
  const first = await page.evaluate(() => {
    const all = document.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
    );
    return Array.from(all).find((el) => el.tabIndex >= 0)?.className ?? '';
  });
  expect(first, `${label}: the first stop of the tab order`).toContain('skip-link');
  await skip.focus();
  await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
  const box = await skip.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
  expect(box.left, `${label}: skip link on screen`).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(641);
  expect(box.bottom).toBeLessThanOrEqual(400);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await checkA11y(page, `${label} at 200% zoom`);
}

interface Visit {
  path: () => string;
  /** Who is signed in. */
  as?: keyof typeof cookies;
  /** What shows once the page has its data. */
  ready: (page: Page) => Promise<unknown>;
}

/** The page's own heading (server-rendered, so any language). */
const heading = (page: Page) => page.locator('main h1').first().waitFor();
/** The header knows who is signed in (the viewer has loaded). */
const signedIn = (page: Page) =>
  page.locator('.site-header a[href="/me"]').waitFor({ state: 'attached' });

// What to wait for is language-neutral, so the same list runs in English and in Spanish.
const PAGES: Record<string, Visit> = {
  home: { path: () => '/', ready: (p) => p.getByTestId('live').waitFor() },
  report: { path: () => '/report', ready: (p) => p.locator('#step-heading').waitFor() },
  request: {
    path: () => `/requests/${tn}`,
    ready: (p) => p.getByText(LONG_URL.slice(0, 40)).first().waitFor(),
  },
  'request, signed in': {
    path: () => `/requests/${tn}`,
    as: 'resident',
    ready: async (p) => {
      await signedIn(p);
      await p.getByText(LONG_URL.slice(0, 40)).first().waitFor();
      await p.locator('main textarea').first().waitFor();
    },
  },
  track: { path: () => '/track', ready: heading },
  signin: { path: () => '/signin', ready: heading },
  signup: { path: () => '/signup', ready: heading },
  me: {
    path: () => '/me',
    as: 'resident',
    ready: async (p) => {
      await p.getByTestId('my-requests').getByRole('link').first().waitFor();
      await p.getByTestId('following').getByRole('link').first().waitFor();
    },
  },
  ward: {
    path: () => '/areas/wards/47',
    ready: async (p) => {
      await heading(p);
      await p.getByTestId('stats').waitFor();
    },
  },
  'community area': {
    path: () => `/areas/community-areas/${communityArea.number}`,
    ready: async (p) => {
      await p.getByRole('heading', { level: 1, name: communityArea.name }).waitFor();
      await p.getByTestId('stats').waitFor();
    },
  },
  clubs: {
    // searched by name: other files' clubs share the database and may fill the first page
    path: () => `/clubs?q=${encodeURIComponent(`Leland and Damen Neighbours ${tag}`)}`,
    ready: (p) => p.getByText(`Leland and Damen Neighbours ${tag}`).first().waitFor(),
  },
  club: {
    path: () => `/clubs/${clubSlug}`,
    as: 'resident',
    ready: (p) => p.locator('[data-live="connected"]').waitFor(),
  },
  'new club': {
    path: () => '/clubs/new',
    as: 'resident',
    ready: async (p) => {
      await signedIn(p);
      // with a centre found, so the area's map and summary show too
      await p.locator('#area-place').fill('Leland & Damen');
      await p.locator('#area-place').press('Enter');
      await p.getByTestId('centre').waitFor();
      await p.locator('#area-summary').waitFor();
    },
  },
  ideas: {
    path: () => '/ideas',
    ready: (p) => p.getByTestId('idea-card').first().waitFor(),
  },
  idea: {
    path: () => `/ideas/${ideaId}`,
    ready: (p) => p.getByTestId('idea-title').waitFor(),
  },
  'new idea': {
    path: () => '/ideas/new',
    as: 'resident',
    ready: async (p) => {
      await signedIn(p);
      await p.locator('#idea-title').waitFor();
    },
  },
  dashboard: { path: () => '/dashboard', ready: (p) => p.getByTestId('fig-opened').waitFor() },
  staff: {
    path: () => '/staff',
    as: 'staff',
    ready: (p) => p.getByTestId('queue-row').first().waitFor(),
  },
  moderation: {
    path: () => '/moderation',
    as: 'moderator',
    ready: (p) => p.getByTestId('mod-item').filter({ hasText: tag }).waitFor(),
  },
  admin: {
    path: () => '/admin',
    as: 'admin',
    ready: (p) => p.getByTestId('service-row').first().waitFor(),
  },
};

async function open(
  name: keyof typeof PAGES,
  size: { width: number; height: number; deviceScaleFactor: number } = ZOOMED,
  locale = 'en-US',
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const visit = PAGES[name]!;
  const context = await newContext(browser, app.url, {
    ...size,
    locale,
    cookie: visit.as ? cookies[visit.as] : undefined,
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  // ?lang, since a signed-in account's own language outranks the browser's
  const lang = locale.startsWith('es') ? 'es' : 'en';
  const path = visit.path();
  await page.goto(lang === 'es' ? `${path}${path.includes('?') ? '&' : '?'}lang=es` : path);
  await visit.ready(page);
  // let late pieces (the map, live badges, lazy panels) settle before measuring
  await page.waitForTimeout(300);
  return { page, context, errors };
}

describe('every main page at 200% zoom', () => {
  for (const name of Object.keys(PAGES)) {
    it(`${name} reflows, keeps the skip link and main, and passes axe`, async () => {
      const { page, context, errors } = await open(name);
      await checkZoomed(page, name);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  // Spanish runs longer than English: the same pages, in Spanish.
  for (const name of Object.keys(PAGES)) {
    it(`${name} in Spanish reflows too`, async () => {
      const { page, context, errors } = await open(name, ZOOMED, 'es-MX');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await reflows(page, `${name} (es)`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('the menu opens at 200% and its links wrap inside the viewport', async () => {
    const { page, context } = await open('me');
    const toggle = page.getByRole('button', { name: 'Menu' });
    expect(await toggle.isVisible(), 'the navigation folds into a menu at 200%').toBe(true);
    await toggle.click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Report a problem' }).waitFor();
    expect(await nav.getByRole('link').count()).toBeGreaterThanOrEqual(7);
    await reflows(page, 'open menu');
    await checkA11y(page, 'open menu at 200% zoom');
    await context.close();
  });
});

describe('the longer paths at 200% zoom', () => {
  it('the report form reflows at every step, errors and confirmation included', async () => {
    const context = await newContext(browser, app.url, ZOOMED);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const step = () => page.locator('#step-heading').innerText();
    await page.goto('/report');
    await page.getByLabel('Describe the problem in a few words').fill('pothole');
    await page.getByRole('radio', { name: /Pothole in Street Complaint/ }).check();
    await expect.poll(() => page.getByTestId('chosen-service').innerText()).toContain('Pothole');
    await reflows(page, 'report, service chosen');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(step).toContain('Tell us more');
    // Continue with nothing answered: the error summary and the errors by their fields.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('error-summary').waitFor();
    await page.locator('#attr-depth-error').waitFor();
    await reflows(page, 'report, questions with errors');
    await checkA11y(page, 'report questions with errors at 200% zoom');
    await page.getByRole('radio', { name: 'Traffic lane' }).check();
    await page.getByRole('radio', { name: 'More than 4 inches' }).check();
    await page.getByLabel(/Describe the problem/).fill(`Deep hole, see ${LONG_URL}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(step).toContain('Where is it?');
    await page.getByLabel('Address or intersection').fill('1953 W Leland Ave');
    await page.getByLabel('Address or intersection').press('Enter');
    await expect.poll(() => page.getByTestId('resolved-place').innerText()).toContain('LELAND');
    await page.getByRole('heading', { name: 'Already reported nearby?' }).waitFor();
    await page.waitForTimeout(300);
    await reflows(page, 'report, place found');
    await checkA11y(page, 'report place at 200% zoom');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(step).toContain('Contact and a last check');
    await page.getByLabel(/^Name/).fill('Rosa Resident');
    await page.getByRole('checkbox', { name: 'E-mail me when it changes' }).check();
    await page.getByTestId('estimate').getByRole('heading').first().waitFor();
    await reflows(page, 'report, contact and review');
    await checkA11y(page, 'report contact at 200% zoom');
    await page.getByRole('textbox', { name: /^E-mail/ }).fill(`rosa-${tag}@example.test`);
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByTestId('tracking-number').waitFor();
    await reflows(page, 'report, confirmation');
    await checkA11y(page, 'report confirmation at 200% zoom');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the staff console reflows with a request open in its panel', async () => {
    const { page, context, errors } = await open('staff');
    await page
      .getByRole('button', { name: /^Open SR/ })
      .first()
      .click();
    const panel = page.getByRole('complementary', { name: /SR\d{2}-/ });
    await panel.getByLabel('Status', { exact: true }).waitFor();
    await page.waitForTimeout(300);
    await reflows(page, 'staff panel');
    await checkA11y(page, 'staff panel at 200% zoom');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the check itself finds text pushed past the edge, and lets a wide table scroll', async () => {
    const { page, context } = await open('signin');
    await page.evaluate(() => {
      const table = document.createElement('div');
      table.className = 'table-wrap';
      table.innerHTML = '<table style="width: 1500px"><tr><td>wide on purpose</td></tr></table>';
      document.querySelector('main')!.append(table);
    });
    expect(await cutOff(page)).toEqual([]);
    expect((await widths(page)).scroll).toBe(640);
    await page.evaluate(() => {
      document.body.style.overflowX = 'hidden';
      const line = document.createElement('p');
      line.id = 'too-long';
      line.style.whiteSpace = 'nowrap';
      line.textContent = 'A line that will not wrap '.repeat(10);
      document.querySelector('main')!.append(line);
    });
    expect((await cutOff(page)).join('\n')).toMatch(
      /^p#too-long right=\d+ "A line that will not wrap/m,
    );
    await context.close();
  });
});

describe('text alone at 200%', () => {
  const sizes = {
    'a desktop window': { width: 1280, height: 800, deviceScaleFactor: 1 },
    '200% zoom': ZOOMED,
  };
  for (const name of ['report', 'request'] as const) {
    for (const [where, size] of Object.entries(sizes)) {
      it(`${name} in ${where} keeps everything on screen`, async () => {
        const { page, context } = await open(name, size);
        const before = await page.evaluate(() => getComputedStyle(document.body).fontSize);
        await page.evaluate(() => {
          document.documentElement.style.fontSize = '200%';
        });
        await page.waitForTimeout(100);
        const after = await page.evaluate(() => getComputedStyle(document.body).fontSize);
        expect(parseFloat(after)).toBe(parseFloat(before) * 2);
        await reflows(page, `${name} with 200% text in ${where}`);
        await context.close();
      });
    }
  }
});
