/**
 * Benchmarks of the spine on a city-sized database. Each scenario is reported as a ratio to a
 * bound measured in the same run, never as an absolute target:
 *
 * - `sql`: the same queries as raw SQL through `pg`, count then page, as a hand-written endpoint
 *   would run them (the floor: what the database alone costs);
 * - `http`: that SQL behind a bare Express handler returning JSON (the floor for any HTTP API);
 * - `graphql`: the real operation through Stoop (Apollo + type-graphql + loaders + presenters).
 *
 * Usage: `npm run bench` (PostgreSQL at BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/stoop_bench, recreated; BENCH_ROWS requests, default 300000).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import express from 'express';
import pg from 'pg';
import { loadConfig } from '../api/src/config.js';
import { createDataSource } from '../api/src/db/data-source.js';
import { runMigrations } from '../api/src/db/migrate.js';
import { buildStoopSchema } from '../api/src/graphql/schema.js';
import { createStoopServer } from '../api/src/http/server.js';
import { logger } from '../api/src/lib/logger.js';
import { InProcessPubSub } from '../api/src/lib/pubsub.js';
import { seed } from '../api/src/seed/seed.js';
import { createServices } from '../api/src/services.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stoop_bench';
const rows = Number(process.env.BENCH_ROWS ?? 300_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
logger.level = 'warn';

async function recreateDatabase(): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

/**
 * Scales the 2,113 real requests up to `rows`, keeping their type mix and spatial spread: each copy
 * is a real request moved by up to ±800 m, kept only when it still falls inside a ward.
 */
async function scaleUp(pool: pg.Pool): Promise<number> {
  const [{ n }] = (await pool.query('SELECT count(*)::int AS n FROM service_requests')).rows as [
    { n: number },
  ];
  const copies = Math.ceil((rows - n) / n);
  await pool.query(`
    INSERT INTO service_requests (tracking_number, service_definition_id, description, location, address,
      zipcode, ward, community_area, attributes, status, detailed_status, agency_id, channel, requested_at,
      updated_at, expected_at, closed_at)
    SELECT 'SB' || lpad((row_number() OVER ())::text, 10, '0'), r.service_definition_id, r.description,
           p.geom, r.address, r.zipcode, w.number, c.number, r.attributes,
           CASE WHEN random() < 0.2 THEN 'OPEN' ELSE r.status END,
           CASE WHEN random() < 0.2 THEN 'IN_PROGRESS' ELSE r.detailed_status END,
           r.agency_id, r.channel, r.requested_at - o.shift, r.updated_at - o.shift,
           r.expected_at - o.shift, r.closed_at - o.shift
      FROM service_requests r
      CROSS JOIN generate_series(1, ${copies}) AS g(i)
      CROSS JOIN LATERAL (
        SELECT ST_SetSRID(ST_MakePoint(ST_X(r.location) + (random() - 0.5) * 0.02,
                                       ST_Y(r.location) + (random() - 0.5) * 0.014), 4326) AS geom) p
      CROSS JOIN LATERAL (SELECT make_interval(days => floor(random() * 365 + 0 * g.i)::int) AS shift) o
      JOIN areas w ON w.kind = 'WARD' AND ST_Covers(w.boundary, p.geom)
      LEFT JOIN areas c ON c.kind = 'COMMUNITY_AREA' AND ST_Covers(c.boundary, p.geom)
     WHERE r.tracking_number LIKE 'SR%'
     LIMIT ${rows - n}`);
  await pool.query(`
    INSERT INTO request_events (request_id, type, to_status, visibility, at)
    SELECT id, 'SUBMITTED', 'SUBMITTED', 'PUBLIC', requested_at FROM service_requests
     WHERE tracking_number LIKE 'SB%'`);
  await pool.query('ANALYZE');
  const [{ total }] = (await pool.query('SELECT count(*)::int AS total FROM service_requests'))
    .rows as [{ total: number }];
  return total;
}

