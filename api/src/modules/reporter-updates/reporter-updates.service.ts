/**
 * Updates for reporters without an account. A web reporter (or a caller whose report an agent
 * enters) may ask for a request's updates by e-mail, by text, or both, at the contact they gave;
 * an SMS reporter is subscribed by the conversation. Every public change of the request (a new
 * status, a public note, a new expected date) and a merge into another request then queue one
 * message per subscribed address, in the subscriber's language, inside the change's transaction:
 * the change and its messages commit together or not at all.
 *
 * E-mails carry a one-click unsubscribe link naming the subscription by a random token (so it
 * keeps working across restarts and needs no account); texts honour STOP through the SMS
 * opt-outs. Addresses are contact data and are never readable through any API.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../lib/logger.js';
import { normalisePhone } from '../../lib/phone.js';
import { UPDATE_MESSAGES } from './reporter-updates.messages.js';
import type { PublicChange, RequestRef, UpdateLanguage } from './reporter-updates.messages.js';
import type { ReporterUpdatesRepository } from './reporter-updates.repository.js';

/** The ways a reporter without an account can hear back. */
export type UpdateChannel = 'EMAIL' | 'SMS';

/** One e-mail for a sender. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  unsubscribeUrl: string;
}

/** Sends one e-mail to an address; throws to retry later. */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
}

/** The default sender: writes e-mails to the log, so a fresh install sends nothing anywhere. */
export class LogEmailSender implements EmailSender {
  constructor(private readonly log: Logger) {}

  send(email: OutgoingEmail): Promise<void> {
    const [user, domain] = email.to.split('@');
    this.log.info(
      { to: `${user?.slice(0, 1) ?? ''}…@${domain ?? ''}`, subject: email.subject },
      'e-mail delivered (log sender)',
    );
    return Promise.resolve();
  }
}

/** A request as the producer needs it (its service's name is read when someone listens). */
export interface UpdatedRequest {
  id: string;
  trackingNumber: string;
  serviceDefinitionId: string;
  expectedAt: Date | null;
}

/** The contact a reporter gave, already checked by the submission. */
export interface UpdateContact {
  email: string | null;
  phone: string | null;
}

