/**
 * Many instances behind a load balancer: two Stoop servers on one database, each with its own Redis
 * pub/sub connection. A subscriber on one receives what staff do on the other. Uses the local Redis
 * (REDIS_URL, default redis://127.0.0.1:6379).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, RedisPubSub } from '../../api/src/lib/redis-pubsub.js';
import { collect, startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const POTHOLE = '4fd3b656e750846c53000004';

let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  const pa = new RedisPubSub(REDIS);
  const pb = new RedisPubSub(REDIS);
  await Promise.all([pa.connected(), pb.connected()]);
  a = await startTestApp({ pubsub: pa });
  b = await startTestApp({ pubsub: pb });
});

afterAll(async () => {
  await a.close();
  await b.close();
});

describe('Redis pub/sub', () => {
  it('keeps Dates as Dates across the wire', () => {
    const at = new Date('2026-11-28T12:34:56.789Z');
    const decoded = decodePayload(
      encodePayload({ event: { id: '7', at, text: '{"$date":"not me"}' } }),
    ) as {
      event: { id: string; at: Date; text: string };
    };
    expect(decoded.event.at).toBeInstanceOf(Date);
    expect(decoded.event.at.getTime()).toBe(at.getTime());
    expect(decoded.event.text).toBe('{"$date":"not me"}');
  });

  it('delivers a change made through instance A to a subscriber on instance B', async () => {
    const [{ code }] = (await a.dataSource.query(
      `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
      [POTHOLE],
    )) as [{ code: string }];
    const staff = await a.user('STAFF', code);
    const submitted = await a.gql(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id timeline { id } } } }`,
      {
        input: {
          serviceCode: POTHOLE,
          location: { latitude: 41.8789, longitude: -87.6359 },
          attributes: [
            { code: 'location_on_street', value: 'curb_lane' },
            { code: 'depth', value: 'over_4in' },
          ],
        },
      },
    );
    const r = submitted.data!.submitServiceRequest.serviceRequest;
    // no afterEventId: nothing is replayed from the database, so B can only learn of the change
    // through Redis
    const live = collect(
      b.wsClient(),
      `subscription($id: ID!) { serviceRequestUpdated(id: $id) { type toStatus at } }`,
      { id: r.id },
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await a.gql(
      `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: IN_PROGRESS }) { serviceRequest { id } } }`,
      { id: r.id },
      staff.cookie,
    );
    const events = (await live.results).map((m) => m.serviceRequestUpdated);
    expect(events.map((e) => [e.type, e.toStatus])).toEqual([['STATUS_CHANGED', 'IN_PROGRESS']]);
    expect(Number.isNaN(Date.parse(events[0].at))).toBe(false);
  });
});