interface Scenario {
  name: string;
  /** The bound: the queries a hand-written endpoint would run (count, then the page). */
  sql: string[];
  /** Parameters shared by every query, or (with `paramsPerQuery`) one list per query. */
  params: () => unknown[];
  paramsPerQuery?: boolean;
  /** Iterations of this scenario, when fewer than BENCH_ITERATIONS suffice (slow scenarios). */
  iterations?: number;
  graphql: string;
  variables: () => Record<string, unknown>;
}

/** A random point in the busy part of the city (Loop to Lincoln Square). */
function randomPoint() {
  return { lat: 41.85 + Math.random() * 0.12, lng: -87.72 + Math.random() * 0.1 };
}

const scenarios: Scenario[] = [
  {
    name: 'requests within 500 m, nearest first, page of 20 (with totalCount)',
    sql: [
      `WITH pt AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 26916) AS g)
       SELECT count(*) FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id, pt
        WHERE ST_DWithin(r.location_metric, pt.g, 500) AND NOT s.is_private`,
      `WITH pt AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 26916) AS g)
       SELECT r.id, r.tracking_number, r.detailed_status, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
              ST_Distance(r.location_metric, pt.g) AS d
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id, pt
        WHERE ST_DWithin(r.location_metric, pt.g, 500) AND NOT s.is_private
        ORDER BY d, r.id LIMIT 20`,
    ],
    params: () => {
      const p = randomPoint();
      return [p.lng, p.lat];
    },
    graphql: `query($lat: Float!, $lng: Float!) {
      serviceRequests(filter: { near: { lat: $lat, lng: $lng, radiusMeters: 500 } }, orderBy: DISTANCE, first: 20) {
        totalCount edges { distanceMeters node { trackingNumber detailedStatus location { latitude longitude } } }
      }
    }`,
    variables: () => randomPoint(),
  },
  {
    name: 'duplicate suggestions: open requests within 150 m (KNN)',
    sql: [
      `WITH pt AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 26916) AS g)
          SELECT r.id, r.tracking_number, ST_Distance(r.location_metric, pt.g) AS d
            FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id, pt
           WHERE ST_DWithin(r.location_metric, pt.g, 150) AND r.status = 'OPEN' AND NOT s.is_private
           ORDER BY r.location_metric <-> pt.g LIMIT 20`,
    ],
    params: () => {
      const p = randomPoint();
      return [p.lng, p.lat];
    },
    graphql: `query($lat: Float!, $lng: Float!) {
      nearbyServiceRequests(location: { latitude: $lat, longitude: $lng }, radiusMeters: 150) {
        distanceMeters request { trackingNumber }
      }
    }`,
    variables: () => randomPoint(),
  },
  {
    name: 'newest 20 open requests of one ward (with totalCount)',
    sql: [
      `SELECT count(*) FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE r.ward = $1 AND r.status = 'OPEN' AND NOT s.is_private`,
      `SELECT r.id, r.tracking_number, r.requested_at
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE r.ward = $1 AND r.status = 'OPEN' AND NOT s.is_private
        ORDER BY r.requested_at DESC, r.id DESC LIMIT 20`,
    ],
    params: () => [1 + Math.floor(Math.random() * 50)],
    graphql: `query($areaId: ID!) {
      serviceRequests(filter: { areaId: $areaId, status: OPEN }, first: 20) {
        totalCount edges { node { trackingNumber requestedAt } }
      }
    }`,
    variables: () => ({ areaId: wardIds[Math.floor(Math.random() * wardIds.length)] }),
  },
];

let wardIds: string[] = [];
let serviceCodes: string[] = [];

/**
 * The statistics queries a hand-written dashboard endpoint would run (the bound of the `stats`
 * scenarios): totals with percentiles and on-time share, by month, top 10 services, by ward. `W` is
 * the filter's WHERE with its parameters starting at $2 ($1 is "now").
 */
