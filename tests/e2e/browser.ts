/// <reference lib="dom" />
/**
 * Browser tests: Debian's Chromium driven by playwright-core against the built web app served by a
 * real Stoop server (tests/api/harness.ts) on the seeded PostGIS database. No internet: street
 * tiles are off (PUBLIC_STOOP_TILE_URL=none), the app draws what Stoop serves.
 *
 * `checkA11y` runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the page and fails with the
 * violations listed; `screenshots` saves phone and desktop captures to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

process.env.PUBLIC_STOOP_TILE_URL = 'none';

/** Starts headless Chromium with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A fresh context (own cookies), optionally in a language and with a session cookie.
 * `deviceScaleFactor: 2` on a 640 px viewport is how Chromium lays out a 1280 px window at 200%.
 */
export async function newContext(
  browser: Browser,
  baseURL: string,
  options: {
    locale?: string;
    cookie?: string;
    width?: number;
    height?: number;
    deviceScaleFactor?: number;
  } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    timezoneId: 'America/Chicago',
  });
  if (options.cookie) {
    const [name, ...rest] = options.cookie.split(';')[0]!.split('=');
    await context.addCookies([{ name: name!, value: rest.join('='), url: baseURL }]);
  }
  context.setDefaultTimeout(15_000);
  return context;
}

/** Runs axe-core in the page and fails on any WCAG A/AA violation. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ content: axe.source });
  // Map markers are exempt from target size alone (WCAG 2.5.8 "equivalent": every page with a map
  // lists the same requests as links beside it); markers of nearby requests overlap at city zoom.
  const result = (await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const all = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'target-size': { enabled: false } },
    });
    const size = await w.axe.run({ exclude: [['.leaflet-marker-pane']] } as never, {
      runOnly: { type: 'rule', values: ['target-size'] },
    });
    return { ...all, violations: [...all.violations, ...size.violations] };
  })) as axe.AxeResults;
  const problems = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n    ')}`,
  );
  expect(problems, `axe-core violations on ${label}`).toEqual([]);
}

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** Saves the page at phone (390 px) and desktop (1280 px) widths. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: false });
  if (original) await page.setViewportSize(original);
}

/** Collects uncaught page errors, so a test can assert there were none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
