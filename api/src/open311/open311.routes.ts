/**
 * The Open311 GeoReport v2 door, mounted at `/open311/v2`: discovery, services, services/{code},
 * POST requests, tokens/{token}, requests and requests/{id}, each as `.json` or `.xml`
 * (`../shared/OPEN311.md`). Like a GraphQL resolver it only parses the wire format, calls one
 * service and presents the result: validation, privacy and the list's windows live in the services.
 *
 * Every failure answers with the spec's error list in the URL's format (XML when the format itself
 * is unknown): 400 bad parameter, 403 missing, unknown or revoked api_key, 404 unknown resource,
 * service, request, token or jurisdiction, 429 over the key's rate limit. Never HTML, and never a
 * 500 for bad input.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { BadInputError, DomainError } from '../lib/errors.js';
import type { ErrorCode } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { ApiKeyService, AuthenticatedApiKey } from '../modules/api-key/api-key.service.js';
import { mediaUrls } from '../modules/media/media.presenter.js';
import type { MediaService } from '../modules/media/media.service.js';
import type { AttributeAnswer } from '../modules/service-definition/service-definition.service.js';
import type { ServiceDefinitionService } from '../modules/service-definition/service-definition.service.js';
import type { ServiceRequestEntity } from '../modules/service-request/service-request.entity.js';
import type {
  Open311ListInput,
  ServiceRequestService,
} from '../modules/service-request/service-request.service.js';
import type { Actor } from '../modules/user/actor.js';
import {
  decimal,
  flag,
  JURISDICTION_ID,
  list,
  positiveInteger,
  text,
  w3cDate,
} from './open311.params.js';
import {
  presentDiscovery,
  presentErrors,
  presentRequest,
  presentService,
  presentServiceDefinition,
} from './open311.presenter.js';
import { CONTENT_TYPES, render } from './open311.serializer.js';
import type { Open311Format, Open311Value } from './open311.serializer.js';

/** What the Open311 door needs. */
export interface Open311RouterOptions {
  definitions: ServiceDefinitionService;
  serviceRequests: ServiceRequestService;
  media: MediaService;
  apiKeys: ApiKeyService;
  logger: Logger;
  /** Absolute origin for URLs in responses; by default the request's own origin. */
  publicUrl?: () => string;
}

/** A failure the door itself detects (unknown resource or format, a missing parameter). */
class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Default radius of a `lat`/`long` search without `radius`, in metres. */
const DEFAULT_RADIUS_METERS = 1000;

/** HTTP status of each domain error code in Open311 terms. */
const STATUS_OF: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 400,
  RATE_LIMITED: 429,
};

/** Service-layer field names → the Open311 parameter the client sent. */
function parameterOf(field: string): string {
  if (field.startsWith('input.attributes.')) {
    return `attribute[${field.slice('input.attributes.'.length)}]`;
  }
  const names: Record<string, string> = {
    'input.serviceCode': 'service_code',
    'input.description': 'description',
    'input.location': 'lat/long',
    'input.contact.email': 'email',
    'input.contact.phone': 'phone',
    'input.contact.name': 'first_name/last_name',
    'input.mediaUrl': 'media_url',
    'input.clientInfo': 'device_id/account_id',
  };
  return names[field] ?? field;
}

/** `services.json` → name and format; an unknown or missing extension is a 404. */
function split(file: string): { name: string; format: Open311Format } {
  const dot = file.lastIndexOf('.');
  const ext = dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
  if (ext !== 'json' && ext !== 'xml') {
    throw new Open311Error(404, `Unknown format "${ext}": use .xml or .json.`);
  }
  return { name: file.slice(0, dot), format: ext };
}

