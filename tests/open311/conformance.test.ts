/**
 * GeoReport v2 conformance: the checklist of OPEN311.md §5 (D1–D3, S1–S5, P1–P7, R1–R9, E1–E3)
 * walked against the running server in JSON and XML, XML read with a real parser that checks
 * element names and order. Seeded data: real Chicago requests of 1–2 January 2021.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../api/harness.js';
import type { TestApp } from '../api/harness.js';
import {
  child,
  createKey,
  EXTENDED_REQUEST_FIELDS,
  get,
  getJson,
  names,
  parseXml,
  post,
  REQUEST_FIELDS,
  textOf,
  W3C_WITH_ZONE,
} from './open311-client.js';
import type { Form, XmlElement } from './open311-client.js';

const POTHOLE = '4fd3b656e750846c53000004';
const RODENTS = '4fd3b9bce750846c5300004a';
const AIRCRAFT_NOISE = 'AVN';
const SHELTER = '5c1849c79e6e99eda0ad8de1';
/** Hyde Park (ward 5): away from the points other test files crowd. */
const INSIDE = { lat: '41.7943', long: '-87.5907' };
/** Evanston, north of the city limits. */
const OUTSIDE = { lat: '42.0451', long: '-87.6877' };
/** The seeded days, in Chicago time with an explicit offset. */
const SEED_WINDOW = 'start_date=2021-01-01T00:00:00-06:00&end_date=2021-01-03T00:00:00-06:00';
const FORMATS = ['json', 'xml'] as const;

let app: TestApp;
let key: string;

function pothole(extra: Form = {}): Form {
  return {
    api_key: key,
    service_code: POTHOLE,
    ...INSIDE,
    'attribute[location_on_street]': 'curb_lane',
    'attribute[depth]': 'over_4in',
    ...extra,
  };
}

/** Error list of a response in either format, checked for shape. */
function errorsOf(res: { text: string; contentType: string }, format: 'json' | 'xml') {
  if (format === 'json') {
    expect(res.contentType).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.text) as { code: number; description: string }[];
    expect(Array.isArray(body)).toBe(true);
    expect(body.length).toBeGreaterThan(0);
    for (const e of body) {
      expect(typeof e.code).toBe('number');
      expect(typeof e.description).toBe('string');
    }
    return body;
  }
  expect(res.contentType).toBe('text/xml; charset=utf-8');
  const { declaration, root } = parseXml(res.text);
  expect(declaration).toMatch(/encoding="utf-8"/);
  expect(root.name).toBe('errors');
  expect(root.children.length).toBeGreaterThan(0);
  return root.children.map((e) => {
    expect(names(e)).toEqual(['code', 'description']);
    return { code: Number(textOf(e, 'code')), description: textOf(e, 'description') };
  });
}

/** A request as a flat record from either format (XML leaves as text). */
function xmlRequest(e: XmlElement): Record<string, string> {
  return Object.fromEntries(e.children.map((c) => [c.name, c.text]));
}

beforeAll(async () => {
  app = await startTestApp();
  key = (await createKey(app)).key;
});

afterAll(async () => {
  await app.close();
});

