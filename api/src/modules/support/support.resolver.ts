/** Co-signing and following requests, and the viewer-specific fields of a request. */
import { IsOptional } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { fromGlobalId } from '../../lib/ids.js';
import { commentConnection } from '../comment/comment.resolver.js';
import type { CommentService } from '../comment/comment.service.js';
import { CommentConnection } from '../comment/comment.type.js';
import { presentServiceRequest } from '../service-request/service-request.presenter.js';
import type { ServiceRequestService } from '../service-request/service-request.service.js';
import { ServiceRequest } from '../service-request/service-request.type.js';
import type { SupportService } from './support.service.js';

@InputType({ description: 'Co-sign a request.' })
export class SupportServiceRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  id: string;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Show your display name in the public timeline (default: anonymous "a neighbour").',
  })
  showName?: boolean;
}

@InputType({ description: 'A request, by global id.' })
export class ServiceRequestRefInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  id: string;
}

@ObjectType({ description: 'A request after a co-sign or follow change.' })
export class ServiceRequestPayload {
  @Field(() => ServiceRequest, { description: 'The request.' })
  serviceRequest: ServiceRequest;
}

@Resolver(() => ServiceRequest)
export class SupportResolver {
  constructor(
    private readonly supports: SupportService,
    private readonly requests: ServiceRequestService,
    private readonly commentService: CommentService,
  ) {}

  @Mutation(() => ServiceRequestPayload, {
    description:
      'Co-sign ("me too") an open request instead of reporting it again; also follows it.',
  })
  async supportServiceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SupportServiceRequestInput, { description: 'Which request.' })
    input: SupportServiceRequestInput,
  ): Promise<ServiceRequestPayload> {
    const r = await this.supports.support(
      ctx.actor,
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
      input.showName ?? false,
    );
    return { serviceRequest: presentServiceRequest(r, this.requests.canSeeContact(ctx.actor, r)) };
  }

  @Mutation(() => ServiceRequestPayload, { description: 'Withdraw your co-signature.' })
  async withdrawSupport(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ServiceRequestRefInput, { description: 'Which request.' })
    input: ServiceRequestRefInput,
  ): Promise<ServiceRequestPayload> {
    const r = await this.supports.withdraw(
      ctx.actor,
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
    );
    return { serviceRequest: presentServiceRequest(r, this.requests.canSeeContact(ctx.actor, r)) };
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer has co-signed it.' })
  viewerHasSupported(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.loaders.viewerSupports.load(r.uuid);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer follows it.' })
  viewerIsFollowing(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.loaders.viewerFollowsRequest.load(r.uuid);
  }

  @FieldResolver(() => Int, { description: 'People following it.' })
  async followerCount(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.loaders.serviceRequest.load(r.uuid))?.followerCount ?? 0;
  }

  @FieldResolver(() => CommentConnection, { description: 'Comments, oldest first.' })
  comments(
    @Root() r: ServiceRequest,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor.' }) after?: string,
  ): Promise<CommentConnection> {
    return commentConnection(
      ctx,
      this.commentService,
      { type: 'REQUEST', id: r.uuid },
      first,
      after,
    );
  }
}
