/** Idea operations: propose, vote, answer, list, live changes, and the fields of an idea. */
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/common.type.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { BadInputError, NotFoundError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId, parseGlobalId } from '../../lib/ids.js';
import { presentArea } from '../area/area.presenter.js';
import { Area } from '../area/area.type.js';
import { commentConnection } from '../comment/comment.resolver.js';
import type { CommentService } from '../comment/comment.service.js';
import { CommentConnection } from '../comment/comment.type.js';
import { Agency } from '../agency/agency.type.js';
import { presentAgency } from '../service-definition/service-definition.presenter.js';
import { presentService } from '../service-definition/service-definition.presenter.js';
import { Service } from '../service-definition/service-definition.type.js';
import type { IdeaEntity } from './idea.entity.js';
import {
  IdeaFilterInput,
  ProposeIdeaInput,
  RespondToIdeaInput,
  UnvoteIdeaInput,
  VoteIdeaInput,
} from './idea.inputs.js';
import { presentIdea } from './idea.presenter.js';
import type { IdeaPosition } from './idea.repository.js';
import type { IdeaService } from './idea.service.js';
import { Idea, IdeaConnection, IdeaOrderEnum, IdeaPayload, OfficialResponse } from './idea.type.js';

/** Decodes the `after` cursor of an order: (created_at, id) for NEW, an offset for the rest. */
function positionOf(order: IdeaOrderEnum, after?: string | null): IdeaPosition | undefined {
  if (!after) return undefined;
  if (order === IdeaOrderEnum.NEW) {
    const [createdAt, id] = decodeCursor(after, 2);
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !parseUuid(id)) {
      throw new BadInputError([{ field: 'after', message: 'is not a valid cursor' }]);
    }
    return { kind: 'keyset', createdAt, id: String(id) };
  }
  const [offset] = decodeCursor(after, 1);
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new BadInputError([{ field: 'after', message: 'is not a valid cursor' }]);
  }
  return { kind: 'offset', offset };
}

function parseUuid(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);
}

@Resolver(() => Idea)
export class IdeaResolver {
  constructor(
    private readonly ideaService: IdeaService,
    private readonly commentService: CommentService,
  ) {}

  private present(ctx: GraphQLContext, idea: IdeaEntity): Idea {
    return presentIdea(idea, ctx.actor, this.ideaService.canSeeHidden(ctx.actor, idea));
  }

  @Query(() => Idea, { nullable: true, description: 'One idea by its global id.' })
  async idea(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the idea.' }) id: string,
  ): Promise<Idea | null> {
    const parsed = parseGlobalId(id);
    if (!parsed || parsed.type !== 'Idea') return null;
    const idea = await this.ideaService.get(ctx.actor, parsed.id);
    return idea ? this.present(ctx, idea) : null;
  }

