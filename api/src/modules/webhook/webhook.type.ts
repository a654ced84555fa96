/** GraphQL shape of integrator webhooks (admins only). */
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A URL that receives signed request events. Its secret is shown once.' })
export class Webhook {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => String, { description: 'Who it is for.' })
  name: string;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  url: string;

  @Field(() => [String], {
    description: 'Request event types delivered (SUBMITTED, STATUS_CHANGED, …).',
  })
  eventTypes: string[];

  @Field(() => GraphQLDateTimeISO, { description: 'When it was registered.' })
  createdAt: Date;

  @Field(() => Int, { description: 'Deliveries answered with 2xx.' })
  deliveredCount: number;

  @Field(() => Int, { description: 'Deliveries waiting for a (re)try.' })
  pendingCount: number;

  @Field(() => Int, { description: 'Deliveries given up after 10 attempts.' })
  failedCount: number;
}

@ObjectType({ description: 'Result of createWebhook.' })
export class CreateWebhookPayload {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook: Webhook;

  @Field(() => String, {
    description:
      'The signing secret, shown this once. Deliveries carry X-Stoop-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">.',
  })
  secret: string;
}

@ObjectType({ description: 'Result of deleteWebhook.' })
export class DeleteWebhookPayload {
  @Field(() => ID, { description: 'Global id of the removed webhook.' })
  id: string;
}

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @MaxLength(120)
  @Field(() => String, { description: 'Who it is for.' })
  name: string;

  @MaxLength(2000)
  @Field(() => String, { description: 'Absolute http(s) URL.' })
  url: string;

  @ArrayMaxSize(20)
  @Field(() => [String], { description: 'Request event types to deliver.' })
  eventTypes: string[];
}

@InputType({ description: 'The webhook to remove.' })
export class DeleteWebhookInput {
  @Field(() => ID, { description: 'Global id.' })
  id: string;
}
