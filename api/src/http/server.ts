/**
 * The HTTP process: Express 5 with Apollo Server 5 at `/graphql`, graphql-ws on the same server
 * and path, photo routes, health checks and the web page. One function builds the GraphQL context
 * for both transports, so HTTP and WebSocket see the same actor rules.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { specifiedRules, validate } from 'graphql';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import { WebSocketServer } from 'ws';
import { migrationsCurrent } from '../db/data-source.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatError, logUnexpectedErrors } from '../graphql/errors.js';
import { operationLimits } from '../graphql/limits.js';
import { createLoaders } from '../graphql/loaders.js';
import { isLanguage, languageOfHeader, type Language } from '../lib/language.js';
import type { Logger } from '../lib/logger.js';
import type { Actor } from '../modules/user/actor.js';
import { createOpen311Router } from '../open311/open311.routes.js';
import { createSmsRouter } from '../channels/sms/sms.routes.js';
import { createWebHandler } from './web.js';
import { createUnsubscribeRouter } from '../channels/email/unsubscribe.routes.js';
import type { Services } from '../services.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './auth.js';
import { createExportRouter } from './export.routes.js';
import { createMediaRouter } from './media.routes.js';
import { createMetrics } from './metrics.js';

/** Adds the request id to a masked internal error, so a user can quote it and staff find the log. */
function withRequestId(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  if (error.extensions?.code !== 'INTERNAL_SERVER_ERROR') return error;
  return {
    ...error,
    message: `Internal error; quote request id ${requestId} when reporting it.`,
    extensions: { ...error.extensions, requestId },
  };
}

/** Options of {@link createStoopServer}. */
export interface StoopServerOptions {
  services: Services;
  schema: GraphQLSchema;
  logger: Logger;
  secureCookies: boolean;
  /** Requests per minute one IP address may make to /graphql and /media (default 600). */
  ipRateLimitPerMinute?: number;
  /** Exports per minute per IP (STOOP_EXPORT_RATE_LIMIT, default 30). */
  exportRateLimitPerMinute?: number;
  /** Texts per minute per sending phone at /sms/inbound (STOOP_SMS_RATE_LIMIT, default 20). */
  smsRateLimitPerMinute?: number;
  publicUrl?: string;
  /** Checks the SMS webhook's signature with this key (the SMS provider's auth token). */
  smsWebhookKey?: string;
}

/** A built (not yet listening) server. */
export interface StoopServer {
  httpServer: Server;
  app: express.Express;
  /** Starts listening; resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, finishes in-flight requests, closes sockets. */
  close(): Promise<void>;
}

