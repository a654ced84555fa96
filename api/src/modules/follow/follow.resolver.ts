/** Following requests, areas, block clubs and ideas. */
import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { GraphQLContext } from '../../graphql/context.js';
import { BadInputError } from '../../lib/errors.js';
import { fromGlobalId, parseGlobalId, toGlobalId } from '../../lib/ids.js';
import type { FollowTarget } from './follow.entity.js';
import type { FollowService } from './follow.service.js';

const TARGETS: Record<string, FollowTarget> = {
  ServiceRequest: 'REQUEST',
  Area: 'AREA',
  BlockClub: 'BLOCK_CLUB',
  Idea: 'IDEA',
};
const TYPES: Record<FollowTarget, string> = {
  REQUEST: 'ServiceRequest',
  AREA: 'Area',
  BLOCK_CLUB: 'BlockClub',
  IDEA: 'Idea',
};

@InputType({ description: 'Something to follow: a request, area, block club or idea.' })
export class FollowInput {
  @Field(() => ID, { description: 'Global id of a ServiceRequest, Area, BlockClub or Idea.' })
  targetId: string;
}

@InputType({ description: 'A request to follow or unfollow.' })
export class FollowServiceRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  id: string;
}

@ObjectType({ description: 'Whether the viewer now follows the target.' })
export class FollowPayload {
  @Field(() => ID, { description: 'Global id of the target.' })
  targetId: string;

  @Field(() => Boolean, { description: 'True when following.' })
  following: boolean;
}

@ObjectType({ description: 'One thing the viewer follows.' })
export class Followed {
  @Field(() => ID, { description: 'Global id of the target.' })
  targetId: string;

  @Field(() => String, { description: 'ServiceRequest, Area, BlockClub or Idea.' })
  targetType: string;

  @Field(() => GraphQLDateTimeISO, { description: 'Since when.' })
  since: Date;
}

function targetOf(globalId: string): { type: FollowTarget; id: string } {
  const parsed = parseGlobalId(globalId);
  const type = parsed ? TARGETS[parsed.type] : undefined;
  if (!parsed || !type) {
    throw new BadInputError([{ field: 'input.targetId', message: 'cannot be followed' }]);
  }
  return { type, id: parsed.id };
}

@Resolver()
export class FollowResolver {
  constructor(private readonly follows: FollowService) {}

  @Mutation(() => FollowPayload, {
    description: 'Follow a request: its changes become notifications.',
  })
  async followServiceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => FollowServiceRequestInput, { description: 'Which request.' })
    input: FollowServiceRequestInput,
  ): Promise<FollowPayload> {
    const following = await this.follows.follow(
      ctx.actor,
      'REQUEST',
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
    );
    return { targetId: input.id, following };
  }

  @Mutation(() => FollowPayload, { description: 'Stop following a request.' })
  async unfollowServiceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => FollowServiceRequestInput, { description: 'Which request.' })
    input: FollowServiceRequestInput,
  ): Promise<FollowPayload> {
    const following = await this.follows.unfollow(
      ctx.actor,
      'REQUEST',
      fromGlobalId(input.id, 'ServiceRequest', 'input.id'),
    );
    return { targetId: input.id, following };
  }

  @Mutation(() => FollowPayload, {
    description: 'Follow a request, a ward or community area, a block club or an idea.',
  })
  async follow(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => FollowInput, { description: 'What to follow.' }) input: FollowInput,
  ): Promise<FollowPayload> {
    const t = targetOf(input.targetId);
    return {
      targetId: input.targetId,
      following: await this.follows.follow(ctx.actor, t.type, t.id),
    };
  }

  @Mutation(() => FollowPayload, { description: 'Stop following something.' })
  async unfollow(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => FollowInput, { description: 'What to stop following.' }) input: FollowInput,
  ): Promise<FollowPayload> {
    const t = targetOf(input.targetId);
    return {
      targetId: input.targetId,
      following: await this.follows.unfollow(ctx.actor, t.type, t.id),
    };
  }

  @Query(() => [Followed], { description: 'What the signed-in person follows, newest first.' })
  async following(@Ctx() ctx: GraphQLContext): Promise<Followed[]> {
    return (await this.follows.mine(ctx.actor)).map((f) => ({
      targetId: toGlobalId(TYPES[f.targetType], f.targetId),
      targetType: TYPES[f.targetType],
      since: f.createdAt,
    }));
  }
}
