/**
 * A real Stoop server for integration tests: the real schema, services and HTTP/WebSocket server
 * on an ephemeral port, over the database prepared by the global setup. Tests talk to it over
 * real HTTP and real WebSockets, as clients do.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { inject } from 'vitest';
import WebSocket from 'ws';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../api/src/db/data-source.js';
import { buildStoopSchema } from '../../api/src/graphql/schema.js';
import { createStoopServer } from '../../api/src/http/server.js';
import type { StoopServer } from '../../api/src/http/server.js';
import { logger } from '../../api/src/lib/logger.js';
import { InProcessPubSub } from '../../api/src/lib/pubsub.js';
import type { PubSub } from '../../api/src/lib/pubsub.js';
import { hashPassword } from '../../api/src/modules/user/password.js';
import type { Role } from '../../api/src/modules/user/user.entity.js';
import { createServices } from '../../api/src/services.js';
import type { ServiceOptions, Services } from '../../api/src/services.js';

/** A GraphQL response as tests read it. */
export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; fields?: { field: string; message: string }[] };
  }[];
  headers: Headers;
}

/** A running test server. */
export interface TestApp {
  url: string;
  wsUrl: string;
  dataSource: DataSource;
  services: Services;
  server: StoopServer;
  /** Runs an operation over HTTP, optionally as a signed-in user (cookie). */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    cookie?: string,
  ): Promise<GqlResponse<T>>;
  /** Creates an account with a role directly and signs it in; returns its cookie and id. */
  user(role: Role, agencyCode?: string): Promise<{ id: string; email: string; cookie: string }>;
  /** A graphql-ws client, optionally authenticated by cookie. */
  wsClient(cookie?: string): Client;
  close(): Promise<void>;
}

/** Starts a server over the shared test database. */
export async function startTestApp(
  options: Partial<Omit<ServiceOptions, 'mediaDir'>> & {
    pubsub?: PubSub;
    /** Door limits (exports per IP, texts per phone). */
    exportRateLimitPerMinute?: number;
    smsRateLimitPerMinute?: number;
  } = {},
): Promise<TestApp> {
  const dataSource = createDataSource({
    url: inject('databaseUrl'),
    embedded: inject('embedded'),
    poolSize: 4,
  });
  await dataSource.initialize();
  const pubsub = options.pubsub ?? new InProcessPubSub();
  const services = createServices(dataSource, pubsub, { ...options, mediaDir: inject('mediaDir') });
  const schema = await buildStoopSchema(services);
  const server = await createStoopServer({
    services,
    schema,
    logger,
    secureCookies: false,
    ipRateLimitPerMinute: Number(process.env.TEST_IP_RATE_LIMIT ?? 1_000_000),
    exportRateLimitPerMinute: options.exportRateLimitPerMinute ?? 1_000_000,
    smsRateLimitPerMinute: options.smsRateLimitPerMinute ?? 1_000_000,
  });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];

  const gql: TestApp['gql'] = async (query, variables, cookie) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  };

  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    dataSource,
    services,
    server,
    gql,
    async user(role, agencyCode) {
      const email = `${role.toLowerCase()}-${randomUUID()}@example.test`;
      const password = 'correct horse battery';
      const [agency] = agencyCode
        ? ((await dataSource.query(`SELECT id FROM agencies WHERE code = $1`, [agencyCode])) as {
            id: string;
          }[])
        : [];
      if (agencyCode && !agency) throw new Error(`no agency ${agencyCode}`);
      const [row] = (await dataSource.query(
        `INSERT INTO users (email, display_name, password_hash, role, agency_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [email, `Test ${role}`, await hashPassword(password), role, agency?.id ?? null],
      )) as { id: string }[];
      const res = await gql(
        `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }`,
        { input: { email, password } },
      );
      const setCookie = res.headers.get('set-cookie');
      if (!setCookie) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
      return { id: row!.id, email, cookie: setCookie.split(';')[0]! };
    },
    wsClient(cookie) {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, cookie ? { headers: { cookie } } : {});
          }
        },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map(async (c) => c.dispose()));
      await server.close();
      await pubsub.close();
      await dataSource.destroy();
    },
  };
}

/** Collects the next `count` results of a subscription (rejects on error or timeout). */
export function collect<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
  timeoutMs = 10_000,
): { results: Promise<T[]>; ready: Promise<void>; stop: () => void } {
  const items: T[] = [];
  let stop = () => {};
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const results = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(`timed out with ${items.length}/${count} results: ${JSON.stringify(items)}`),
      );
    }, timeoutMs);
    stop = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) {
            clearTimeout(timer);
            reject(Object.assign(new Error('subscription error'), { errors: value.errors }));
            return;
          }
          items.push(value.data as T);
          if (items.length >= count) {
            clearTimeout(timer);
            stop();
            resolve(items);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          reject(
            error instanceof Error
              ? error
              : Object.assign(new Error('subscription error'), { errors: error }),
          );
        },
        complete: () => {
          clearTimeout(timer);
          resolve(items);
        },
      },
    );
  });
  client.on('connected', () => markReady());
  return { results, ready, stop: () => stop() };
}
