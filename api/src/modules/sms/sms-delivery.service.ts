/**
 * Texts to phone numbers: delivery of the SMS outbox (filled by the conversation and by
 * ReporterUpdatesService) through a provider ({@link SmsSender}) with retries and
 * back-off. A text is claimed with SKIP LOCKED inside a transaction and marked delivered in the
 * same transaction, so two workers never send the same row and a delivered row is never sent again.
 * STOP is honoured twice: nothing is queued for an opted-out phone, and a phone that opted out
 * after queueing is skipped at delivery.
 */
import type { DataSource } from 'typeorm';
import type { Logger } from '../../lib/logger.js';
import type { SmsRepository } from './sms.repository.js';

/** Sends one text through a provider; throws to retry later. */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

/** The default sender: writes texts to the log, so a fresh install sends nothing anywhere. */
export class LogSmsSender implements SmsSender {
  constructor(private readonly log: Logger) {}

  send(to: string, body: string): Promise<void> {
    this.log.info({ to: `…${to.slice(-4)}`, length: body.length }, 'sms delivered (log sender)');
    return Promise.resolve();
  }
}

/** Producer and delivery of texts to subscribed phones. */
export class SmsDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SmsRepository,
  ) {}

  /** Whether the number texted STOP (and not START since). */
  isOptedOut(phone: string): Promise<boolean> {
    return this.repository.isOptedOut(phone);
  }

  /** Sends due texts; returns how many were delivered. */
  async deliverDue(sender: SmsSender, limit = 50): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.repository.claimDue(manager, limit);
      let delivered = 0;
      for (const row of due) {
        if (await this.repository.isOptedOutIn(manager, row.phone)) {
          await this.repository.markFailed(manager, row.id, 8, 'opted out (STOP)');
          continue;
        }
        try {
          await sender.send(row.phone, row.body);
          await this.repository.markDelivered(manager, row.id);
          delivered += 1;
        } catch (error) {
          await this.repository.markFailed(
            manager,
            row.id,
            row.attempts + 1,
            error instanceof Error ? error.message : String(error),
          );
        }
      }
      return delivered;
    });
  }
}
