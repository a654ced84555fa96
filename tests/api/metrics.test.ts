/** `/metrics`: Prometheus text with HTTP, GraphQL and WebSocket instruments that move. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

async function metrics(): Promise<string> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

describe('/metrics', () => {
  it('counts GraphQL operations by name and outcome, HTTP requests by route, and open sockets', async () => {
    await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Groups { serviceGroups }', operationName: 'Groups' }),
    });
    await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Broken { nope }', operationName: 'Broken' }),
    });
    const client = app.wsClient();
    const sub = collect(
      client,
      `subscription($id: ID!) { serviceRequestUpdated(id: $id) { id } }`,
      {
        id: Buffer.from('ServiceRequest:00000000-0000-4000-8000-000000000000').toString(
          'base64url',
        ),
      },
      1,
    );
    await sub.results.catch(() => undefined);
    const text = await metrics();
    expect(text).toContain(
      'stoop_graphql_operations_total{operation="Groups",type="query",outcome="ok"} 1',
    );
    expect(text).toMatch(
      /stoop_graphql_operations_total\{operation="Broken",type="invalid",outcome="error"\} 1/,
    );
    expect(text).toMatch(
      /stoop_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+/,
    );
    expect(text).toMatch(/stoop_websocket_connections \d+/);
    expect(text).toContain('stoop_process_cpu_user_seconds_total');
  });
});
