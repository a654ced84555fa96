/**
 * Rate limits: per IP address on the HTTP doors, and per account on actions people can abuse,
 * both answering RATE_LIMITED with when to try again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoopSchema } from '../../api/src/graphql/schema.js';
import { createStoopServer } from '../../api/src/http/server.js';
import { logger } from '../../api/src/lib/logger.js';
import { RATE_LIMITS } from '../../api/src/lib/rate-limits.js';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

describe('rate limits', () => {
  it('limits requests per IP address on /graphql with a RATE_LIMITED error and standard headers', async () => {
    const schema = await buildStoopSchema(app.services);
    const server = await createStoopServer({
      services: app.services,
      schema,
      logger,
      secureCookies: false,
      ipRateLimitPerMinute: 3,
    });
    const port = await server.listen(0, '127.0.0.1');
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ serviceGroups }' }),
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const body = (await last!.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
      expect(last!.headers.get('ratelimit-policy')).toContain('3');
      // reading photos is not limited
      const media = await fetch(
        `http://127.0.0.1:${port}/media/00000000-0000-4000-8000-000000000000`,
      );
      expect(media.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('limits comments per account through the API, and says when to try again', async () => {
    const user = await app.user('RESIDENT');
    const other = await app.user('RESIDENT');
    const [request] = (await app.dataSource.query(
      `SELECT id FROM service_requests ORDER BY requested_at DESC LIMIT 1`,
    )) as [{ id: string }];
    const targetId = Buffer.from(`ServiceRequest:${request!.id}`).toString('base64url');
    // spend the account's whole budget (20 comments per 10 minutes) directly
    for (let i = 0; i < RATE_LIMITS.comment.points; i++) {
      await app.services.rateLimits.consume('comment', user.id);
    }
    const ADD = `mutation($id: ID!) { addComment(input: { targetId: $id, body: "One more" }) { comment { id } } }`;
    const refused = await app.gql(ADD, { id: targetId }, user.cookie);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.message).toMatch(/^Too many comments; try again in \d+ seconds\.$/);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    // another account has its own budget
    const fine = await app.gql(ADD, { id: targetId }, other.cookie);
    expect(fine.errors).toBeUndefined();
  });
});
