/**
 * The photo door end to end: real HTTP against the media router, a migrated PostGIS database and
 * files on disk. Proves DESIGN.md §6 for photos: EXIF (GPS) is gone from what is stored, formats
 * are sniffed from content, size and pixels are bounded, and only the uploader (or anyone, for an
 * anonymous upload) can attach a photo to a request.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExifReader from 'exifreader';
import express from 'express';
import pg from 'pg';
import { pino } from 'pino';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../api/src/db/data-source.js';
import { runMigrations } from '../../api/src/db/migrate.js';
import { createMediaRouter, mediaUrls } from '../../api/src/http/media.routes.js';
import { BadInputError } from '../../api/src/lib/errors.js';
import { MediaEntity } from '../../api/src/modules/media/media.entity.js';
import { MediaRepository } from '../../api/src/modules/media/media.repository.js';
import { MediaService } from '../../api/src/modules/media/media.service.js';
import { FileMediaStorage } from '../../api/src/modules/media/media.storage.js';
import type { Actor } from '../../api/src/modules/user/actor.js';

const base = new URL(
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);
const databaseName = `stoop_test_media_${process.pid}`;
const adminUrl = withDatabase('postgres');
const testUrl = withDatabase(databaseName);

function withDatabase(name: string): string {
  const url = new URL(base.href);
  url.pathname = `/${name}`;
  return url.href;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let dataSource: DataSource;
let service: MediaService;
let server: Server;
let origin: string;
let mediaDir: string;
let alice: Actor;
let bob: Actor;

function actorFor(id: string, name: string): Actor {
  return { user: { id, role: 'RESIDENT', agencyId: null, displayName: name } };
}

/** Sends one multipart upload; `as` picks the signed-in user by the stub resolver's header. */
async function post(
  body: Buffer,
  options: { name?: string; type?: string; field?: string; as?: Actor } = {},
): Promise<Response> {
  const form = new FormData();
  form.append(
    options.field ?? 'file',
    new Blob([new Uint8Array(body)], { type: options.type ?? 'image/jpeg' }),
    options.name ?? 'photo.jpg',
  );
  const headers: Record<string, string> = {};
  if (options.as?.user) headers['x-test-user'] = options.as.user.id;
  return fetch(`${origin}/media`, { method: 'POST', body: form, headers });
}

interface ErrorBody {
  errors: {
    message: string;
    extensions: { code: string; fields?: { field: string; message: string }[] };
  }[];
}

interface UploadBody {
  id: string;
  url: string;
  thumbnailUrl: string;
  contentType: string;
  width: number;
  height: number;
  sizeBytes: number;
}

function solid(width: number, height: number, channels: 3 | 4 = 3): sharp.Sharp {
  const background = channels === 4 ? { r: 0, g: 120, b: 200, alpha: 0.5 } : '#3a7';
  return sharp({ create: { width, height, channels, background } });
}

