/**
 * The SMS channel of the notification outbox, for people with an account who chose texts in their
 * preferences: the notification's title goes to the phone on their account through the configured
 * {@link SmsSender}. A person without a phone, or whose number texted STOP, gets nothing (and the
 * row is not retried: there is nothing to retry).
 */
import type { NotificationEntity } from '../../modules/notification/notification.entity.js';
import type {
  DeliveryAdapter,
  Recipient,
} from '../../modules/notification/notification.service.js';
import { normalisePhone } from '../../lib/phone.js';
import {
  DELIVERY_TEXT,
  notificationText,
} from '../../modules/notification/notification.messages.js';
import type { SmsSender } from '../../modules/sms/sms-delivery.service.js';

/** A {@link DeliveryAdapter} for the SMS channel. */
export class SmsNotificationAdapter implements DeliveryAdapter {
  constructor(private readonly sender: SmsSender) {}

  async deliver(notification: NotificationEntity, to: Recipient | null): Promise<void> {
    if (!to?.phone || to.smsOptedOut) return;
    const { title } = notificationText(notification, to.language);
    await this.sender.send(
      normalisePhone(to.phone),
      `Stoop 311: ${title} ${DELIVERY_TEXT[to.language].textOptOut}`,
    );
  }

  /** The daily digest as one text: how many updates and the newest few titles, in the account's language. */
  async deliverDigest(notifications: NotificationEntity[], to: Recipient | null): Promise<void> {
    if (!to?.phone || to.smsOptedOut) return;
    const newest = [...notifications]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, 3)
      .map((n) => notificationText(n, to.language).title);
    const m = DELIVERY_TEXT[to.language];
    await this.sender.send(
      normalisePhone(to.phone),
      `Stoop 311: ${m.textDigest(notifications.length)} ${newest.join('; ')}. ${m.textOptOut}`,
    );
  }
}
