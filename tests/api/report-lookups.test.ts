/**
 * What the report form looks up before anything is submitted: services by words in English or
 * Spanish (search terms, synonyms, ranking), typed places (`geocode`) with their ward, and a point
 * inside a ward for a report placed by ward only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  rankServices,
  searchTerms,
} from '../../api/src/modules/service-definition/service-search.js';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function search(words: string): Promise<string[]> {
  const res = await app.gql<{ services: { name: string }[] }>(
    `query($s: String) { services(search: $s) { name } }`,
    { s: words },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.services.map((s) => s.name);
}

describe('search terms', () => {
  it('drops filler words, folds accents, adds singulars and synonyms', () => {
    expect(searchTerms('El poste de LUZ está apagado')).toEqual([
      { word: 'poste', alternatives: ['poste', 'pole'] },
      { word: 'luz', alternatives: ['luz'] },
      { word: 'apagado', alternatives: ['apagado', 'out'] },
    ]);
    expect(searchTerms('Árboles')[0]!.alternatives).toEqual(['arboles', 'arbol', 'arbole', 'tree']);
    expect(searchTerms('the de la')).toEqual([]);
  });

  it('ranks services matching more words first, then name hits, then how common', () => {
    const catalogue = [
      { id: 'a', name: 'Alley Light Out', group: 'Streets', description: '', keywords: ['luz'] },
      { id: 'b', name: 'Street Light Out', group: 'Streets', description: '', keywords: ['luz'] },
      { id: 'c', name: 'Wire Down', group: 'Streets', description: 'light', keywords: [] },
      { id: 'd', name: 'Graffiti', group: 'Other', description: 'without paint', keywords: [] },
    ];
    const counts: Record<string, number> = { a: 5, b: 50 };
    const ids = (q: string) =>
      rankServices(catalogue, q, (s) => counts[s.id] ?? 0).map((s) => s.id);
    expect(ids('light out')).toEqual(['b', 'a']); // "out" does not match inside "without"
    expect(ids('luz apagada')).toEqual(['b', 'a']);
    expect(ids('luz grande')).toEqual(['b', 'a']); // an unknown word narrows nothing
    expect(ids('zzqxjw')).toEqual([]);
  });
});

describe('services(search) in both languages', () => {
  it('puts the right service first for everyday words', async () => {
    expect((await search('light out'))[0]).toBe('Street Light Out Complaint');
    expect((await search('rats'))[0]).toBe('Rodent Baiting/Rat Complaint');
    expect((await search('ratas'))[0]).toBe('Rodent Baiting/Rat Complaint');
    expect((await search('bache'))[0]).toBe('Pothole in Street Complaint');
    expect((await search('baches en mi calle'))[0]).toBe('Pothole in Street Complaint');
    expect(await search('luz')).toContain('Street Light Out Complaint');
    expect((await search('poste de luz apagado'))[0]).toBe('Street Light Out Complaint');
    // the Spanish names count too ("Cámara de semáforo en rojo")
    expect((await search('semaforo')).slice(0, 3)).toEqual([
      'Traffic Signal Out Complaint',
      'Traffic Signal Timing',
      'Red Light Camera',
    ]);
  });

  it('finds services by their Spanish names and descriptions, not only by keywords', async () => {
    // no keyword says "contenedor" or "tapa": the Spanish names do
    expect((await search('contenedor azul'))[0]).toBe('Blue Recycling Cart');
    expect(await search('tapa de alcantarilla')).toContain('Missing Lid/Grate/Cover');
    expect((await search('callejón'))[0]).toBe('Alley Light Out Complaint');
    // "queja" is in every Spanish name ("Queja por …"): it narrows nothing
    expect((await search('queja de ratas'))[0]).toBe('Rodent Baiting/Rat Complaint');
  });

  it('still answers nothing for words the catalogue does not know', async () => {
    expect(await search('zzqxjw')).toEqual([]);
    expect(await search('de la')).toEqual([]);
  });

  it('keeps the pothole code first for "bache" with its questions', async () => {
    const res = await app.gql<{ services: { code: string; attributes: { code: string }[] }[] }>(
      `{ services(search: "bache") { code attributes { code } } }`,
    );
    expect(res.data!.services[0]!.code).toBe(POTHOLE);
    expect(res.data!.services[0]!.attributes.map((a) => a.code)).toContain('depth');
  });
});

describe('geocode', () => {
  const GEOCODE = `query($q: String!) {
    geocode(query: $q) { address precision ward communityArea location { latitude longitude } }
  }`;

  it('finds a seeded address with the ward and community area that hold it', async () => {
    const [known] = (await app.dataSource.query(
      `SELECT ward, community_area AS "communityArea", ST_Y(location) AS lat, ST_X(location) AS lon
         FROM service_requests WHERE address = '1953 W LELAND AVE' LIMIT 1`,
    )) as { ward: number; communityArea: number; lat: number; lon: number }[];
    const res = await app.gql<{ geocode: any[] }>(GEOCODE, { q: '1953 w leland avenue' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.geocode).toHaveLength(1);
    const hit = res.data!.geocode[0];
    expect(hit).toMatchObject({
      address: '1953 W LELAND AVE',
      precision: 'ADDRESS',
      ward: known!.ward,
      communityArea: known!.communityArea,
    });
    expect(hit.location.latitude).toBeCloseTo(known!.lat, 3);
    expect(hit.location.longitude).toBeCloseTo(known!.lon, 3);
  });

  it('finds an intersection, answers [] for an unknown place and names the field when empty', async () => {
    const corner = await app.gql<{ geocode: any[] }>(GEOCODE, { q: 'Leland & Damen' });
    expect(corner.data!.geocode[0]).toMatchObject({
      address: 'W LELAND AVE & N DAMEN AVE',
      precision: 'INTERSECTION',
    });
    expect(corner.data!.geocode[0].ward).toBeGreaterThan(0);
    const none = await app.gql<{ geocode: any[] }>(GEOCODE, { q: '12 Nowhere Road' });
    expect(none.data!.geocode).toEqual([]);
    const empty = await app.gql(GEOCODE, { q: '   ' });
    expect(empty.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'query' }],
    });
    const long = await app.gql(GEOCODE, { q: 'x'.repeat(201) });
    expect(long.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('placeAt', () => {
  it('names the ward, community area and nearest known address of a point', async () => {
    const [known] = (await app.dataSource.query(
      `SELECT ward, community_area AS "communityArea", ST_Y(location) AS lat, ST_X(location) AS lon
         FROM service_requests WHERE address = '1953 W LELAND AVE' LIMIT 1`,
    )) as { ward: number; communityArea: number; lat: number; lon: number }[];
    const res = await app.gql<{ placeAt: any }>(
      `query($at: GeoPointInput!) { placeAt(location: $at) { ward communityArea nearestAddress nearestAddressMeters } }`,
      { at: { latitude: known!.lat + 0.0001, longitude: known!.lon } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.placeAt).toMatchObject({
      ward: known!.ward,
      communityArea: known!.communityArea,
    });
    expect(res.data!.placeAt.nearestAddress).toMatch(/^\d+ [NSEW] /);
    expect(res.data!.placeAt.nearestAddressMeters).toBeLessThan(120);
  });

  it('answers no ward and no address far outside the city', async () => {
    const res = await app.gql<{ placeAt: any }>(
      `{ placeAt(location: { latitude: 40.7128, longitude: -74.006 }) { ward communityArea nearestAddress } }`,
    );
    expect(res.data!.placeAt).toEqual({ ward: null, communityArea: null, nearestAddress: null });
  });
});

describe('Area.pointInside', () => {
  it('gives a point that lies inside the ward itself', async () => {
    const res = await app.gql<{ areas: { number: number; pointInside: any }[] }>(
      `{ areas(kind: WARD) { number pointInside { latitude longitude } } }`,
    );
    const wards = res.data!.areas;
    expect(wards).toHaveLength(50);
    for (const ward of wards.filter((w) => [1, 25, 47].includes(w.number))) {
      const place = await app.services.areas.locate(
        ward.pointInside.latitude,
        ward.pointInside.longitude,
      );
      expect(place.ward).toBe(ward.number);
    }
  });
});
