/** SMS queries: conversation state, opt-outs, subscriptions and the SMS outbox. */
import type { DataSource, EntityManager } from 'typeorm';

/** One due text, claimed for delivery. */
export interface DueSms {
  id: string;
  phone: string;
  body: string;
  attempts: number;
}

/** SMS persistence. */
export class SmsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async conversation(phone: string): Promise<Record<string, unknown> | null> {
    const rows: { state: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT state FROM sms_conversations WHERE phone = $1`,
      [phone],
    );
    return rows[0]?.state ?? null;
  }

  async saveConversation(phone: string, state: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sms_conversations (phone, state, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (phone) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [phone, JSON.stringify(state)],
    );
  }

  async endConversation(phone: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sms_conversations WHERE phone = $1`, [phone]);
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM sms_opt_outs WHERE phone = $1`,
      [phone],
    );
    return rows.length > 0;
  }

  async optOut(phone: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sms_opt_outs (phone) VALUES ($1) ON CONFLICT (phone) DO NOTHING`,
      [phone],
    );
  }

  async optIn(phone: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sms_opt_outs WHERE phone = $1`, [phone]);
  }

  async subscribe(requestId: string, phone: string, language: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sms_subscriptions (request_id, phone, language) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [requestId, phone, language],
    );
  }

  /** Claims due texts (skipping rows another worker holds). */
  async claimDue(manager: EntityManager, limit: number): Promise<DueSms[]> {
    return manager.query(
      `SELECT id::text AS id, phone, body, attempts FROM sms_outbox
        WHERE delivered_at IS NULL AND next_attempt_at <= now() AND attempts < 8
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markDelivered(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE sms_outbox SET delivered_at = now() WHERE id = $1`, [id]);
  }

  /** Records a failure; the next attempt waits 30 s, 60 s, 120 s … up to an hour. */
  async markFailed(
    manager: EntityManager,
    id: string,
    attempts: number,
    error: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE sms_outbox SET attempts = $2, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [id, attempts, error.slice(0, 500), Math.min(3600, 30 * 2 ** attempts)],
    );
  }

  /** Whether the phone is opted out, read inside a delivery transaction. */
  async isOptedOutIn(manager: EntityManager, phone: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM sms_opt_outs WHERE phone = $1`, [
      phone,
    ]);
    return rows.length > 0;
  }
}
