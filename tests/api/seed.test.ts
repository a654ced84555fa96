/**
 * The Chicago seed and importers against a real PostGIS, in a database of their own (created here,
 * dropped at the end), so that re-seeding and imports cannot disturb other test files.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../api/src/db/data-source.js';
import { runMigrations } from '../../api/src/db/migrate.js';
import { generateApiKey, hashApiKey } from '../../api/src/modules/api-key/api-key.crypto.js';
import { hashPassword, verifyPassword } from '../../api/src/modules/user/password.js';
import { SUPPLEMENTAL_SERVICES, csvTypeToCode } from '../../api/src/seed/catalogue.js';
import { AreaImportError, importAreas } from '../../api/src/seed/import-areas.js';
import { importChicagoCsv } from '../../api/src/seed/import-chicago-csv.js';
import { seed, type SeedReport } from '../../api/src/seed/seed.js';
import { readFileSync } from 'node:fs';

const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `stoop_test_seed_${process.pid}`;
const DATA_DIR = process.env.STOOP_SEED_DATA ?? path.resolve('..', 'shared', 'data');

function urlFor(database: string): string {
  const u = new URL(BASE_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let ds: DataSource;
let first: SeedReport;

async function tableCounts(): Promise<Record<string, number>> {
  const [row] = (await ds.query(`
    SELECT (SELECT count(*)::int FROM agencies) AS agencies,
           (SELECT count(*)::int FROM service_definitions) AS services,
           (SELECT count(*)::int FROM service_attributes) AS attributes,
           (SELECT count(*)::int FROM areas) AS areas,
           (SELECT count(*)::int FROM service_requests) AS requests,
           (SELECT count(*)::int FROM request_events) AS events,
           (SELECT extract(epoch FROM max(updated_at))::float FROM service_definitions) AS services_updated`)) as [
    Record<string, number>,
  ];
  return row;
}

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  ds = createDataSource({ url: urlFor(DB_NAME), poolSize: 4 });
  await ds.initialize();
  await runMigrations(ds);
  first = await seed(ds, { dataDir: DATA_DIR, log: () => {} });
});

afterAll(async () => {
  await ds?.destroy();
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
});

describe('catalogue', () => {
  it('holds all 191 Open311 codes plus the portal-only request types', async () => {
    const codes = JSON.parse(
      readFileSync(path.join(DATA_DIR, 'chicago_open311_service_codes.json'), 'utf8'),
    ) as { service_code: string }[];
    expect(codes).toHaveLength(191);
    const stored: { code: string }[] = await ds.query(`SELECT code FROM service_definitions`);
    const storedCodes = new Set(stored.map((r) => r.code));
    expect(codes.filter((c) => !storedCodes.has(c.service_code))).toEqual([]);
    expect(stored).toHaveLength(191 + SUPPLEMENTAL_SERVICES.length);
    expect(first.services.inserted).toBe(197);
  });

  it('gives the pothole form its depth and position questions, a group, an agency and an SLA', async () => {
    const [pothole] = (await ds.query(
      `SELECT sd.id, sd.group_name, sd.sla_days, sd.type, sd.keywords, a.code AS agency
       FROM service_definitions sd JOIN agencies a ON a.id = sd.agency_id
       WHERE sd.slug = 'pothole'`,
    )) as {
      id: string;
      group_name: string;
      sla_days: number;
      type: string;
      keywords: string[];
      agency: string;
    }[];
    expect(pothole).toMatchObject({
      group_name: 'Streets & Transportation',
      sla_days: 7,
      type: 'realtime',
      agency: 'CDOT',
    });
    expect(pothole!.keywords).toContain('bache');
    const attributes: {
      code: string;
      datatype: string;
      required: boolean;
      values: { key: string }[];
    }[] = await ds.query(
      `SELECT code, datatype, required, values FROM service_attributes
         WHERE service_definition_id = $1 ORDER BY sort_order`,
      [pothole!.id],
    );
    const depth = attributes.find((a) => a.code === 'depth');
    expect(depth).toMatchObject({ datatype: 'singlevaluelist', required: true });
    expect(depth!.values.map((v) => v.key)).toEqual(['under_2in', '2_to_4in', 'over_4in']);
    const position = attributes.find((a) => a.code === 'location_on_street');
    expect(position!.values.map((v) => v.key)).toEqual(
      expect.arrayContaining(['traffic_lane', 'curb_lane', 'crosswalk', 'bike_lane']),
    );
  });

  it('makes aircraft noise a batch service of the Department of Aviation', async () => {
    const [row] = (await ds.query(
      `SELECT sd.type, a.code AS agency FROM service_definitions sd
       JOIN agencies a ON a.id = sd.agency_id WHERE sd.code = 'AVN'`,
    )) as { type: string; agency: string }[];
    expect(row).toEqual({ type: 'batch', agency: 'AVIATION' });
  });

  it('maps every request type of the CSV sample to a service', async () => {
    const services: { code: string; slug: string; name: string }[] = await ds.query(
      `SELECT code, slug, name FROM service_definitions`,
    );
    const csv = readFileSync(
      path.join(DATA_DIR, 'chicago_311_service_requests_2021-01-01_sample5000.csv'),
      'utf8',
    );
    const types = new Set(
      csv
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1] ?? '')
        .filter(Boolean),
    );
    const { map, unmapped } = csvTypeToCode(services, types);
    expect(unmapped).toEqual([]);
    expect(map.get('311 INFORMATION ONLY CALL')).toBeNull();
    const pothole = services.find((s) => s.slug === 'pothole');
    expect(map.get('Pothole in Street Complaint')).toBe(pothole!.code);
    expect(map.get('Tree Removal Inspection')).toBe(
      services.find((s) => s.slug === 'tree_removal')!.code,
    );
  });
});

describe('areas', () => {
  it('loads 50 wards and 77 community areas with title-cased names', async () => {
    const rows: { kind: string; n: number }[] = await ds.query(
      `SELECT kind, count(*)::int AS n FROM areas GROUP BY kind ORDER BY kind`,
    );
    expect(rows).toEqual([
      { kind: 'COMMUNITY_AREA', n: 77 },
      { kind: 'WARD', n: 50 },
    ]);
    const names: { number: number; name: string }[] = await ds.query(
      `SELECT number, name FROM areas WHERE kind = 'COMMUNITY_AREA' AND number IN (1, 59, 76) ORDER BY number`,
    );
    expect(names).toEqual([
      { number: 1, name: 'Rogers Park' },
      { number: 59, name: 'McKinley Park' },
      { number: 76, name: "O'Hare" },
    ]);
  });

  it('names the feature at fault in a bad GeoJSON', async () => {
    const bad = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { ward: '99' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
      ],
    };
    await expect(importAreas(ds, bad, 'WARD')).rejects.toThrow(AreaImportError);
    await expect(importAreas(ds, bad, 'WARD')).rejects.toThrow(/feature 1 /);
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM areas WHERE kind = 'WARD'`,
    )) as [{ n: number }];
    expect(n).toBe(50);
  });
});

describe('sample requests', () => {
  it('imports 2,113 of the 2,118 real requests and says why the rest were left out', () => {
    expect(first.requests.imported).toBe(2113);
    expect(first.requests.skipped).toEqual({ 'information-only call': 2882 });
    expect(first.requests.rejected).toEqual({ 'no location': 4, 'outside Chicago': 1 });
    expect(first.requests.rejectedRows).toContainEqual({ line: 2672, reason: 'no location' });
    expect(first.unmappedTypes).toEqual([]);
  });

  it('stores SR21-00000247 with its 2023-map ward, community area, UTC times, parent and timeline', async () => {
    const [sr] = (await ds.query(
      `SELECT r.id, r.ward, r.community_area, r.status, r.detailed_status, r.channel, r.requested_at,
              r.closed_at, p.tracking_number AS parent, a.code AS agency, sd.slug
       FROM service_requests r
       JOIN agencies a ON a.id = r.agency_id
       JOIN service_definitions sd ON sd.id = r.service_definition_id
       LEFT JOIN service_requests p ON p.id = r.duplicate_of_id
       WHERE r.tracking_number = 'SR21-00000247'`,
    )) as Record<string, unknown>[];
    // Portal: created 2021-01-01T02:31:50, closed 03:08:06, Chicago local time (CST, UTC-6).
    expect(sr).toMatchObject({
      ward: 17,
      community_area: 71,
      status: 'CLOSED',
      detailed_status: 'DUPLICATE',
      channel: 'PHONE',
      parent: 'SR21-00000245',
      agency: 'DSS',
      slug: 'ice_snow_removal',
    });
    expect((sr!.requested_at as Date).toISOString()).toBe('2021-01-01T08:31:50.000Z');
    expect((sr!.closed_at as Date).toISOString()).toBe('2021-01-01T09:08:06.000Z');
    const events: {
      type: string;
      from_status: string | null;
      to_status: string;
      visibility: string;
      at: Date;
    }[] = await ds.query(
      `SELECT type, from_status, to_status, visibility, at FROM request_events
         WHERE request_id = $1 ORDER BY id`,
      [sr!.id],
    );
    expect(
      events.map((e) => [e.type, e.from_status, e.to_status, e.visibility, e.at.toISOString()]),
    ).toEqual([
      ['SUBMITTED', null, 'SUBMITTED', 'PUBLIC', '2021-01-01T08:31:50.000Z'],
      ['STATUS_CHANGED', 'SUBMITTED', 'DUPLICATE', 'PUBLIC', '2021-01-01T09:08:06.000Z'],
    ]);
  });

  it("places aircraft noise complaints at O'Hare (ward 41, community area 76)", async () => {
    const rows: { ward: number; community_area: number; n: number }[] = await ds.query(
      `SELECT r.ward, r.community_area, count(*)::int AS n FROM service_requests r
       JOIN service_definitions sd ON sd.id = r.service_definition_id
       WHERE sd.code = 'AVN' GROUP BY 1, 2`,
    );
    expect(rows).toEqual([{ ward: 41, community_area: 76, n: 688 }]);
  });

  it('changes nothing when seeded a second time', async () => {
    const before = await tableCounts();
    const second = await seed(ds, { dataDir: DATA_DIR, log: () => {} });
    expect(second.requests.imported).toBe(0);
    expect(second.requests.skipped['already imported']).toBe(2113);
    for (const step of [second.agencies, second.services, second.attributes]) {
      expect(step.inserted + step.updated).toBe(0);
    }
    expect(second.wards).toEqual({ imported: 0, updated: 0, unchanged: 50 });
    expect(second.communityAreas).toEqual({ imported: 0, updated: 0, unchanged: 77 });
    expect(await tableCounts()).toEqual(before);
  });
});

describe('CSV import', () => {
  const header =
    'sr_number,sr_type,status,origin,created_date,last_modified_date,closed_date,street_address,zip_code,duplicate,parent_sr_number,latitude,longitude';
  const csv = [
    header,
    'SR21-99000001,Pothole in Street Complaint,Open,Mobile Device,2021-07-01T12:00:00.000,2021-07-01T12:00:00.000,,121 N LaSalle ST,60602,False,,41.8837,-87.6324',
    'SR21-99000002,Pothole in Street Complaint,Completed,Internet,2021-07-01T12:00:00.000,,2021-07-02T09:30:00.000,,,False,,,',
    'SR21-99000003,Flying Saucer Landing,Completed,Internet,2021-07-01T12:00:00.000,,2021-07-02T09:30:00.000,,,False,,41.88,-87.63',
    'SR21-99000004,311 INFORMATION ONLY CALL,Completed,Phone Call,2021-07-01T12:00:00.000,,2021-07-01T12:00:00.000,,,False,,41.88,-87.63',
    'SR21-99000005,Graffiti Removal Request,Completed,Internet,2021-07-01T12:00:00.000,,2021-07-02T09:30:00.000,,,False,,40.7128,-74.0060',
    'SR21-99000006,Graffiti Removal Request,Completed,Internet,2021-07-01T12:00:00.000,,2021-07-02T09:30:00.000,,,False,,42.0451,-87.6877',
    'SR21-00000247,Ice and Snow Removal Request,Completed,Phone Call,2021-01-01T02:31:50.000,,2021-01-01T03:08:06.000,,,True,SR21-00000245,41.7,-87.6',
  ].join('\n');

  it('imports good rows and reports each rejection with its reason and line', async () => {
    const result = await importChicagoCsv(ds, csv);
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual({ 'information-only call': 1, 'already imported': 1 });
    // Outside the city is a rejection: a point no ward covers (Evanston, New York) is not Chicago's.
    expect(result.rejected).toEqual({
      'no location': 1,
      'unknown request type': 1,
      'outside Chicago': 2,
    });
    expect(result.rejectedRows).toEqual(
      expect.arrayContaining([
        { line: 3, reason: 'no location' },
        { line: 4, reason: 'unknown request type: "Flying Saucer Landing"' },
      ]),
    );
    expect(result.rejectedRows.map((r) => r.line).sort()).toEqual([3, 4, 6, 7]);
    expect(result.unknownTypes).toEqual(['Flying Saucer Landing']);
  });

  it('converts summer times with daylight saving and derives ward and community area', async () => {
    const [sr] = (await ds.query(
      `SELECT r.id, r.requested_at, r.status, r.detailed_status, r.channel, r.ward, r.community_area, r.zipcode
       FROM service_requests r WHERE tracking_number = 'SR21-99000001'`,
    )) as Record<string, unknown>[];
    // 12:00 CDT (UTC-5) in July.
    expect((sr!.requested_at as Date).toISOString()).toBe('2021-07-01T17:00:00.000Z');
    expect(sr).toMatchObject({
      status: 'OPEN',
      detailed_status: 'SUBMITTED',
      channel: 'MOBILE',
      ward: 42,
      community_area: 32,
      zipcode: '60602',
    });
    const events: { type: string; text: string }[] = await ds.query(
      `SELECT type, text FROM request_events WHERE request_id = $1`,
      [sr!.id],
    );
    expect(events).toEqual([{ type: 'SUBMITTED', text: 'Request received from the mobile app' }]);
  });

  it('refuses a file that is not a 311 export', async () => {
    await expect(importChicagoCsv(ds, 'a,b\n1,2\n')).rejects.toThrow(
      /missing column\(s\) sr_number/,
    );
  });
});

describe('credentials', () => {
  it('hashes passwords with argon2id and verifies them', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('makes stoop_ keys of 32 URL-safe characters stored as SHA-256', () => {
    const { key, hash, prefix } = generateApiKey();
    expect(key).toMatch(/^stoop_[A-Za-z0-9_-]{32}$/);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toBe(hash);
    expect(prefix).toBe(key.slice(0, 10));
    expect(generateApiKey().key).not.toBe(key);
  });
});
