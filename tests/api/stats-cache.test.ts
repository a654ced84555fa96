/**
 * The dashboard cache: with STOOP_STATS_CACHE_SECONDS, the same filter is answered from memory
 * within the window (a new request does not show yet), a different filter is computed, and
 * without a cache every answer is fresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const QUERY = `query($filter: StatsFilter) { stats(filter: $filter) { totals { opened } } }`;

let cached: TestApp;
let fresh: TestApp;

beforeAll(async () => {
  cached = await startTestApp({ statsCacheSeconds: 60 });
  fresh = await startTestApp();
});
afterAll(async () => {
  await cached.close();
  await fresh.close();
});

const opened = async (app: TestApp, filter: Record<string, unknown>) =>
  (await app.gql<any>(QUERY, { filter })).data!.stats.totals.opened as number;

describe('stats cache', () => {
  it('serves the same filter from memory within the window; without a cache it is fresh', async () => {
    const filter = { serviceCodes: [POTHOLE] };
    const before = await opened(cached, filter);
    expect(await opened(fresh, filter)).toBe(before);
    const resident = await fresh.user('RESIDENT');
    const submitted = await fresh.gql<any>(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
      {
        input: {
          serviceCode: POTHOLE,
          location: { latitude: 41.96679, longitude: -87.67859 },
          attributes: [
            { code: 'location_on_street', value: 'curb_lane' },
            { code: 'depth', value: 'over_4in' },
          ],
        },
      },
      resident.cookie,
    );
    expect(submitted.errors).toBeUndefined();
    expect(await opened(fresh, filter)).toBe(before + 1);
    expect(await opened(cached, filter)).toBe(before); // a minute behind at most
    // another filter is its own entry, computed now (the new request came in through WEB)
    const web = { serviceCodes: [POTHOLE], channels: ['WEB'] };
    expect(await opened(cached, web)).toBe(await opened(fresh, web));
  });
});
