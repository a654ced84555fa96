/**
 * Photo uploads and their attachment to service requests.
 *
 * Terminology:
 * - upload: a photo sent before (or without) a request; stored cleaned, owned by its sender (or by
 *   nobody when anonymous), and unattached until a submission claims it.
 * - attach: a submission claiming uploads for its request, inside the submission's transaction.
 * - thumbnail: a small WebP made from the same cleaned pixels, for lists and the map.
 *
 * Privacy (DESIGN.md §6): the format is sniffed from the bytes, never from the name; size and pixel
 * count are bounded before decoding; every stored image is re-encoded from pixels, so EXIF (GPS
 * above all), XMP, IPTC and ICC data never reach storage. The original upload is never kept.
 */
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { EntityManager } from 'typeorm';
import { BadInputError, badField } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import { logger as rootLogger } from '../../lib/logger.js';
import type { Logger } from '../../lib/logger.js';
import type { Actor } from '../user/actor.js';
import type { MediaEntity } from './media.entity.js';
import type { MediaRepository } from './media.repository.js';
import type { MediaStorage } from './media.storage.js';

/** Default bounds; the HTTP layer caps the body with the same `maxBytes`. */
export const MEDIA_LIMITS = {
  /** Largest accepted upload, checked before any decoding. */
  maxBytes: 10 * 1024 * 1024,
  /** Largest accepted pixel count (width × height), so a small file cannot expand into gigabytes. */
  maxPixels: 40_000_000,
  /** Long edge of the stored image; larger photos are scaled down. */
  maxEdge: 4096,
  /** Long edge of the thumbnail. */
  thumbEdge: 320,
  /** Photos one request may carry. */
  maxPerRequest: 10,
} as const;

/** Tunables of {@link MediaService}; every field defaults to {@link MEDIA_LIMITS}. */
export interface MediaServiceOptions {
  maxBytes?: number;
  maxPixels?: number;
  maxEdge?: number;
  thumbEdge?: number;
  maxPerRequest?: number;
  /** JPEG and WebP quality of the stored image (1–100). */
  quality?: number;
  logger?: Logger;
}

/** Bytes to serve for a photo or its thumbnail, with what the HTTP layer needs for headers. */
export interface MediaFile {
  entity: MediaEntity;
  body: Buffer;
  contentType: string;
  /** Strong validator for this exact representation (unquoted). */
  etag: string;
}

/** The content type of every thumbnail. */
export const THUMBNAIL_CONTENT_TYPE = 'image/webp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the text is a uuid (ids that are not cannot name a photo). */
export function isMediaId(id: string): boolean {
  return UUID.test(id);
}

type Accepted = 'jpeg' | 'png' | 'webp' | 'heif';

const ACCEPTED_LIST = 'JPEG, PNG, WebP or HEIF/AVIF';

const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set([...HEVC_BRANDS, 'mif1', 'msf1', 'mif2', 'avif', 'avis']);

/** What the leading bytes say the file is: an accepted format, or a name for the rejection. */
function sniff(data: Buffer): { accepted: Accepted; brand?: string } | { rejected: string } {
  const ascii = (start: number, end: number): string => data.toString('latin1', start, end);
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
    return { accepted: 'jpeg' };
  }
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) {
    return { accepted: 'png' };
  }
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
    return { accepted: 'webp' };
  }
  if (data.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (HEIF_BRANDS.has(brand)) return { accepted: 'heif', brand };
    return { rejected: `an ISO media file of brand "${brand.trim()}" (video or other container)` };
  }
  if (ascii(0, 4) === 'GIF8') return { rejected: 'GIF' };
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return { rejected: 'TIFF' };
  if (ascii(0, 2) === 'BM') return { rejected: 'BMP' };
  if (ascii(0, 5) === '%PDF-') return { rejected: 'PDF' };
  const head = ascii(0, 512)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (/^<(\?xml|svg|!DOCTYPE svg)/i.test(head)) return { rejected: 'SVG/XML' };
  if (head.startsWith('<')) return { rejected: 'HTML/XML text' };
  const sample = data.subarray(0, 512);
  const printable = sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  if (printable) return { rejected: 'plain text' };
  return { rejected: 'an unrecognised binary format' };
}

const FORMAT_NAMES: Record<Accepted, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  heif: 'HEIF',
};

/** Uploads, serving and attachment of photos. */
export class MediaService {
  private readonly limits: Required<Omit<MediaServiceOptions, 'logger'>>;
  private readonly logger: Logger;

  constructor(
    private readonly repository: MediaRepository,
    private readonly storage: MediaStorage,
    options: MediaServiceOptions = {},
  ) {
    this.limits = {
      maxBytes: options.maxBytes ?? MEDIA_LIMITS.maxBytes,
      maxPixels: options.maxPixels ?? MEDIA_LIMITS.maxPixels,
      maxEdge: options.maxEdge ?? MEDIA_LIMITS.maxEdge,
      thumbEdge: options.thumbEdge ?? MEDIA_LIMITS.thumbEdge,
      maxPerRequest: options.maxPerRequest ?? MEDIA_LIMITS.maxPerRequest,
      quality: options.quality ?? 85,
    };
    this.logger = (options.logger ?? rootLogger).child({ module: 'media' });
  }