  @Query(() => IdeaConnection, {
    description:
      'Ideas, filtered and sorted. NEW pages by keyset; TOP, TRENDING and STATUS by offset (a page may repeat or skip an idea whose votes changed meanwhile).',
  })
  async ideas(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => IdeaFilterInput, { nullable: true, description: 'Which ideas.' })
    filter: IdeaFilterInput | undefined,
    @Arg('orderBy', () => IdeaOrderEnum, {
      defaultValue: IdeaOrderEnum.NEW,
      description: 'Sort order.',
    })
    orderBy: IdeaOrderEnum,
    @Arg('first', () => Int, {
      defaultValue: DEFAULT_PAGE_SIZE,
      description: 'Page size, 1 to 100.',
    })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the previous page.' })
    after?: string,
  ): Promise<IdeaConnection> {
    if (first < 1 || first > MAX_PAGE_SIZE) {
      throw new BadInputError([{ field: 'first', message: 'must be between 1 and 100' }]);
    }
    const position = positionOf(orderBy, after);
    const page = await this.ideaService.list(
      ctx.actor,
      {
        statuses: filter?.status ?? undefined,
        serviceCode: filter?.serviceCode ?? undefined,
        areaId: filter?.areaId ? fromGlobalId(filter.areaId, 'Area', 'filter.areaId') : undefined,
        near: filter?.near ?? undefined,
        search: filter?.search ?? undefined,
      },
      orderBy,
      first,
      position,
    );
    const start = position?.kind === 'offset' ? position.offset : 0;
    const edges = page.rows.map((idea, i) => ({
      node: this.present(ctx, idea),
      cursor:
        orderBy === IdeaOrderEnum.NEW
          ? encodeCursor([idea.createdAt.toISOString(), idea.id])
          : encodeCursor([start + i + 1]),
    }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: pageInfoOf(edges, page.hasNextPage, Boolean(after)),
    };
  }

  @Mutation(() => IdeaPayload, {
    description:
      'Propose an improvement idea (signed in; rate-limited). The author follows it and cannot vote for it.',
  })
  async proposeIdea(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ProposeIdeaInput, { description: 'The idea.' }) input: ProposeIdeaInput,
  ): Promise<IdeaPayload> {
    const idea = await this.ideaService.propose(ctx.actor, {
      title: input.title,
      body: input.body,
      serviceCode: input.serviceCode ?? null,
      location: input.location ?? null,
      areaId: input.areaId ? fromGlobalId(input.areaId, 'Area', 'input.areaId') : null,
    });
    return { idea: this.present(ctx, idea) };
  }

  @Mutation(() => IdeaPayload, {
    description:
      'Vote for an idea (one vote per account, not your own: BAD_USER_INPUT). Also follows it. Idempotent.',
  })
  async voteIdea(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => VoteIdeaInput, { description: 'Which idea.' }) input: VoteIdeaInput,
  ): Promise<IdeaPayload> {
    const idea = await this.ideaService.vote(ctx.actor, fromGlobalId(input.id, 'Idea', 'input.id'));
    return { idea: this.present(ctx, idea) };
  }

  @Mutation(() => IdeaPayload, { description: 'Take your vote back. Idempotent.' })
  async unvoteIdea(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UnvoteIdeaInput, { description: 'Which idea.' }) input: UnvoteIdeaInput,
  ): Promise<IdeaPayload> {
    const idea = await this.ideaService.unvote(
      ctx.actor,
      fromGlobalId(input.id, 'Idea', 'input.id'),
    );
    return { idea: this.present(ctx, idea) };
  }

  @Mutation(() => IdeaPayload, {
    description:
      "Staff answer an idea in public and set its status (staff of the service's agency when it has a service, any staff otherwise; admins always). Voters and followers are told.",
  })
  async respondToIdea(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RespondToIdeaInput, { description: 'The answer.' })
    input: RespondToIdeaInput,
  ): Promise<IdeaPayload> {
    const idea = await this.ideaService.respond(ctx.actor, {
      id: fromGlobalId(input.id, 'Idea', 'input.id'),
      status: input.status,
      response: input.response,
    });
    return { idea: this.present(ctx, idea) };
  }

  @Subscription(() => Idea, {
    description:
      'One idea as it is after each change of its votes, status or official response: an open idea page stays current. New comments come through commentAdded.',
    subscribe: ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const parsed = parseGlobalId((args as { id: string }).id);
      if (!parsed || parsed.type !== 'Idea') throw new NotFoundError('Idea', String(args.id));
      return ctx.services.ideas.live(ctx.actor, parsed.id);
    },
  })
  ideaUpdated(
    @Root() idea: IdeaEntity,
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the idea.' }) _id: string,
  ): Idea {
    // one context serves every event of a subscription: forget what the loaders remember
    ctx.loaders.viewerVotes.clear(idea.id);
    return this.present(ctx, idea);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer follows it.' })
  async viewerIsFollowing(@Root() idea: Idea, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const [following] = await this.ideaService.isFollowing(ctx.actor, [idea.uuid]);
    return following ?? false;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer voted for it.' })
  viewerHasVoted(@Root() idea: Idea, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.loaders.viewerVotes.load(idea.uuid);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Author's display name.",
  })
  authorName(@Root() idea: Idea, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return ctx.loaders.userName.load(idea.authorId);
  }

  @FieldResolver(() => Service, { nullable: true, description: 'The service it is about.' })
  async service(@Root() idea: Idea, @Ctx() ctx: GraphQLContext): Promise<Service | null> {
    if (!idea.serviceDefinitionId) return null;
    const definition = await ctx.loaders.serviceDefinition.load(idea.serviceDefinitionId);
    return definition ? presentService(definition) : null;
  }

  @FieldResolver(() => Area, {
    nullable: true,
    description: 'The area it is about: the one given, or the ward of its location.',
  })
  async area(@Root() idea: Idea): Promise<Area | null> {
    if (!idea.areaId) return null;
    const area = await this.ideaService.area(idea.areaId);
    return area ? presentArea(area) : null;
  }

  @FieldResolver(() => OfficialResponse, {
    nullable: true,
    description: "The city's public answer, once given.",
  })
  async officialResponse(
    @Root() idea: Idea,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OfficialResponse | null> {
    if (!idea.response) return null;
    return Object.assign(new OfficialResponse(), {
      text: idea.response.text,
      respondedAt: idea.response.at,
      responderName: idea.response.byId
        ? await ctx.loaders.userName.load(idea.response.byId)
        : null,
      responderId: idea.response.byId,
      status: idea.status,
    });
  }

  @FieldResolver(() => CommentConnection, { description: 'Comments, oldest first.' })
  comments(
    @Root() idea: Idea,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor.' }) after?: string,
  ): Promise<CommentConnection> {
    return commentConnection(
      ctx,
      this.commentService,
      { type: 'IDEA', id: idea.uuid },
      first,
      after,
    );
  }
}

/** Fields of the official response that need a lookup. */
@Resolver(() => OfficialResponse)
export class OfficialResponseResolver {
  constructor(private readonly ideaService: IdeaService) {}

  @FieldResolver(() => Agency, {
    nullable: true,
    description: 'The agency of the staff member who answered (null for an account without one).',
  })
  async responderAgency(
    @Root() response: OfficialResponse,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Agency | null> {
    if (!response.responderId) return null;
    const agencyId = await this.ideaService.responderAgencyId(response.responderId);
    if (!agencyId) return null;
    const agency = await ctx.loaders.agency.load(agencyId);
    return agency ? presentAgency(agency) : null;
  }
}