describe('D: discovery', () => {
  it('D1–D3: both formats, right content types, the XML declaration, the same endpoints', async () => {
    const json = await get(app, 'discovery.json');
    expect(json.status).toBe(200);
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const d = JSON.parse(json.text);
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(typeof d.contact).toBe('string');
    expect(typeof d.key_service).toBe('string');
    expect(Date.parse(d.changeset)).toBeLessThanOrEqual(Date.now());
    expect(d.endpoints).toHaveLength(1);
    const [endpoint] = d.endpoints;
    expect(endpoint).toEqual({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${app.url}/open311/v2/`,
      changeset: d.changeset,
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });

    const xml = await get(app, 'discovery.xml');
    expect(xml.status).toBe(200);
    expect(xml.contentType).toBe('text/xml; charset=utf-8');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const { root } = parseXml(xml.text);
    expect(root.name).toBe('discovery');
    expect(names(root)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const endpoints = child(root, 'endpoints')!;
    expect(names(endpoints)).toEqual(['endpoint']);
    const e = endpoints.children[0]!;
    expect(names(e)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(textOf(e, 'url')).toBe(endpoint.url);
    expect(textOf(e, 'specification')).toBe(endpoint.specification);
    expect(child(e, 'formats')!.children.map((f) => [f.name, f.text])).toEqual([
      ['format', 'text/xml'],
      ['format', 'application/json'],
    ]);
    expect(textOf(root, 'changeset')).toBe(d.changeset);
  });
});

describe('S: services', () => {
  it('S1–S2: the list in both formats, valid items in the spec order, no private service', async () => {
    const { status, body } = await getJson(app, 'services.json');
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(body.length).toBeGreaterThan(150);
    const codes = body.map((s: any) => s.service_code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const s of body) {
      expect(Object.keys(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
      expect(typeof s.service_code).toBe('string');
      expect(s.service_code).not.toBe('');
      expect(typeof s.service_name).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
      expect(typeof s.keywords).toBe('string');
      expect(typeof s.group).toBe('string');
    }
    expect(codes).not.toContain(SHELTER);
    expect(body.find((s: any) => s.service_code === AIRCRAFT_NOISE).type).toBe('batch');
    expect(body.find((s: any) => s.service_code === POTHOLE)).toMatchObject({
      service_name: 'Pothole in Street Complaint',
      metadata: true,
      type: 'realtime',
    });

    const xml = await get(app, 'services.xml');
    expect(xml.contentType).toBe('text/xml; charset=utf-8');
    const { root } = parseXml(xml.text);
    expect(root.name).toBe('services');
    expect(new Set(names(root))).toEqual(new Set(['service']));
    expect(root.children.map((s) => textOf(s, 'service_code'))).toEqual(codes);
    const first = root.children[0]!;
    expect(names(first)).toEqual(Object.keys(body[0]));
    expect(textOf(first, 'metadata')).toBe(String(body[0].metadata));
  });

  it('S3: a wrong jurisdiction_id is 404 with an error list; an empty one is absent', async () => {
    for (const format of FORMATS) {
      const wrong = await get(app, `services.${format}?jurisdiction_id=sfgov.org`);
      expect(wrong.status).toBe(404);
      expect(errorsOf(wrong, format)[0]!.code).toBe(404);
      expect((await get(app, `services.${format}?jurisdiction_id=`)).status).toBe(200);
      expect((await get(app, `services.${format}?jurisdiction_id=cityofchicago.org`)).status).toBe(
        200,
      );
      const req = await get(app, `requests.${format}?jurisdiction_id=nyc.gov`);
      expect(req.status).toBe(404);
    }
  });

  it('S4: every service with metadata has a valid definition in both formats', async () => {
    const { body } = await getJson(app, 'services.json');
    const withMetadata = body.filter((s: any) => s.metadata);
    expect(withMetadata.length).toBeGreaterThan(10);
    for (const s of withMetadata) {
      const def = await getJson(app, `services/${s.service_code}.json`);
      expect(def.status).toBe(200);
      expect(Object.keys(def.body)).toEqual(['service_code', 'attributes']);
      expect(def.body.service_code).toBe(s.service_code);
      const orders = def.body.attributes.map((a: any) => a.order);
      expect(new Set(orders).size).toBe(orders.length);
      for (const a of def.body.attributes) {
        expect(Number.isInteger(a.order) && a.order > 0).toBe(true);
        expect(typeof a.variable).toBe('boolean');
        expect(typeof a.required).toBe('boolean');
        expect(typeof a.code).toBe('string');
        expect([
          'string',
          'number',
          'datetime',
          'text',
          'singlevaluelist',
          'multivaluelist',
        ]).toContain(a.datatype);
        if (a.datatype.endsWith('valuelist')) {
          expect(a.values.length).toBeGreaterThan(0);
          for (const v of a.values) expect(Object.keys(v)).toEqual(['key', 'name']);
        } else {
          expect(a.values ?? []).toEqual([]);
        }
      }
      const xml = await get(app, `services/${s.service_code}.xml`);
      const { root } = parseXml(xml.text);
      expect(root.name).toBe('service_definition');
      expect(names(root)).toEqual(['service_code', 'attributes']);
      const attrs = child(root, 'attributes')!.children;
      expect(attrs.map((a) => textOf(a, 'code'))).toEqual(
        def.body.attributes.map((a: any) => a.code),
      );
      for (const a of attrs) {
        const expected = [
          'variable',
          'code',
          'datatype',
          'required',
          'datatype_description',
          'order',
          'description',
        ];
        if (textOf(a, 'datatype').endsWith('valuelist')) expected.push('values');
        expect(names(a)).toEqual(expected);
      }
    }
  });

  it('S5: an unknown service code is 404 with an error list', async () => {
    for (const format of FORMATS) {
      const res = await get(app, `services/NOPE.${format}`);
      expect(res.status).toBe(404);
      expect(errorsOf(res, format)[0]).toMatchObject({ code: 404 });
    }
  });
});

describe('P: POST requests', () => {
  it('P1: a missing, unknown or malformed api_key is 403 with an error list', async () => {
    for (const format of FORMATS) {
      for (const apiKey of [undefined, '', 'stoop_not-a-real-key', 'x'.repeat(500)]) {
        const res = await post(app, `requests.${format}`, pothole({ api_key: apiKey }));
        expect(res.status).toBe(403);
        expect(errorsOf(res, format)[0]!.code).toBe(403);
      }
    }
  });

  it('P2: a missing service_code is 400, an unknown one 404', async () => {
    for (const format of FORMATS) {
      const missing = await post(app, `requests.${format}`, pothole({ service_code: undefined }));
      expect(missing.status).toBe(400);
      expect(errorsOf(missing, format)[0]!.description).toContain('service_code');
      const unknown = await post(app, `requests.${format}`, pothole({ service_code: 'NOPE' }));
      expect(unknown.status).toBe(404);
      expect(errorsOf(unknown, format)[0]!.description).toContain('NOPE');
    }
  });

  it('P3: no location, lat without long, or an address alone (no geocoder yet) is 400', async () => {
    const cases: [Form, string][] = [
      [{ lat: undefined, long: undefined }, 'required'],
      [{ long: undefined }, 'together'],
      [{ lat: undefined }, 'together'],
      [{ lat: undefined, long: undefined, address_string: '4700 N Damen Ave' }, 'address_string'],
      [{ lat: undefined, long: undefined, address_id: '123' }, 'address_string'],
      [{ lat: 'north', long: '-87.6' }, 'lat'],
      [{ lat: '141.9', long: '-87.6' }, 'WGS84'],
    ];
    for (const format of FORMATS) {
      for (const [change, words] of cases) {
        const res = await post(app, `requests.${format}`, pothole(change));
        expect(res.status, JSON.stringify(change)).toBe(400);
        expect(errorsOf(res, format)[0]!.description).toContain(words);
      }
    }
  });

  it('P3: a place outside the city is 400 naming the location', async () => {
    const res = await post(app, 'requests.json', pothole(OUTSIDE));
    expect(res.status).toBe(400);
    expect(errorsOf(res, 'json')[0]!.description).toMatch(/^lat\/long: is outside the city/);
  });

  it('P4: required attributes, allowed keys, and multivaluelist answers as attribute[c][]', async () => {
    const missing = await post(app, 'requests.xml', pothole({ 'attribute[depth]': undefined }));
    expect(missing.status).toBe(400);
    expect(errorsOf(missing, 'xml').map((e) => e.description)).toEqual([
      expect.stringMatching(/^attribute\[depth\]: is required/),
    ]);
    const badKey = await post(app, 'requests.json', pothole({ 'attribute[depth]': 'bottomless' }));
    expect(badKey.status).toBe(400);
    expect(errorsOf(badKey, 'json')[0]!.description).toMatch(/^attribute\[depth\]: must be one of/);
    const unknown = await post(app, 'requests.json', pothole({ 'attribute[colour]': 'red' }));
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown, 'json')[0]!.description).toContain('attribute[colour]');

    const multi = await post(app, 'requests.json', {
      api_key: key,
      service_code: RODENTS,
      ...INSIDE,
      'attribute[where_seen][]': ['alley', 'yard'],
      'attribute[dog_in_yard]': 'no',
    });
    expect(multi.status).toBe(200);
    const [{ service_request_id: id }] = JSON.parse(multi.text);
    const [stored] = (await app.dataSource.query(
      `SELECT attributes FROM service_requests WHERE tracking_number = $1`,
      [id],
    )) as { attributes: Record<string, string[]> }[];
    expect(stored!.attributes).toEqual({ where_seen: ['alley', 'yard'], dog_in_yard: 'no' });
    const badMulti = await post(app, 'requests.json', {
      api_key: key,
      service_code: RODENTS,
      ...INSIDE,
      'attribute[where_seen][]': ['alley', 'moon'],
      'attribute[dog_in_yard]': 'no',
    });
    expect(badMulti.status).toBe(400);
    expect(badMulti.text).toContain('moon');
  });

  it('P5: realtime → service_request_id only; batch → token only; 200 with an array of one', async () => {
    for (const format of FORMATS) {
      const realtime = await post(app, `requests.${format}`, pothole());
      expect(realtime.status).toBe(200);
      const batch = await post(app, `requests.${format}`, {
        api_key: key,
        service_code: AIRCRAFT_NOISE,
        ...INSIDE,
        'attribute[event_time]': '2026-01-05T22:10:00-06:00',
        'attribute[airport]': 'ohare',
        'attribute[noise_type]': 'arrival',
      });
      expect(batch.status).toBe(200);
      if (format === 'json') {
        const r = JSON.parse(realtime.text);
        expect(r).toEqual([{ service_request_id: expect.stringMatching(/^SR\d{2}-\d{8}$/) }]);
        const b = JSON.parse(batch.text);
        expect(b).toEqual([{ token: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
      } else {
        const r = parseXml(realtime.text).root;
        expect(r.name).toBe('service_requests');
        expect(names(r)).toEqual(['request']);
        expect(names(r.children[0]!)).toEqual(['service_request_id']);
        const b = parseXml(batch.text).root;
        expect(names(b.children[0]!)).toEqual(['token']);
      }
    }
  });

  it('P6: a description over 4,000 characters is 400', async () => {
    const res = await post(app, 'requests.json', pothole({ description: 'x'.repeat(4001) }));
    expect(res.status).toBe(400);
    expect(errorsOf(res, 'json')[0]!.description).toMatch(/^description: /);
    expect(
      (await post(app, 'requests.json', pothole({ description: 'x'.repeat(4000) }))).status,
    ).toBe(200);
  });

  it('P7: the created request reads back by id with its values and a zoned requested_datetime', async () => {
    const before = Date.now();
    const res = await post(
      app,
      'requests.json',
      pothole({ description: 'Crater by the bus stop', lat: '41.794301', long: '-87.590701' }),
    );
    const [{ service_request_id: id }] = JSON.parse(res.text);
    const { status, body } = await getJson(app, `requests/${id}.json`);
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    const r = body[0];
    expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: POTHOLE,
      service_name: 'Pothole in Street Complaint',
      description: 'Crater by the bus stop',
    });
    expect(Math.abs(r.lat - 41.794301)).toBeLessThan(1e-6);
    expect(Math.abs(r.long - -87.590701)).toBeLessThan(1e-6);
    expect(r.requested_datetime).toMatch(W3C_WITH_ZONE);
    expect(Math.abs(Date.parse(r.requested_datetime) - before)).toBeLessThan(60_000);
    expect(typeof r.agency_responsible).toBe('string');
    expect(r.expected_datetime).toMatch(W3C_WITH_ZONE);
  });

  it('rejects other resources and formats on POST with a 404 error list', async () => {
    expect((await post(app, 'services.json', pothole())).status).toBe(404);
    const yaml = await post(app, 'requests.yaml', pothole());
    expect(yaml.status).toBe(404);
    errorsOf(yaml, 'xml');
  });
});

describe('R: GET requests', () => {
  it('R1: the seeded days in both formats: valid items in the spec order, same values', async () => {
    const { status, body } = await getJson(app, `requests.json?${SEED_WINDOW}&page_size=500`);
    expect(status).toBe(200);
    expect(body).toHaveLength(500);
    for (const r of body) {
      expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
      expect(typeof r.service_request_id).toBe('string');
      expect(['open', 'closed']).toContain(r.status);
      expect(typeof r.service_code).toBe('string');
      expect(r.requested_datetime).toMatch(W3C_WITH_ZONE);
      expect(r.updated_datetime).toMatch(W3C_WITH_ZONE);
      expect(typeof r.lat).toBe('number');
      expect(typeof r.long).toBe('number');
    }
    const xml = await get(app, `requests.xml?${SEED_WINDOW}&page_size=500`);
    expect(xml.contentType).toBe('text/xml; charset=utf-8');
    const { root } = parseXml(xml.text);
    expect(root.name).toBe('service_requests');
    expect(root.children).toHaveLength(500);
    root.children.forEach((e, i) => {
      expect(e.name).toBe('request');
      expect(names(e)).toEqual(REQUEST_FIELDS);
      // E3: identical values in both representations
      const x = xmlRequest(e);
      for (const field of REQUEST_FIELDS) {
        const j = body[i][field];
        expect(x[field], field).toBe(j === null ? '' : String(j));
      }
    });
  });

  it('R2: without dates, only the last 90 days and a bounded page', async () => {
    await post(app, 'requests.json', pothole());
    const { body } = await getJson(app, 'requests.json');
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThanOrEqual(50);
    const horizon = Date.now() - 90 * 86_400_000;
    for (const r of body) expect(Date.parse(r.requested_datetime)).toBeGreaterThanOrEqual(horizon);
    // the seeded 2021 requests are outside the default window
    expect(body.some((r: any) => r.requested_datetime.startsWith('2021-'))).toBe(false);
  });

  it('R3: status filters; a bad status is 400', async () => {
    const open = (await getJson(app, `requests.json?${SEED_WINDOW}&status=open&page_size=500`))
      .body;
    const closed = (await getJson(app, `requests.json?${SEED_WINDOW}&status=closed&page_size=500`))
      .body;
    expect(open.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    expect(open.every((r: any) => r.status === 'open')).toBe(true);
    expect(closed.every((r: any) => r.status === 'closed')).toBe(true);
    const both = (
      await getJson(
        app,
        `requests.json?${SEED_WINDOW}&status=open,closed&service_code=${POTHOLE}&page_size=500`,
      )
    ).body;
    const only = async (status: string) =>
      (
        await getJson(
          app,
          `requests.json?${SEED_WINDOW}&status=${status}&service_code=${POTHOLE}&page_size=500`,
        )
      ).body as any[];
    const potholeOpen = await only('open');
    const potholeClosed = await only('closed');
    expect(potholeOpen.length + potholeClosed.length).toBeLessThan(500);
    expect(both.map((r: any) => r.service_request_id).sort()).toEqual(
      [...potholeOpen, ...potholeClosed].map((r: any) => r.service_request_id).sort(),
    );
    expect(both.length).toBeGreaterThan(0);
    for (const format of FORMATS) {
      const bad = await get(app, `requests.${format}?status=bogus`);
      expect(bad.status).toBe(400);
      expect(errorsOf(bad, format)[0]!.description).toContain('status');
    }
  });

  it('R4: service_code lists', async () => {
    const { body } = await getJson(
      app,
      `requests.json?${SEED_WINDOW}&service_code=${POTHOLE},${RODENTS}&page_size=500`,
    );
    expect(body.length).toBeGreaterThan(0);
    expect(new Set(body.map((r: any) => r.service_code))).toEqual(new Set([POTHOLE, RODENTS]));
  });

  it('R5: start_date/end_date with Z, offsets, no zone (Chicago time) and plain dates; garbage is 400', async () => {
    const count = async (query: string) =>
      (await getJson(app, `requests.json?${query}&page_size=500`)).body as any[];
    const morning = await count(
      'start_date=2021-01-01T06:00:00-06:00&end_date=2021-01-01T12:00:00-06:00',
    );
    expect(morning.length).toBeGreaterThan(0);
    for (const r of morning) {
      const t = Date.parse(r.requested_datetime);
      expect(t).toBeGreaterThanOrEqual(Date.parse('2021-01-01T12:00:00Z'));
      expect(t).toBeLessThanOrEqual(Date.parse('2021-01-01T18:00:00Z'));
    }
    const ids = (rows: any[]) => rows.map((r) => r.service_request_id);
    const zulu = await count('start_date=2021-01-01T12:00:00Z&end_date=2021-01-01T18:00:00Z');
    const noZone = await count('start_date=2021-01-01T06:00:00&end_date=2021-01-01T12:00:00');
    const plusAsSpace = await count(
      'start_date=2021-01-01T13:00:00+01:00&end_date=2021-01-01T19:00:00%2B01:00',
    );
    expect(ids(zulu)).toEqual(ids(morning));
    expect(ids(noZone)).toEqual(ids(morning));
    expect(ids(plusAsSpace)).toEqual(ids(morning));
    const day = await count('start_date=2021-01-01&end_date=2021-01-02');
    expect(day.length).toBeGreaterThan(morning.length);
    for (const bad of [
      'start_date=yesterday',
      'end_date=2021-13-01',
      'start_date=2021-02-30T00:00:00Z',
    ]) {
      for (const format of FORMATS) {
        const res = await get(app, `requests.${format}?${bad}`);
        expect(res.status, bad).toBe(400);
        expect(errorsOf(res, format)[0]!.description).toMatch(/^(start|end)_date: /);
      }
    }
    const tooLong = await get(app, 'requests.json?start_date=2021-01-01&end_date=2021-06-01');
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('90 days');
    const reversed = await get(app, 'requests.json?start_date=2021-01-02&end_date=2021-01-01');
    expect(reversed.status).toBe(400);
  });

  it('R6: service_request_id lists override every other filter', async () => {
    const some = (await getJson(app, `requests.json?${SEED_WINDOW}&page_size=3`)).body;
    const wanted = some.map((r: any) => r.service_request_id);
    const { body } = await getJson(
      app,
      `requests.json?service_request_id=${wanted.join(',')}&service_code=NOPE&status=closed&start_date=2030-01-01`,
    );
    expect(body.map((r: any) => r.service_request_id).sort()).toEqual([...wanted].sort());
    expect(
      (await getJson(app, `requests.json?service_request_id=${wanted[0].toLowerCase()}`)).body,
    ).toHaveLength(1);
  });

  it('R7: one request by id in both formats; an unknown id is 404', async () => {
    const [first] = (await getJson(app, `requests.json?${SEED_WINDOW}&page_size=1`)).body;
    const xml = parseXml((await get(app, `requests/${first.service_request_id}.xml`)).text).root;
    expect(xml.name).toBe('service_requests');
    expect(names(xml)).toEqual(['request']);
    expect(textOf(xml.children[0]!, 'service_request_id')).toBe(first.service_request_id);
    for (const format of FORMATS) {
      const res = await get(app, `requests/SR99-99999999.${format}`);
      expect(res.status).toBe(404);
      expect(errorsOf(res, format)[0]!.code).toBe(404);
    }
  });

  it('R8: a token resolves to its request; an unknown token is 404', async () => {
    const res = await post(app, 'requests.json', {
      api_key: key,
      service_code: AIRCRAFT_NOISE,
      ...INSIDE,
      'attribute[event_time]': '2026-01-05T22:10:00',
      'attribute[airport]': 'midway',
      'attribute[noise_type]': 'helicopter',
    });
    const [{ token }] = JSON.parse(res.text);
    const json = (await getJson(app, `tokens/${token}.json`)).body;
    expect(json).toEqual([{ service_request_id: expect.stringMatching(/^SR\d{2}-\d{8}$/), token }]);
    const xml = parseXml((await get(app, `tokens/${token}.xml`)).text).root;
    expect(xml.name).toBe('service_requests');
    expect(names(xml.children[0]!)).toEqual(['service_request_id', 'token']);
    expect(textOf(xml.children[0]!, 'service_request_id')).toBe(json[0].service_request_id);
    for (const format of FORMATS) {
      const unknown = await get(app, `tokens/deadbeef.${format}`);
      expect(unknown.status).toBe(404);
      errorsOf(unknown, format);
    }
  });

  it('R9: pages are disjoint and stable, [] past the end, page_size capped at 500', async () => {
    const [{ count }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private AND r.requested_at >= '2021-01-01T06:00:00Z' AND r.requested_at <= '2021-01-03T06:00:00Z'`,
    )) as [{ count: number }];
    expect(count).toBeGreaterThan(1000);
    // a real client (chicagorequests) pages until an empty list
    const seen: string[] = [];
    let previous = Infinity;
    for (let page = 1; ; page += 1) {
      const { status, body } = await getJson(
        app,
        `requests.json?${SEED_WINDOW}&page_size=256&page=${page}`,
      );
      expect(status).toBe(200);
      if (body.length === 0) break;
      for (const r of body) {
        const t = Date.parse(r.requested_datetime);
        expect(t).toBeLessThanOrEqual(previous);
        previous = t;
        seen.push(r.service_request_id);
      }
    }
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    const again = (await getJson(app, `requests.json?${SEED_WINDOW}&page_size=256&page=2`)).body;
    expect(again.map((r: any) => r.service_request_id)).toEqual(seen.slice(256, 512));
    expect((await getJson(app, `requests.json?${SEED_WINDOW}`)).body).toHaveLength(50);
    const xmlPast = await get(app, `requests.xml?${SEED_WINDOW}&page=999`);
    expect(xmlPast.status).toBe(200);
    expect(parseXml(xmlPast.text).root).toMatchObject({ name: 'service_requests', children: [] });
    for (const bad of ['page_size=501', 'page_size=0', 'page=0', 'page=-1', 'page_size=ten']) {
      const res = await get(app, `requests.json?${SEED_WINDOW}&${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('R9: updated_after/updated_before filter on updated_datetime', async () => {
    const sample = (await getJson(app, `requests.json?${SEED_WINDOW}&page_size=500&status=closed`))
      .body;
    const t = sample[10].updated_datetime as string;
    const after = (
      await getJson(
        app,
        `requests.json?updated_after=${encodeURIComponent(t)}&page_size=500&${SEED_WINDOW}`,
      )
    ).body;
    expect(after.length).toBeGreaterThan(0);
    for (const r of after)
      expect(Date.parse(r.updated_datetime)).toBeGreaterThanOrEqual(Date.parse(t));
    const before = (
      await getJson(
        app,
        `requests.json?updated_before=${encodeURIComponent(t)}&page_size=500&${SEED_WINDOW}`,
      )
    ).body;
    for (const r of before)
      expect(Date.parse(r.updated_datetime)).toBeLessThanOrEqual(Date.parse(t));
    const exact = (
      await getJson(
        app,
        `requests.json?updated_after=${encodeURIComponent(t)}&updated_before=${encodeURIComponent(t)}&page_size=500&${SEED_WINDOW}`,
      )
    ).body;
    expect(exact.map((r: any) => r.service_request_id)).toContain(sample[10].service_request_id);
    expect((await get(app, 'requests.json?updated_after=soon')).status).toBe(400);
  });

  it('R9: extensions=true adds detailed_status, extended_attributes and notes; absent otherwise', async () => {
    const plain = (await getJson(app, `requests.json?${SEED_WINDOW}&page_size=20`)).body;
    for (const r of plain) {
      expect(r).not.toHaveProperty('notes');
      expect(r).not.toHaveProperty('extended_attributes');
    }
    const { body } = await getJson(
      app,
      `requests.json?${SEED_WINDOW}&page_size=20&extensions=true`,
    );
    for (const r of body) {
      expect(Object.keys(r)).toEqual(EXTENDED_REQUEST_FIELDS);
      expect(Object.keys(r.extended_attributes)).toEqual([
        'ward',
        'community_area',
        'channel',
        'duplicate',
        'parent_service_request_id',
      ]);
      expect(typeof r.extended_attributes.duplicate).toBe('boolean');
      expect(r.notes.length).toBeGreaterThan(0);
      for (const n of r.notes) {
        expect(n.datetime).toMatch(W3C_WITH_ZONE);
        expect(typeof n.summary).toBe('string');
        expect(['submitted', 'opened', 'activity', 'closed']).toContain(n.type);
      }
      if (r.status === 'closed') expect(r.notes.at(-1).type).toBe('closed');
    }
    const xml = parseXml(
      (await get(app, `requests.xml?${SEED_WINDOW}&page_size=20&extensions=true`)).text,
    ).root;
    const first = xml.children[0]!;
    expect(names(first)).toEqual(EXTENDED_REQUEST_FIELDS);
    expect(names(child(first, 'extended_attributes')!)).toEqual(
      Object.keys(body[0].extended_attributes),
    );
    const notes = child(first, 'notes')!;
    expect(new Set(names(notes))).toEqual(new Set(['note']));
    expect(names(notes.children[0]!).slice(0, 3)).toEqual(['datetime', 'summary', 'type']);
  });

  it('R9: lat/long/radius finds requests within the radius; radius without a place is 400', async () => {
    const near = (
      await getJson(
        app,
        `requests.json?${SEED_WINDOW}&lat=41.8781&long=-87.6298&radius=2000&page_size=500`,
      )
    ).body;
    expect(near.length).toBeGreaterThan(0);
    for (const r of near) {
      const dy = (r.lat - 41.8781) * 111_320;
      const dx = (r.long - -87.6298) * 111_320 * Math.cos((41.8781 * Math.PI) / 180);
      expect(Math.hypot(dx, dy)).toBeLessThan(2030);
    }
    for (const bad of ['radius=100', 'lat=41.8&radius=100', 'lat=41.8&long=-87.6&radius=50000']) {
      expect((await get(app, `requests.json?${bad}`)).status, bad).toBe(400);
    }
  });

  it('never answers with HTML or a 500: unknown formats, resources and odd parameters', async () => {
    for (const path of [
      'services.yaml',
      'services',
      'nothing.json',
      'requests/SR21-00000001.html',
      'a/b/c.json',
    ]) {
      const res = await get(app, path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toMatch(/<html/i);
      errorsOf(res, path.endsWith('.json') ? 'json' : 'xml');
    }
    for (const query of [
      'status=open&status=closed',
      'page_size=1&page_size=2',
      'start_date=2021-01-01&start_date=2021-01-02',
    ]) {
      const res = await get(app, `requests.json?${query}`);
      expect(res.status, query).toBe(400);
    }
  });
});

describe('E: encoding', () => {
  it('E1–E2: non-ASCII round-trips in both formats; XML special characters are escaped', async () => {
    const description = 'Señor ñandú — 東京 <b>bold</b> & "quotes" \'apos\'';
    const res = await post(app, 'requests.xml', pothole({ description }));
    const id = textOf(parseXml(res.text).root.children[0]!, 'service_request_id');
    const json = (await getJson(app, `requests/${id}.json`)).body;
    expect(json[0].description).toBe(description);
    const xml = await get(app, `requests/${id}.xml`);
    expect(xml.text).toContain('&lt;b&gt;bold&lt;/b&gt; &amp;');
    expect(textOf(parseXml(xml.text).root.children[0]!, 'description')).toBe(description);
  });
});