function statsSql(w: string): string[] {
  const days = 'extract(epoch FROM r.closed_at - r.requested_at) / 86400.0';
  const from =
    'FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id';
  const eligible = `s.sla_days IS NOT NULL AND r.detailed_status <> 'DUPLICATE'
    AND (r.status = 'CLOSED' OR r.requested_at + s.sla_days * interval '1 day' < $1)`;
  const onTime = `count(*) FILTER (WHERE ${eligible}),
    count(*) FILTER (WHERE ${eligible} AND r.detailed_status = 'COMPLETED'
                     AND r.closed_at <= r.requested_at + s.sla_days * interval '1 day')`;
  const counts = `count(*), count(*) FILTER (WHERE r.detailed_status = 'COMPLETED'),
    count(*) FILTER (WHERE r.detailed_status IN ('CLOSED_NOT_FIXED', 'CANCELED')),
    count(*) FILTER (WHERE r.detailed_status = 'DUPLICATE'), count(*) FILTER (WHERE r.status = 'OPEN')`;
  const median = `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE r.detailed_status = 'COMPLETED')`;
  const month = `date_trunc('month', r.requested_at AT TIME ZONE 'America/Chicago')`;
  return [
    `SELECT ${counts},
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE r.detailed_status = 'COMPLETED'),
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE r.status = 'CLOSED'),
            ${onTime}
       ${from} WHERE NOT s.is_private AND ${w}`,
    // $1 (now) is unused here; the no-op keeps one parameter list for all four queries
    `SELECT ${month}, ${counts}, ${median} ${from} WHERE NOT s.is_private AND ${w} AND $1::timestamptz IS NOT NULL
      GROUP BY ${month} ORDER BY ${month}`,
    `SELECT s.code, s.name, count(*), count(*) FILTER (WHERE r.status = 'OPEN'), ${median}
       ${from} WHERE NOT s.is_private AND ${w} AND $1::timestamptz IS NOT NULL GROUP BY s.id ORDER BY count(*) DESC, s.code LIMIT 10`,
    `WITH agg AS (SELECT r.ward AS number, count(*) AS opened, count(*) FILTER (WHERE r.status = 'OPEN'),
                         ${median}, ${onTime}
                    ${from} WHERE NOT s.is_private AND ${w} AND r.ward IS NOT NULL GROUP BY r.ward)
     SELECT a.number, a.name, agg.* FROM areas a LEFT JOIN agg ON agg.number = a.number
      WHERE a.kind = 'WARD' ORDER BY a.number`,
  ];
}

const STATS_QUERY = `query($filter: StatsFilter) {
  stats(filter: $filter) {
    totals { opened closedCompleted closedNotFixed duplicates stillOpen medianDaysToComplete
             p90DaysToComplete medianDaysToClose p90DaysToClose onTimeShare onTimeSample }
    byPeriod { start opened closedCompleted closedNotFixed duplicates stillOpen medianDaysToComplete }
    topServices(limit: 10) { code name opened stillOpen medianDaysToComplete }
    byArea(kind: WARD) { number name opened stillOpen medianDaysToComplete onTimeShare }
  }
}`;

/** A random three-month window inside the generated year. */
function randomQuarter(): { from: Date; to: Date } {
  const from = new Date(Date.UTC(2020, Math.floor(Math.random() * 10), 1, 6));
  return { from, to: new Date(from.getTime() + 91 * 86_400_000) };
}

