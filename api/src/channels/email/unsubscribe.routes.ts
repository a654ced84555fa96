/**
 * `GET` and `POST /notifications/unsubscribe?u=…&c=…&sig=…`: the one-click unsubscribe link of
 * e-mails (POST is what mail clients send for `List-Unsubscribe-Post`). The signature is checked by
 * {@link NotificationService.unsubscribe}; this door only parses and answers.
 */
import express from 'express';
import type { Request, Response } from 'express';
import type { NotificationService } from '../../modules/notification/notification.service.js';

/** Builds the unsubscribe router. */
export function createUnsubscribeRouter(notifications: NotificationService): express.Router {
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
  return router;
}
