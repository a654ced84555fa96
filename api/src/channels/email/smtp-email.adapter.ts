/**
 * E-mail delivery of notifications over SMTP (`nodemailer`). Each message carries a signed
 * one-click unsubscribe link, in the text and as `List-Unsubscribe` headers (RFC 8058), that turns
 * e-mail off for the person without signing in.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { NotificationEntity } from '../../modules/notification/notification.entity.js';
import type {
  DeliveryAdapter,
  Recipient,
} from '../../modules/notification/notification.service.js';

/** SMTP settings (STOOP_SMTP_URL, STOOP_MAIL_FROM, PUBLIC_URL). */
export interface SmtpSettings {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  url: string;
  /** The From address, e.g. `Stoop 311 <no-reply@example.org>`. */
  from: string;
  /** Public origin of the site, for the unsubscribe link. */
  publicUrl: string;
}

/** A {@link DeliveryAdapter} for the EMAIL channel. */
export class SmtpEmailAdapter implements DeliveryAdapter {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = nodemailer.createTransport(settings.url);
  }

  async deliver(notification: NotificationEntity, to: Recipient | null): Promise<void> {
    // a blocked or deleted account: nothing to send, and nothing to retry
    if (!to) return;
    const unsubscribe = `${this.settings.publicUrl.replace(/\/$/, '')}/notifications/unsubscribe?${to.unsubscribeQuery}`;
    const lines = [
      `Hello ${to.displayName},`,
      '',
      notification.title,
      ...(notification.body ? ['', notification.body] : []),
      '',
      '-- ',
      `Stop these e-mails: ${unsubscribe}`,
    ];
    await this.transport.sendMail({
      from: this.settings.from,
      to: to.email,
      subject: notification.title,
      text: lines.join('\n'),
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  /** The daily digest: one e-mail listing every notification, oldest first. */
  async deliverDigest(notifications: NotificationEntity[], to: Recipient | null): Promise<void> {
    if (!to) return;
    const unsubscribe = `${this.settings.publicUrl.replace(/\/$/, '')}/notifications/unsubscribe?${to.unsubscribeQuery}`;
    const items = [...notifications]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((n) => `• ${n.title}${n.body ? `\n  ${n.body}` : ''}`);
    const subject = `Stoop 311: ${notifications.length} updates since yesterday`;
    await this.transport.sendMail({
      from: this.settings.from,
      to: to.email,
      subject,
      text: [
        `Hello ${to.displayName},`,
        '',
        `Your daily digest (${notifications.length} updates):`,
        '',
        ...items,
        '',
        '-- ',
        `Stop these e-mails: ${unsubscribe}`,
      ].join('\n'),
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  /** Closes pooled SMTP connections. */
  close(): void {
    this.transport.close();
  }
}