scenarios.push(
  {
    name: 'stats dashboard, whole city, all time (totals, by month, top 10 services, 50 wards)',
    sql: statsSql('true'),
    params: () => [[new Date()], [new Date()], [new Date()], [new Date()]],
    paramsPerQuery: true,
    iterations: 40,
    graphql: STATS_QUERY,
    variables: () => ({ filter: { period: 'MONTH' } }),
  },
  {
    name: 'stats dashboard, one service, three months (same four parts)',
    sql: statsSql('s.code = $2 AND r.requested_at >= $3 AND r.requested_at < $4'),
    params: () => {
      const code = serviceCodes[Math.floor(Math.random() * serviceCodes.length)]!;
      const { from, to } = randomQuarter();
      const p = [new Date(), code, from, to];
      return [p, p, p, p];
    },
    paramsPerQuery: true,
    graphql: STATS_QUERY,
    variables: () => {
      const { from, to } = randomQuarter();
      return {
        filter: {
          period: 'MONTH',
          serviceCodes: [serviceCodes[Math.floor(Math.random() * serviceCodes.length)]],
          from,
          to,
        },
      };
    },
  },
);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
  await recreateDatabase();
  const ds = createDataSource({ url });
  await ds.initialize();
  await runMigrations(ds);
  await seed(ds, { dataDir: loadConfig().seedDataDir, log: () => {} });
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  const t0 = performance.now();
  const total = await scaleUp(pool);
  console.log(`database: ${total} requests (scaled in ${Math.round(performance.now() - t0)} ms)`);

  const services = createServices(ds, new InProcessPubSub(), {
    mediaDir: '/tmp/stoop-bench-media',
  });
  const server = await createStoopServer({
    services,
    schema: await buildStoopSchema(services),
    logger,
    secureCookies: false,
    // the bench is one client firing thousands of requests a minute
    ipRateLimitPerMinute: 1_000_000_000,
  });
  const port = await server.listen(0, '127.0.0.1');
  const bare = express();
  bare.use(express.json());
  bare.post('/sql', async (req, res) => {
    const body = req.body as { sql: string[]; params: unknown[]; perQuery?: boolean };
    const results = [];
    for (const [i, q] of body.sql.entries()) {
      const params = body.perQuery ? (body.params[i] as unknown[]) : body.params;
      results.push((await pool.query(q, params)).rows);
    }
    res.json(results);
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((r) => bareServer.once('listening', r));
  const barePort = (bareServer.address() as { port: number }).port;

  const wards = (await (
    await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ areas(kind: WARD) { id } }' }),
    })
  ).json()) as { data: { areas: { id: string }[] } };
  wardIds = wards.data.areas.map((a) => a.id);
  // the busiest services: what a dashboard user picks most
  serviceCodes = (
    await pool.query(
      `SELECT s.code FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE NOT s.is_private GROUP BY s.code ORDER BY count(*) DESC LIMIT 10`,
    )
  ).rows.map((r: { code: string }) => r.code);

  const lines = [
    '| scenario | sql median (ms) | bare HTTP median | GraphQL median | GraphQL p95 | GraphQL ÷ SQL | GraphQL ÷ bare HTTP |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of scenarios) {
    const sql: number[] = [];
    const http: number[] = [];
    const gql: number[] = [];
    const rounds = s.iterations ?? iterations;
    const warmUp = Math.min(30, Math.ceil(rounds / 4));
    for (let i = 0; i < rounds + warmUp; i++) {
      const params = s.params();
      let t = performance.now();
      for (const [j, q] of s.sql.entries()) {
        await pool.query(q, s.paramsPerQuery ? (params[j] as unknown[]) : params);
      }
      const a = performance.now() - t;
      t = performance.now();
      await (
        await fetch(`http://127.0.0.1:${barePort}/sql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sql: s.sql, params, perQuery: s.paramsPerQuery }),
        })
      ).json();
      const b = performance.now() - t;
      t = performance.now();
      const res = (await (
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: s.graphql, variables: s.variables() }),
        })
      ).json()) as { errors?: unknown };
      const c = performance.now() - t;
      if (res.errors) throw new Error(`${s.name}: ${JSON.stringify(res.errors)}`);
      if (i >= warmUp) {
        sql.push(a);
        http.push(b);
        gql.push(c);
      }
    }
    const [q, h, g] = [stats(sql), stats(http), stats(gql)];
    lines.push(
      `| ${s.name} (${rounds} runs) | ${q.median.toFixed(2)} | ${h.median.toFixed(2)} | ${g.median.toFixed(2)} | ${g.p95.toFixed(2)} | ${(g.median / q.median).toFixed(2)} | ${(g.median / h.median).toFixed(2)} |`,
    );
  }
  console.log(
    `\n${iterations} iterations per scenario, ${total} requests, Node ${process.version}\n`,
  );
  console.log(lines.join('\n'));
  bareServer.close();
  await server.close();
  await pool.end();
  await ds.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
