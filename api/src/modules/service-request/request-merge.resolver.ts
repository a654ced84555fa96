/** Merging duplicates and asking to reopen closed requests. */
import { IsOptional, MaxLength } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { GraphQLContext } from '../../graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../lib/ids.js';
import type { ReopenRequestEntity } from './reopen-request.entity.js';
import type { RequestMergeService } from './request-merge.service.js';
import { presentServiceRequest } from './service-request.presenter.js';
import type { ServiceRequestService } from './service-request.service.js';
import { ServiceRequest } from './service-request.type.js';

export enum ReopenDecisionEnum {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
}
registerEnumType(ReopenDecisionEnum, {
  name: 'ReopenDecision',
  description: 'Where a request to reopen stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for staff.' },
    ACCEPTED: { description: 'Accepted: the request was reopened.' },
    REFUSED: { description: 'Refused, with a note.' },
  },
});

@ObjectType({ description: "A resident's request to reopen a closed request." })
export class ReopenRequest {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => ReopenDecisionEnum, { description: 'Decision so far.' })
  status: ReopenDecisionEnum;

  @Field(() => String, { description: 'Why the resident asks (public).' })
  reason: string;

  @Field(() => String, { nullable: true, description: "Staff's note on the decision (public)." })
  decisionNote: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was asked.' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was decided.' })
  decidedAt: Date | null;
}

function presentReopen(r: ReopenRequestEntity): ReopenRequest {
  return Object.assign(new ReopenRequest(), {
    id: toGlobalId('ReopenRequest', r.id),
    status: r.status as ReopenDecisionEnum,
    reason: r.reason,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  });
}

@InputType({ description: 'Close a request as a duplicate of another.' })
export class MarkDuplicateInput {
  @Field(() => ID, { description: 'Global id of the duplicate (it closes).' })
  id: string;

  @Field(() => ID, { description: 'Global id of the original (it stays; people move to it).' })
  duplicateOfId: string;
}

@ObjectType({ description: 'Result of markDuplicate.' })
export class MarkDuplicatePayload {
  @Field(() => ServiceRequest, { description: 'The duplicate, now closed as DUPLICATE.' })
  duplicate: ServiceRequest;

  @Field(() => ServiceRequest, {
    description: 'The original, with the moved co-signers and followers.',
  })
  original: ServiceRequest;
}

@InputType({ description: 'Ask to reopen a closed request.' })
export class RequestReopenInput {
  @Field(() => ID, { description: 'Global id of the closed request.' })
  id: string;

  @MaxLength(1000)
  @Field(() => String, {
    description: 'Why it should be reopened (5 to 1,000 characters, public).',
  })
  reason: string;
}

@InputType({ description: "Staff's decision on a request to reopen." })
export class DecideReopenInput {
  @Field(() => ID, { description: 'Global id of the ReopenRequest.' })
  id: string;

  @Field(() => Boolean, { description: 'True to reopen, false to refuse.' })
  accept: boolean;

  @IsOptional()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Public note explaining the decision.' })
  note?: string | null;
}

@ObjectType({ description: 'Result of requestReopen and decideReopen.' })
export class ReopenPayload {
  @Field(() => ReopenRequest, { description: 'The request to reopen.' })
  reopenRequest: ReopenRequest;

  @Field(() => ServiceRequest, {
    nullable: true,
    description: 'The service request after a decision.',
  })
  serviceRequest: ServiceRequest | null;
}

@Resolver(() => ServiceRequest)
export class RequestMergeResolver {
  constructor(
    private readonly merges: RequestMergeService,
    private readonly requests: ServiceRequestService,
  ) {}

  @Mutation(() => MarkDuplicatePayload, {
    description:
      "Staff of the duplicate's agency close it as a duplicate; its co-signers and followers move to the original.",
  })
  async markDuplicate(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => MarkDuplicateInput, { description: 'The pair.' }) input: MarkDuplicateInput,
  ): Promise<MarkDuplicatePayload> {
    const { duplicate, original } = await this.merges.markDuplicate(
      ctx.actor,
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
      fromGlobalId(input.duplicateOfId, 'ServiceRequest', 'input.duplicateOfId'),
    );
    return {
      duplicate: presentServiceRequest(
        duplicate,
        this.requests.canSeeContact(ctx.actor, duplicate),
      ),
      original: presentServiceRequest(original, this.requests.canSeeContact(ctx.actor, original)),
    };
  }

  @Mutation(() => ReopenPayload, {
    description: 'The reporter or a co-signer asks to reopen a closed request.',
  })
  async requestReopen(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RequestReopenInput, { description: 'Which request and why.' })
    input: RequestReopenInput,
  ): Promise<ReopenPayload> {
    const reopen = await this.merges.requestReopen(
      ctx.actor,
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
      input.reason,
    );
    return { reopenRequest: presentReopen(reopen), serviceRequest: null };
  }

  @Mutation(() => ReopenPayload, {
    description: "Staff of the request's agency accept or refuse a request to reopen.",
  })
  async decideReopen(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => DecideReopenInput, { description: 'The decision.' })
    input: DecideReopenInput,
  ): Promise<ReopenPayload> {
    const { reopen, request } = await this.merges.decideReopen(
      ctx.actor,
      fromGlobalId(input.id, 'ReopenRequest', 'input.id'),
      input.accept,
      input.note ?? null,
    );
    return {
      reopenRequest: presentReopen(reopen),
      serviceRequest: presentServiceRequest(
        request,
        this.requests.canSeeContact(ctx.actor, request),
      ),
    };
  }

  @FieldResolver(() => ReopenRequest, {
    nullable: true,
    description: 'A request to reopen waiting for staff, if any.',
  })
  async pendingReopenRequest(
    @Root() r: ServiceRequest,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReopenRequest | null> {
    const pending = await ctx.loaders.pendingReopen.load(r.uuid);
    return pending ? presentReopen(pending) : null;
  }
}
