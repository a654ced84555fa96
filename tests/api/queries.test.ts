/**
 * The read side over real HTTP: the catalogue and its search, every filter and order of
 * `serviceRequests` checked against SQL written here, keyset pagination, nearby search with real
 * distances, areas and `node`, private services, operation limits and error masking.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const GRAFFITI = '4fd3b167e750846744000005';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: '2_to_4in' },
];
/** Near Damen & Leland, Lincoln Square (ward 47). */
const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };
/** A quiet residential block in Beverly (ward 19), far from the other test files' points. */
const BEVERLY = { latitude: 41.7142, longitude: -87.6771 };
/** State & Madison, the Loop. */
const LOOP = { lat: 41.8819, lng: -87.6278 };
const METRIC = (lng: string, lat: string) =>
  `ST_Transform(ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), 26916)`;

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { serviceRequest { id trackingNumber ward } }
}`;

const LIST = `query List($filter: ServiceRequestFilter, $first: Int!, $after: String, $orderBy: ServiceRequestOrder!) {
  serviceRequests(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor distanceMeters
      node { id trackingNumber status detailedStatus ward requestedAt location { latitude longitude } service { code } }
    }
  }
}`;

const NEARBY = `query Nearby($location: GeoPointInput!, $radius: Float!, $code: String) {
  nearbyServiceRequests(location: $location, radiusMeters: $radius, serviceCode: $code) {
    distanceMeters request { id trackingNumber }
  }
}`;

interface Edge {
  cursor: string;
  distanceMeters: number | null;
  node: {
    id: string;
    trackingNumber: string;
    status: string;
    detailedStatus: string;
    ward: number | null;
    requestedAt: string;
    location: { latitude: number; longitude: number };
    service: { code: string };
  };
}
interface Connection {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: Edge[];
}

let app: TestApp;

async function list(
  filter: Record<string, unknown> | null,
  options: { first?: number; after?: string; orderBy?: string; cookie?: string } = {},
) {
  const res = await app.gql<{ serviceRequests: Connection }>(
    LIST,
    {
      filter,
      first: options.first ?? 100,
      after: options.after ?? null,
      orderBy: options.orderBy ?? 'REQUESTED_AT_DESC',
    },
    options.cookie,
  );
  return res;
}

async function connection(
  filter: Record<string, unknown> | null,
  options: { first?: number; after?: string; orderBy?: string; cookie?: string } = {},
): Promise<Connection> {
  const res = await list(filter, options);
  expect(res.errors).toBeUndefined();
  return res.data!.serviceRequests;
}

async function sqlCount(where: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = (await app.dataSource.query(
    `SELECT count(*)::int AS n FROM service_requests r
       JOIN service_definitions s ON s.id = r.service_definition_id
      WHERE NOT s.is_private AND (${where})`,
    params,
  )) as [{ n: number }];
  return n;
}

/** The uuid inside a global id. */
function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
}

/** A point `north` and `east` metres from a point (small offsets, spherical approximation). */
function offset(
  from: { latitude: number; longitude: number },
  north: number,
  east: number,
): { latitude: number; longitude: number } {
  const metresPerDegreeLat = 111_132.92 - 559.82 * Math.cos((2 * from.latitude * Math.PI) / 180);
  const metresPerDegreeLng = 111_412.84 * Math.cos((from.latitude * Math.PI) / 180);
  return {
    latitude: from.latitude + north / metresPerDegreeLat,
    longitude: from.longitude + east / metresPerDegreeLng,
  };
}

async function submit(input: Record<string, unknown>, cookie?: string) {
  const res = await app.gql(SUBMIT, { input }, cookie);
  expect(res.errors).toBeUndefined();
  return res.data!.submitServiceRequest.serviceRequest as {
    id: string;
    trackingNumber: string;
    ward: number;
  };
}

function firstError(res: { errors?: { message: string; extensions?: any }[] }) {
  expect(res.errors?.length).toBeGreaterThan(0);
  return res.errors![0]!;
}

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

describe('services', () => {
  const SERVICES = `query($search: String, $group: String) {
    services(search: $search, group: $group) {
      code name group isPrivate
      attributes { code datatype required order values { key name } }
    }
  }`;

  it('finds Pothole in Street by "pothole" with its questions and allowed answers', async () => {
    const res = await app.gql(SERVICES, { search: 'pothole' });
    expect(res.errors).toBeUndefined();
    const pothole = res.data!.services.find((s: any) => s.code === POTHOLE);
    expect(pothole).toBeDefined();
    expect(pothole.name).toMatch(/Pothole in Street/);
    expect(pothole.group).toBe('Streets & Transportation');
    const location = pothole.attributes.find((a: any) => a.code === 'location_on_street');
    expect(location).toMatchObject({ datatype: 'SINGLEVALUELIST', required: true });
    expect(location.values.map((v: any) => v.key)).toContain('curb_lane');
    const depth = pothole.attributes.find((a: any) => a.code === 'depth');
    expect(depth).toMatchObject({ datatype: 'SINGLEVALUELIST', required: true });
    expect(depth.values.map((v: any) => v.key)).toEqual(['under_2in', '2_to_4in', 'over_4in']);
    expect(depth.values[0].name).toMatch(/2 inches/);
    // every hit matches the word somewhere; a service about something else is not returned
    expect(res.data!.services.map((s: any) => s.code)).not.toContain(GRAFFITI);
  });

  it('finds it by the Spanish word "bache", case-insensitively, and not by a nonsense word', async () => {
    for (const search of ['bache', 'BACHE']) {
      const res = await app.gql(SERVICES, { search });
      expect(res.data!.services.map((s: any) => s.code)).toContain(POTHOLE);
    }
    const none = await app.gql(SERVICES, { search: 'zzqxjw' });
    expect(none.data!.services).toEqual([]);
  });

  it('filters by group, matching the catalogue in the database', async () => {
    const group = 'Streets & Transportation';
    const res = await app.gql(SERVICES, { group });
    const services = res.data!.services as { code: string; group: string; isPrivate: boolean }[];
    expect(services.length).toBeGreaterThan(0);
    expect(services.every((s) => s.group === group && !s.isPrivate)).toBe(true);
    expect(services.map((s) => s.code)).toContain(POTHOLE);
    const [{ n }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM service_definitions
        WHERE group_name = $1 AND active AND NOT is_private`,
      [group],
    )) as [{ n: number }];
    expect(services.length).toBe(n);
    const all = await app.gql(SERVICES, {});
    expect(all.data!.services.length).toBeGreaterThan(services.length);
  });

  it('service(code) returns the questions in form order; an unknown code is null', async () => {
    const res = await app.gql(
      `query($code: String!) { service(code: $code) { code hasAttributes attributes { code order required } } }`,
      { code: POTHOLE },
    );
    const service = res.data!.service;
    expect(service.code).toBe(POTHOLE);
    expect(service.hasAttributes).toBe(true);
    expect(service.attributes.map((a: any) => a.code)).toEqual([
      'location_on_street',
      'depth',
      'count',
    ]);
    const orders = service.attributes.map((a: any) => a.order);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    expect(service.attributes.map((a: any) => a.required)).toEqual([true, true, false]);
    const unknown = await app.gql(`{ service(code: "no-such-service") { code } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.service).toBeNull();
  });
});

describe('serviceRequests filters', () => {
  it('counts every public request, as SQL does', async () => {
    const expected = await sqlCount('true');
    expect(expected).toBeGreaterThan(2000);
    const c = await connection(null, { first: 1 });
    expect(c.totalCount).toBe(expected);
    expect(c.edges).toHaveLength(1);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(c.pageInfo.hasPreviousPage).toBe(false);
  });

  it('filters by service code', async () => {
    const c = await connection({ serviceCodes: [GRAFFITI] });
    expect(c.totalCount).toBe(await sqlCount('s.code = $1', [GRAFFITI]));
    expect(c.totalCount).toBeGreaterThan(50);
    expect(c.edges.every((e) => e.node.service.code === GRAFFITI)).toBe(true);
    const two = await connection({ serviceCodes: [GRAFFITI, POTHOLE] }, { first: 1 });
    expect(two.totalCount).toBe(await sqlCount('s.code = ANY($1)', [[GRAFFITI, POTHOLE]]));
    expect(two.totalCount).toBeGreaterThan(c.totalCount);
  });

  it('filters by status CLOSED and by detailed statuses', async () => {
    const closed = await connection({ status: 'CLOSED' });
    expect(closed.totalCount).toBe(await sqlCount(`r.status = 'CLOSED'`));
    expect(closed.totalCount).toBeGreaterThan(0);
    expect(closed.edges.every((e) => e.node.status === 'CLOSED')).toBe(true);
    const open = await connection({ status: 'OPEN' }, { first: 1 });
    expect(open.totalCount + closed.totalCount).toBe(await sqlCount('true'));

    const detailed = await connection({ detailedStatuses: ['DUPLICATE', 'CANCELED'] });
    expect(detailed.totalCount).toBe(
      await sqlCount(`r.detailed_status IN ('DUPLICATE', 'CANCELED')`),
    );
    expect(detailed.totalCount).toBeGreaterThan(0);
    expect(
      detailed.edges.every((e) => ['DUPLICATE', 'CANCELED'].includes(e.node.detailedStatus)),
    ).toBe(true);
    expect(new Set(detailed.edges.map((e) => e.node.detailedStatus))).toEqual(
      new Set(['DUPLICATE', 'CANCELED']),
    );
  });

  it('filters by requested time: from inclusive, to exclusive, with an offset', async () => {
    const from = '2021-01-01T12:00:00-06:00';
    const to = '2021-01-02T12:00:00-06:00';
    const c = await connection({ from, to });
    const expected = await sqlCount('r.requested_at >= $1 AND r.requested_at < $2', [from, to]);
    expect(expected).toBeGreaterThan(0);
    expect(c.totalCount).toBe(expected);
    for (const e of c.edges) {
      const t = Date.parse(e.node.requestedAt);
      expect(t).toBeGreaterThanOrEqual(Date.parse(from));
      expect(t).toBeLessThan(Date.parse(to));
    }
    const onlyFrom = await connection({ from }, { first: 1 });
    expect(onlyFrom.totalCount).toBe(await sqlCount('r.requested_at >= $1', [from]));
    expect(onlyFrom.totalCount).toBeGreaterThan(c.totalCount);
    const reversed = await list({ from: to, to: from });
    expect(firstError(reversed).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by ward (areaId): every request returned is in that ward', async () => {
    const wards = (await app.gql(`{ areas(kind: WARD) { id number } }`)).data!.areas as {
      id: string;
      number: number;
    }[];
    const ward = wards.find((w) => w.number === 41)!;
    const c = await connection({ areaId: ward.id });
    expect(c.totalCount).toBe(await sqlCount('r.ward = 41'));
    expect(c.totalCount).toBeGreaterThan(100);
    expect(c.edges).toHaveLength(100);
    expect(c.edges.every((e) => e.node.ward === 41)).toBe(true);
    const bad = await list({ areaId: 'nope' });
    expect(firstError(bad).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by a bounding box', async () => {
    const bbox = { west: -87.645, south: 41.87, east: -87.615, north: 41.895 };
    const c = await connection({ bbox });
    const expected = await sqlCount(
      `ST_X(r.location) BETWEEN $1 AND $2 AND ST_Y(r.location) BETWEEN $3 AND $4`,
      [bbox.west, bbox.east, bbox.south, bbox.north],
    );
    expect(expected).toBeGreaterThan(0);
    expect(c.totalCount).toBe(expected);
    for (const e of c.edges) {
      expect(e.node.location.longitude).toBeGreaterThanOrEqual(bbox.west);
      expect(e.node.location.longitude).toBeLessThanOrEqual(bbox.east);
      expect(e.node.location.latitude).toBeGreaterThanOrEqual(bbox.south);
      expect(e.node.location.latitude).toBeLessThanOrEqual(bbox.north);
    }
  });

  it('filters by a circle and orders by distance, nearest first', async () => {
    const radiusMeters = 1500;
    const c = await connection({ near: { ...LOOP, radiusMeters } }, { orderBy: 'DISTANCE' });
    const expected = await sqlCount(`ST_DWithin(r.location_metric, ${METRIC('$1', '$2')}, $3)`, [
      LOOP.lng,
      LOOP.lat,
      radiusMeters,
    ]);
    expect(expected).toBeGreaterThan(5);
    expect(c.totalCount).toBe(expected);
    const distances = c.edges.map((e) => e.distanceMeters!);
    expect(distances.every((d) => typeof d === 'number' && d <= radiusMeters)).toBe(true);
    for (let i = 1; i < distances.length; i++) {
      expect(distances[i]!).toBeGreaterThanOrEqual(distances[i - 1]!);
    }
    const [nearest] = (await app.dataSource.query(
      `SELECT r.id, ST_Distance(r.location_metric, ${METRIC('$1', '$2')}) AS d
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private ORDER BY 2, r.id LIMIT 1`,
      [LOOP.lng, LOOP.lat],
    )) as [{ id: string; d: number }];
    expect(uuidOf(c.edges[0]!.node.id)).toBe(nearest.id);
    expect(c.edges[0]!.distanceMeters).toBeCloseTo(Number(nearest.d), 3);
    // without `near`, edges carry no distance
    const plain = await connection(null, { first: 1 });
    expect(plain.edges[0]!.distanceMeters).toBeNull();
  });
});

describe('serviceRequests pagination and argument checks', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ['newest first over one service', () => ({ serviceCodes: [GRAFFITI] }), 'REQUESTED_AT_DESC'],
    ['oldest first over one service', () => ({ serviceCodes: [GRAFFITI] }), 'REQUESTED_AT_ASC'],
    ['nearest first over a circle', () => ({ near: { ...LOOP, radiusMeters: 4000 } }), 'DISTANCE'],
  ];

  it.each(cases)(
    'walks every page of 25 (%s): each id once, matching totalCount',
    async (_name, filter, orderBy) => {
      const seen: string[] = [];
      let after: string | undefined;
      let total = -1;
      let pages = 0;
      let previousSort: number | undefined;
      for (;;) {
        const page = await connection(filter(), { first: 25, after, orderBy });
        pages += 1;
        if (total === -1) total = page.totalCount;
        expect(page.totalCount).toBe(total);
        expect(page.pageInfo.hasPreviousPage).toBe(Boolean(after));
        for (const e of page.edges) {
          seen.push(e.node.id);
          const sort = orderBy === 'DISTANCE' ? e.distanceMeters! : Date.parse(e.node.requestedAt);
          if (previousSort !== undefined) {
            if (orderBy === 'REQUESTED_AT_DESC') expect(sort).toBeLessThanOrEqual(previousSort);
            else expect(sort).toBeGreaterThanOrEqual(previousSort);
          }
          previousSort = sort;
        }
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        if (!page.pageInfo.hasNextPage) {
          expect(page.edges.length).toBeGreaterThan(0);
          break;
        }
        expect(page.edges).toHaveLength(25);
        after = page.pageInfo.endCursor!;
        expect(pages).toBeLessThan(100);
      }
      expect(total).toBeGreaterThan(50);
      expect(pages).toBe(Math.ceil(total / 25));
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    },
  );

  it('refuses a bad cursor, naming `after`', async () => {
    for (const after of [
      'not-a-cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', 'not-a-uuid'])).toString('base64url'),
    ]) {
      const res = await list(null, { after, first: 5 });
      const error = firstError(res);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields?.[0]?.field).toBe('after');
      expect(res.data?.serviceRequests ?? null).toBeNull();
    }
  });

  it('refuses a page size over 100 and DISTANCE without near', async () => {
    const big = await list(null, { first: 500 });
    expect(firstError(big).extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(big).extensions?.fields?.[0]?.field).toBe('first');
    const zero = await list(null, { first: 0 });
    expect(firstError(zero).extensions?.code).toBe('BAD_USER_INPUT');
    const distance = await list(null, { orderBy: 'DISTANCE' });
    expect(firstError(distance).extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(distance).extensions?.fields?.[0]?.field).toBe('orderBy');
  });
});

describe('nearbyServiceRequests', () => {
  it('finds requests within the radius with their distance, nearest first', async () => {
    const near = offset(BEVERLY, 40, 0);
    const middle = offset(BEVERLY, 0, 100);
    const far = offset(BEVERLY, -400, 0);
    const a = await submit({ serviceCode: POTHOLE, location: near, attributes: ANSWERS });
    const b = await submit({ serviceCode: POTHOLE, location: middle, attributes: ANSWERS });
    const c = await submit({ serviceCode: POTHOLE, location: far, attributes: ANSWERS });

    const res = await app.gql(NEARBY, { location: BEVERLY, radius: 150, code: POTHOLE });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.nearbyServiceRequests as {
      distanceMeters: number;
      request: { id: string };
    }[];
    const ids = rows.map((r) => r.request.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(c.id);
    expect(rows.find((r) => r.request.id === a.id)!.distanceMeters).toBeGreaterThan(38);
    expect(rows.find((r) => r.request.id === a.id)!.distanceMeters).toBeLessThan(42);
    expect(rows.find((r) => r.request.id === b.id)!.distanceMeters).toBeGreaterThan(98);
    expect(rows.find((r) => r.request.id === b.id)!.distanceMeters).toBeLessThan(102);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    const distances = rows.map((r) => r.distanceMeters);
    expect([...distances].sort((x, y) => x - y)).toEqual(distances);
    expect(distances.every((d) => d <= 150)).toBe(true);

    // a wider radius reaches the far one; another service code excludes all three
    const wide = await app.gql(NEARBY, { location: BEVERLY, radius: 500, code: POTHOLE });
    const farRow = wide.data!.nearbyServiceRequests.find((r: any) => r.request.id === c.id);
    expect(farRow.distanceMeters).toBeGreaterThan(396);
    expect(farRow.distanceMeters).toBeLessThan(404);
    const other = await app.gql(NEARBY, { location: BEVERLY, radius: 500, code: GRAFFITI });
    const otherIds = other.data!.nearbyServiceRequests.map((r: any) => r.request.id);
    expect(otherIds).not.toContain(a.id);
  });

  it('refuses a radius over 5,000 m', async () => {
    const res = await app.gql(NEARBY, { location: BEVERLY, radius: 6000, code: null });
    expect(firstError(res).extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(res).extensions?.fields?.[0]?.field).toBe('radiusMeters');
  });
});

describe('areas and node', () => {
  it('lists 50 wards numbered 1..50 and 77 community areas', async () => {
    const wards = (await app.gql(`{ areas(kind: WARD) { kind number name } }`)).data!.areas;
    expect(wards).toHaveLength(50);
    expect(wards.map((w: any) => w.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(wards.every((w: any) => w.kind === 'WARD')).toBe(true);
    const cas = (await app.gql(`{ areas(kind: COMMUNITY_AREA) { kind number name } }`)).data!.areas;
    expect(cas).toHaveLength(77);
    expect(cas.map((a: any) => a.number)).toEqual(Array.from({ length: 77 }, (_, i) => i + 1));
    expect(cas.find((a: any) => a.number === 4).name).toMatch(/Lincoln Square/i);
    const all = (await app.gql(`{ areas { id } }`)).data!.areas;
    expect(all).toHaveLength(127);
  });

  it('area(id) counts the open public requests of its ward', async () => {
    // one more open request in ward 47, so the count is not trivially zero
    await submit({ serviceCode: POTHOLE, location: LINCOLN_SQUARE, attributes: ANSWERS });
    const wards = (await app.gql(`{ areas(kind: WARD) { id number } }`)).data!.areas;
    const ward = wards.find((w: any) => w.number === 47);
    const res = await app.gql(
      `query($id: ID!) { area(id: $id) { id kind number openRequestCount } }`,
      { id: ward.id },
    );
    expect(res.errors).toBeUndefined();
    const expected = await sqlCount(`r.status = 'OPEN' AND r.ward = 47`);
    expect(expected).toBeGreaterThan(0);
    expect(res.data!.area).toEqual({
      id: ward.id,
      kind: 'WARD',
      number: 47,
      openRequestCount: expected,
    });
  });

  it('node(id) returns the same request and area; ids are typed', async () => {
    const r = await submit({ serviceCode: POTHOLE, location: LINCOLN_SQUARE, attributes: ANSWERS });
    const node = await app.gql(
      `query($id: ID!) { node(id: $id) { __typename id ... on ServiceRequest { trackingNumber ward } } }`,
      { id: r.id },
    );
    expect(node.data!.node).toEqual({
      __typename: 'ServiceRequest',
      id: r.id,
      trackingNumber: r.trackingNumber,
      ward: 47,
    });
    const wards = (await app.gql(`{ areas(kind: WARD) { id number name } }`)).data!.areas;
    const ward = wards.find((w: any) => w.number === 47);
    const area = await app.gql(
      `query($id: ID!) { node(id: $id) { __typename id ... on Area { number name } } }`,
      { id: ward.id },
    );
    expect(area.data!.node).toEqual({
      __typename: 'Area',
      id: ward.id,
      number: 47,
      name: ward.name,
    });
    // a ward id is not a request id
    const wrong = await app.gql(`query($id: ID) { serviceRequest(id: $id) { id } }`, {
      id: ward.id,
    });
    expect(firstError(wrong).extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(wrong).extensions?.fields?.[0]?.field).toBe('id');
    const unknown = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, {
      id: Buffer.from('ServiceRequest:00000000-0000-4000-8000-000000000000').toString('base64url'),
    });
    expect(unknown.data!.node).toBeNull();
  });
});

describe('private services', () => {
  let privateCode: string;
  let agencyCode: string;
  let restore: string | undefined;

  beforeAll(async () => {
    const rows = (await app.dataSource.query(
      `SELECT s.code, a.code AS agency FROM service_definitions s JOIN agencies a ON a.id = s.agency_id
        WHERE s.is_private AND s.active
          AND NOT EXISTS (SELECT 1 FROM service_attributes x
                           WHERE x.service_definition_id = s.id AND x.required)
        ORDER BY s.code LIMIT 1`,
    )) as { code: string; agency: string }[];
    if (rows[0]) {
      privateCode = rows[0].code;
      agencyCode = rows[0].agency;
    } else {
      const [row] = (await app.dataSource.query(
        `UPDATE service_definitions s SET is_private = true FROM agencies a
          WHERE a.id = s.agency_id AND s.code = $1 RETURNING s.code, a.code AS agency`,
        [GRAFFITI],
      )) as [{ code: string; agency: string }];
      privateCode = row.code;
      agencyCode = row.agency;
      restore = GRAFFITI;
    }
  });

  afterAll(async () => {
    if (restore) {
      await app.dataSource.query(
        `UPDATE service_definitions SET is_private = false WHERE code = $1`,
        [restore],
      );
    }
  });

  it('keeps requests of a private service off lists for others, but not for the reporter and staff', async () => {
    const reporter = await app.user('RESIDENT');
    const stranger = await app.user('RESIDENT');
    const staff = await app.user('STAFF', agencyCode);
    const location = offset(BEVERLY, 0, -250);
    const r = await submit(
      { serviceCode: privateCode, location, description: 'Needs a place to stay tonight' },
      reporter.cookie,
    );

    for (const cookie of [undefined, stranger.cookie]) {
      const listed = await connection({ serviceCodes: [privateCode] }, { cookie });
      expect(listed.totalCount).toBe(0);
      expect(listed.edges).toEqual([]);
      const all = await connection(
        { near: { lat: location.latitude, lng: location.longitude, radiusMeters: 20 } },
        { cookie },
      );
      expect(all.edges.map((e) => e.node.id)).not.toContain(r.id);
      const nearby = await app.gql(NEARBY, { location, radius: 20, code: null }, cookie);
      expect(nearby.errors).toBeUndefined();
      expect(nearby.data!.nearbyServiceRequests.map((n: any) => n.request.id)).not.toContain(r.id);
    }
    for (const cookie of [undefined, stranger.cookie]) {
      const byNumber = await app.gql(
        `query($tn: String) { serviceRequest(trackingNumber: $tn) { id } }`,
        { tn: r.trackingNumber },
        cookie,
      );
      expect(byNumber.data!.serviceRequest).toBeNull();
      const byNode = await app.gql(
        `query($id: ID!) { node(id: $id) { id } }`,
        { id: r.id },
        cookie,
      );
      expect(byNode.data!.node).toBeNull();
    }
    const own = await app.gql(
      `query($tn: String) { serviceRequest(trackingNumber: $tn) { id description } }`,
      { tn: r.trackingNumber },
      reporter.cookie,
    );
    expect(own.data!.serviceRequest).toEqual({
      id: r.id,
      description: 'Needs a place to stay tonight',
    });

    const staffList = await connection({ serviceCodes: [privateCode] }, { cookie: staff.cookie });
    expect(staffList.edges.map((e) => e.node.id)).toContain(r.id);
    expect(staffList.totalCount).toBeGreaterThanOrEqual(1);
    const staffNearby = await app.gql(NEARBY, { location, radius: 20, code: null }, staff.cookie);
    expect(staffNearby.data!.nearbyServiceRequests.map((n: any) => n.request.id)).toContain(r.id);
    const staffRead = await app.gql(
      `query($tn: String) { serviceRequest(trackingNumber: $tn) { id } }`,
      { tn: r.trackingNumber },
      staff.cookie,
    );
    expect(staffRead.data!.serviceRequest.id).toBe(r.id);

    // the catalogue lists the private service to staff only
    const catalogue = `{ services { code } }`;
    const publicCodes = (await app.gql(catalogue)).data!.services.map((s: any) => s.code);
    expect(publicCodes).not.toContain(privateCode);
    const staffCodes = (await app.gql(catalogue, {}, staff.cookie)).data!.services.map(
      (s: any) => s.code,
    );
    expect(staffCodes).toContain(privateCode);
  });
});

describe('operation limits and error masking', () => {
  it('refuses a query nested 12 levels deep', async () => {
    // serviceRequests > edges > node > duplicateOf ×8 > id = 12 levels
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `duplicateOf { ${selection} }`;
    const res = await app.gql(`{ serviceRequests(first: 1) { edges { node { ${selection} } } } }`);
    const error = firstError(res);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/deeper than 10/);
    expect(res.data ?? null).toBeNull();
    // the same shape at depth 10 runs
    let ok = 'id';
    for (let i = 0; i < 6; i++) ok = `duplicateOf { ${ok} }`;
    const allowed = await app.gql(`{ serviceRequests(first: 1) { edges { node { ${ok} } } } }`);
    expect(allowed.errors).toBeUndefined();
  });

  it('refuses 40 aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: code`).join(' ');
    const res = await app.gql(`{ services(search: "pothole") { ${aliases} } }`);
    const error = firstError(res);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/aliases/);
    const few = Array.from({ length: 5 }, (_, i) => `a${i}: code`).join(' ');
    const fine = await app.gql(`{ services(search: "pothole") { ${few} } }`);
    expect(fine.errors).toBeUndefined();
    expect(fine.data!.services[0].a4).toEqual(expect.any(String));
  });

  it('masks an unexpected error: a generic message, no internals', async () => {
    const spy = vi
      .spyOn(app.services.areas, 'list')
      .mockRejectedValueOnce(
        new Error('relation "secret_internal_table" does not exist at /srv/stoop/db.ts:42'),
      );
    try {
      const res = await app.gql(`{ areas(kind: WARD) { id } }`);
      expect(spy).toHaveBeenCalled();
      const error = firstError(res);
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      // the same request id is in the response header, the error and the log
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect((error.extensions as { requestId?: string }).requestId).toBe(requestId);
      expect(error.message).toBe(
        `Internal error; quote request id ${requestId} when reporting it.`,
      );
      const body = JSON.stringify(res.errors);
      expect(body).not.toContain('secret_internal_table');
      expect(body).not.toContain('/srv/stoop');
      expect(body).not.toMatch(/stacktrace/i);
    } finally {
      spy.mockRestore();
    }
    // the next call works normally again
    const again = await app.gql(`{ areas(kind: WARD) { id } }`);
    expect(again.data!.areas).toHaveLength(50);
  });
});