/** Builds the HTTP + WebSocket server. */
export async function createStoopServer(options: StoopServerOptions): Promise<StoopServer> {
  const { services, schema, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = createServer(app);

  const actorOf = async (req: IncomingMessage): Promise<Actor> => {
    const actor = await services.users.actorFromSessionToken(sessionTokenOf(req));
    return { ...actor, ip: req.socket.remoteAddress };
  };
  const contextFor = (actor: Actor, requestId: string, language: Language): GraphQLContext => ({
    actor,
    requestId,
    language,
    loaders: createLoaders(actor, services),
    services: {
      serviceRequests: services.serviceRequests,
      staffQueue: services.staffQueue,
      areas: services.areas,
      pubsub: services.pubsub,
      comments: services.comments,
      notifications: services.notifications,
      blockClubs: services.blockClubs,
      ideas: services.ideas,
    },
  });

  const metrics = createMetrics();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  wsServer.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });
  const wsCleanup = useServer(
    {
      schema,
      validate: (s, document) => validate(s, document, [...specifiedRules, operationLimits]),
      context: async (ctx) =>
        contextFor(
          await actorOf(ctx.extra.request),
          randomUUID(),
          isLanguage(ctx.connectionParams?.language)
            ? ctx.connectionParams.language
            : languageOfHeader(ctx.extra.request.headers['accept-language']),
        ),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => formatError(e, e)) } : result,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e, e)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    validationRules: [operationLimits],
    introspection: true,
    // main.ts owns shutdown: stop accepting, drain, close the database, exit 0.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        // Unexpected errors are logged with the request id, and the client gets the same id.
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              logUnexpectedErrors(errors, contextValue.requestId, logger);
            },
            async willSendResponse({ request, operation, errors, response, contextValue }) {
              const operationName = request.operationName;
              const single =
                response.body.kind === 'single' ? response.body.singleResult : undefined;
              metrics.graphqlOperations.inc({
                // client-chosen names: keep label cardinality bounded
                operation:
                  operationName && /^\w{1,64}$/.test(operationName) ? operationName : 'anonymous',
                type: operation?.operation ?? 'invalid',
                outcome: errors?.length || single?.errors?.length ? 'error' : 'ok',
              });
              if (single?.errors) {
                single.errors = single.errors.map((e) => withRequestId(e, contextValue.requestId));
              }
            },
          };
        },
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  app.use(metrics.http);
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await services.dataSource.query('SELECT 1');
      const current = await migrationsCurrent(services.dataSource);
      res
        .status(current ? 200 : 503)
        .json({ status: current ? 'ready' : 'migrations pending', database: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  // Per-IP limits on the public doors; per-account limits live in the services (RateLimits) and
  // per-key limits in the Open311 facade.
  const perIp = rateLimit({
    windowMs: 60_000,
    limit: options.ipRateLimitPerMinute ?? 600,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res, _next, opts) => {
      res.status(opts.statusCode).json({
        errors: [
          {
            message: 'Too many requests from this address; try again in a minute.',
            extensions: { code: 'RATE_LIMITED' },
          },
        ],
      });
    },
  });
  app.use(['/graphql', '/media'], (req, res, next) => {
    if (req.method === 'GET' && req.baseUrl === '/media') return next();
    return perIp(req, res, next);
  });

  app.use(
    createMediaRouter({
      media: services.media,
      resolveActor: actorOf,
      publicUrl: options.publicUrl ? () => options.publicUrl! : undefined,
    }),
  );

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const language = languageOfHeader(req.headers['accept-language']);
        res.setHeader('Content-Language', language);
        res.vary('Accept-Language');
        const ctx = contextFor(await actorOf(req), String(req.id), language);
        ctx.setSessionCookie = (token, expiresAt) =>
          setSessionCookie(res, token, expiresAt, options.secureCookies);
        ctx.clearSessionCookie = () => clearSessionCookie(res, options.secureCookies);
        return ctx;
      },
    }),
  );

  app.use(
    '/open311/v2',
    createOpen311Router({
      definitions: services.definitions,
      serviceRequests: services.serviceRequests,
      media: services.media,
      apiKeys: services.apiKeys,
      logger,
      publicUrl: options.publicUrl ? () => options.publicUrl! : undefined,
    }),
  );

  app.use(
    '/sms',
    createSmsRouter({
      sms: services.sms,
      logger,
      signatureKey: options.smsWebhookKey,
      publicUrl: options.publicUrl,
      perPhonePerMinute: options.smsRateLimitPerMinute,
    }),
  );
  app.use(createUnsubscribeRouter(services.notifications, services.reporterUpdates));

  // Exports stream whole tables: a tighter per-IP budget than the API's.
  app.use(
    '/export',
    rateLimit({
      windowMs: 60_000,
      limit: options.exportRateLimitPerMinute ?? 30,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res, _next, opts) => {
        res.status(opts.statusCode).json({
          errors: [
            {
              message: 'Too many exports from this address; try again in a minute.',
              extensions: { code: 'RATE_LIMITED' },
            },
          ],
        });
      },
    }),
  );
  app.use(createExportRouter({ exports: services.exports, resolveActor: actorOf, logger }));

  // Unknown paths under the API's own prefixes answer in JSON; everything else is the web app's.
  app.use(
    ['/graphql', '/media', '/export', '/open311', '/sms', '/notifications', '/updates'],
    (_req, res) => {
      res
        .status(404)
        .json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    },
  );
  const web = await createWebHandler({
    publicUrl: options.publicUrl,
    execute: async (query, variables) => {
      // the page's queries name their language on the fields that have one
      const context = contextFor(
        await services.users.actorFromSessionToken(undefined),
        randomUUID(),
        'en',
      );
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: context },
      );
      return response.body.kind === 'single' ? response.body.singleResult : null;
    },
  });
  app.use(web.handler);
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const status =
        typeof error === 'object' &&
        error !== null &&
        'status' in error &&
        typeof error.status === 'number'
          ? error.status
          : 500;
      if (status >= 500) req.log.error({ err: error }, 'unhandled error');
      res.status(status).json({
        errors: [
          {
            message: status >= 500 ? 'Internal error; it has been logged.' : 'Bad request',
            extensions: {
              code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT',
              requestId: req.id,
            },
          },
        ],
      });
    },
  );

  return {
    httpServer,
    app,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      await apollo.stop();
    },
  };
}
