/**
 * The photo door (DESIGN.md §5): `POST /media` takes one multipart file and answers with an id to
 * attach to a request; `GET /media/:id` and `GET /media/:id/thumb` serve the cleaned bytes with
 * long-lived caching. All rules live in {@link MediaService}; this file only speaks HTTP.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { DomainError } from '../lib/errors.js';
import type { ErrorCode } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import type { Logger } from '../lib/logger.js';
import type { MediaFile, MediaService } from '../modules/media/media.service.js';
import { mediaUrls } from '../modules/media/media.presenter.js';
import type { Actor } from '../modules/user/actor.js';

/** What the media router needs from the composition root. */
export interface MediaRouterDeps {
  media: MediaService;
  /** Who is calling (session cookie, API key or anonymous); may throw a domain error. */
  resolveActor: (req: Request) => Promise<Actor>;
  /** Absolute origin for returned URLs (e.g. `https://stoop.example`); relative URLs when absent. */
  publicUrl?: (req: Request) => string;
}

export { mediaUrls } from '../modules/media/media.presenter.js';
export type { MediaUrls } from '../modules/media/media.presenter.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** A JSON error in the same shape as GraphQL errors, so clients parse one format. */
function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

function sendFileProblem(res: Response, status: number, message: string): void {
  sendError(res, status, 'BAD_USER_INPUT', message, { fields: [{ field: 'file', message }] });
}

function requestLogger(req: Request): Logger {
  return (req as Request & { log?: Logger }).log ?? logger;
}

/** Whether an If-None-Match header matches the (unquoted) entity tag. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${etag}"`);
}

function sendMedia(req: Request, res: Response, file: MediaFile | null): void {
  if (!file) {
    sendError(res, 404, 'NOT_FOUND', 'Photo was not found.');
    return;
  }
  res.setHeader('ETag', `"${file.etag}"`);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  if (matchesEtag(req.get('If-None-Match'), file.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.body.length));
  res.status(200).end(file.body);
}

/**
 * Builds the router for `POST /media`, `GET /media/:id` and `GET /media/:id/thumb`. The body is
 * capped at the service's `maxBytes` while it streams in (413 beyond it); bad input answers 400
 * naming the field `file`; unknown ids answer 404; unexpected failures 500 with a generic message.
 */
export function createMediaRouter(deps: MediaRouterDeps): express.Router {
  const router = express.Router();
  const receiveFile = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.media.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  }).single('file');

  router.post('/media', async (req, res) => {
    const actor = await deps.resolveActor(req);
    try {
      await new Promise<void>((resolve, reject) => {
        receiveFile(req, res, (error: unknown) => (error ? reject(error) : resolve()));
      });
    } catch (error) {
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          const megabytes = Math.round((deps.media.maxBytes / (1024 * 1024)) * 10) / 10;
          sendFileProblem(res, 413, `The file is larger than ${megabytes} MB.`);
        } else if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') {
          sendFileProblem(res, 400, 'Send exactly one photo, in the form field "file".');
        } else {
          sendFileProblem(res, 400, `The upload was refused: ${error.message}.`);
        }
        return;
      }
      requestLogger(req).info({ err: error }, 'unreadable multipart upload');
      sendFileProblem(res, 400, 'The upload could not be read as multipart/form-data.');
      return;
    }
    if (!req.file) {
      sendFileProblem(res, 400, 'Send the photo as multipart/form-data in the form field "file".');
      return;
    }

    const entity = await deps.media.upload(actor, req.file.buffer, req.file.originalname);
    const urls = mediaUrls(entity.id, deps.publicUrl?.(req));
    res.status(201).location(urls.url).json({
      id: entity.id,
      url: urls.url,
      thumbnailUrl: urls.thumbnailUrl,
      contentType: entity.contentType,
      width: entity.width,
      height: entity.height,
      sizeBytes: entity.sizeBytes,
    });
  });

  router.get('/media/:id', async (req, res) => {
    sendMedia(req, res, await deps.media.get(req.params.id));
  });

  router.get('/media/:id/thumb', async (req, res) => {
    sendMedia(req, res, await deps.media.getThumbnail(req.params.id));
  });

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof DomainError) {
      const fields = (error.extensions as { fields?: unknown }).fields;
      sendError(res, STATUS[error.code], error.code, error.message, fields ? { fields } : {});
      return;
    }
    const requestId = (req as Request & { id?: unknown }).id;
    requestLogger(req).error({ err: error, requestId }, 'media request failed');
    sendError(
      res,
      500,
      'INTERNAL_SERVER_ERROR',
      'Something went wrong on our side.',
      requestId === undefined ? {} : { requestId: String(requestId) },
    );
  });

  return router;
}
