/**
 * The catalogue in the reader's language over real HTTP and WebSocket: service names,
 * descriptions, questions and choices in Spanish by `Accept-Language`, by the field's `language`
 * argument and by the socket's `language` parameter; English where untranslated; the admin's
 * translations written, kept, cleared and checked field by field; the dashboard's service names
 * and the e-mail to a Spanish-speaking reporter in Spanish.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageOfHeader } from '../../api/src/lib/language.js';
import { collect, startTestApp } from './harness.js';
import type { GqlResponse, TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';

let app: TestApp;
let admin: { cookie: string };
let agencyId: string;

/** An operation over HTTP with an Accept-Language header. */
async function gqlIn(
  language: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<GqlResponse> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(language ? { 'accept-language': language } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: any };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

const POTHOLE_TEXT = `query($code: String!) { service(code: $code) {
  name description
  attributes { code description values { key name } }
} }`;

const UPSERT = `mutation($input: UpsertServiceInput!) { upsertService(input: $input) {
  service {
    code name(language: "en") es: name(language: "es") description(language: "es")
    translations { language name description }
    attributes {
      code description(language: "en") es: description(language: "es")
      values(language: "es") { key name }
      translations { language description values { key name } }
    }
  }
} }`;

beforeAll(async () => {
  app = await startTestApp({ publicUrl: 'https://311.example.test' });
  admin = await app.user('ADMIN');
  const ids = await app.gql(`{ agencies { agency { id code } } }`, {}, admin.cookie);
  agencyId = ids.data!.agencies.find((a: any) => a.agency.code === 'CDOT').agency.id;
});
afterAll(() => app.close());

describe('the language of a request', () => {
  it('reads Accept-Language by quality, English when nothing fits', () => {
    expect(languageOfHeader('en;q=0.3, es-419;q=0.8')).toBe('es');
    expect(languageOfHeader('es;q=0.5, en-GB')).toBe('en');
    expect(languageOfHeader('fr-CA, es;q=0')).toBe('en');
    expect(languageOfHeader('pl, ES;q=0.7')).toBe('es');
    expect(languageOfHeader(undefined)).toBe('en');
    expect(languageOfHeader('')).toBe('en');
  });
});

describe('catalogue text by language', () => {
  it('answers in Spanish for Accept-Language es, in English otherwise, keys unchanged', async () => {
    const en = await gqlIn(null, POTHOLE_TEXT, { code: POTHOLE });
    const es = await gqlIn('es-MX,es;q=0.9,en;q=0.5', POTHOLE_TEXT, { code: POTHOLE });
    const fr = await gqlIn('fr-FR', POTHOLE_TEXT, { code: POTHOLE });
    expect(en.data!.service.name).toBe('Pothole in Street Complaint');
    expect(fr.data!.service.name).toBe('Pothole in Street Complaint');
    expect(es.data!.service.name).toBe('Queja por bache en la calle');
    expect(es.data!.service.description).toBe('Un hoyo en el pavimento de una calle.');
    expect(es.headers.get('content-language')).toBe('es');
    expect(es.headers.get('vary')).toMatch(/accept-language/i);
    expect(en.headers.get('content-language')).toBe('en');

    const enWhere = en.data!.service.attributes.find((a: any) => a.code === 'location_on_street');
    const esWhere = es.data!.service.attributes.find((a: any) => a.code === 'location_on_street');
    expect(enWhere.description).toBe('Where on the street is the pothole?');
    expect(esWhere.description).toBe('¿En qué parte de la calle está el bache?');
    expect(esWhere.values.map((v: any) => v.key)).toEqual(enWhere.values.map((v: any) => v.key));
    expect(esWhere.values[0]).toEqual({ key: 'traffic_lane', name: 'Carril de circulación' });
    expect(enWhere.values[0]).toEqual({ key: 'traffic_lane', name: 'Traffic lane' });
  });

  it('lets a field name its language, over the header', async () => {
    const res = await gqlIn(
      'es',
      `query($code: String!) { service(code: $code) { name en: name(language: "en") es: name(language: "es") } }`,
      { code: POTHOLE },
    );
    expect(res.data!.service).toEqual({
      name: 'Queja por bache en la calle',
      en: 'Pothole in Street Complaint',
      es: 'Queja por bache en la calle',
    });
  });

  it('rejects an unknown language with the field named', async () => {
    const res = await gqlIn(null, `{ service(code: "${POTHOLE}") { name(language: "fr") } }`);
    expect(res.status).toBe(200);
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.fields).toEqual([
      { field: 'language', message: 'must be one of en, es' },
    ]);
  });

  it('searches in Spanish and lists the matches by their Spanish names', async () => {
    const res = await gqlIn('es', `{ services(search: "bache") { code name } }`);
    const names = res.data!.services.map((s: any) => s.name);
    expect(res.data!.services[0].code).toBe(POTHOLE);
    expect(names[0]).toBe('Queja por bache en la calle');
    expect(names.every((n: string) => !/pothole/i.test(n))).toBe(true);
  });

  it('sends catalogue text over the socket in the language of its `language` parameter', async () => {
    const code = `LANG-WS-${randomUUID().slice(0, 8)}`;
    const created = await gqlIn(
      null,
      UPSERT,
      {
        input: {
          code,
          name: 'Broken bench',
          group: 'Streets & Transportation',
          agencyId,
          translations: [{ language: 'es', name: 'Banca rota' }],
        },
      },
      admin.cookie,
    );
    expect(created.errors).toBeUndefined();
    // a Spanish socket watching the corner, then a request of that service made there
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const client = createClient({
      url: app.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { language: 'es' },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      const sub = collect(
        client,
        `subscription($bbox: BBoxInput) { serviceRequestsChanged(bbox: $bbox) { change request { service { code name } } } }`,
        { bbox: { west: -87.6107, south: 41.8307, east: -87.6097, north: 41.8317 } },
        1,
      );
      await sub.ready;
      const submitted = await app.gql(
        `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
        {
          input: {
            serviceCode: code,
            description: 'Slats broken on the bench by the bus stop',
            location: { latitude: 41.8312, longitude: -87.6102 },
          },
        },
      );
      expect(submitted.errors).toBeUndefined();
      const pushed = (await sub.results).find(
        (m: any) => m.serviceRequestsChanged.request.service.code === code,
      );
      expect(pushed.serviceRequestsChanged.request.service.name).toBe('Banca rota');
    } finally {
      await client.dispose();
    }
  });
});

describe('translations by administrators', () => {
  const question = (translations?: unknown) => ({
    code: 'side',
    datatype: 'SINGLEVALUELIST',
    required: true,
    description: 'Which side of the street?',
    values: [
      { key: 'north', name: 'North' },
      { key: 'south', name: 'South' },
    ],
    ...(translations === undefined ? {} : { translations }),
  });

  it('writes, keeps when left out, and clears the Spanish text; English stays the English', async () => {
    const code = `LANG-ADM-${randomUUID().slice(0, 8)}`;
    const base = { code, name: 'Loose manhole cover', group: 'Water & Sewer', agencyId };
    const first = await gqlIn(
      'es',
      UPSERT,
      {
        input: {
          ...base,
          description: 'A cover that rocks or is missing.',
          translations: [
            {
              language: 'es',
              name: 'Tapa de alcantarilla suelta',
              description: 'Una tapa que se mueve o que falta.',
            },
          ],
          attributes: [
            question([
              {
                language: 'es',
                description: '¿De qué lado de la calle?',
                values: [{ key: 'north', name: 'Norte' }],
              },
            ]),
          ],
        },
      },
      admin.cookie,
    );
    expect(first.errors).toBeUndefined();
    const s = first.data!.upsertService.service;
    expect(s.name).toBe('Loose manhole cover');
    expect(s.es).toBe('Tapa de alcantarilla suelta');
    expect(s.description).toBe('Una tapa que se mueve o que falta.');
    expect(s.translations).toEqual([
      {
        language: 'es',
        name: 'Tapa de alcantarilla suelta',
        description: 'Una tapa que se mueve o que falta.',
      },
    ]);
    expect(s.attributes[0]).toEqual({
      code: 'side',
      description: 'Which side of the street?',
      es: '¿De qué lado de la calle?',
      // "south" has no Spanish label: it reads in English, never empty
      values: [
        { key: 'north', name: 'Norte' },
        { key: 'south', name: 'South' },
      ],
      translations: [
        {
          language: 'es',
          description: '¿De qué lado de la calle?',
          values: [{ key: 'north', name: 'Norte' }],
        },
      ],
    });

    // left out: the translations stay
    const kept = await gqlIn(
      null,
      UPSERT,
      { input: { ...base, attributes: [question()] } },
      admin.cookie,
    );
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.upsertService.service.es).toBe('Tapa de alcantarilla suelta');
    expect(kept.data!.upsertService.service.attributes[0].es).toBe('¿De qué lado de la calle?');

    // empty lists: removed, Spanish readers get the English
    const cleared = await gqlIn(
      null,
      UPSERT,
      { input: { ...base, translations: [], attributes: [question([])] } },
      admin.cookie,
    );
    expect(cleared.errors).toBeUndefined();
    const c = cleared.data!.upsertService.service;
    expect(c.translations).toEqual([]);
    expect(c.es).toBe('Loose manhole cover');
    expect(c.attributes[0].es).toBe('Which side of the street?');
    expect(c.attributes[0].translations).toEqual([]);
  });

  it('names each bad translation field and writes nothing', async () => {
    const code = `LANG-BAD-${randomUUID().slice(0, 8)}`;
    const res = await gqlIn(
      null,
      UPSERT,
      {
        input: {
          code,
          name: 'Sinkhole',
          group: 'Streets & Transportation',
          agencyId,
          translations: [
            { language: 'en', name: 'Sinkhole' },
            { language: 'es', name: '   ' },
          ],
          attributes: [
            question([
              {
                language: 'es',
                description: '¿De qué lado?',
                values: [{ key: 'east', name: 'Este' }],
              },
            ]),
          ],
        },
      },
      admin.cookie,
    );
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const fields = res.errors![0]!.extensions!.fields!.map((f) => f.field).sort();
    expect(fields).toEqual([
      'input.attributes.0.translations.0.values.0.key',
      'input.translations.0.language',
      'input.translations.1.name',
    ]);
    const rows: unknown[] = await app.dataSource.query(
      `SELECT 1 FROM service_definitions WHERE code = $1`,
      [code],
    );
    expect(rows).toHaveLength(0);
  });
});

describe('Spanish beyond the catalogue queries', () => {
  it('names services in Spanish on the dashboard', async () => {
    const query = `{ stats(filter: { serviceCodes: ["${POTHOLE}"] }) { topServices(limit: 1) { code name } } }`;
    const es = await gqlIn('es', query);
    const en = await gqlIn('en', query);
    expect(es.data!.stats.topServices[0]).toEqual({
      code: POTHOLE,
      name: 'Queja por bache en la calle',
    });
    expect(en.data!.stats.topServices[0].name).toBe('Pothole in Street Complaint');
  });

  it('tells a Spanish-speaking reporter the service by its Spanish name', async () => {
    const email = `vecina-${randomUUID()}@example.test`;
    const res = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
      {
        input: {
          serviceCode: POTHOLE,
          description: 'Bache grande frente a la escuela',
          location: { latitude: 41.9665, longitude: -87.6787 },
          attributes: [
            { code: 'location_on_street', value: 'traffic_lane' },
            { code: 'depth', value: 'over_4in' },
          ],
          contact: { email, updatesBy: ['EMAIL'], language: 'es' },
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const rows = (await app.dataSource.query(
      `SELECT subject, body FROM email_outbox WHERE email = $1`,
      [email],
    )) as { subject: string; body: string }[];
    await app.dataSource.query(`DELETE FROM email_outbox WHERE email = $1`, [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toContain('Gracias por reportar: Queja por bache en la calle.');
    expect(rows[0]!.body).not.toContain('Pothole');
  });
});
