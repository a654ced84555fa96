/**
 * Open data exports over real HTTP: the CSV parses with the documented header and matches the API
 * row for row, the GeoJSON is a FeatureCollection of the same requests, contact data and private
 * services never appear, and bad parameters are a 400 naming the parameter.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const COLUMNS = [
  'tracking_number',
  'service_code',
  'service_name',
  'agency',
  'status',
  'detailed_status',
  'requested_at',
  'updated_at',
  'expected_at',
  'closed_at',
  'address',
  'zipcode',
  'ward',
  'community_area',
  'latitude',
  'longitude',
  'channel',
  'support_count',
  'duplicate_of',
];
/** Near Damen & Leland, Lincoln Square (ward 47). */
const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };
const SECRET_EMAIL = 'export-secret@example.test';
const SECRET_PHONE = '+13125550199';

let app: TestApp;
let privateTracking: string;
let publicTracking: string;

const LIST = `query($filter: ServiceRequestFilter, $after: String) {
  serviceRequests(filter: $filter, first: 100, after: $after, orderBy: REQUESTED_AT_ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      trackingNumber status detailedStatus ward communityArea requestedAt closedAt address channel
      location { latitude longitude } service { code name }
    } }
  }
}`;

/** Every request of a filter through GraphQL, oldest first. */
async function listAll(filter: Record<string, unknown>) {
  const nodes: Record<string, any>[] = [];
  let after: string | null = null;
  let totalCount: number;
  for (;;) {
    const res = await app.gql(LIST, { filter, after });
    expect(res.errors).toBeUndefined();
    const conn = res.data!.serviceRequests;
    totalCount = conn.totalCount as number;
    nodes.push(...(conn.edges as { node: Record<string, any> }[]).map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor as string;
  }
  return { totalCount, nodes };
}

async function download(path: string) {
  const res = await fetch(`${app.url}${path}`);
  return { res, body: await res.text() };
}

beforeAll(async () => {
  app = await startTestApp();
  const submitted = await app.gql(
    `mutation($input: SubmitServiceRequestInput!) {
      submitServiceRequest(input: $input) { serviceRequest { trackingNumber } }
    }`,
    {
      input: {
        serviceCode: POTHOLE,
        location: LINCOLN_SQUARE,
        description: 'Deep pothole, export test',
        attributes: [
          { code: 'location_on_street', value: 'curb_lane' },
          { code: 'depth', value: '2_to_4in' },
        ],
        contact: { name: 'Secret Name', email: SECRET_EMAIL, phone: SECRET_PHONE },
      },
    },
  );
  expect(submitted.errors).toBeUndefined();
  publicTracking = submitted.data!.submitServiceRequest.serviceRequest.trackingNumber as string;
  // a request of a private service, at the same place, with contact data
  const [row] = (await app.dataSource.query(
    `INSERT INTO service_requests (tracking_number, service_definition_id, description, location,
            ward, community_area, status, detailed_status, agency_id, channel, requested_at,
            updated_at, contact_email, contact_phone)
     SELECT 'SX26-00000001', s.id, 'private', ST_SetSRID(ST_MakePoint($1, $2), 4326), 47, 4,
            'OPEN', 'SUBMITTED', s.agency_id, 'PHONE', now(), now(), $3, $4
       FROM service_definitions s WHERE s.is_private ORDER BY s.code LIMIT 1
     RETURNING tracking_number`,
    [LINCOLN_SQUARE.longitude, LINCOLN_SQUARE.latitude, SECRET_EMAIL, SECRET_PHONE],
  )) as [{ tracking_number: string }];
  privateTracking = row.tracking_number;
});

afterAll(async () => {
  await app.dataSource.query(`DELETE FROM service_requests WHERE tracking_number = $1`, [
    privateTracking,
  ]);
  await app.close();
});

describe('GET /export/requests.csv', () => {
  it('streams the documented columns: a few thousand rows, field by field what serviceRequests lists', async () => {
    const { res, body } = await download(
      '/export/requests.csv?from=2021-01-01T00:00:00Z&to=2021-01-03T00:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="stoop-requests-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const records = parse(body, { columns: true }) as Record<string, string>[];
    expect(body.split('\n')[0]).toBe(COLUMNS.join(','));

    const api = await listAll({ from: '2021-01-01T00:00:00Z', to: '2021-01-03T00:00:00Z' });
    expect(api.totalCount).toBeGreaterThan(2000);
    expect(records).toHaveLength(api.totalCount);
    // field by field against the API (both oldest first; ties broken by id in both)
    const byTracking = new Map(records.map((r) => [r.tracking_number, r]));
    for (const node of api.nodes) {
      const r = byTracking.get(node.trackingNumber as string)!;
      expect(r).toBeDefined();
      expect(r.service_code).toBe(node.service.code);
      expect(r.service_name).toBe(node.service.name);
      expect(r.status).toBe(node.status);
      expect(r.detailed_status).toBe(node.detailedStatus);
      expect(r.ward === '' ? null : Number(r.ward)).toBe(node.ward);
      expect(r.community_area === '' ? null : Number(r.community_area)).toBe(node.communityArea);
      expect(r.requested_at).toBe(node.requestedAt);
      expect(r.closed_at === '' ? null : r.closed_at).toBe(node.closedAt);
      expect(r.address === '' ? null : r.address).toBe(node.address);
      expect(r.channel).toBe(node.channel);
      expect(Number(r.latitude)).toBeCloseTo(node.location.latitude as number, 9);
      expect(Number(r.longitude)).toBeCloseTo(node.location.longitude as number, 9);
    }
  });

  it('never carries contact data, descriptions or private services', async () => {
    const { res, body } = await download('/export/requests.csv?ward=47');
    expect(res.status).toBe(200);
    const records = parse(body, { columns: true }) as Record<string, string>[];
    const trackingNumbers = records.map((r) => r.tracking_number);
    expect(trackingNumbers).toContain(publicTracking);
    expect(trackingNumbers).not.toContain(privateTracking);
    expect(body).not.toContain(SECRET_EMAIL);
    expect(body).not.toContain(SECRET_PHONE);
    expect(body).not.toContain('Secret Name');
    expect(body).not.toContain('export test');
    expect(Object.keys(records[0]!)).toEqual(COLUMNS);
    // the same for staff: exports are public data only
    const staff = await app.user('ADMIN');
    const asStaff = await fetch(`${app.url}/export/requests.csv?ward=47`, {
      headers: { cookie: staff.cookie },
    });
    const staffBody = await asStaff.text();
    expect(staffBody).not.toContain(privateTracking);
    expect(staffBody).not.toContain(SECRET_EMAIL);
  });

  it('applies service_code, status, detailed_status, bbox and near like the API', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`service_code=${POTHOLE}&status=closed`, { serviceCodes: [POTHOLE], status: 'CLOSED' }],
      ['detailed_status=canceled,duplicate', { detailedStatuses: ['CANCELED', 'DUPLICATE'] }],
      [
        'bbox=-87.69,41.96,-87.67,41.97',
        { bbox: { west: -87.69, south: 41.96, east: -87.67, north: 41.97 } },
      ],
      ['near=41.8819,-87.6278,800', { near: { lat: 41.8819, lng: -87.6278, radiusMeters: 800 } }],
      ['community_area=8', { areaId: null, serviceCodes: null }],
    ];
    const ca8 = (
      (await app.gql(`{ areas(kind: COMMUNITY_AREA) { id number } }`)).data!.areas as {
        id: string;
        number: number;
      }[]
    ).find((a) => a.number === 8)!.id;
    cases[4]![1] = { areaId: ca8 };
    for (const [query, filter] of cases) {
      const { res, body } = await download(`/export/requests.csv?${query}`);
      expect(res.status, query).toBe(200);
      const records = parse(body, { columns: true }) as unknown[];
      const api = await app.gql(LIST, { filter });
      expect(api.errors).toBeUndefined();
      expect(records.length, query).toBe(api.data!.serviceRequests.totalCount);
      expect(records.length, query).toBeGreaterThan(0);
    }
  });

  it('filters by channel like stats (the dashboard links its figures to this export)', async () => {
    const { res, body } = await download(`/export/requests.csv?channel=phone,mobile&ward=42`);
    expect(res.status).toBe(200);
    const records = parse(body, { columns: true }) as { channel: string; ward: string }[];
    const ward42 = (
      (await app.gql(`{ areas(kind: WARD) { id number } }`)).data!.areas as {
        id: string;
        number: number;
      }[]
    ).find((a) => a.number === 42)!.id;
    const stats = await app.gql(
      `query($filter: StatsFilter) { stats(filter: $filter) { totals { opened } } }`,
      { filter: { channels: ['PHONE', 'MOBILE'], areaId: ward42 } },
    );
    expect(records.length).toBe(stats.data!.stats.totals.opened);
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.channel))).toEqual(new Set(['PHONE', 'MOBILE']));
  });

  it('answers a bad parameter with 400, BAD_USER_INPUT and the parameter', async () => {
    for (const [query, field] of [
      ['bbox=1,2,3', 'bbox'],
      ['ward=99', 'ward'],
      ['from=yesterday', 'from'],
      ['status=pending', 'status'],
      ['detailed_status=FIXED', 'detailed_status'],
      ['near=41.88,-87.62,0', 'near'],
      ['from=2021-01-02&to=2021-01-01', 'to'],
      ['ward=1&ward=2', 'ward'],
      ['channel=fax', 'channel'],
    ] as const) {
      const { res, body } = await download(`/export/requests.csv?${query}`);
      expect(res.status, query).toBe(400);
      const json = JSON.parse(body) as {
        errors: { extensions: { code: string; fields: { field: string }[] } }[];
      };
      expect(json.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(json.errors[0]!.extensions.fields.map((f) => f.field)).toContain(field);
    }
  });
});

