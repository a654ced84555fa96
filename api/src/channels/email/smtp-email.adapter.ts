/**
 * E-mail over SMTP (`nodemailer`): notifications of accounts, and updates to reporters without
 * an account. Each message carries a one-click unsubscribe link, in the text and as
 * `List-Unsubscribe` headers (RFC 8058), that works without signing in.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { NotificationEntity } from '../../modules/notification/notification.entity.js';
import type {
  DeliveryAdapter,
  Recipient,
} from '../../modules/notification/notification.service.js';
import {
  DELIVERY_TEXT,
  notificationText,
} from '../../modules/notification/notification.messages.js';
import type {
  EmailSender,
  OutgoingEmail,
} from '../../modules/reporter-updates/reporter-updates.service.js';

/** SMTP settings (STOOP_SMTP_URL, STOOP_MAIL_FROM, PUBLIC_URL). */
export interface SmtpSettings {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  url: string;
  /** The From address, e.g. `Stoop 311 <no-reply@example.org>`. */
  from: string;
  /** Public origin of the site, for the unsubscribe link. */
  publicUrl: string;
}

/**
 * A {@link DeliveryAdapter} for the EMAIL channel of accounts, and the {@link EmailSender} of
 * updates to reporters without an account: every message goes out through {@link send}.
 */
export class SmtpEmailAdapter implements DeliveryAdapter, EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = nodemailer.createTransport(settings.url);
  }

  private unsubscribeLink(to: Recipient): string {
    return `${this.settings.publicUrl.replace(/\/$/, '')}/notifications/unsubscribe?${to.unsubscribeQuery}`;
  }

  /** One plain-text e-mail with one-click unsubscribe headers (RFC 8058). */
  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({
      from: this.settings.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      headers: {
        'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  async deliver(notification: NotificationEntity, to: Recipient | null): Promise<void> {
    // a blocked or deleted account: nothing to send, and nothing to retry
    if (!to) return;
    const unsubscribeUrl = this.unsubscribeLink(to);
    const m = DELIVERY_TEXT[to.language];
    const { title, body } = notificationText(notification, to.language);
    const lines = [
      m.hello(to.displayName),
      '',
      title,
      ...(body ? ['', body] : []),
      '',
      '-- ',
      m.stop(unsubscribeUrl),
    ];
    await this.send({
      to: to.email,
      subject: title,
      text: lines.join('\n'),
      unsubscribeUrl,
    });
  }

  /** The daily digest: one e-mail listing every notification, oldest first, in the account's language. */
  async deliverDigest(notifications: NotificationEntity[], to: Recipient | null): Promise<void> {
    if (!to) return;
    const unsubscribeUrl = this.unsubscribeLink(to);
    const m = DELIVERY_TEXT[to.language];
    const items = [...notifications]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((n) => notificationText(n, to.language))
      .map(({ title, body }) => `• ${title}${body ? `\n  ${body}` : ''}`);
    await this.send({
      to: to.email,
      subject: m.digestSubject(notifications.length),
      text: [
        m.hello(to.displayName),
        '',
        m.digestIntro(notifications.length),
        '',
        ...items,
        '',
        '-- ',
        m.stop(unsubscribeUrl),
      ].join('\n'),
      unsubscribeUrl,
    });
  }

  /** Closes pooled SMTP connections. */
  close(): void {
    this.transport.close();
  }
}
