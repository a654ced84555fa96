/** Webhook rows, the queueing of request events into deliveries, and delivery bookkeeping. */
import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';

/** A claimed delivery with where it goes. */
export interface ClaimedDelivery {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
}

/** Attempts before a delivery is given up. */
export const MAX_WEBHOOK_ATTEMPTS = 10;

export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Registers a webhook that starts after the newest event there is now. */
  async insert(values: {
    url: string;
    name: string;
    secret: string;
    eventTypes: string[];
    createdBy: string;
  }): Promise<WebhookEntity> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO webhooks (url, name, secret, event_types, created_by, last_event_id)
       VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(id), 0) FROM request_events))
       RETURNING id`,
      [values.url, values.name, values.secret, values.eventTypes, values.createdBy],
    )) as [{ id: string }];
    return this.dataSource.getRepository(WebhookEntity).findOneByOrFail({ id: row.id });
  }

  list(): Promise<WebhookEntity[]> {
    return this.dataSource
      .getRepository(WebhookEntity)
      .find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  findLive(id: string): Promise<WebhookEntity | null> {
    return this.dataSource.getRepository(WebhookEntity).findOneBy({ id, deletedAt: IsNull() });
  }

  async softDelete(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhooks SET deleted_at = now() WHERE id = $1`, [id]);
  }

  /** Delivery counts of a webhook, for the admin list. */
  async counts(
    ids: readonly string[],
  ): Promise<Map<string, { delivered: number; pending: number; failed: number }>> {
    const rows: { webhook_id: string; delivered: number; pending: number; failed: number }[] =
      await this.dataSource.query(
        `SELECT webhook_id,
                count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered,
                count(*) FILTER (WHERE delivered_at IS NULL AND attempts < $2)::int AS pending,
                count(*) FILTER (WHERE delivered_at IS NULL AND attempts >= $2)::int AS failed
           FROM webhook_deliveries WHERE webhook_id = ANY($1::uuid[]) GROUP BY webhook_id`,
        [ids, MAX_WEBHOOK_ATTEMPTS],
      );
    return new Map(rows.map((r) => [r.webhook_id, r]));
  }

  /**
   * Queues the public events of public services that each live webhook has not seen yet and moves
   * its cursor, in one transaction. Only events at least `settleSeconds` old are taken, so an event
   * whose transaction committed late (a smaller id committing after a larger one) is not skipped.
   * Returns how many deliveries were queued.
   */
  async queueNewEvents(settleSeconds = 2, limit = 1000): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const hooks: { id: string; last_event_id: string; event_types: string[] }[] =
        await manager.query(
          `SELECT id, last_event_id, event_types FROM webhooks
            WHERE deleted_at IS NULL FOR UPDATE SKIP LOCKED`,
        );
      let queued = 0;
      for (const hook of hooks) {
        const [upper] = (await manager.query(
          `SELECT COALESCE(max(id), $1::bigint) AS id FROM (
             SELECT id FROM request_events
              WHERE id > $1::bigint AND at <= now() - make_interval(secs => $2)
              ORDER BY id LIMIT $3) e`,
          [hook.last_event_id, settleSeconds, limit],
        )) as [{ id: string }];
        if (upper.id === hook.last_event_id) continue;
        const inserted: unknown[] = await manager.query(
          `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload)
           SELECT $1, e.id, e.type, jsonb_build_object(
                    'event', jsonb_build_object(
                      'id', e.id::text, 'type', e.type, 'at', e.at,
                      'fromStatus', e.from_status, 'toStatus', e.to_status,
                      'note', CASE WHEN e.type IN ('STATUS_CHANGED', 'NOTE', 'ACKNOWLEDGED')
                                   THEN e.text END),
                    'request', jsonb_build_object(
                      'trackingNumber', r.tracking_number,
                      'serviceCode', d.code,
                      'serviceName', d.name,
                      'status', r.status,
                      'detailedStatus', r.detailed_status,
                      'address', r.address,
                      'latitude', ST_Y(r.location),
                      'longitude', ST_X(r.location),
                      'ward', r.ward,
                      'communityArea', r.community_area,
                      'requestedAt', r.requested_at,
                      'expectedAt', r.expected_at,
                      'closedAt', r.closed_at))
             FROM request_events e
             JOIN service_requests r ON r.id = e.request_id
             JOIN service_definitions d ON d.id = r.service_definition_id
            WHERE e.id > $2::bigint AND e.id <= $3::bigint
              AND e.type = ANY($4::text[])
              AND e.visibility = 'PUBLIC'
              AND NOT d.is_private
           ON CONFLICT (webhook_id, event_id) DO NOTHING
           RETURNING id`,
          [hook.id, hook.last_event_id, upper.id, hook.event_types],
        );
        queued += inserted.length;
        await manager.query(`UPDATE webhooks SET last_event_id = $2 WHERE id = $1`, [
          hook.id,
          upper.id,
        ]);
      }
      return queued;
    });
  }

  /**
   * Claims due deliveries by pushing their next attempt a lease into the future (so no other
   * worker takes them while this one is sending) and counting the attempt. The HTTP call happens
   * outside any transaction.
   */
  async claimDue(limit: number, leaseSeconds = 120): Promise<ClaimedDelivery[]> {
    type Row = {
      id: string;
      event_type: string;
      payload: Record<string, unknown>;
      attempts: number;
      url: string;
      secret: string;
    };
    // TypeORM answers an UPDATE … RETURNING with [rows, affected]
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhooks w ON w.id = d.webhook_id AND w.deleted_at IS NULL
          WHERE d.delivered_at IS NULL AND d.next_attempt_at <= now() AND d.attempts < $2
          ORDER BY d.id LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
         FROM due, webhooks w
        WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.id, d.event_type, d.payload, d.attempts, w.url, w.secret`,
      [limit, MAX_WEBHOOK_ATTEMPTS, leaseSeconds],
    )) as [Row[], number];
    return rows
      .map((r) => ({
        id: String(r.id),
        eventType: r.event_type,
        payload: r.payload,
        attempts: r.attempts,
        url: r.url,
        secret: r.secret,
      }))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  async markDelivered(id: string, status: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET delivered_at = now(), last_status = $2, last_error = NULL
        WHERE id = $1 AND delivered_at IS NULL`,
      [id, status],
    );
  }

  /** Records a failure; the next attempt waits 30 s × 2^attempts, at most an hour. */
  async markFailed(id: string, attempts: number, status: number | null, error: string) {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET last_status = $2, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4)
        WHERE id = $1`,
      [id, status, error.slice(0, 500), Math.min(3600, 30 * 2 ** attempts)],
    );
  }

  /** Deliveries of one webhook, newest first (admin view and tests). */
  deliveries(webhookId: string, limit = 50): Promise<WebhookDeliveryEntity[]> {
    return this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { webhookId }, order: { id: 'DESC' }, take: limit });
  }
}
