/**
 * The HTTP surface of the real server: health and readiness, request ids, the home page, 404s,
 * malformed bodies, and a photo going from `POST /media` through `submitServiceRequest` to the
 * request's `media`, with its GPS position removed.
 */
import ExifReader from 'exifreader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
/** Near Damen & Leland, Lincoln Square (ward 47). */
const INSIDE = { latitude: 41.96679, longitude: -87.67859 };
const ANSWERS = [
  { code: 'location_on_street', value: 'traffic_lane' },
  { code: 'depth', value: 'over_4in' },
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let app: TestApp;

/** A 600×300 JPEG whose EXIF carries a GPS position in Chicago and a camera make. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 300, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExifMerge({
      IFD0: { Make: 'StoopTestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '41/1 52/1 5/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '87/1 37/1 40/1',
      },
    })
    .toBuffer();
}

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

describe('health and readiness', () => {
  it('/healthz answers 200 {status: ok}', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 ready when the database is reachable and migrated', async () => {
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'ok' });
  });
});

describe('request ids', () => {
  it('echoes a given X-Request-Id and generates a uuid otherwise', async () => {
    const given = await fetch(`${app.url}/healthz`, {
      headers: { 'x-request-id': 'trace-abc_123' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-abc_123');
    const generated = await fetch(`${app.url}/healthz`);
    const id = generated.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    const another = await fetch(`${app.url}/healthz`);
    expect(another.headers.get('x-request-id')).toMatch(UUID);
    expect(another.headers.get('x-request-id')).not.toBe(id);
    // a header that is not a plain token is replaced, not echoed
    const hostile = await fetch(`${app.url}/healthz`, {
      headers: { 'x-request-id': `${'x'.repeat(80)}` },
    });
    expect(hostile.headers.get('x-request-id')).toMatch(UUID);
  });

  it('sets the id on GraphQL responses too', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'gql-req-42' },
      body: JSON.stringify({ query: '{ serviceGroups }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('gql-req-42');
    const body = (await res.json()) as { data: { serviceGroups: string[] } };
    expect(body.data.serviceGroups).toContain('Streets & Transportation');
  });
});

describe('pages and errors', () => {
  it('/ serves an HTML page that says what Stoop is and links to /graphql', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<title>[^<]*Stoop[^<]*<\/title>/);
    expect(html).toMatch(/311/);
    expect(html).toMatch(/Chicago/);
    expect(html).toMatch(/href="\/graphql"/);
  });

  it('an unknown API path is a 404 JSON error with code NOT_FOUND; an unknown page is the app’s 404', async () => {
    const page = await fetch(`${app.url}/no/such/page`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const res = await fetch(`${app.url}/export/no-such-export`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
    const photo = await fetch(`${app.url}/media/00000000-0000-4000-8000-000000000000`);
    expect(photo.status).toBe(404);
    expect(((await photo.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a malformed JSON body is a 400 BAD_USER_INPUT, not a 500', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ viewer { id } }",',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).not.toMatch(/Unexpected|SyntaxError|at /);
  });
});

describe('a request with a photo', () => {
  it('uploads a JPEG, attaches it on submit, and serves it without GPS', async () => {
    const input = await jpegWithGps();
    const inputTags = ExifReader.load(input);
    expect(inputTags.GPSLatitude?.description).toBeCloseTo(41.868, 3);
    expect(inputTags.GPSLongitude).toBeDefined();

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(input)], { type: 'image/jpeg' }), 'pothole.jpg');
    const upload = await fetch(`${app.url}/media`, { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const uploaded = (await upload.json()) as { id: string; width: number; height: number };
    expect(uploaded).toMatchObject({ id: expect.stringMatching(UUID), width: 600, height: 300 });

    const submitted = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) {
          serviceRequest { id trackingNumber media { id url thumbnailUrl width height } }
        }
      }`,
      {
        input: {
          serviceCode: POTHOLE,
          location: INSIDE,
          attributes: ANSWERS,
          mediaIds: [uploaded.id],
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    const request = submitted.data!.submitServiceRequest.serviceRequest;
    expect(request.media).toEqual([
      {
        id: uploaded.id,
        url: `/media/${uploaded.id}`,
        thumbnailUrl: `/media/${uploaded.id}/thumb`,
        width: 600,
        height: 300,
      },
    ]);

    // read back by tracking number, as anyone would
    const read = await app.gql(
      `query($tn: String) { serviceRequest(trackingNumber: $tn) { media { url thumbnailUrl } } }`,
      { tn: request.trackingNumber },
    );
    const [media] = read.data!.serviceRequest.media as { url: string; thumbnailUrl: string }[];
    const photo = await fetch(`${app.url}${media!.url}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await photo.arrayBuffer());
    expect(stored.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const storedTags = ExifReader.load(stored);
    expect(storedTags.GPSLatitude).toBeUndefined();
    expect(storedTags.GPSLongitude).toBeUndefined();
    expect(storedTags.Make).toBeUndefined();
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([600, 300]);

    const thumb = await fetch(`${app.url}${media!.thumbnailUrl}`);
    expect(thumb.status).toBe(200);
    const thumbBytes = Buffer.from(await thumb.arrayBuffer());
    expect(ExifReader.load(thumbBytes).GPSLatitude).toBeUndefined();

    // a photo already attached cannot be claimed by a second request
    const again = await app.gql(
      `mutation($input: SubmitServiceRequestInput!) {
        submitServiceRequest(input: $input) { serviceRequest { id } }
      }`,
      {
        input: {
          serviceCode: POTHOLE,
          location: INSIDE,
          attributes: ANSWERS,
          mediaIds: [uploaded.id],
        },
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.mediaIds');
  });
});
