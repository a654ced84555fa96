/**
 * An SMS provider in the common REST shape: `POST` form-encoded `To`, `From`, `Body` with HTTP basic
 * auth to one URL (Twilio's Messages resource and its look-alikes). A non-2xx answer throws, so the
 * outbox retries with back-off.
 */
import type { SmsSender } from '../../modules/sms/sms-delivery.service.js';

/** Settings of the provider (STOOP_SMS_URL, STOOP_SMS_FROM, STOOP_SMS_USER, STOOP_SMS_PASSWORD). */
export interface HttpSmsSettings {
  url: string;
  from: string;
  user?: string;
  password?: string;
  timeoutMs?: number;
}

/** Sends texts through an HTTP provider. */
export class HttpSmsSender implements SmsSender {
  constructor(private readonly settings: HttpSmsSettings) {}

  async send(to: string, body: string): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (this.settings.user) {
      const token = Buffer.from(`${this.settings.user}:${this.settings.password ?? ''}`);
      headers.authorization = `Basic ${token.toString('base64')}`;
    }
    const res = await fetch(this.settings.url, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ To: to, From: this.settings.from, Body: body }).toString(),
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
    });
    if (!res.ok) {
      const detail = (await res.text()).slice(0, 200);
      throw new Error(`SMS provider answered ${res.status}: ${detail}`);
    }
  }
}