/** The format the error body of a request should use: its URL's, or XML. */
function formatOfUrl(path: string): Open311Format {
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

function send(
  res: Response,
  format: Open311Format,
  status: number,
  root: string,
  body: Open311Value,
): void {
  res.status(status).setHeader('Content-Type', CONTENT_TYPES[format]);
  res.send(render(format, root, body));
}

function sendErrors(res: Response, format: Open311Format, status: number, messages: string[]) {
  send(res, format, status, 'errors', presentErrors(status, messages));
}

/** 404 unless `jurisdiction_id` is absent, empty or ours (OPEN311.md §1.4). */
function checkJurisdiction(...sources: unknown[]): void {
  for (const source of sources) {
    const value = text(source, 'jurisdiction_id');
    if (value !== undefined && value.toLowerCase() !== JURISDICTION_ID) {
      throw new Open311Error(
        404,
        `jurisdiction_id "${value}" is not served here; this endpoint serves ${JURISDICTION_ID}.`,
      );
    }
  }
}

/** `attribute[code]=v` and `attribute[code][]=v` (as qs parses them) → answers. */
function attributesOf(raw: unknown): AttributeAnswer[] {
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BadInputError([
      { field: 'attribute', message: 'send answers as attribute[CODE]=value' },
    ]);
  }
  return Object.entries(raw as Record<string, unknown>).map(([code, value]) => {
    const field = `attribute[${code}]`;
    if (typeof value === 'string') return { code, value };
    // qs turns long `[]` lists into objects keyed by index.
    const values = Array.isArray(value)
      ? value
      : typeof value === 'object' && value !== null
        ? Object.values(value)
        : [];
    if (values.length === 0 || values.some((v) => typeof v !== 'string')) {
      throw new BadInputError([{ field, message: 'must be text, or a list of texts' }]);
    }
    return { code, values: values as string[] };
  });
}