describe('GET /export/requests.geojson', () => {
  it('is a FeatureCollection of the same requests', async () => {
    const query = 'service_code=' + POTHOLE + '&from=2021-01-01T00:00:00Z&to=2021-01-03T00:00:00Z';
    const { res, body } = await download(`/export/requests.geojson?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-disposition')).toMatch(/filename="stoop-requests-.*\.geojson"/);
    const json = JSON.parse(body) as {
      type: string;
      features: {
        type: string;
        geometry: { type: string; coordinates: [number, number] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(json.type).toBe('FeatureCollection');
    const csv = parse((await download(`/export/requests.csv?${query}`)).body, {
      columns: true,
    }) as Record<string, string>[];
    expect(json.features.length).toBe(csv.length);
    expect(json.features.length).toBeGreaterThan(10);
    const first = json.features[0]!;
    expect(first.type).toBe('Feature');
    expect(first.geometry.type).toBe('Point');
    expect(first.properties.tracking_number).toBe(csv[0]!.tracking_number);
    expect(first.geometry.coordinates[0]).toBeCloseTo(Number(csv[0]!.longitude), 9);
    expect(first.geometry.coordinates[1]).toBeCloseTo(Number(csv[0]!.latitude), 9);
    expect(Object.keys(first.properties)).toEqual(
      COLUMNS.filter((c) => c !== 'latitude' && c !== 'longitude'),
    );
  });

  it('is a valid empty collection when nothing matches', async () => {
    const { res, body } = await download('/export/requests.geojson?from=2099-01-01');
    expect(res.status).toBe(200);
    expect(JSON.parse(body)).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
