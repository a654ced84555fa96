/** Admin operations on integrator webhooks: webhooks, createWebhook, deleteWebhook. */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../lib/ids.js';
import type { WebhookEntity } from './webhook.entity.js';
import type { WebhookService } from './webhook.service.js';
import {
  CreateWebhookInput,
  CreateWebhookPayload,
  DeleteWebhookInput,
  DeleteWebhookPayload,
  Webhook,
} from './webhook.type.js';

function present(hook: WebhookEntity, counts = { delivered: 0, pending: 0, failed: 0 }): Webhook {
  return {
    id: toGlobalId('Webhook', hook.id),
    name: hook.name,
    url: hook.url,
    eventTypes: hook.eventTypes,
    createdAt: hook.createdAt,
    deliveredCount: counts.delivered,
    pendingCount: counts.pending,
    failedCount: counts.failed,
  };
}

@Resolver()
export class WebhookResolver {
  constructor(private readonly service: WebhookService) {}

  @Query(() => [Webhook], { description: 'Registered integrator webhooks (admins).' })
  async webhooks(@Ctx() ctx: GraphQLContext): Promise<Webhook[]> {
    const rows = await this.service.list(ctx.actor);
    return rows.map((r) => present(r.webhook, r.counts));
  }

  @Mutation(() => CreateWebhookPayload, {
    description:
      'Register a URL for signed request events (admins). The secret is returned once; deliveries are retried until answered with 2xx.',
  })
  async createWebhook(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateWebhookInput, { description: 'The webhook.' })
    input: CreateWebhookInput,
  ): Promise<CreateWebhookPayload> {
    const { webhook, secret } = await this.service.create(ctx.actor, input);
    return { webhook: present(webhook), secret };
  }

  @Mutation(() => DeleteWebhookPayload, { description: 'Remove a webhook (admins).' })
  async deleteWebhook(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => DeleteWebhookInput, { description: 'Which one.' })
    input: DeleteWebhookInput,
  ): Promise<DeleteWebhookPayload> {
    const id = fromGlobalId(input.id, 'Webhook', 'input.id');
    const hook = await this.service.delete(ctx.actor, id);
    return { id: toGlobalId('Webhook', hook.id) };
  }
}
