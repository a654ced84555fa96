/**
 * The SMS door, mounted at `/sms`: `POST /sms/inbound` takes the provider's form-encoded webhook
 * (`From`, `Body`, `NumMedia`, `MediaUrl0`…) and answers in TwiML-style XML
 * (`<Response><Message>…</Message></Response>`; an empty `<Response/>` sends nothing). Like the
 * Open311 door it only parses and presents: every rule lives in {@link SmsConversationService}.
 * An unexpected failure is logged and the person gets an apology, never a provider retry storm.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { rateLimit } from 'express-rate-limit';
import express from 'express';
import type { Request, Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import type { Logger } from '../../lib/logger.js';
import type { SmsConversationService } from '../../modules/sms/sms-conversation.service.js';

/** What the SMS door needs. */
export interface SmsRouterOptions {
  sms: SmsConversationService;
  logger: Logger;
  /**
   * The provider's auth token (STOOP_SMS_PASSWORD): when set, every webhook must carry a valid
   * `X-Twilio-Signature` (HMAC-SHA1 of the public URL and the sorted form fields), so nobody else
   * can text in someone's name or opt their number out.
   */
  signatureKey?: string;
  /** Public origin the provider calls (PUBLIC_URL); by default the request's own origin. */
  publicUrl?: string;
  /** Texts one phone may send per minute (STOOP_SMS_RATE_LIMIT, default 20). */
  perPhonePerMinute?: number;
}

/** The webhook signature of the common REST shape: base64 HMAC-SHA1 of URL + sorted key/values. */
export function webhookSignature(key: string, url: string, form: Record<string, string>): string {
  const data = Object.keys(form)
    .sort()
    .reduce((acc, k) => acc + k + form[k], url);
  return createHmac('sha1', key).update(data).digest('base64');
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true });

/** The TwiML-style reply: one message, or none. */
export function twiml(message: string | null): string {
  const response = message === null ? { Response: '' } : { Response: { Message: message } };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(response) as string}`;
}

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** Builds the `/sms` router. */
export function createSmsRouter(options: SmsRouterOptions): express.Router {
  const router = express.Router();
  // Texts arrive from the provider's few addresses, so the limit is per sending phone, not per IP:
  // one phone (or a script behind it) cannot flood the conversation service.
  const perPhone = rateLimit({
    windowMs: 60_000,
    limit: options.perPhonePerMinute ?? 20,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) =>
      `sms:${field((req.body ?? {}) as Record<string, unknown>, 'From').replace(/[^\d]/g, '')}`,
    handler: (_req, res) => {
      res
        .status(429)
        .type('application/xml')
        .send(twiml('Too many messages; please wait a minute.'));
    },
  });
  router.post(
    '/inbound',
    express.urlencoded({ extended: false, limit: '64kb' }),
    perPhone,
    async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const from = field(body, 'From');
      res.type('application/xml');
      if (options.signatureKey) {
        const origin =
          options.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
        const form = Object.fromEntries(
          Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        const expected = Buffer.from(
          webhookSignature(options.signatureKey, `${origin}${req.originalUrl}`, form),
        );
        const given = Buffer.from(req.get('x-twilio-signature') ?? '');
        if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
          res.status(403).send(twiml(null));
          return;
        }
      }
      if (!/\d{7,}/.test(from.replace(/[^\d]/g, ''))) {
        res.status(400).send(twiml('Missing or invalid From number.'));
        return;
      }
      const count = Math.min(10, Math.max(0, Number(field(body, 'NumMedia')) || 0));
      const mediaUrls = Array.from({ length: count }, (_, i) => field(body, `MediaUrl${i}`)).filter(
        Boolean,
      );
      try {
        const reply = await options.sms.handle({ from, body: field(body, 'Body'), mediaUrls });
        res.send(twiml(reply));
      } catch (error) {
        options.logger.error({ err: error }, 'sms inbound failed');
        res.send(twiml('Sorry, something went wrong on our side. Please try again in a minute.'));
      }
    },
  );
  return router;
}