export class ReporterUpdatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReporterUpdatesRepository,
    /** Public origin of the site, for links in messages (e.g. https://311.chicago.example). */
    private readonly publicUrl: string,
  ) {}

  /** The request as messages name it, in each language (the service's name is translated). */
  private async ref(
    manager: EntityManager,
    request: UpdatedRequest,
  ): Promise<Record<UpdateLanguage, RequestRef>> {
    const names = await this.repository.serviceNames(manager, request.serviceDefinitionId);
    const of = (lang: UpdateLanguage): RequestRef => ({
      trackingNumber: request.trackingNumber,
      expectedAt: request.expectedAt,
      serviceName: names[lang],
    });
    return { en: of('en'), es: of('es') };
  }

  private requestLink(trackingNumber: string): string {
    return `${this.publicUrl}/requests/${trackingNumber}`;
  }

  private unsubscribeLink(token: string): string {
    return `${this.publicUrl}/updates/unsubscribe?token=${token}`;
  }

  /**
   * Subscribes the reporter's contact to the new request on the channels asked for and queues
   * the confirmation, inside the submission's transaction. The submission checked that each
   * channel asked for has its address.
   */
  async subscribe(
    manager: EntityManager,
    request: UpdatedRequest,
    contact: UpdateContact,
    channels: readonly UpdateChannel[],
    language: UpdateLanguage,
  ): Promise<void> {
    const wanted = channels.filter((c) => (c === 'EMAIL' ? contact.email : contact.phone));
    if (!wanted.length) return;
    const m = UPDATE_MESSAGES[language];
    const ref = (await this.ref(manager, request))[language];
    if (wanted.includes('EMAIL') && contact.email) {
      const token = await this.repository.subscribeEmail(
        manager,
        request.id,
        contact.email,
        language,
        randomBytes(32).toString('base64url'),
      );
      const unsubscribeUrl = this.unsubscribeLink(token);
      const email = m.receivedEmail(ref, this.requestLink(request.trackingNumber), unsubscribeUrl);
      await this.repository.queueEmail(manager, {
        email: contact.email,
        ...email,
        unsubscribeUrl,
        requestId: request.id,
      });
    }
    if (wanted.includes('SMS') && contact.phone) {
      // keyed as the SMS door keys numbers, so a STOP from that phone matches
      const phone = normalisePhone(contact.phone);
      await this.repository.subscribePhone(manager, request.id, phone, language);
      const [subscribed] = await this.repository.phoneSubscribers(manager, request.id);
      // a number that texted STOP stays subscribed (START brings the texts back) but gets nothing
      if (subscribed) {
        await this.repository.queueText(manager, phone, m.receivedText(ref), request.id);
      }
    }
  }

  /**
   * Queues one message per subscribed address about a public change of the request, inside the
   * change's transaction. Returns how many were queued.
   */
  async requestChanged(
    manager: EntityManager,
    request: UpdatedRequest,
    change: PublicChange,
  ): Promise<number> {
    const emails = await this.repository.emailSubscribers(manager, request.id);
    const phones = await this.repository.phoneSubscribers(manager, request.id);
    if (!emails.length && !phones.length) return 0;
    const ref = await this.ref(manager, request);
    const link = this.requestLink(request.trackingNumber);
    let queued = 0;
    for (const s of emails) {
      const unsubscribeUrl = this.unsubscribeLink(s.token!);
      const email = UPDATE_MESSAGES[s.language].changedEmail(
        ref[s.language],
        change,
        link,
        unsubscribeUrl,
      );
      await this.repository.queueEmail(manager, {
        email: s.address,
        ...email,
        unsubscribeUrl,
        requestId: request.id,
      });
      queued += 1;
    }
    for (const s of phones) {
      const text = UPDATE_MESSAGES[s.language].changedText(ref[s.language], change);
      await this.repository.queueText(manager, s.address, text, request.id);
      queued += 1;
    }
    return queued;
  }

  /**
   * A duplicate was merged into its original: its subscribers move to the original and hear so
   * once, inside the merge's transaction.
   */
  async requestMerged(
    manager: EntityManager,
    duplicate: UpdatedRequest,
    original: UpdatedRequest,
  ): Promise<void> {
    const emails = await this.repository.emailSubscribers(manager, duplicate.id);
    const phones = await this.repository.phoneSubscribers(manager, duplicate.id);
    await this.repository.moveSubscriptions(manager, duplicate.id, original.id);
    if (!emails.length && !phones.length) return;
    const [dup, orig] = [await this.ref(manager, duplicate), await this.ref(manager, original)];
    const link = this.requestLink(original.trackingNumber);
    for (const s of emails) {
      const token = await this.repository.tokenOf(manager, original.id, s.address);
      const unsubscribeUrl = this.unsubscribeLink(token!);
      const email = UPDATE_MESSAGES[s.language].mergedEmail(
        dup[s.language],
        orig[s.language],
        link,
        unsubscribeUrl,
      );
      await this.repository.queueEmail(manager, {
        email: s.address,
        ...email,
        unsubscribeUrl,
        requestId: original.id,
      });
    }
    for (const s of phones) {
      const text = UPDATE_MESSAGES[s.language].mergedText(dup[s.language], orig[s.language]);
      await this.repository.queueText(manager, s.address, text, original.id);
    }
  }

  /** The one-click unsubscribe: whether the token named a subscription (now removed). */
  unsubscribe(token: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return Promise.resolve(false);
    return this.repository.unsubscribe(token);
  }

  /** Sends due e-mails through the sender; returns how many were delivered. */
  async deliverDue(sender: EmailSender, limit = 50): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.repository.claimDue(manager, limit);
      let delivered = 0;
      for (const row of due) {
        try {
          await sender.send({
            to: row.email,
            subject: row.subject,
            text: row.body,
            unsubscribeUrl: row.unsubscribeUrl,
          });
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
