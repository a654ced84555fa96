/**
 * Ideas in the browser (journey 7): a resident proposes an idea by keyboard only (with a typed
 * place) and it tops New; a neighbour votes and the count goes up, live on the author's open page,
 * and Top's order matches the API; staff answer officially and the resident's open page shows the
 * response live (ideaUpdated) with its status; the discussion is live; a signed-out visitor gets a
 * sign-in link instead of a vote button; hidden ideas show a neutral notice; Spanish labels; axe on
 * the board, the form and the idea page; screenshots `ideas` and `idea`.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors, screenshots } from './browser.js';

let app: TestApp;
let browser: Browser;

const PROPOSE = `mutation($input: ProposeIdeaInput!) { proposeIdea(input: $input) { idea { id } } }`;
const VOTE = `mutation($id: ID!) { voteIdea(input: { id: $id }) { idea { voteCount } } }`;
const POTHOLE = '4fd3b656e750846c53000004';
const TOP = `{ ideas(orderBy: TOP, first: 20) { edges { node { id title voteCount } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Proposes an idea through the API; returns its global id. */
async function propose(cookie: string, title: string): Promise<string> {
  const res = await app.gql<{ proposeIdea: { idea: { id: string } } }>(
    PROPOSE,
    {
      input: {
        title,
        body: 'Neighbours would like this to change; it would help the whole block every day.',
      },
    },
    cookie,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.proposeIdea.idea.id;
}

/** Presses Tab until the focused element matches the selector, like a keyboard user would. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      (sel) => document.activeElement?.matches(sel) ?? false,
      selector,
    );
    if (hit) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Whether the page reflows at 320 px wide (nothing wider than the screen). */
async function fitsAt320(page: Page): Promise<void> {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(100);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (original) await page.setViewportSize(original);
  expect(width, `page is ${width}px wide at 320px`).toBeLessThanOrEqual(320);
}

/** The titles of the cards on the board, in order. */
function cardTitles(page: Page): Promise<string[]> {
  return page.getByTestId('idea-card').locator('h2, h3').allInnerTexts();
}

describe('proposing an idea', () => {
  it('works by keyboard alone, with field errors by their fields, and the idea tops New', async () => {
    const resident = await app.user('RESIDENT');
    const context = await newContext(browser, app.url, { cookie: resident.cookie });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/ideas/new');
    await page.getByLabel('Title').waitFor();
    await checkA11y(page, 'new-idea form');

    const title = `Benches at Leland and Damen ${randomUUID().slice(0, 6)}`;
    await tabTo(page, '#idea-title');
    await page.keyboard.type('Hi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Too short.');
    await page.keyboard.press('Enter'); // a new line in the description, not a submit
    await tabTo(page, 'form.idea-form button[type=submit]');
    await page.keyboard.press('Enter');

    // Both errors are shown by their fields, tied to them, and named in a focused summary.
    const titleError = page.locator('#idea-title-error');
    await titleError.waitFor();
    expect(await titleError.innerText()).toContain('The title must be 5 to 140 characters.');
    expect(await page.locator('#idea-body-error').innerText()).toContain(
      'The description must be 20 to 5,000 characters',
    );
    expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Title').getAttribute('aria-describedby')).toContain(
      'idea-title-error',
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await checkA11y(page, 'new-idea form with errors');

    // Fix them, by keyboard.
    await tabTo(page, '#idea-title');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(
      'Older neighbours walk to the Brown Line here and have nowhere to rest.',
    );
    // Where: the arrow keys move from "The whole city" to "A place".
    await tabTo(page, 'input[name=where]');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, '#idea-place-query');
    await page.keyboard.type('Leland & Damen');
    await page.keyboard.press('Enter'); // searches, does not submit
    const found = page.getByRole('group', { name: 'Places found: choose one' });
    await found.waitFor();
    await tabTo(page, 'input[name=found]');
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByTestId('chosen-place').innerText())
      .toContain('W LELAND AVE & N DAMEN AVE');
    // Nudge the spot on the map by keyboard: the arrows pan it, the button pins its centre.
    const map = page.locator('.map-wrap .map');
    await tabTo(page, '.map-wrap .map');
    const before = await map.getAttribute('data-center');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => map.getAttribute('data-center')).not.toBe(before);
    await tabTo(page, 'button.pick-centre');
    await page.keyboard.press('Enter');
    const [lat, lng] = (await map.getAttribute('data-center'))!.split(',').map(Number);
    const chosen = page.getByTestId('chosen-place');
    await expect.poll(() => chosen.innerText()).toContain('the point picked on the map (');
    const shown = /\((-?[\d.]+), (-?[\d.]+)\)/.exec(await chosen.innerText())!;
    expect(Number(shown[1])).toBeCloseTo(lat!, 4);
    expect(Number(shown[2])).toBeCloseTo(lng!, 4);
    await checkA11y(page, 'new-idea form with a place found');
    await fitsAt320(page);
    await screenshots(page, 'idea-new');
    await tabTo(page, 'form.idea-form button[type=submit]');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/ideas\/[\w-]+\?posted=1$/);
    await expect.poll(() => page.getByTestId('idea-title').innerText()).toBe(title);
    expect(await page.locator('.notice.ok').innerText()).toContain('Your idea is posted.');
    expect(await page.locator('.facts').innerText()).toContain('Ward 47');
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // At the top of New, on the board and in the API.
    await page.goto('/ideas');
    await expect.poll(async () => (await cardTitles(page))[0]).toBe(title);
    const first = page.getByTestId('idea-card').first();
    expect(await first.getByTestId('idea-status').innerText()).toContain('Proposed');
    expect(await first.getByTestId('idea-votes').innerText()).toContain('No votes yet');
    expect(await first.getByTestId('idea-response-state').innerText()).toContain(
      'No official response yet',
    );
    const api = await app.gql<{ ideas: { edges: { node: { id: string } }[] } }>(
      `{ ideas(orderBy: NEW, first: 1) { edges { node { id } } } }`,
    );
    expect(api.data!.ideas.edges[0]!.node.id).toBe(id);
    await checkA11y(page, 'ideas board');
    await fitsAt320(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks a signed-out visitor to sign in instead of showing the form', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/ideas/new');
    await page.getByText('Sign in or create an account to propose an idea.').waitFor();
    expect(await page.getByLabel('Title').count()).toBe(0);
    await context.close();
  });
});

