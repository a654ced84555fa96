/**
 * Transparency over real HTTP and PostGIS: `stats` against SQL and hand-computed values on the
 * seeded Chicago data and on synthetic requests with controlled times (closed never counts as
 * fixed), `completionEstimate` and its city fallback with a fixed clock (and the `expectedAt` it
 * gives new requests), and `mapClusters` read from the trigger-maintained grid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const GRAFFITI = '4fd3b167e750846744000005';
/** Near Damen & Leland, Lincoln Square (community area 4). */
const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };
/** Beverly (community area 72). */
const BEVERLY = { latitude: 41.7142, longitude: -87.6771 };
/** The fixed "now" of the app under test. */
const NOW = new Date('2030-06-01T12:00:00Z');
const DAY = 86_400_000;
const CITY = { west: -87.95, south: 41.63, east: -87.5, north: 42.03 };

let app: TestApp;
let serial = 0;

/** Inserts a request with controlled times straight into the table (as an import would). */
async function insertRequest(options: {
  code: string;
  at: { latitude: number; longitude: number };
  requestedAt: Date;
  detailedStatus: string;
  closedAfterDays?: number;
  /** The promise: expected this many days after the request. */
  expectedAfterDays?: number;
}): Promise<string> {
  serial += 1;
  const closed = options.detailedStatus !== 'IN_PROGRESS' && options.detailedStatus !== 'SUBMITTED';
  const closedAt =
    closed && options.closedAfterDays !== undefined
      ? new Date(options.requestedAt.getTime() + options.closedAfterDays * DAY)
      : null;
  const expectedAt =
    options.expectedAfterDays !== undefined
      ? new Date(options.requestedAt.getTime() + options.expectedAfterDays * DAY)
      : null;
  const [row] = (await app.dataSource.query(
    `INSERT INTO service_requests (tracking_number, service_definition_id, description, location,
            ward, community_area, status, detailed_status, agency_id, channel, requested_at,
            updated_at, closed_at, expected_at)
     SELECT $1, s.id, '', p.g,
            (SELECT number FROM areas WHERE kind = 'WARD' AND ST_Covers(boundary, p.g)),
            (SELECT number FROM areas WHERE kind = 'COMMUNITY_AREA' AND ST_Covers(boundary, p.g)),
            $2, $3, s.agency_id, 'WEB', $4::timestamptz, COALESCE($5::timestamptz, $4::timestamptz),
            $5::timestamptz, $9::timestamptz
       FROM service_definitions s,
            (SELECT ST_SetSRID(ST_MakePoint($6, $7), 4326) AS g) p
      WHERE s.code = $8
     RETURNING id`,
    [
      `ST29-${String(serial).padStart(8, '0')}`,
      closed ? 'CLOSED' : 'OPEN',
      options.detailedStatus,
      options.requestedAt,
      closedAt,
      options.at.longitude,
      options.at.latitude,
      options.code,
      expectedAt,
    ],
  )) as [{ id: string }];
  return row.id;
}