/** Builds the router. */
export function createOpen311Router(options: Open311RouterOptions): express.Router {
  const { definitions, serviceRequests, media, apiKeys, logger } = options;
  const router = express.Router({ caseSensitive: true, strict: false });
  const origin = (req: Request) =>
    (options.publicUrl?.() ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(
      /\/+$/,
      '',
    );
  const anonymous = (req: Request): Actor => ({ user: null, ip: req.ip });

  /** Gathers service, agency, public timeline, photo and parent of each request, then presents. */
  const presentRequests = async (
    req: Request,
    rows: ServiceRequestEntity[],
    extensions: boolean,
  ): Promise<Open311Value[]> => {
    const ids = rows.map((r) => r.id);
    const [defs, agencies, timelines, photos, parents] = await Promise.all([
      definitions.byIds([...new Set(rows.map((r) => r.serviceDefinitionId))]),
      definitions.agenciesByIds([...new Set(rows.map((r) => r.agencyId))]),
      serviceRequests.timelines(anonymous(req), ids),
      media.byRequestIds(ids),
      extensions
        ? serviceRequests.trackingNumbersOf(
            rows.map((r) => r.duplicateOfId).filter((id): id is string => id !== null),
          )
        : Promise.resolve(new Map<string, string>()),
    ]);
    const defById = new Map(defs.filter((d) => d !== null).map((d) => [d.id, d]));
    const agencyById = new Map(agencies.filter((a) => a !== null).map((a) => [a.id, a]));
    const base = origin(req);
    return rows.map((r, i) =>
      presentRequest(
        r,
        {
          definition: defById.get(r.serviceDefinitionId) ?? null,
          agency: agencyById.get(r.agencyId) ?? null,
          timeline: timelines[i] ?? [],
          photoUrl: photos[i]?.[0] ? mediaUrls(photos[i][0].id, base).url : null,
          parentTrackingNumber: r.duplicateOfId ? (parents.get(r.duplicateOfId) ?? null) : null,
        },
        extensions,
      ),
    );
  };

  router.get('/:file', async (req, res) => {
    const { name, format } = split(req.params.file);
    checkJurisdiction(req.query.jurisdiction_id);
    switch (name) {
      case 'discovery':
        send(
          res,
          format,
          200,
          'discovery',
          presentDiscovery({
            endpointUrl: `${origin(req)}${req.baseUrl}/`,
            changedAt: await definitions.lastChangedAt(),
          }),
        );
        return;
      case 'services': {
        const services = await definitions.list(anonymous(req));
        send(res, format, 200, 'services', services.map(presentService));
        return;
      }
      case 'requests': {
        const q = req.query;
        const extensions = flag(q.extensions, 'extensions') ?? false;
        const statuses = list(q.status, 'status')?.map((s) => s.toLowerCase());
        if (statuses?.some((s) => s !== 'open' && s !== 'closed')) {
          throw new BadInputError([{ field: 'status', message: 'must be open, closed or both' }]);
        }
        const lat = decimal(q.lat, 'lat');
        const long = decimal(q.long, 'long');
        const radius = decimal(q.radius, 'radius');
        if ((lat === undefined) !== (long === undefined)) {
          throw new BadInputError([{ field: 'lat/long', message: 'must be sent together' }]);
        }
        if (radius !== undefined && lat === undefined) {
          throw new BadInputError([{ field: 'radius', message: 'needs lat and long' }]);
        }
        const input: Open311ListInput = {
          trackingNumbers: list(q.service_request_id, 'service_request_id'),
          serviceCodes: list(q.service_code, 'service_code'),
          status: statuses?.length === 1 ? (statuses[0] === 'open' ? 'OPEN' : 'CLOSED') : undefined,
          from: w3cDate(q.start_date, 'start_date'),
          until: w3cDate(q.end_date, 'end_date'),
          updatedAfter: w3cDate(q.updated_after, 'updated_after'),
          updatedBefore: w3cDate(q.updated_before, 'updated_before'),
          near:
            lat !== undefined && long !== undefined
              ? { lat, lng: long, radiusMeters: radius ?? DEFAULT_RADIUS_METERS }
              : undefined,
          page: positiveInteger(q.page, 'page'),
          pageSize: positiveInteger(q.page_size, 'page_size'),
        };
        const rows = await serviceRequests.listForOpen311(anonymous(req), input);
        send(res, format, 200, 'service_requests', await presentRequests(req, rows, extensions));
        return;
      }
      default:
        throw new Open311Error(404, `There is no resource "${name}".`);
    }
  });

  router.get('/:dir/:file', async (req, res) => {
    const { name, format } = split(req.params.file);
    checkJurisdiction(req.query.jurisdiction_id);
    switch (req.params.dir) {
      case 'services': {
        const service = await definitions.getByCode(anonymous(req), name);
        send(res, format, 200, 'service_definition', presentServiceDefinition(service));
        return;
      }
      case 'requests': {
        const extensions = flag(req.query.extensions, 'extensions') ?? false;
        const request = await serviceRequests.get(anonymous(req), { trackingNumber: name });
        if (!request) throw new Open311Error(404, `Service request ${name} was not found.`);
        send(
          res,
          format,
          200,
          'service_requests',
          await presentRequests(req, [request], extensions),
        );
        return;
      }
      case 'tokens': {
        const found = await serviceRequests.resolveToken(anonymous(req), name);
        if (!found) throw new Open311Error(404, `Token ${name} was not found.`);
        send(res, format, 200, 'service_requests', [
          { service_request_id: found.request?.trackingNumber ?? null, token: found.token },
        ]);
        return;
      }
      default:
        throw new Open311Error(404, `There is no resource "${req.params.dir}".`);
    }
  });

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: (_req, res) => (res.locals.apiKey as AuthenticatedApiKey).rateLimitPerMinute,
    keyGenerator: (_req, res) => (res.locals.apiKey as AuthenticatedApiKey).id,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      sendErrors(res, formatOfUrl(req.path), 429, [
        'This api_key has made too many requests; try again in a minute.',
      ]);
    },
  });

  router.post(
    '/:file',
    (req, _res, next) => {
      // Check the path before reading the body, so a bad URL is a 404 whatever was sent.
      const { name } = split(req.params.file as string);
      if (name !== 'requests') throw new Open311Error(404, `There is no resource "${name}".`);
      next();
    },
    express.urlencoded({ extended: true, limit: '64kb', parameterLimit: 200 }),
    async (req, res, next) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      checkJurisdiction(req.query.jurisdiction_id, body.jurisdiction_id);
      res.locals.apiKey = await apiKeys.authenticate(
        text(body.api_key ?? req.query.api_key, 'api_key'),
      );
      next();
    },
    limiter,
    async (req, res) => {
      const { format } = split(req.params.file as string);
      const body = req.body as Record<string, unknown>;
      const apiKey = res.locals.apiKey as AuthenticatedApiKey;
      const serviceCode = text(body.service_code, 'service_code');
      if (!serviceCode) {
        throw new BadInputError([{ field: 'service_code', message: 'is required' }]);
      }
      const lat = decimal(body.lat, 'lat');
      const long = decimal(body.long, 'long');
      if (lat === undefined || long === undefined) {
        const address =
          text(body.address_string, 'address_string') ?? text(body.address_id, 'address_id');
        throw new BadInputError([
          {
            field: 'lat/long',
            message:
              lat !== undefined || long !== undefined
                ? 'must be sent together'
                : address
                  ? 'are required: this server cannot look up address_string or address_id yet'
                  : 'are required (WGS84 decimal degrees)',
          },
        ]);
      }
      if (Math.abs(lat) > 90 || Math.abs(long) > 180) {
        throw new BadInputError([{ field: 'lat/long', message: 'are not WGS84 coordinates' }]);
      }
      const firstName = text(body.first_name, 'first_name');
      const lastName = text(body.last_name, 'last_name');
      const description = typeof body.description === 'string' ? body.description : undefined;
      if (body.description !== undefined && description === undefined) {
        throw new BadInputError([{ field: 'description', message: 'must be given once, as text' }]);
      }
      const deviceId = text(body.device_id, 'device_id');
      const accountId = text(body.account_id, 'account_id');
      const { request, token } = await serviceRequests.submit(
        { user: null, apiKeyId: apiKey.id, ip: req.ip },
        {
          serviceCode,
          description,
          latitude: lat,
          longitude: long,
          address: text(body.address_string, 'address_string'),
          attributes: attributesOf(body.attribute),
          contact: {
            name: [firstName, lastName].filter(Boolean).join(' ') || null,
            email: text(body.email, 'email'),
            phone: text(body.phone, 'phone'),
          },
          mediaUrl: text(body.media_url, 'media_url'),
          clientInfo: {
            ...(deviceId ? { device_id: deviceId } : {}),
            ...(accountId ? { account_id: accountId } : {}),
          },
        },
        'OPEN311',
      );
      send(res, format, 200, 'service_requests', [
        token ? { token } : { service_request_id: request.trackingNumber },
      ]);
    },
  );

  router.use((req) => {
    throw new Open311Error(404, `There is no resource at ${req.path}.`);
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const format = formatOfUrl(req.path);
    if (error instanceof Open311Error) {
      sendErrors(res, format, error.status, [error.message]);
      return;
    }
    if (error instanceof BadInputError) {
      const unknownService = error.fields.find((f) => f.field === 'input.serviceCode');
      if (unknownService) {
        const code = text((req.body as Record<string, unknown>)?.service_code, 'service_code');
        sendErrors(res, format, 404, [`service_code ${code ?? ''} is not an active service.`]);
        return;
      }
      sendErrors(
        res,
        format,
        400,
        error.fields.map((f) => `${parameterOf(f.field)}: ${f.message}`),
      );
      return;
    }
    if (error instanceof DomainError) {
      sendErrors(res, format, STATUS_OF[error.code], [error.message]);
      return;
    }
    const status =
      typeof error === 'object' &&
      error !== null &&
      'status' in error &&
      typeof error.status === 'number'
        ? error.status
        : 500;
    if (status >= 400 && status < 500) {
      sendErrors(res, format, 400, [
        status === 413 ? 'The request body is too large.' : 'The request could not be read.',
      ]);
      return;
    }
    logger.error({ err: error, url: req.originalUrl }, 'Open311 request failed');
    sendErrors(res, format, 500, ['Internal error; it has been logged.']);
  });

  return router;
}
