/**
 * Geocoding: the offline geocoder over the seeded Chicago requests (exact addresses, interpolated
 * house numbers, intersections) and the HTTP adapter against a local stand-in Pelias / Nominatim.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGeocoder } from '../../api/src/modules/geocoder/geocoder.js';
import type { Geocoder } from '../../api/src/modules/geocoder/geocoder.js';
import { HttpGeocoder } from '../../api/src/modules/geocoder/http.geocoder.js';
import { LocalGeocoder } from '../../api/src/modules/geocoder/local.geocoder.js';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

let app: TestApp;
let local: Geocoder;

/** Metres between two points (equirectangular; fine at city scale). */
function meters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const x =
    (a.longitude - b.longitude) * Math.cos(((a.latitude + b.latitude) / 2) * (Math.PI / 180));
  const y = a.latitude - b.latitude;
  return Math.sqrt(x * x + y * y) * 111_320;
}

beforeAll(async () => {
  app = await startTestApp();
  local = createGeocoder(app.dataSource);
});
afterAll(() => app.close());

describe('LocalGeocoder (seeded Chicago addresses)', () => {
  it('is the default when no server URL is set', () => {
    expect(local).toBeInstanceOf(LocalGeocoder);
  });

  it('finds a known address however the street is written', async () => {
    const [known] = (await app.dataSource.query(
      `SELECT ST_Y(location) AS lat, ST_X(location) AS lon FROM service_requests
        WHERE address = '1953 W LELAND AVE' LIMIT 1`,
    )) as { lat: number; lon: number }[];
    for (const text of ['1953 W Leland Ave', '1953 west leland avenue, Chicago, IL 60640']) {
      const hit = await local.geocode(text);
      expect(hit).toMatchObject({ label: '1953 W LELAND AVE', precision: 'ADDRESS' });
      expect(hit!.latitude).toBeCloseTo(known!.lat, 3);
      expect(hit!.longitude).toBeCloseTo(known!.lon, 3);
    }
  });

  it('interpolates a house number between the nearest known ones on the same street', async () => {
    // Seeded: 2927 W LEXINGTON ST (-87.69962) and 3642 W LEXINGTON ST (-87.71733).
    const hit = await local.geocode('3200 W Lexington Street');
    expect(hit).toMatchObject({ label: '3200 W LEXINGTON ST', precision: 'ADDRESS' });
    const t = (3200 - 2927) / (3642 - 2927);
    expect(hit!.longitude).toBeCloseTo(
      -87.69962102780991 + t * (-87.71732686994652 + 87.69962102780991),
      5,
    );
    expect(hit!.latitude).toBeCloseTo(41.8719, 3);
    // Chicago's grid: 3200 W is four miles west of State Street, about -87.7055.
    expect(Math.abs(hit!.longitude + 87.7055)).toBeLessThan(0.003);
  });

  it('finds where two streets meet, written with & or "and"', async () => {
    for (const text of ['Leland & Damen', 'leland and damen']) {
      const hit = await local.geocode(text);
      expect(hit?.precision).toBe('INTERSECTION');
      expect(hit!.label).toBe('W LELAND AVE & N DAMEN AVE');
      // The real corner of Leland and Damen.
      expect(meters(hit!, { latitude: 41.96676, longitude: -87.67865 })).toBeLessThan(150);
    }
  });

  it('answers null for unknown places and for streets that never meet', async () => {
    expect(await local.geocode('12 Nowhere Road')).toBeNull();
    expect(await local.geocode('Leland & Lexington')).toBeNull();
    expect(await local.geocode('   ')).toBeNull();
  });

  it('answers a bare street name with a point on that street', async () => {
    const hit = await local.geocode('West Lexington');
    expect(hit).toMatchObject({ label: 'W LEXINGTON ST', precision: 'STREET' });
    expect(hit!.latitude).toBeCloseTo(41.8719, 3);
  });
});

describe('HttpGeocoder (local stand-in server)', () => {
  let server: Server;
  let base: string;
  const seen: { path: string; query: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    const stub = express();
    stub.get('/v1/search', (req, res) => {
      seen.push({ path: req.path, query: req.query });
      if (req.query.text === 'nowhere') return res.json({ features: [] });
      res.json({
        type: 'FeatureCollection',
        features: [
          {
            geometry: { type: 'Point', coordinates: [-87.6786, 41.9668] },
            properties: { label: 'W Leland Ave & N Damen Ave, Chicago, IL', layer: 'intersection' },
          },
        ],
      });
    });
    stub.get('/nominatim/search', (req, res) => {
      seen.push({ path: req.path, query: req.query });
      res.json([
        {
          lat: '41.8719',
          lon: '-87.6890',
          display_name: '2111, West Lexington Street, Chicago',
          addresstype: 'house',
        },
      ]);
    });
    stub.get('/broken/v1/search', (_req, res) => {
      res.status(502).send('bad gateway');
    });
    server = stub.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a Pelias answer and restricts the search to Chicago', async () => {
    const geocoder = createGeocoder(app.dataSource, { url: base, kind: 'pelias' });
    expect(geocoder).toBeInstanceOf(HttpGeocoder);
    const hit = await geocoder.geocode('Leland & Damen');
    expect(hit).toEqual({
      latitude: 41.9668,
      longitude: -87.6786,
      label: 'W Leland Ave & N Damen Ave, Chicago, IL',
      precision: 'INTERSECTION',
    });
    const last = seen.at(-1)!;
    expect(last.query).toMatchObject({ text: 'Leland & Damen', 'boundary.rect.min_lat': '41.64' });
    expect(await geocoder.geocode('nowhere')).toBeNull();
  });

  it('reads a Nominatim answer', async () => {
    const geocoder = new HttpGeocoder(`${base}/nominatim`, 'nominatim');
    const hit = await geocoder.geocode('2111 W Lexington St');
    expect(hit).toEqual({
      latitude: 41.8719,
      longitude: -87.689,
      label: '2111, West Lexington Street, Chicago',
      precision: 'ADDRESS',
    });
    expect(seen.at(-1)!.query).toMatchObject({ q: '2111 W Lexington St', bounded: '1' });
  });

  it('fails loudly when the server fails (the caller decides what to tell the person)', async () => {
    const geocoder = new HttpGeocoder(`${base}/broken`, 'pelias');
    await expect(geocoder.geocode('Leland & Damen')).rejects.toThrow(/502/);
  });
});
