/**
 * Sends one webhook delivery: a JSON POST signed like Stripe's and GitHub's, so receivers can use
 * the code they already have:
 *
 *   X-Stoop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the secret>
 *   X-Stoop-Event: STATUS_CHANGED        X-Stoop-Delivery: <delivery id, the same on every retry>
 *
 * Receivers should check the signature, reject timestamps older than a few minutes, and treat the
 * delivery id as an idempotency key (a delivery is retried until it gets a 2xx).
 */
import { createHmac } from 'node:crypto';

/** The signature header value for a body at a time. */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** The outcome of one attempt. */
export interface WebhookAttempt {
  ok: boolean;
  status: number | null;
  error?: string;
}

/** POSTs a delivery; never throws (a network error is a failed attempt). */
export async function sendWebhook(
  delivery: {
    id: string;
    eventType: string;
    payload: Record<string, unknown>;
    url: string;
    secret: string;
  },
  options: { timeoutMs?: number; now?: () => number } = {},
): Promise<WebhookAttempt> {
  const body = JSON.stringify({ deliveryId: delivery.id, ...delivery.payload });
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
  try {
    const res = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Stoop-Webhooks/1',
        'x-stoop-event': delivery.eventType,
        'x-stoop-delivery': delivery.id,
        'x-stoop-signature': signWebhook(delivery.secret, body, timestamp),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (error) {
    return {
      ok: false,
      status: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