  /** The largest upload accepted, so the HTTP layer can cap bodies with the same number. */
  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /**
   * Cleans and stores a photo. Anyone may upload (an anonymous upload has no owner). The format
   * comes from the content; `declaredName` is only logged. Throws BAD_USER_INPUT on field `file`
   * for anything that is not a bounded JPEG, PNG, WebP or decodable HEIF image.
   */
  async upload(actor: Actor, data: Buffer, declaredName?: string): Promise<MediaEntity> {
    const { maxBytes, maxPixels } = this.limits;
    if (data.length === 0) throw badField('file', 'The file is empty.');
    if (data.length > maxBytes) {
      throw badField('file', `The file is larger than ${formatMegabytes(maxBytes)}.`);
    }

    const sniffed = sniff(data);
    if ('rejected' in sniffed) {
      throw badField(
        'file',
        `The file is ${sniffed.rejected}, which is not a supported image format; upload a ${ACCEPTED_LIST} photo.`,
      );
    }
    const format = sniffed.accepted;

    let metadata: sharp.Metadata;
    try {
      // Header only: no pixels are decoded here, so the pixel bound is checked below with a message.
      metadata = await sharp(data, { limitInputPixels: false }).metadata();
    } catch {
      throw badField('file', this.unreadableMessage(format, sniffed.brand));
    }
    if (metadata.format !== format) {
      throw badField(
        'file',
        `The file starts like ${FORMAT_NAMES[format]} but reads as ${metadata.format}; upload a ${ACCEPTED_LIST} photo.`,
      );
    }
    const width = metadata.width;
    const height = metadata.height;
    if (!width || !height) throw badField('file', this.unreadableMessage(format, sniffed.brand));
    if (width * height > maxPixels) {
      throw badField(
        'file',
        `The image is ${width}×${height} pixels (${formatMegapixels(width * height)}); the pixel limit is ${formatMegapixels(maxPixels)}.`,
      );
    }

    const encoded = await this.encode(data, metadata.hasAlpha === true).catch((error: unknown) => {
      this.logger.info({ err: error, format, declaredName }, 'media decode failed');
      throw badField('file', this.unreadableMessage(format, sniffed.brand, metadata.compression));
    });

    const id = randomUUID();
    const entityFields = {
      id,
      ownerId: actor.user?.id ?? null,
      requestId: null,
      contentType: encoded.contentType,
      sizeBytes: encoded.main.length,
      width: encoded.width,
      height: encoded.height,
      thumbSizeBytes: encoded.thumb.length,
      sha256: createHash('sha256').update(encoded.main).digest('hex'),
    };
    const keys = [mainKey(id, encoded.contentType), thumbKey(id)] as const;
    try {
      await this.storage.put(keys[0], encoded.main);
      await this.storage.put(keys[1], encoded.thumb);
      const entity = await this.repository.insert(entityFields);
      this.logger.info(
        { mediaId: id, format, declaredName, bytes: data.length, stored: encoded.main.length },
        'media stored',
      );
      return entity;
    } catch (error) {
      await this.removeFiles(keys);
      throw error;
    }
  }

  /** The stored photo, or null for an unknown (or non-uuid) id. */
  async get(id: string): Promise<MediaFile | null> {
    return this.read(id, (entity) => ({
      key: mainKey(entity.id, entity.contentType),
      contentType: entity.contentType,
      etag: entity.sha256,
    }));
  }

  /** The thumbnail of a photo, or null for an unknown (or non-uuid) id. */
  async getThumbnail(id: string): Promise<MediaFile | null> {
    return this.read(id, (entity) => ({
      key: thumbKey(entity.id),
      contentType: THUMBNAIL_CONTENT_TYPE,
      etag: `${entity.sha256}-thumb`,
    }));
  }

