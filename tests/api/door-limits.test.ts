/**
 * Limits on the doors that are not GraphQL: exports (heavy streams) per IP, and inbound texts per
 * sending phone (the SMS provider calls from a few addresses, so the key is the phone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ exportRateLimitPerMinute: 3, smsRateLimitPerMinute: 2 });
});
afterAll(() => app.close());

describe('door limits', () => {
  it('answers the fourth export in a minute from one address with 429 RATE_LIMITED', async () => {
    const url = `${app.url}/export/requests.csv?from=2099-01-01T00:00:00Z`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await fetch(url);
      statuses.push(res.status);
      if (res.status === 429) {
        const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
        expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
      } else {
        await res.text();
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('limits texts per phone, not per address: another phone still gets through', async () => {
    const text = (from: string) =>
      fetch(`${app.url}/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ From: from, Body: 'HELP' }),
      });
    const a = [await text('+13125550901'), await text('+13125550901'), await text('+13125550901')];
    expect(a.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(await a[2]!.text()).toContain('Too many messages');
    const b = await text('+13125550902');
    expect(b.status).toBe(200);
    expect(await b.text()).toContain('<Response>');
  });
});
