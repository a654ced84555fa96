/** SQL of reporter updates: subscriptions by e-mail and phone, and the e-mail outbox. */
import type { DataSource, EntityManager } from 'typeorm';
import type { Localized, Translations } from '../../lib/language.js';
import { serviceNames } from '../service-definition/catalogue-text.js';
import type { ServiceText } from '../service-definition/service-definition.entity.js';
import type { UpdateLanguage } from './reporter-updates.messages.js';

/** A subscribed address with the language of its messages. */
export interface Subscriber {
  address: string;
  language: UpdateLanguage;
  /** E-mail only: the unsubscribe token. */
  token?: string;
}

/** An e-mail claimed for delivery. */
export interface DueEmail {
  id: string;
  email: string;
  subject: string;
  body: string;
  unsubscribeUrl: string;
  attempts: number;
}

/** A message for the outboxes. */
export interface QueuedEmail {
  email: string;
  subject: string;
  body: string;
  unsubscribeUrl: string;
  requestId: string;
}

export class ReporterUpdatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Subscribes an address; an existing subscription keeps its token and takes the language. */
  async subscribeEmail(
    manager: EntityManager,
    requestId: string,
    email: string,
    language: UpdateLanguage,
    token: string,
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO email_subscriptions (request_id, email, language, token) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id, email) DO UPDATE SET language = EXCLUDED.language
       RETURNING token`,
      [requestId, email, language, token],
    )) as { token: string }[];
    return row!.token;
  }

  async subscribePhone(
    manager: EntityManager,
    requestId: string,
    phone: string,
    language: UpdateLanguage,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sms_subscriptions (request_id, phone, language) VALUES ($1, $2, $3)
       ON CONFLICT (request_id, phone) DO UPDATE SET language = EXCLUDED.language`,
      [requestId, phone, language],
    );
  }

  async emailSubscribers(manager: EntityManager, requestId: string): Promise<Subscriber[]> {
    return manager.query(
      `SELECT email AS address, language, token FROM email_subscriptions
        WHERE request_id = $1 ORDER BY created_at`,
      [requestId],
    );
  }

  /** Phones subscribed to the request that have not texted STOP. */
  async phoneSubscribers(manager: EntityManager, requestId: string): Promise<Subscriber[]> {
    return manager.query(
      `SELECT s.phone AS address, s.language FROM sms_subscriptions s
        WHERE s.request_id = $1
          AND NOT EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = s.phone)
        ORDER BY s.created_at`,
      [requestId],
    );
  }

  /**
   * Moves the subscriptions of a duplicate to its original, tokens and all (links in e-mails
   * already sent keep working); an address already on the original keeps that subscription.
   */
  async moveSubscriptions(manager: EntityManager, fromId: string, toId: string): Promise<void> {
    await manager.query(
      `UPDATE email_subscriptions SET request_id = $2
        WHERE request_id = $1
          AND email NOT IN (SELECT email FROM email_subscriptions WHERE request_id = $2)`,
      [fromId, toId],
    );
    await manager.query(
      `UPDATE sms_subscriptions SET request_id = $2
        WHERE request_id = $1
          AND phone NOT IN (SELECT phone FROM sms_subscriptions WHERE request_id = $2)`,
      [fromId, toId],
    );
    await manager.query(`DELETE FROM email_subscriptions WHERE request_id = $1`, [fromId]);
    await manager.query(`DELETE FROM sms_subscriptions WHERE request_id = $1`, [fromId]);
  }

  /** The service's name in every language (English where untranslated), in the caller's transaction. */
  async serviceNames(manager: EntityManager, serviceDefinitionId: string): Promise<Localized> {
    const [row] = (await manager.query(
      `SELECT name, translations FROM service_definitions WHERE id = $1`,
      [serviceDefinitionId],
    )) as { name: string; translations: Translations<ServiceText> }[];
    return serviceNames(row ?? { name: '', translations: {} });
  }

  async tokenOf(manager: EntityManager, requestId: string, email: string): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT token FROM email_subscriptions WHERE request_id = $1 AND email = $2`,
      [requestId, email],
    )) as { token: string }[];
    return row?.token ?? null;
  }

  async queueEmail(manager: EntityManager, email: QueuedEmail): Promise<void> {
    await manager.query(
      `INSERT INTO email_outbox (email, subject, body, unsubscribe_url, request_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [email.email, email.subject, email.body, email.unsubscribeUrl, email.requestId],
    );
  }

  async queueText(
    manager: EntityManager,
    phone: string,
    body: string,
    requestId: string,
  ): Promise<void> {
    await manager.query(`INSERT INTO sms_outbox (phone, body, request_id) VALUES ($1, $2, $3)`, [
      phone,
      body,
      requestId,
    ]);
  }

  /** Removes the subscription named by an unsubscribe token; whether there was one. */
  async unsubscribe(token: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `DELETE FROM email_subscriptions WHERE token = $1 RETURNING request_id`,
      [token],
    );
    // DELETE … RETURNING through TypeORM's query answers [rows, count]
    const deleted = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return deleted.length > 0;
  }

  /** Claims due e-mails (skipping rows another worker holds). */
  async claimDue(manager: EntityManager, limit: number): Promise<DueEmail[]> {
    return manager.query(
      `SELECT id::text AS id, email, subject, body, unsubscribe_url AS "unsubscribeUrl", attempts
         FROM email_outbox
        WHERE delivered_at IS NULL AND next_attempt_at <= now() AND attempts < 8
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markDelivered(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE email_outbox SET delivered_at = now() WHERE id = $1`, [id]);
  }

  /** Records a failure; the next attempt waits 30 s, 60 s, 120 s … up to an hour. */
  async markFailed(
    manager: EntityManager,
    id: string,
    attempts: number,
    error: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE email_outbox SET attempts = $2, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [id, attempts, error.slice(0, 500), Math.min(3600, 30 * 2 ** attempts)],
    );
  }
}