/** A 600×300 JPEG whose EXIF says "rotate 90°" and carries a GPS position in Chicago. */
async function jpegWithGps(): Promise<Buffer> {
  return solid(600, 300)
    .jpeg()
    .withMetadata({ orientation: 6 })
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

async function insertRequest(): Promise<string> {
  const [agency] = (await dataSource.query(
    `INSERT INTO agencies (code, name) VALUES ($1, 'Streets and Sanitation') RETURNING id`,
    [`SS${randomUUID().slice(0, 8)}`],
  )) as { id: string }[];
  const code = `SVC${randomUUID().slice(0, 8)}`;
  const [definition] = (await dataSource.query(
    `INSERT INTO service_definitions (code, slug, name, group_name, agency_id)
     VALUES ($1, $2, 'Pothole in Street', 'Streets', $3) RETURNING id`,
    [code, code.toLowerCase(), agency!.id],
  )) as { id: string }[];
  const [request] = (await dataSource.query(
    `INSERT INTO service_requests (tracking_number, service_definition_id, location, status,
       detailed_status, agency_id, channel, requested_at, updated_at)
     VALUES ($1, $2, ST_SetSRID(ST_MakePoint(-87.6278, 41.8819), 4326), 'open', 'OPEN', $3, 'WEB',
       now(), now()) RETURNING id`,
    [`SR${randomUUID().slice(0, 10)}`, definition!.id, agency!.id],
  )) as { id: string }[];
  return request!.id;
}

async function insertUser(name: string): Promise<Actor> {
  const [user] = (await dataSource.query(
    `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, 'x') RETURNING id`,
    [`${name.toLowerCase()}-${randomUUID()}@example.test`, name],
  )) as { id: string }[];
  return actorFor(user!.id, name);
}

async function tinyJpeg(): Promise<Buffer> {
  return solid(16, 16).jpeg().toBuffer();
}

function attach(actor: Actor, ids: string[], requestId: string): Promise<MediaEntity[]> {
  return dataSource.transaction((manager) => service.attach(manager, actor, ids, requestId));
}

async function attachError(actor: Actor, ids: string[], requestId: string): Promise<BadInputError> {
  const error: unknown = await attach(actor, ids, requestId).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadInputError);
  return error as BadInputError;
}

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${databaseName}`);
  await admin(`CREATE DATABASE ${databaseName}`);
  dataSource = createDataSource({ url: testUrl, poolSize: 4 });
  await dataSource.initialize();
  await runMigrations(dataSource);

  mediaDir = await mkdtemp(join(tmpdir(), 'stoop-media-'));
  service = new MediaService(new MediaRepository(dataSource), new FileMediaStorage(mediaDir), {
    logger: pino({ level: 'silent' }),
  });
  alice = await insertUser('Alice');
  bob = await insertUser('Bob');
  const users = new Map([alice, bob].map((a) => [a.user!.id, a]));

  const app = express();
  app.use(
    createMediaRouter({
      media: service,
      resolveActor: (req) =>
        Promise.resolve(users.get(req.get('x-test-user') ?? '') ?? { user: null }),
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dataSource?.isInitialized) await dataSource.destroy();
  await admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

describe('POST /media', () => {
  it('stores a JPEG upright and without its EXIF GPS, in the image and the thumbnail', async () => {
    const input = await jpegWithGps();
    const inputTags = ExifReader.load(input);
    expect(inputTags.GPSLatitude?.description).toBeCloseTo(41.868, 3);
    expect(inputTags.Orientation?.value).toBe(6);

    const response = await post(input, { as: alice });
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadBody;
    expect(body).toMatchObject({
      contentType: 'image/jpeg',
      width: 300,
      height: 600,
      url: `/media/${body.id}`,
      thumbnailUrl: `/media/${body.id}/thumb`,
    });
    expect(response.headers.get('location')).toBe(`/media/${body.id}`);

    const stored = Buffer.from(await (await fetch(`${origin}${body.url}`)).arrayBuffer());
    expect(stored.length).toBe(body.sizeBytes);
    expect(stored.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const storedTags = ExifReader.load(stored);
    expect(storedTags.GPSLatitude).toBeUndefined();
    expect(storedTags.GPSLongitude).toBeUndefined();
    expect(storedTags.Make).toBeUndefined();
    const storedMeta = await sharp(stored).metadata();
    expect([storedMeta.exif, storedMeta.xmp, storedMeta.icc]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect([storedMeta.width, storedMeta.height]).toEqual([300, 600]);

    const thumbResponse = await fetch(`${origin}${body.thumbnailUrl}`);
    expect(thumbResponse.headers.get('content-type')).toBe('image/webp');
    const thumb = Buffer.from(await thumbResponse.arrayBuffer());
    expect(ExifReader.load(thumb).GPSLatitude).toBeUndefined();
    const thumbMeta = await sharp(thumb).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height, thumbMeta.exif]).toEqual([
      'webp',
      160,
      320,
      undefined,
    ]);

    const onDisk = await readFile(join(mediaDir, `${body.id}.jpg`));
    expect(onDisk.equals(stored)).toBe(true);
    const row = await dataSource.getRepository(MediaEntity).findOneByOrFail({ id: body.id });
    expect(row).toMatchObject({
      ownerId: alice.user!.id,
      requestId: null,
      thumbSizeBytes: thumb.length,
      sha256: createHash('sha256').update(stored).digest('hex'),
    });
  });

  it('accepts a PNG with transparency as WebP with its dimensions', async () => {
    const png = await solid(300, 200, 4).png().toBuffer();
    const response = await post(png, { name: 'map.png', type: 'image/png' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadBody;
    expect(body).toMatchObject({ contentType: 'image/webp', width: 300, height: 200 });
    const row = await dataSource.getRepository(MediaEntity).findOneByOrFail({ id: body.id });
    expect(row.ownerId).toBeNull();
    const stored = Buffer.from(await (await fetch(`${origin}${body.url}`)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['webp', 300, 200, true]);
  });

  it('decodes AVIF (HEIF) and stores it as JPEG', async () => {
    const avif = await solid(120, 80).avif().toBuffer();
    const response = await post(avif, { name: 'photo.avif', type: 'image/avif' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      contentType: 'image/jpeg',
      width: 120,
      height: 80,
    });
  });

  it('rejects an HEVC-coded HEIC that this build cannot decode, saying HEIC is not supported', async () => {
    // No HEVC encoder is available here, so label an AVIF's image item as HEVC (brand `heic`,
    // item type `hvc1`, config box `hvcC`): what prebuilt sharp cannot read in an iPhone photo.
    const avif = await solid(64, 32).avif().toBuffer();
    const heic = Buffer.from(
      avif
        .toString('latin1')
        .replaceAll('avif', 'heic')
        .replaceAll('av01', 'hvc1')
        .replaceAll('av1C', 'hvcC'),
      'latin1',
    );
    expect(heic.toString('latin1', 4, 12)).toBe('ftypheic');
    const response = await post(heic, { name: 'IMG_0001.HEIC', type: 'image/heic' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0]!.extensions.fields![0]!.field).toBe('file');
    expect(body.errors[0]!.message).toMatch(/HEIC photos .* are not supported/);
  });

  it('rejects a text file named .jpg, naming the detected format and the field', async () => {
    const response = await post(Buffer.from('Dear alderman, please fix the pothole.\n'), {
      name: 'pothole.jpg',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.extensions.fields).toEqual([
      { field: 'file', message: expect.stringContaining('plain text') as string },
    ]);
  });

  it('rejects a GIF by content even when it claims to be a PNG', async () => {
    const gif = await solid(8, 8).gif().toBuffer();
    const response = await post(gif, { name: 'photo.png', type: 'image/png' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0]!.extensions.fields![0]!.message).toMatch(/GIF.*not a supported/);
  });

  it('answers 413 to an 11 MB upload', async () => {
    const response = await post(Buffer.alloc(11 * 1024 * 1024, 0xab));
    expect(response.status).toBe(413);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'file', message: 'The file is larger than 10 MB.' }],
    });
  });

  it('rejects a 50-megapixel image that is small on disk', async () => {
    const png = await solid(8000, 6300).png({ compressionLevel: 9 }).toBuffer();
    expect(png.length).toBeLessThan(1024 * 1024);
    const response = await post(png, { name: 'bomb.png', type: 'image/png' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.errors[0]!.extensions.fields![0]!.field).toBe('file');
    expect(body.errors[0]!.message).toContain('8000×6300');
    expect(body.errors[0]!.message).toContain('pixel limit is 40 megapixels');
  }, 20_000);

  it('answers 400 on field "file" when the file is missing or sent under another name', async () => {
    const wrongField = await post(await tinyJpeg(), { field: 'photo' });
    expect(wrongField.status).toBe(400);
    expect(((await wrongField.json()) as ErrorBody).errors[0]!.extensions.fields![0]!.field).toBe(
      'file',
    );
    const noFile = await fetch(`${origin}/media`, { method: 'POST', body: new FormData() });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as ErrorBody).errors[0]!.extensions.fields![0]!.field).toBe(
      'file',
    );
  });
});

describe('GET /media/:id', () => {
  it('serves the bytes with type, length, immutable caching and an ETag; 304 when it matches', async () => {
    const upload = (await (await post(await tinyJpeg())).json()) as UploadBody;
    const response = await fetch(`${origin}/media/${upload.id}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect({
      type: response.headers.get('content-type'),
      length: response.headers.get('content-length'),
      cache: response.headers.get('cache-control'),
      etag: response.headers.get('etag'),
      nosniff: response.headers.get('x-content-type-options'),
    }).toEqual({
      type: 'image/jpeg',
      length: String(upload.sizeBytes),
      cache: 'public, max-age=31536000, immutable',
      etag: `"${sha}"`,
      nosniff: 'nosniff',
    });

    const again = await fetch(`${origin}/media/${upload.id}`, {
      headers: { 'If-None-Match': `"${sha}"` },
    });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const stale = await fetch(`${origin}/media/${upload.id}`, {
      headers: { 'If-None-Match': '"other"' },
    });
    expect(stale.status).toBe(200);

    const thumb = await fetch(`${origin}/media/${upload.id}/thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('etag')).not.toBe(`"${sha}"`);
  });

  it('answers 404 JSON for an unknown id and for ids that are not uuids', async () => {
    for (const path of [
      `/media/${randomUUID()}`,
      `/media/${randomUUID()}/thumb`,
      '/media/not-a-uuid',
      "/media/'%3B--/thumb",
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as ErrorBody;
      expect(body.errors[0]!.extensions.code, path).toBe('NOT_FOUND');
    }
  });

  it('builds absolute URLs when given an origin', () => {
    expect(mediaUrls('abc', 'https://stoop.example/')).toEqual({
      url: 'https://stoop.example/media/abc',
      thumbnailUrl: 'https://stoop.example/media/abc/thumb',
    });
  });
});

describe('MediaService.attach', () => {
  it("attaches the uploader's own photo once, and refuses it a second time", async () => {
    const requestId = await insertRequest();
    const photo = await service.upload(alice, await tinyJpeg());
    const attached = await attach(alice, [photo.id], requestId);
    expect(attached.map((m) => [m.id, m.requestId])).toEqual([[photo.id, requestId]]);
    const row = await dataSource.getRepository(MediaEntity).findOneByOrFail({ id: photo.id });
    expect(row.requestId).toBe(requestId);

    const otherRequest = await insertRequest();
    const error = await attachError(alice, [photo.id], otherRequest);
    expect(error.fields).toEqual([
      { field: 'input.mediaIds', message: `Photo ${photo.id} is already attached to a request.` },
    ]);
    expect(await service.byRequestIds([otherRequest, requestId])).toEqual([
      [],
      [expect.objectContaining({ id: photo.id }) as MediaEntity],
    ]);
  });

  it("refuses someone else's photo and attaches none of the list", async () => {
    const requestId = await insertRequest();
    const own = await service.upload(bob, await tinyJpeg());
    const alices = await service.upload(alice, await tinyJpeg());
    const error = await attachError(bob, [own.id, alices.id], requestId);
    expect(error.fields).toEqual([
      { field: 'input.mediaIds', message: `Photo ${alices.id} was not found.` },
    ]);
    const rows = await dataSource.getRepository(MediaEntity).findBy({ requestId });
    expect(rows).toEqual([]);
  });

  it('lets anyone holding the id attach an anonymous upload', async () => {
    const requestId = await insertRequest();
    const anonymous = await service.upload({ user: null }, await tinyJpeg());
    expect(anonymous.ownerId).toBeNull();
    const attached = await attach(bob, [anonymous.id], requestId);
    expect(attached.map((m) => m.id)).toEqual([anonymous.id]);
  });

  it('refuses more than 10 photos per request, malformed and unknown ids', async () => {
    const requestId = await insertRequest();
    const photos = await Promise.all(
      Array.from({ length: 11 }, async () => service.upload(alice, await tinyJpeg())),
    );
    const tooMany = await attachError(
      alice,
      photos.map((p) => p.id),
      requestId,
    );
    expect(tooMany.fields).toEqual([
      { field: 'input.mediaIds', message: 'A request can have at most 10 photos.' },
    ]);
    expect(await dataSource.getRepository(MediaEntity).countBy({ requestId })).toBe(0);

    const malformed = await attachError(alice, ['nope'], requestId);
    expect(malformed.fields).toEqual([
      { field: 'input.mediaIds', message: '"nope" is not a valid photo id.' },
    ]);
    const unknown = randomUUID();
    const missing = await attachError(alice, [unknown], requestId);
    expect(missing.fields).toEqual([
      { field: 'input.mediaIds', message: `Photo ${unknown} was not found.` },
    ]);

    await attach(
      alice,
      photos.slice(0, 9).map((p) => p.id),
      requestId,
    );
    const over = await attachError(
      alice,
      photos.slice(9).map((p) => p.id),
      requestId,
    );
    expect(over.fields![0]!.message).toBe(
      'A request can have at most 10 photos; it already has 9.',
    );
  });
});
