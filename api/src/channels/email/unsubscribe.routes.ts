/**
 * The one-click unsubscribe links of e-mails (`GET`, and `POST`, which mail clients send for
 * `List-Unsubscribe-Post`):
 * - `/notifications/unsubscribe?u=…&c=…&sig=…` turns a channel off for an account; the signature
 *   is checked by {@link NotificationService.unsubscribe};
 * - `/updates/unsubscribe?token=…` ends one request's e-mails to a reporter without an account
 *   ({@link ReporterUpdatesService.unsubscribe}).
 * These doors only parse and answer.
 */
import express from 'express';
import type { Request, Response } from 'express';
import type { NotificationService } from '../../modules/notification/notification.service.js';
import type { ReporterUpdatesService } from '../../modules/reporter-updates/reporter-updates.service.js';

/** Builds the unsubscribe router. */
export function createUnsubscribeRouter(
  notifications: NotificationService,
  updates: ReporterUpdatesService,
): express.Router {
  const router = express.Router();
  const handle = async (req: Request, res: Response) => {
    const q = req.query;
    const ok =
      typeof q.u === 'string' &&
      typeof q.c === 'string' &&
      typeof q.sig === 'string' &&
      /^[0-9a-f-]{36}$/i.test(q.u) &&
      (await notifications.unsubscribe(q.u, q.c, q.sig));
    res
      .status(ok ? 200 : 400)
      .type('text/plain')
      .send(
        ok
          ? 'You are unsubscribed: Stoop will not send you notifications this way any more.'
          : 'This unsubscribe link is not valid.',
      );
  };
  router.get('/notifications/unsubscribe', handle);
  router.post('/notifications/unsubscribe', handle);
  const handleUpdates = async (req: Request, res: Response) => {
    const token = req.query.token;
    const ok = typeof token === 'string' && (await updates.unsubscribe(token));
    res
      .status(ok ? 200 : 400)
      .type('text/plain')
      .send(
        ok
          ? 'You are unsubscribed: Stoop will not e-mail you about this request any more. / Ya no recibirá correos sobre esta solicitud.'
          : 'This unsubscribe link is not valid, or was already used. / Este enlace no es válido o ya se usó.',
      );
  };
  router.get('/updates/unsubscribe', handleUpdates);
  router.post('/updates/unsubscribe', handleUpdates);
  return router;
}
