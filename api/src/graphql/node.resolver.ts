/**
 * Relay `node(id)`: fetch any object by its global id; also what a `Followed` entry points at, so
 * "what I follow" is one round trip.
 */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { parseGlobalId } from '../lib/ids.js';
import { presentArea } from '../modules/area/area.presenter.js';
import { Followed } from '../modules/follow/follow.resolver.js';
import { Notification } from '../modules/notification/notification.type.js';
import type { AreaService } from '../modules/area/area.service.js';
import { presentServiceRequest } from '../modules/service-request/service-request.presenter.js';
import type { ServiceRequestService } from '../modules/service-request/service-request.service.js';
import { presentBlockClub } from '../modules/block-club/block-club.presenter.js';
import type { BlockClubService } from '../modules/block-club/block-club.service.js';
import { presentIdea } from '../modules/idea/idea.presenter.js';
import type { IdeaService } from '../modules/idea/idea.service.js';
import { Node } from './common.type.js';
import type { GraphQLContext } from './context.js';

@Resolver(() => Followed)
export class NodeResolver {
  constructor(
    private readonly requests: ServiceRequestService,
    private readonly areas: AreaService,
    private readonly blockClubs: BlockClubService,
    private readonly ideas: IdeaService,
  ) {}

  @Query(() => Node, { nullable: true, description: 'Any object by its global id.' })
  async node(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id.' }) id: string,
  ): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) return null;
    if (parsed.type === 'ServiceRequest') {
      const r = await this.requests.get(ctx.actor, { id: parsed.id });
      return r ? presentServiceRequest(r, this.requests.canSeeContact(ctx.actor, r)) : null;
    }
    if (parsed.type === 'BlockClub') {
      const club = await this.blockClubs.get(ctx.actor, { id: parsed.id });
      return club ? presentBlockClub(club) : null;
    }
    if (parsed.type === 'Idea') {
      const idea = await this.ideas.get(ctx.actor, parsed.id);
      return idea ? presentIdea(idea, ctx.actor, this.ideas.canSeeHidden(ctx.actor, idea)) : null;
    }
    if (parsed.type === 'Area') {
      const a = await this.areas.find(parsed.id);
      return a ? presentArea(a) : null;
    }
    return null;
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description: 'What is followed (null when it is gone or no longer visible to you).',
  })
  target(@Root() followed: Followed, @Ctx() ctx: GraphQLContext): Promise<Node | null> {
    return this.node(ctx, followed.targetId);
  }
}

/** What a notification is about, so a list can link to it (same visibility rules as `node`). */
@Resolver(() => Notification)
export class NotificationTargetResolver {
  constructor(private readonly nodes: NodeResolver) {}

  @FieldResolver(() => Node, {
    nullable: true,
    description: 'What it is about (null when it is gone or no longer visible to you).',
  })
  target(@Root() notification: Notification, @Ctx() ctx: GraphQLContext): Promise<Node | null> {
    return this.nodes.node(ctx, notification.targetId);
  }
}