  /**
   * Attaches uploads to a request. Called by the request service inside its submission
   * transaction (`manager` must be transactional: the photos are locked FOR UPDATE). A photo may be
   * attached when it exists, is unattached, and was uploaded by this actor — or anonymously, in
   * which case holding its id is enough. At most `maxPerRequest` photos per request. Every problem
   * is reported as BAD_USER_INPUT on `input.mediaIds`; nothing is attached unless all are.
   */
  async attach(
    manager: EntityManager,
    actor: Actor,
    mediaIds: readonly string[],
    requestId: string,
  ): Promise<MediaEntity[]> {
    const field = 'input.mediaIds';
    if (mediaIds.length === 0) return [];
    const { maxPerRequest } = this.limits;
    if (mediaIds.length > maxPerRequest) {
      throw badField(field, `A request can have at most ${maxPerRequest} photos.`);
    }
    const malformed = mediaIds.filter((id) => !isMediaId(id));
    if (malformed.length > 0) {
      throw new BadInputError(
        malformed.map((id) => ({ field, message: `"${id}" is not a valid photo id.` })),
      );
    }
    const ids = mediaIds.map((id) => id.toLowerCase());
    if (new Set(ids).size !== ids.length) {
      throw badField(field, 'The same photo is listed more than once.');
    }

    const already = await this.repository.countByRequestId(manager, requestId);
    if (already + ids.length > maxPerRequest) {
      throw badField(
        field,
        `A request can have at most ${maxPerRequest} photos; it already has ${already}.`,
      );
    }

    const rows = new Map(
      (await this.repository.findByIdsForUpdate(manager, ids)).map((row) => [row.id, row]),
    );
    const problems: FieldProblem[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row || (row.ownerId !== null && row.ownerId !== actor.user?.id)) {
        problems.push({ field, message: `Photo ${id} was not found.` });
      } else if (row.requestId !== null) {
        problems.push({ field, message: `Photo ${id} is already attached to a request.` });
      }
    }
    if (problems.length > 0) throw new BadInputError(problems);

    const attached = await this.repository.attachToRequest(manager, ids, requestId);
    if (attached !== ids.length) {
      throw badField(field, 'Some photos were attached to another request at the same time.');
    }
    return ids.map((id) => {
      const row = rows.get(id) as MediaEntity;
      row.requestId = requestId;
      return row;
    });
  }

  /** Photos of many requests, oldest first, one array per requested id (a DataLoader batch). */
  async byRequestIds(requestIds: readonly string[]): Promise<MediaEntity[][]> {
    const rows = await this.repository.findByRequestIds(requestIds);
    const byRequest = new Map<string, MediaEntity[]>();
    for (const row of rows) {
      if (row.requestId === null) continue;
      const list = byRequest.get(row.requestId);
      if (list) list.push(row);
      else byRequest.set(row.requestId, [row]);
    }
    return requestIds.map((id) => byRequest.get(id) ?? []);
  }

  /** Decodes, auto-rotates, scales and re-encodes without metadata: the stored image and its thumbnail. */
  private async encode(
    data: Buffer,
    hasAlpha: boolean,
  ): Promise<{ main: Buffer; thumb: Buffer; contentType: string; width: number; height: number }> {
    const { maxPixels, maxEdge, thumbEdge, quality } = this.limits;
    // `.rotate()` applies the EXIF orientation; no keepMetadata/withMetadata, so nothing is copied.
    const decode = (): sharp.Sharp => sharp(data, { limitInputPixels: maxPixels }).rotate();
    const bounded = decode().resize({
      width: maxEdge,
      height: maxEdge,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const mainPipeline = hasAlpha
      ? bounded.webp({ quality })
      : bounded.jpeg({ quality, progressive: true });
    const thumbPipeline = decode()
      .resize({ width: thumbEdge, height: thumbEdge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 });
    const [main, thumb] = await Promise.all([
      mainPipeline.toBuffer({ resolveWithObject: true }),
      thumbPipeline.toBuffer(),
    ]);
    return {
      main: main.data,
      thumb,
      contentType: hasAlpha ? 'image/webp' : 'image/jpeg',
      width: main.info.width,
      height: main.info.height,
    };
  }

  private unreadableMessage(format: Accepted, brand?: string, compression?: string): string {
    if (format === 'heif') {
      const hevc = compression === 'hevc' || (brand !== undefined && HEVC_BRANDS.has(brand));
      if (hevc) {
        return 'HEIC photos (HEVC-compressed, the iPhone default) are not supported by this server; change the camera setting to "Most Compatible" or upload a JPEG.';
      }
      return `The HEIF image could not be decoded; upload a ${ACCEPTED_LIST} photo.`;
    }
    return `The file looks like ${FORMAT_NAMES[format]} but could not be decoded; it may be damaged.`;
  }

  private async read(
    id: string,
    pick: (entity: MediaEntity) => { key: string; contentType: string; etag: string },
  ): Promise<MediaFile | null> {
    if (!isMediaId(id)) return null;
    const entity = await this.repository.findById(id.toLowerCase());
    if (!entity) return null;
    const { key, contentType, etag } = pick(entity);
    const body = await this.storage.get(key);
    if (!body) {
      this.logger.error({ mediaId: entity.id, key }, 'media row without stored file');
      return null;
    }
    return { entity, body, contentType, etag };
  }

  private async removeFiles(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.storage.delete(key);
      } catch (error) {
        this.logger.error({ err: error, key }, 'could not remove media file after a failed upload');
      }
    }
  }
}

/** Storage key of a stored photo. */
function mainKey(id: string, contentType: string): string {
  return `${id}.${contentType === 'image/webp' ? 'webp' : 'jpg'}`;
}

/** Storage key of a thumbnail. */
function thumbKey(id: string): string {
  return `${id}.thumb.webp`;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function formatMegapixels(pixels: number): string {
  return `${Math.round(pixels / 100_000) / 10} megapixels`;
}
