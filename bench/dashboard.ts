/**
 * Times the dashboard page's GraphQL operations (web/src/routes/dashboard/dashboard.graphql)
 * against a running Stoop, as the page sends them. Start the server with the stats cache off to
 * measure the SQL (STOOP_STATS_CACHE_SECONDS=0), then:
 *
 *   STOOP_URL=http://127.0.0.1:4000 BENCH_ITERATIONS=50 npx tsx bench/dashboard.ts
 *
 * Prints median and p95 milliseconds and the answer size of each operation (docs/PERFORMANCE.md,
 * "Dashboard page").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const base = process.env.STOOP_URL ?? 'http://127.0.0.1:4000';
const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
const document = readFileSync(
  path.resolve(import.meta.dirname, '../web/src/routes/dashboard/dashboard.graphql'),
  'utf8',
);
const POTHOLE = '4fd3b656e750846c53000004';

async function post(
  operationName: string,
  variables: Record<string, unknown>,
): Promise<{ ms: number; bytes: number; data: Record<string, unknown> }> {
  const started = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  const body = JSON.parse(text) as { data: Record<string, unknown>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { ms, bytes: text.length, data: body.data };
}

const options = await post('DashboardOptions', {});
const wards = options.data.wards as { id: string; number: number }[];
const ward42 = wards.find((w) => w.number === 42)!.id;

const scenarios: [string, string, Record<string, unknown>][] = [
  ['stats, whole city, community areas', 'DashboardStats', { filter: {}, kind: 'COMMUNITY_AREA' }],
  ['stats, whole city, wards', 'DashboardStats', { filter: {}, kind: 'WARD' }],
  ['stats, ward 42', 'DashboardStats', { filter: { areaId: ward42 }, kind: 'WARD' }],
  [
    'stats, one service, phone, by week',
    'DashboardStats',
    {
      filter: { serviceCodes: [POTHOLE], channels: ['PHONE'], period: 'WEEK' },
      kind: 'COMMUNITY_AREA',
    },
  ],
  ['filter choices', 'DashboardOptions', {}],
  ['boundaries, community areas', 'DashboardBoundaries', { kind: 'COMMUNITY_AREA' }],
  ['boundaries, wards', 'DashboardBoundaries', { kind: 'WARD' }],
];

for (const [name, operation, variables] of scenarios) {
  for (let i = 0; i < 5; i++) await post(operation, variables);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const r = await post(operation, variables);
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(
    `${name.padEnd(36)} median ${at(0.5).toFixed(1).padStart(6)} ms  p95 ${at(0.95)
      .toFixed(1)
      .padStart(6)} ms  ${(bytes / 1024).toFixed(0)} KiB`,
  );
}
