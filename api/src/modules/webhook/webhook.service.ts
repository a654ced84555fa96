/**
 * Webhooks for integrators (issue 6): admins register a URL with the request event types it
 * wants; a worker turns new public events of public services into signed deliveries and retries
 * each with back-off until the receiver answers 2xx. Internal notes and private services never
 * leave; reporter contact is never part of a payload.
 */
import { randomBytes } from 'node:crypto';
import { badField, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../lib/errors.js';
import { EVENT_TYPES } from '../service-request/service-request.entity.js';
import type { Actor } from '../user/actor.js';
import { isAdmin } from '../user/actor.js';
import type { WebhookEntity } from './webhook.entity.js';
import type { WebhookRepository } from './webhook.repository.js';

/** Event types a webhook may ask for: the public kinds of the request timeline. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = EVENT_TYPES;

/** Sends one delivery (the HTTP door lives in channels/webhook). */
export type WebhookSend = (delivery: {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
}) => Promise<{ ok: boolean; status: number | null; error?: string }>;

/** Webhook rules. */
export class WebhookService {
  constructor(private readonly repository: WebhookRepository) {}

  private requireAdmin(actor: Actor): string {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isAdmin(actor)) throw new ForbiddenError('Only administrators manage webhooks.');
    return actor.user.id;
  }

  /** Registers a webhook (admins). The signing secret is returned here and never again. */
  async create(
    actor: Actor,
    input: { url: string; name: string; eventTypes: string[] },
  ): Promise<{ webhook: WebhookEntity; secret: string }> {
    const adminId = this.requireAdmin(actor);
    const name = input.name.trim();
    if (!name || name.length > 120) throw badField('input.name', 'must be 1 to 120 characters');
    let url: URL;
    try {
      url = new URL(input.url.trim());
    } catch {
      throw badField('input.url', 'must be an absolute http(s) URL');
    }
    if (!['http:', 'https:'].includes(url.protocol) || input.url.length > 2000) {
      throw badField('input.url', 'must be an absolute http(s) URL of at most 2000 characters');
    }
    if (url.username || url.password) {
      throw badField('input.url', 'must not carry credentials; deliveries are signed instead');
    }
    const types = [...new Set(input.eventTypes)];
    if (types.length === 0) throw badField('input.eventTypes', 'choose at least one event type');
    const unknown = types.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
    if (unknown.length) {
      throw badField('input.eventTypes', `unknown event types: ${unknown.join(', ')}`);
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const webhook = await this.repository.insert({
      url: url.toString(),
      name,
      secret,
      eventTypes: types,
      createdBy: adminId,
    });
    return { webhook, secret };
  }

  /** Every live webhook with delivery counts (admins). */
  async list(actor: Actor) {
    this.requireAdmin(actor);
    const hooks = await this.repository.list();
    const counts = await this.repository.counts(hooks.map((h) => h.id));
    return hooks.map((webhook) => ({
      webhook,
      counts: counts.get(webhook.id) ?? { delivered: 0, pending: 0, failed: 0 },
    }));
  }

  /** Removes a webhook (admins): nothing more is queued or sent to it. */
  async delete(actor: Actor, id: string): Promise<WebhookEntity> {
    this.requireAdmin(actor);
    const hook = await this.repository.findLive(id);
    if (!hook) throw new NotFoundError('Webhook not found.');
    await this.repository.softDelete(id);
    return { ...hook, deletedAt: new Date() };
  }

  /** Queues new events, then sends what is due; returns how many were delivered. */
  async dispatch(send: WebhookSend, options: { settleSeconds?: number; limit?: number } = {}) {
    await this.repository.queueNewEvents(options.settleSeconds ?? 2);
    const due = await this.repository.claimDue(options.limit ?? 50);
    let delivered = 0;
    for (const delivery of due) {
      const result = await send(delivery);
      if (result.ok) {
        await this.repository.markDelivered(delivery.id, result.status ?? 200);
        delivered += 1;
      } else {
        await this.repository.markFailed(
          delivery.id,
          delivery.attempts,
          result.status,
          result.error ?? 'failed',
        );
      }
    }
    return delivered;
  }

  /** A webhook's recent deliveries (admins). */
  async deliveries(actor: Actor, webhookId: string) {
    this.requireAdmin(actor);
    return this.repository.deliveries(webhookId);
  }
}