/** `percentile_cont` in JavaScript. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const TOTALS = `query Stats($filter: StatsFilter) {
  stats(filter: $filter) {
    totals {
      opened closedCompleted closedNotFixed duplicates stillOpen
      medianDaysToComplete p90DaysToComplete medianDaysToClose p90DaysToClose
      onTimeShare onTimeSample
    }
  }
}`;

beforeAll(async () => {
  app = await startTestApp({ clock: () => NOW });
});

afterAll(async () => {
  await app.dataSource.query(`DELETE FROM service_requests WHERE tracking_number LIKE 'ST29-%'`);
  await app.close();
});

describe('stats on the seeded data', () => {
  /** Chicago's 1 January 2021. */
  const filter = { from: '2021-01-01T06:00:00.000Z', to: '2021-01-02T06:00:00.000Z' };

  it('counts each outcome as SQL does, and only COMPLETED as fixed', async () => {
    const res = await app.gql(TOTALS, { filter });
    expect(res.errors).toBeUndefined();
    const rows = (await app.dataSource.query(
      `SELECT r.detailed_status, r.status, count(*)::int AS n
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.requested_at >= $1 AND r.requested_at < $2
        GROUP BY 1, 2`,
      [filter.from, filter.to],
    )) as { detailed_status: string; status: string; n: number }[];
    const sum = (pred: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(pred).reduce((a, r) => a + r.n, 0);
    const totals = res.data!.stats.totals;
    expect(totals.opened).toBe(sum(() => true));
    expect(totals.opened).toBeGreaterThan(500);
    expect(totals.closedCompleted).toBe(sum((r) => r.detailed_status === 'COMPLETED'));
    expect(totals.closedNotFixed).toBe(
      sum((r) => r.detailed_status === 'CLOSED_NOT_FIXED' || r.detailed_status === 'CANCELED'),
    );
    expect(totals.duplicates).toBe(sum((r) => r.detailed_status === 'DUPLICATE'));
    expect(totals.stillOpen).toBe(sum((r) => r.status === 'OPEN'));
    expect(
      totals.closedCompleted + totals.closedNotFixed + totals.duplicates + totals.stillOpen,
    ).toBe(totals.opened);
    expect(totals.closedCompleted).toBeLessThan(sum((r) => r.status === 'CLOSED'));
  });

  it('computes median and 90th percentile like a JavaScript percentile_cont over the rows', async () => {
    const areaRes = await app.gql(`{ areas(kind: WARD) { id number } }`);
    const ward = (areaRes.data!.areas as { id: string; number: number }[]).find(
      (a) => a.number === 42,
    )!;
    const res = await app.gql(TOTALS, { filter: { areaId: ward.id, serviceCodes: null } });
    expect(res.errors).toBeUndefined();
    const rows = (await app.dataSource.query(
      `SELECT r.detailed_status, extract(epoch FROM r.closed_at - r.requested_at)::float8 AS secs
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.ward = 42 AND r.status = 'CLOSED' AND r.closed_at IS NOT NULL`,
    )) as { detailed_status: string; secs: number }[];
    const completed = rows
      .filter((r) => r.detailed_status === 'COMPLETED')
      .map((r) => r.secs / 86400);
    const closed = rows.map((r) => r.secs / 86400);
    expect(completed.length).toBeGreaterThan(20);
    const t = res.data!.stats.totals;
    expect(t.medianDaysToComplete).toBeCloseTo(percentile(completed, 0.5)!, 6);
    expect(t.p90DaysToComplete).toBeCloseTo(percentile(completed, 0.9)!, 6);
    expect(t.medianDaysToClose).toBeCloseTo(percentile(closed, 0.5)!, 6);
    expect(t.p90DaysToClose).toBeCloseTo(percentile(closed, 0.9)!, 6);
  });

  it('splits by Chicago day, lists top services and compares every community area', async () => {
    const res = await app.gql(
      `query($filter: StatsFilter) {
        stats(filter: $filter) {
          byPeriod { start label opened stillOpen }
          topServices(limit: 3) { code name opened }
          byArea(kind: COMMUNITY_AREA) { number name opened stillOpen medianDaysToComplete }
        }
      }`,
      { filter: { to: '2021-01-03T06:00:00.000Z', period: 'DAY' } },
    );
    expect(res.errors).toBeUndefined();
    const days = (await app.dataSource.query(
      `SELECT to_char(r.requested_at AT TIME ZONE 'America/Chicago', 'YYYY-MM-DD') AS label,
              count(*)::int AS n
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.requested_at < '2021-01-03T06:00:00Z'
        GROUP BY 1 ORDER BY 1`,
    )) as { label: string; n: number }[];
    const stats = res.data!.stats;
    expect(
      stats.byPeriod.map((b: { label: string; opened: number }) => [b.label, b.opened]),
    ).toEqual(days.map((d) => [d.label, d.n]));
    expect(stats.byPeriod[0].label).toBe('2021-01-01');
    expect(stats.byPeriod[0].start).toBe('2021-01-01T06:00:00.000Z');

    const top = (await app.dataSource.query(
      `SELECT s.code, count(*)::int AS n
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.requested_at < '2021-01-03T06:00:00Z'
        GROUP BY s.code ORDER BY 2 DESC, 1 LIMIT 3`,
    )) as { code: string; n: number }[];
    expect(
      stats.topServices.map((s: { code: string; opened: number }) => [s.code, s.opened]),
    ).toEqual(top.map((t) => [t.code, t.n]));

    const areas = (await app.dataSource.query(
      `SELECT r.community_area AS number, count(*)::int AS n
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.requested_at < '2021-01-03T06:00:00Z'
          AND r.community_area IS NOT NULL
        GROUP BY 1`,
    )) as { number: number; n: number }[];
    expect(stats.byArea).toHaveLength(77);
    for (const a of stats.byArea as { number: number; opened: number }[]) {
      expect(a.opened).toBe(areas.find((x) => x.number === a.number)?.n ?? 0);
    }
  });

  it('rejects a reversed range with the field', async () => {
    const res = await app.gql(TOTALS, {
      filter: { from: '2021-01-02T00:00:00Z', to: '2021-01-01T00:00:00Z' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('filter.to');
  });
});

describe('stats on synthetic requests with controlled times', () => {
  const from = '2029-03-01T06:00:00.000Z';
  const to = '2029-04-01T05:00:00.000Z';
  let openId: string;

  beforeAll(async () => {
    const at = (day: number) => new Date(Date.UTC(2029, 2, day, 15));
    // potholes (SLA 7 days) in Lincoln Square: completed after 1, 2, 3 and 10 days (promised
    // 2, 1, 3 and 7: kept, broken, kept on the day, broken), one closed not fixed after 2 days
    // (promised 5), one duplicate after half a day (promised 4), one still open (promised 7, long
    // overdue by NOW)
    for (const [day, days, promised] of [
      [2, 1, 2],
      [3, 2, 1],
      [4, 3, 3],
      [5, 10, 7],
    ] as const) {
      await insertRequest({
        code: POTHOLE,
        at: LINCOLN_SQUARE,
        requestedAt: at(day),
        detailedStatus: 'COMPLETED',
        closedAfterDays: days,
        expectedAfterDays: promised,
      });
    }
    await insertRequest({
      code: POTHOLE,
      at: LINCOLN_SQUARE,
      requestedAt: at(6),
      detailedStatus: 'CLOSED_NOT_FIXED',
      closedAfterDays: 2,
      expectedAfterDays: 5,
    });
    await insertRequest({
      code: POTHOLE,
      at: LINCOLN_SQUARE,
      requestedAt: at(7),
      detailedStatus: 'DUPLICATE',
      closedAfterDays: 0.5,
      expectedAfterDays: 4,
    });
    openId = await insertRequest({
      code: POTHOLE,
      at: LINCOLN_SQUARE,
      requestedAt: at(8),
      detailedStatus: 'IN_PROGRESS',
      expectedAfterDays: 7,
    });
    // graffiti (SLA 7 days) in Beverly: completed after 4 days (promised 3), canceled after 1
    // (never promised)
    await insertRequest({
      code: GRAFFITI,
      at: BEVERLY,
      requestedAt: at(9),
      detailedStatus: 'COMPLETED',
      closedAfterDays: 4,
      expectedAfterDays: 3,
    });
    await insertRequest({
      code: GRAFFITI,
      at: BEVERLY,
      requestedAt: at(10),
      detailedStatus: 'CANCELED',
      closedAfterDays: 1,
    });
  });

  it('gives hand-computed totals, percentiles and SLA share', async () => {
    const res = await app.gql(TOTALS, { filter: { from, to, serviceCodes: [POTHOLE] } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.stats.totals).toEqual({
      opened: 7,
      closedCompleted: 4,
      closedNotFixed: 1,
      duplicates: 1,
      stillOpen: 1,
      // completed: 1, 2, 3, 10 days
      medianDaysToComplete: 2.5,
      p90DaysToComplete: expect.closeTo(7.9, 9) as number,
      // every closed: 0.5, 1, 2, 2, 3, 10 days
      medianDaysToClose: 2,
      p90DaysToClose: expect.closeTo(6.5, 9) as number,
      // sample: 4 completed, 1 not fixed, 1 open past its deadline (the duplicate is left out);
      // on time: the 3 completed within 7 days
      onTimeShare: 0.5,
      onTimeSample: 6,
    });
  });

  it('compares areas: the synthetic requests are all in Lincoln Square', async () => {
    const res = await app.gql(
      `query($filter: StatsFilter) {
        stats(filter: $filter) { byArea(kind: COMMUNITY_AREA) { number name opened stillOpen medianDaysToComplete onTimeShare onTimeSample } }
      }`,
      { filter: { from, to, serviceCodes: [POTHOLE] } },
    );
    expect(res.errors).toBeUndefined();
    const busy = (res.data!.stats.byArea as { opened: number }[]).filter((a) => a.opened > 0);
    expect(busy).toEqual([
      {
        number: 4,
        name: expect.stringMatching(/lincoln square/i) as string,
        opened: 7,
        stillOpen: 1,
        medianDaysToComplete: 2.5,
        onTimeShare: 0.5,
        onTimeSample: 6,
      },
    ]);
  });

  it('publishes promised against actual per service, per area and in total', async () => {
    const FIGURES = `opened closedCompleted closedNotFixed duplicates stillOpen medianDaysToComplete
      p90DaysToComplete onTimeShare onTimeSample medianPromisedDays promiseSample promiseKeptShare`;
    const res = await app.gql(
      `query($filter: StatsFilter) {
        stats(filter: $filter) {
          totals { ${FIGURES} }
          topServices(limit: 5) { code slaDays ${FIGURES} }
          byArea(kind: COMMUNITY_AREA) { number ${FIGURES} }
        }
      }`,
      { filter: { from, to } },
    );
    expect(res.errors).toBeUndefined();
    const pothole = {
      opened: 7,
      closedCompleted: 4,
      closedNotFixed: 1,
      duplicates: 1,
      stillOpen: 1,
      medianDaysToComplete: 2.5,
      p90DaysToComplete: expect.closeTo(7.9, 9) as number,
      onTimeShare: 0.5,
      onTimeSample: 6,
      // promised 1, 2, 3, 4, 5, 7, 7 days (the duplicate was promised too)
      medianPromisedDays: 4,
      // known outcomes: 4 completed, 1 not fixed, 1 open past its date; kept: 2 (1 ≤ 2, 3 ≤ 3)
      promiseSample: 6,
      promiseKeptShare: expect.closeTo(1 / 3, 9) as number,
    };
    const graffiti = {
      opened: 2,
      closedCompleted: 1,
      closedNotFixed: 1,
      duplicates: 0,
      stillOpen: 0,
      medianDaysToComplete: 4,
      p90DaysToComplete: 4,
      // both closed: the completed one within 7 days, the canceled one never on time
      onTimeShare: 0.5,
      onTimeSample: 2,
      medianPromisedDays: 3,
      // only the completed one had a date, and it came a day late
      promiseSample: 1,
      promiseKeptShare: 0,
    };
    const stats = res.data!.stats;
    expect(stats.topServices).toEqual([
      { code: POTHOLE, slaDays: 7, ...pothole },
      { code: GRAFFITI, slaDays: 7, ...graffiti },
    ]);
    const busy = (stats.byArea as { opened: number }[]).filter((a) => a.opened > 0);
    expect(busy).toEqual([
      { number: 4, ...pothole },
      { number: 72, ...graffiti },
    ]);
    // an area without requests has zeros and no figures, not an error
    expect((stats.byArea as { number: number }[]).find((a) => a.number === 1)).toEqual({
      number: 1,
      opened: 0,
      closedCompleted: 0,
      closedNotFixed: 0,
      duplicates: 0,
      stillOpen: 0,
      medianDaysToComplete: null,
      p90DaysToComplete: null,
      onTimeShare: null,
      onTimeSample: 0,
      medianPromisedDays: null,
      promiseSample: 0,
      promiseKeptShare: null,
    });
    expect(stats.totals).toEqual({
      opened: 9,
      closedCompleted: 5,
      closedNotFixed: 2,
      duplicates: 1,
      stillOpen: 1,
      // completed: 1, 2, 3, 4, 10 days
      medianDaysToComplete: 3,
      p90DaysToComplete: expect.closeTo(7.6, 9) as number,
      onTimeShare: 0.5,
      onTimeSample: 8,
      // promised 1, 2, 3, 3, 4, 5, 7, 7 days
      medianPromisedDays: 3.5,
      promiseSample: 7,
      promiseKeptShare: expect.closeTo(2 / 7, 9) as number,
    });
  });

  it('a request closed as not fixed raises closedNotFixed, never closedCompleted', async () => {
    const staff = await app.user('STAFF', 'CDOT');
    const done = await app.gql(
      `mutation($input: UpdateServiceRequestStatusInput!) {
        updateServiceRequestStatus(input: $input) { serviceRequest { status detailedStatus } }
      }`,
      {
        input: {
          id: Buffer.from(`ServiceRequest:${openId}`).toString('base64'),
          detailedStatus: 'CLOSED_NOT_FIXED',
          note: 'Private property: referred to the owner.',
        },
      },
      staff.cookie,
    );
    expect(done.errors).toBeUndefined();
    expect(done.data!.updateServiceRequestStatus.serviceRequest.status).toBe('CLOSED');
    const res = await app.gql(TOTALS, { filter: { from, to, serviceCodes: [POTHOLE] } });
    const t = res.data!.stats.totals;
    expect([t.opened, t.closedCompleted, t.closedNotFixed, t.stillOpen]).toEqual([7, 4, 2, 0]);
    expect(t.onTimeShare).toBe(0.5);
  });
});

describe('completionEstimate', () => {
  const ESTIMATE = `query($code: String!, $at: GeoPointInput!) {
    completionEstimate(serviceCode: $code, location: $at) {
      serviceCode scope communityArea sampleSize medianDays p90Days windowStart windowEnd slaDays
    }
  }`;
  const lincolnDays = Array.from({ length: 25 }, (_, i) => 1 + i * 0.5);
  const beverlyDays = [20, 30, 40];

  beforeAll(async () => {
    // graffiti completed within the 12 months before NOW: 25 in Lincoln Square, 3 in Beverly,
    // and one in Lincoln Square completed 13 months before NOW (outside the window)
    for (const [i, days] of lincolnDays.entries()) {
      await insertRequest({
        code: GRAFFITI,
        at: LINCOLN_SQUARE,
        requestedAt: new Date(NOW.getTime() - (200 + i) * DAY),
        detailedStatus: 'COMPLETED',
        closedAfterDays: days,
      });
    }
    for (const days of beverlyDays) {
      await insertRequest({
        code: GRAFFITI,
        at: BEVERLY,
        requestedAt: new Date(NOW.getTime() - 100 * DAY),
        detailedStatus: 'COMPLETED',
        closedAfterDays: days,
      });
    }
    await insertRequest({
      code: GRAFFITI,
      at: LINCOLN_SQUARE,
      requestedAt: new Date(NOW.getTime() - 400 * DAY),
      detailedStatus: 'COMPLETED',
      closedAfterDays: 1,
    });
  });

  it('uses the community area with at least 20 completed cases', async () => {
    const res = await app.gql(ESTIMATE, { code: GRAFFITI, at: LINCOLN_SQUARE });
    expect(res.errors).toBeUndefined();
    expect(res.data!.completionEstimate).toEqual({
      serviceCode: GRAFFITI,
      scope: 'COMMUNITY_AREA',
      communityArea: 4,
      sampleSize: 25,
      medianDays: expect.closeTo(percentile(lincolnDays, 0.5)!, 9) as number,
      p90Days: expect.closeTo(percentile(lincolnDays, 0.9)!, 9) as number,
      windowStart: new Date(NOW.getTime() - 365 * DAY).toISOString(),
      windowEnd: NOW.toISOString(),
      slaDays: 7,
    });
  });

  it('falls back to the city with fewer than 20 cases in the area', async () => {
    const res = await app.gql(ESTIMATE, { code: GRAFFITI, at: BEVERLY });
    expect(res.errors).toBeUndefined();
    const all = [...lincolnDays, ...beverlyDays];
    expect(res.data!.completionEstimate).toMatchObject({
      scope: 'CITY',
      communityArea: 72,
      sampleSize: 28,
      medianDays: expect.closeTo(percentile(all, 0.5)!, 9) as number,
      p90Days: expect.closeTo(percentile(all, 0.9)!, 9) as number,
    });
  });

  it("sets a new request's expectedAt from the estimate's median", async () => {
    const res = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) { serviceRequest { id requestedAt expectedAt } }
      }`,
      {
        input: {
          serviceCode: GRAFFITI,
          location: LINCOLN_SQUARE,
          description: 'Tagged wall',
          attributes: [
            { code: 'surface_type', value: 'brick' },
            { code: 'location_on_property', value: 'front' },
            { code: 'offensive', value: 'no' },
          ],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const sr = res.data!.submitServiceRequest.serviceRequest;
    const days = (Date.parse(sr.expectedAt) - Date.parse(sr.requestedAt)) / DAY;
    expect(days).toBeCloseTo(percentile(lincolnDays, 0.5)!, 5);
    await app.dataSource.query(`DELETE FROM service_requests WHERE id = $1`, [
      Buffer.from(sr.id, 'base64').toString().split(':')[1],
    ]);
  });

  it('names the field of an unknown service or a place outside the city', async () => {
    const bad = await app.gql(ESTIMATE, { code: 'nope', at: LINCOLN_SQUARE });
    expect(bad.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('serviceCode');
    const outside = await app.gql(ESTIMATE, {
      code: GRAFFITI,
      at: { latitude: 42.0451, longitude: -87.6877 },
    });
    expect(outside.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('location');
  });
});

describe('mapClusters', () => {
  const CLUSTERS = `query($bbox: BBoxInput!, $zoom: Int!, $filter: MapClusterFilter) {
    mapClusters(bbox: $bbox, zoom: $zoom, filter: $filter) {
      cellSizeMeters truncated
      clusters { latitude longitude count openCount }
      points { id trackingNumber serviceCode status location { latitude longitude } }
    }
  }`;
  type Cluster = { latitude: number; longitude: number; count: number; openCount: number };

  async function sums(zoom: number, filter?: Record<string, unknown>) {
    const res = await app.gql(CLUSTERS, { bbox: CITY, zoom, filter });
    expect(res.errors).toBeUndefined();
    const clusters = res.data!.mapClusters.clusters as Cluster[];
    return {
      cellSizeMeters: res.data!.mapClusters.cellSizeMeters as number,
      clusters,
      count: clusters.reduce((a, c) => a + c.count, 0),
      open: clusters.reduce((a, c) => a + c.openCount, 0),
    };
  }

  async function publicInCity(where = 'true'): Promise<{ n: number; open: number }> {
    const [row] = (await app.dataSource.query(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE r.status = 'OPEN'))::int AS open
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.location && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND ${where}`,
      [CITY.west, CITY.south, CITY.east, CITY.north],
    )) as [{ n: number; open: number }];
    return row;
  }

  it('sums to the public requests in view at every level, with centroids inside their cells', async () => {
    const expected = await publicInCity();
    expect(expected.n).toBeGreaterThan(2000);
    for (const [zoom, size] of [
      [10, 2400],
      [13, 600],
    ] as const) {
      const s = await sums(zoom);
      expect(s.cellSizeMeters).toBe(size);
      expect([s.count, s.open]).toEqual([expected.n, expected.open]);
      for (const c of s.clusters) {
        expect(c.latitude).toBeGreaterThan(CITY.south);
        expect(c.latitude).toBeLessThan(CITY.north);
        expect(c.openCount).toBeLessThanOrEqual(c.count);
      }
    }
    // zoom 15 would read 150 m cells, but the whole city is too many of them: one level coarser
    expect((await sums(15)).cellSizeMeters).toBe(600);
    const coarse = await sums(10);
    expect(coarse.clusters.length).toBeLessThan(500);
    const potholes = await sums(13, { serviceCodes: [POTHOLE], status: 'OPEN' });
    const expectedPotholes = await publicInCity(`s.code = '${POTHOLE}' AND r.status = 'OPEN'`);
    expect(potholes.count).toBe(expectedPotholes.n);
  });

  it('reads 150 m cells at zoom 15: counts equal the raw requests of the cells in view', async () => {
    const bbox = { west: -87.7, south: 41.95, east: -87.66, north: 41.98 };
    const res = await app.gql(CLUSTERS, { bbox, zoom: 15 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.mapClusters.cellSizeMeters).toBe(150);
    const clusters = res.data!.mapClusters.clusters as Cluster[];
    const [row] = (await app.dataSource.query(
      `WITH e AS (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope($1, $2, $3, $4, 4326), 0.001), 26916) AS g)
       SELECT count(*)::int AS n
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id, e
        WHERE NOT s.is_private
          AND floor(ST_X(r.location_metric) / 150) BETWEEN floor(ST_XMin(e.g) / 150) AND floor(ST_XMax(e.g) / 150)
          AND floor(ST_Y(r.location_metric) / 150) BETWEEN floor(ST_YMin(e.g) / 150) AND floor(ST_YMax(e.g) / 150)`,
      [bbox.west, bbox.south, bbox.east, bbox.north],
    )) as [{ n: number }];
    expect(row.n).toBeGreaterThan(20);
    expect(clusters.reduce((a, c) => a + c.count, 0)).toBe(row.n);
  });

  it('follows a submission and a closure through the trigger-kept grid', async () => {
    const before = await sums(13);
    const staff = await app.user('STAFF', 'CDOT');
    const res = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) { serviceRequest { id } }
      }`,
      {
        input: {
          serviceCode: POTHOLE,
          location: BEVERLY,
          attributes: [
            { code: 'location_on_street', value: 'curb_lane' },
            { code: 'depth', value: '2_to_4in' },
          ],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.submitServiceRequest.serviceRequest.id as string;
    const afterSubmit = await sums(13);
    expect([afterSubmit.count, afterSubmit.open]).toEqual([before.count + 1, before.open + 1]);

    const closed = await app.gql(
      `mutation($input: UpdateServiceRequestStatusInput!) {
        updateServiceRequestStatus(input: $input) { serviceRequest { status } }
      }`,
      { input: { id, detailedStatus: 'COMPLETED' } },
      staff.cookie,
    );
    expect(closed.errors).toBeUndefined();
    for (const zoom of [10, 13, 15]) {
      const afterClose = await sums(zoom);
      expect([afterClose.count, afterClose.open]).toEqual([before.count + 1, before.open]);
    }
  });

  it('leaves private services out of the grid reads', async () => {
    const gridTotal = async () =>
      (
        (await app.dataSource.query(
          `SELECT sum(count)::int AS n FROM request_grid_cells WHERE level = 2400`,
        )) as [{ n: number }]
      )[0].n;
    const before = await sums(10);
    const gridBefore = await gridTotal();
    const [svc] = (await app.dataSource.query(
      `SELECT code FROM service_definitions WHERE is_private ORDER BY code LIMIT 1`,
    )) as [{ code: string }];
    await insertRequest({
      code: svc.code,
      at: BEVERLY,
      requestedAt: new Date('2029-05-01T12:00:00Z'),
      detailedStatus: 'SUBMITTED',
    });
    const after = await sums(10);
    expect(after.count).toBe(before.count);
    // the grid itself holds it (a service may be made public later)
    expect(await gridTotal()).toBe(gridBefore + 1);
  });

  it('returns single requests at street zoom', async () => {
    const bbox = { west: -87.69, south: 41.96, east: -87.67, north: 41.97 };
    const res = await app.gql(CLUSTERS, { bbox, zoom: 17 });
    expect(res.errors).toBeUndefined();
    const [row] = (await app.dataSource.query(
      `SELECT count(*)::int AS n
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.location && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
      [bbox.west, bbox.south, bbox.east, bbox.north],
    )) as [{ n: number }];
    const m = res.data!.mapClusters;
    expect(m.cellSizeMeters).toBeNull();
    expect(m.clusters).toEqual([]);
    expect(m.points.length).toBe(Math.min(row.n, 1000));
    expect(row.n).toBeGreaterThan(0);
  });
});
