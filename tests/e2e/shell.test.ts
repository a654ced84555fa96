/**
 * The shell every page shares: the first HTML response (language, share tags), skip link,
 * navigation, language switcher, and axe-core on the home page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import { checkA11y, launchBrowser, newContext, pageErrors } from './browser.js';

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

describe('first HTML response', () => {
  it('sets the language from ?lang, then the cookie, then Accept-Language', async () => {
    const es = await fetch(`${app.url}/?lang=es`);
    expect(es.status).toBe(200);
    expect(await es.text()).toContain('<html lang="es">');
    expect(es.headers.get('set-cookie')).toContain('stoop_lang=es');
    const cookie = await fetch(`${app.url}/`, { headers: { cookie: 'stoop_lang=es' } });
    expect(await cookie.text()).toContain('<html lang="es">');
    const accept = await fetch(`${app.url}/`, {
      headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' },
    });
    expect(await accept.text()).toContain('<html lang="es">');
    const plain = await fetch(`${app.url}/`, { headers: { 'accept-language': 'fr-FR' } });
    expect(await plain.text()).toContain('<html lang="en">');
  });

  it('puts a request’s public text in OpenGraph and Twitter tags, and nothing private', async () => {
    const r = await app.gql<{
      serviceRequests: {
        edges: {
          node: { trackingNumber: string; description: string; service: { name: string } };
        }[];
      };
    }>(
      `{ serviceRequests(first: 1, filter: { status: OPEN }) { edges { node { trackingNumber description service { name } } } } }`,
    );
    const sr = r.data!.serviceRequests.edges[0]!.node;
    const html = await (await fetch(`${app.url}/requests/${sr.trackingNumber}`)).text();
    expect(html).toContain(
      `<meta property="og:title" content="${sr.service.name} · ${sr.trackingNumber}"`,
    );
    expect(html).toContain('<meta name="twitter:card"');
    expect(html).toContain(`<title>${sr.service.name} · ${sr.trackingNumber} · Stoop</title>`);
    expect(html).not.toMatch(/@[\w.-]+\.\w+/); // no e-mail address of anyone
  });

  it('escapes what residents wrote inside the tags', async () => {
    const resident = await app.user('RESIDENT');
    const created = await app.gql<any>(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { trackingNumber } } }`,
      {
        input: {
          serviceCode: '4fd3b656e750846c53000004', // pothole
          attributes: [
            { code: 'location_on_street', value: 'curb_lane' },
            { code: 'depth', value: 'over_4in' },
          ],
          description: 'Pothole "quoted" <script>alert(1)</script> & more',
          location: { latitude: 41.96679, longitude: -87.67859 },
        },
      },
      resident.cookie,
    );
    const tn = created.data?.submitServiceRequest?.serviceRequest?.trackingNumber;
    expect(tn, JSON.stringify(created.errors)).toBeTruthy();
    const html = await (await fetch(`${app.url}/requests/${tn}`)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});

describe('the shell in a browser', () => {
  it('has a skip link to main, working navigation and a language switcher, and passes axe', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Report a problem' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await checkA11y(page, 'home (shell)');
    await page.getByLabel('Language').selectOption('es');
    const navEs = page.getByRole('navigation', { name: 'Principal' });
    await expect
      .poll(() => navEs.getByRole('link', { name: 'Reportar un problema' }).count())
      .toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves the language chosen in the header to a signed-in account', async () => {
    const resident = await app.user('RESIDENT');
    const context = await newContext(browser, app.url, { cookie: resident.cookie });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'My Stoop' }).waitFor();
    await page.getByLabel('Language').selectOption('es');
    await expect
      .poll(
        async () =>
          (await app.gql<any>('{ viewer { locale } }', {}, resident.cookie)).data!.viewer.locale,
      )
      .toBe('es');
    // a fresh browser of the same account opens in Spanish
    const again = await newContext(browser, app.url, { cookie: resident.cookie });
    const page2 = await again.newPage();
    await page2.goto('/');
    await page2.getByRole('navigation', { name: 'Principal' }).waitFor();
    await context.close();
    await again.close();
  });
});