describe('voting', () => {
  it('a neighbour votes, the count goes up (live on the author’s page) and Top follows the API', async () => {
    const author = await app.user('RESIDENT');
    const voter = await app.user('RESIDENT');
    const id = await propose(
      author.cookie,
      `Water fountain in Welles Park ${randomUUID().slice(0, 6)}`,
    );

    const authorContext = await newContext(browser, app.url, { cookie: author.cookie });
    const authorPage = await authorContext.newPage();
    await authorPage.goto(`/ideas/${id}`);
    await authorPage.getByTestId('vote-count').waitFor();
    expect(await authorPage.getByTestId('vote-count').innerText()).toBe('No votes yet');
    expect(await authorPage.getByText('You proposed this idea, so you cannot vote').count()).toBe(
      1,
    );

    const context = await newContext(browser, app.url, { cookie: voter.cookie });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`/ideas/${id}`);
    const vote = page.getByRole('button', { name: 'Vote for this idea' });
    await vote.waitFor();
    await vote.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('vote-count').innerText()).toBe('1 vote');
    await page.getByRole('button', { name: 'Take back my vote' }).waitFor();
    expect(await page.getByText('You voted for this idea.').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('announcer').innerText())
      .toBe('Your vote is counted. 1 vote.');
    // The author's open page caught up without a reload.
    await expect.poll(() => authorPage.getByTestId('vote-count').innerText()).toBe('1 vote');
    // Voting follows the idea.
    expect(await page.getByTestId('follow-state').innerText()).toBe('You follow this idea.');

    // Top: two more votes by API make it 3; the board shows the API's order.
    for (let i = 0; i < 2; i++) {
      const other = await app.user('RESIDENT');
      await app.gql(VOTE, { id }, other.cookie);
    }
    await page.goto('/ideas?order=top');
    const api = await app.gql<{
      ideas: { edges: { node: { id: string; title: string; voteCount: number } }[] };
    }>(TOP);
    const expected = api.data!.ideas.edges.map((e) => e.node.title);
    const counts = api.data!.ideas.edges.map((e) => e.node.voteCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(api.data!.ideas.edges.map((e) => e.node.id)).toContain(id);
    await expect.poll(() => cardTitles(page)).toEqual(expected);
    expect(
      await page.getByRole('link', { name: 'Top', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    const card = page.getByTestId('idea-card').filter({ hasText: 'Water fountain in Welles Park' });
    expect(await card.getByTestId('idea-votes').innerText()).toContain('3 votes');

    // Taking the vote back.
    await page.goto(`/ideas/${id}`);
    await page.getByRole('button', { name: 'Take back my vote' }).click();
    await expect.poll(() => page.getByTestId('vote-count').innerText()).toBe('2 votes');
    await page.getByRole('button', { name: 'Vote for this idea' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
    await authorContext.close();
  });

  it('shows a signed-out visitor no vote button but a sign-in link', async () => {
    const author = await app.user('RESIDENT');
    const id = await propose(
      author.cookie,
      `Crosswalk at Lincoln and Wilson ${randomUUID().slice(0, 6)}`,
    );
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto(`/ideas/${id}`);
    const link = page.getByRole('link', { name: 'Sign in to vote' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      `/signin?next=${encodeURIComponent(`/ideas/${id}`)}`,
    );
    expect(await page.getByRole('button', { name: 'Vote for this idea' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Respond officially' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sign in to join the discussion' }).count()).toBe(
      1,
    );
    await context.close();
  });
});

describe('official response', () => {
  it('staff respond in the browser and the resident’s open page shows it live, with its status', async () => {
    const author = await app.user('RESIDENT');
    const staff = await app.user('STAFF', 'CDOT');
    const title = `Speed humps on Wilson Avenue ${randomUUID().slice(0, 6)}`;
    const id = await propose(author.cookie, title);

    const residentContext = await newContext(browser, app.url, { cookie: author.cookie });
    const residentPage = await residentContext.newPage();
    const residentErrors = pageErrors(residentPage);
    await residentPage.goto(`/ideas/${id}`);
    await residentPage.getByTestId('no-response').waitFor();
    expect(await residentPage.getByRole('heading', { name: 'Respond officially' }).count()).toBe(0);

    const staffContext = await newContext(browser, app.url, { cookie: staff.cookie });
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`/ideas/${id}`);
    const form = staffPage.getByTestId('respond-form');
    await form.waitFor();
    // Field errors first: nothing chosen.
    await form.getByRole('button', { name: 'Publish the response' }).click();
    await staffPage.locator('#respond-status-error').waitFor();
    expect(await staffPage.locator('#respond-status-error').innerText()).toContain(
      'Choose the new status.',
    );
    expect(await staffPage.getByLabel('New status').getAttribute('aria-invalid')).toBe('true');
    await staffPage.getByLabel('New status').selectOption('PLANNED');
    await staffPage
      .getByLabel('Public response')
      .fill('CDOT will install speed humps on Wilson Avenue this summer.');
    await checkA11y(staffPage, 'idea page (staff, respond form)');
    await form.getByRole('button', { name: 'Publish the response' }).click();
    await staffPage.getByTestId('official-response').waitFor();

    // The resident's page, not reloaded, shows the response at the top with its status text.
    const official = residentPage.getByTestId('official-response');
    await official.waitFor();
    const text = await official.innerText();
    expect(text).toContain('Official response from the city');
    expect(text).toContain('CDOT will install speed humps on Wilson Avenue this summer.');
    expect(text).toContain('Planned');
    expect(text).toContain('Test STAFF');
    expect(text).toMatch(/Department of Transportation|CDOT/);
    await expect
      .poll(() => residentPage.locator('.idea-head').getByTestId('idea-status').innerText())
      .toContain('Planned');
    await expect
      .poll(() => residentPage.getByTestId('announcer').innerText())
      .toBe('The city responded to this idea: Planned.');
    expect(await residentPage.getByTestId('no-response').count()).toBe(0);
    // The response comes before the idea's text and actions.
    const order = await residentPage.evaluate(() => {
      const a = document.querySelector('[data-testid="official-response"]')!;
      const b = document.querySelector('.idea-body')!;
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await checkA11y(residentPage, 'idea page (resident, with official response)');
    await fitsAt320(residentPage);
    await screenshots(residentPage, 'idea');
    expect(residentErrors).toEqual([]);

    // The board says it was answered.
    await residentPage.goto('/ideas');
    const card = residentPage.getByTestId('idea-card').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('idea-response-state').innerText()).toContain(
      'The city answered on',
    );
    expect(await card.getByTestId('idea-status').innerText()).toContain('Planned');
    await screenshots(residentPage, 'ideas');
    await staffContext.close();
    await residentContext.close();
  });
});

describe('the board', () => {
  it('filters by status, area and service, groups by status, and pages with "Show more"', async () => {
    type Page1 = { ideas: { totalCount: number; edges: { node: { title: string } }[] } };
    const list = async (args: string) =>
      (await app.gql<Page1>(`{ ideas(${args}) { totalCount edges { node { title } } } }`)).data!
        .ideas;
    const pothole = await app.user('RESIDENT');
    const potholeTitle = `Fill potholes before winter ${randomUUID().slice(0, 6)}`;
    const made = await app.gql(
      PROPOSE,
      {
        input: {
          title: potholeTitle,
          body: 'Every winter the same holes open up again on our street; fix them for good.',
          serviceCode: POTHOLE,
        },
      },
      pothole.cookie,
    );
    expect(made.errors).toBeUndefined();

    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/ideas');
    await page.getByTestId('idea-card').first().waitFor();

    // Status.
    await page.getByLabel('Status').selectOption('PLANNED');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=PLANNED/);
    const planned = await list('filter: { status: [PLANNED] }');
    expect(planned.totalCount).toBeGreaterThan(0);
    await expect.poll(() => cardTitles(page)).toEqual(planned.edges.map((e) => e.node.title));
    expect(await page.getByTestId('idea-count').innerText()).toBe(
      planned.totalCount === 1 ? '1 idea' : `${planned.totalCount} ideas`,
    );

    // Area (ward 47 holds the keyboard-proposed idea), status cleared.
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Ward or community area').selectOption({ label: 'Ward 47' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/area=/);
    const areaId = new URL(page.url()).searchParams.get('area')!;
    const inWard = await list(`filter: { areaId: "${areaId}" }`);
    expect(inWard.edges.some((e) => e.node.title.startsWith('Benches at Leland'))).toBe(true);
    await expect.poll(() => cardTitles(page)).toEqual(inWard.edges.map((e) => e.node.title));

    // Service.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.search.includes('area='));
    await page.getByLabel('City service').selectOption(POTHOLE);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/service=/);
    await expect.poll(() => cardTitles(page)).toEqual([potholeTitle]);

    // By status: grouped under status headings, in the API's order.
    await page.goto('/ideas?order=status');
    const byStatus = await list('orderBy: STATUS, first: 20');
    await expect.poll(() => cardTitles(page)).toEqual(byStatus.edges.map((e) => e.node.title));
    const groups = await page.locator('section.group h2').allInnerTexts();
    expect(groups[0]).toContain('Proposed');
    // one heading per status on this page, in the API's order (other files' ideas may fill page 1)
    const statuses = (
      await app.gql<any>(`{ ideas(orderBy: STATUS, first: 20) { edges { node { status } } } }`)
    ).data!.ideas.edges.map((e: any) => e.node.status as string);
    expect(groups).toHaveLength(new Set(statuses).size);
    await checkA11y(page, 'ideas board (by status)');

    // Paging: more than one page of 20.
    for (let a = 0; a < 4; a++) {
      const author = await app.user('RESIDENT');
      for (let i = 0; i < 5; i++)
        await propose(author.cookie, `Paging idea ${a}-${i} ${randomUUID().slice(0, 4)}`);
    }
    const all = await list('orderBy: NEW, first: 100');
    expect(all.totalCount).toBeGreaterThan(20);
    await page.goto('/ideas');
    await expect.poll(() => page.getByTestId('idea-card').count()).toBe(20);
    await page.getByRole('button', { name: 'Show more ideas' }).click();
    await expect
      .poll(() => page.getByTestId('idea-card').count())
      .toBe(Math.min(40, all.totalCount));
    expect(await cardTitles(page)).toEqual(all.edges.slice(0, 40).map((e) => e.node.title));
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('discussion, follow and report', () => {
  it('a comment appears live on a neighbour’s open page; replies nest; follow and report work', async () => {
    const author = await app.user('RESIDENT');
    const neighbour = await app.user('RESIDENT');
    const id = await propose(
      author.cookie,
      `Tree planting on Giddings ${randomUUID().slice(0, 6)}`,
    );
    const authorContext = await newContext(browser, app.url, { cookie: author.cookie });
    const authorPage = await authorContext.newPage();
    await authorPage.goto(`/ideas/${id}`);
    await authorPage.getByText('No comments yet. Start the discussion.').waitFor();

    const context = await newContext(browser, app.url, { cookie: neighbour.cookie });
    const page = await context.newPage();
    await page.goto(`/ideas/${id}`);
    await page.getByLabel('Add to the discussion').fill('Yes! Lindens please, they smell lovely.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByTestId('comments').getByText('Yes! Lindens please').waitFor();

    // Live on the author's page, announced.
    await authorPage.getByTestId('comments').getByText('Yes! Lindens please').waitFor();
    await expect
      .poll(() => authorPage.getByTestId('announcer').innerText())
      .toBe('New comment from Test RESIDENT');
    // The author replies by keyboard.
    const reply = authorPage.getByRole('button', { name: /^Reply/ });
    await reply.focus();
    await authorPage.keyboard.press('Enter');
    await authorPage.keyboard.type('Lindens it is.');
    await authorPage.getByRole('button', { name: 'Post reply' }).click();
    await page.getByRole('list', { name: 'Replies' }).getByText('Lindens it is.').waitFor();
    expect(await page.getByRole('heading', { name: 'Discussion (2 comments)' }).count()).toBe(1);

    // Follow: the commenter follows; stop and start again.
    await expect
      .poll(() => page.getByTestId('follow-state').innerText())
      .toBe('You follow this idea.');
    await page.getByRole('button', { name: 'Stop following' }).click();
    await expect
      .poll(() => page.getByTestId('follow-state').innerText())
      .toBe('You do not follow this idea.');
    await page.getByRole('button', { name: 'Follow this idea' }).click();
    await expect
      .poll(() => page.getByTestId('follow-state').innerText())
      .toBe('You follow this idea.');

    // Report to moderators, with a field error first.
    await page.getByRole('button', { name: 'Report this idea to moderators' }).click();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.locator('#flag-error').waitFor();
    expect(await page.getByLabel('What is wrong with it?').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.getByLabel('What is wrong with it?').fill('Advertising a private business.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.locator('p.notice').getByText('Thank you. A moderator will look at it.').waitFor();
    const flags = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM flags WHERE target_id = $1`,
      [Buffer.from(id, 'base64url').toString('utf8').split(':')[1]],
    )) as [{ n: number }];
    expect(flags[0].n).toBe(1);
    await checkA11y(page, 'idea page (resident, discussion)');
    await context.close();
    await authorContext.close();
  });

  it('shows an idea hidden by a moderator as hidden, neutrally', async () => {
    const author = await app.user('RESIDENT');
    const id = await propose(
      author.cookie,
      `Something a moderator hid ${randomUUID().slice(0, 6)}`,
    );
    await app.dataSource.query(`UPDATE ideas SET hidden_at = now() WHERE id = $1`, [
      Buffer.from(id, 'base64url').toString('utf8').split(':')[1],
    ]);
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto(`/ideas/${id}`);
    await page.getByTestId('idea-hidden').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Hidden by a moderator');
    expect(await page.getByText('Something a moderator hid').count()).toBe(0);
    await context.close();
  });
});

describe('in Spanish', () => {
  it('labels the board in Spanish with ?lang=es', async () => {
    const author = await app.user('RESIDENT');
    await propose(author.cookie, `Más bancos en la plaza ${randomUUID().slice(0, 6)}`);
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/ideas?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Ideas para la ciudad' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Ordenar ideas' });
    expect(await tabs.getByRole('link').allInnerTexts()).toEqual([
      'Nuevas',
      'Más votadas',
      'En tendencia',
      'Por estado',
    ]);
    expect(await page.getByRole('link', { name: 'Proponer una idea' }).count()).toBe(1);
    expect(await page.getByLabel('Estado').count()).toBe(1);
    expect(await page.getByLabel('Distrito o área comunitaria').count()).toBe(1);
    const first = page.getByTestId('idea-card').first();
    await first.waitFor();
    expect(await first.getByTestId('idea-status').innerText()).toContain('Propuesta');
    expect(await first.getByTestId('idea-votes').innerText()).toContain('Sin votos todavía');
    expect(await page.title()).toBe('Ideas para la ciudad · Stoop');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await checkA11y(page, 'ideas board (Spanish)');
    await context.close();
  });
});
