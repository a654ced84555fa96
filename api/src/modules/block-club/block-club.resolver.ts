/** Queries, mutations, club page fields and the live activity of block clubs. Thin: parse, call, present. */
import {
  Arg,
  Args,
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
import { MAX_PAGE_SIZE, pageInfoOf } from '../../graphql/common.type.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { BadInputError, badField, NotFoundError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId, toGlobalId } from '../../lib/ids.js';
import { presentComment } from '../comment/comment.presenter.js';
import type { RequestStatus } from '../service-request/service-request.entity.js';
import { presentServiceRequest } from '../service-request/service-request.presenter.js';
import type { ServiceRequestService } from '../service-request/service-request.service.js';
import { ServiceRequestConnection } from '../service-request/service-request.type.js';
import type { JoinPolicy, MemberRole, RsvpResponse } from './block-club.entity.js';
import {
  AdoptServiceRequestInput,
  BlockClubMembershipInput,
  BlockClubRequestFilter,
  BlockClubsArgs,
  CreateBlockClubActionInput,
  CreateBlockClubInput,
  DecideMembershipInput,
  DeleteBlockClubPostInput,
  PostToBlockClubInput,
  RsvpBlockClubActionInput,
  SetBlockClubMemberRoleInput,
  UpdateBlockClubInput,
} from './block-club.inputs.js';
import {
  presentAction,
  presentBlockClub,
  presentIdeaSummary,
  presentMember,
  presentPost,
} from './block-club.presenter.js';
import type { ClubActivity, BlockClubService } from './block-club.service.js';
import {
  AdoptServiceRequestPayload,
  BlockClub,
  BlockClubActionConnection,
  BlockClubActionPayload,
  BlockClubActivity,
  BlockClubActivityKindEnum,
  BlockClubConnection,
  BlockClubIdeas,
  BlockClubMemberConnection,
  BlockClubMembershipChangeEnum,
  BlockClubMembershipPayload,
  BlockClubPayload,
  BlockClubPostConnection,
  BlockClubPostPayload,
} from './block-club.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkFirst(first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
}

function userIdOf(value: string, field: string): string {
  if (!UUID.test(value)) throw badField(field, 'is not an account id');
  return value;
}

/** Decodes a cursor whose last part is a uuid and whose other parts match the given kinds. */
function cursorOf<T extends (string | number)[]>(
  cursor: string | null | undefined,
  kinds: ('number' | 'date' | 'string')[],
): T | undefined {
  if (!cursor) return undefined;
  const parts = decodeCursor(cursor, kinds.length + 1);
  const ok =
    kinds.every((kind, i) => {
      const v = parts[i];
      if (kind === 'number') return typeof v === 'number' && Number.isFinite(v);
      if (kind === 'date') return typeof v === 'string' && !Number.isNaN(Date.parse(v));
      return typeof v === 'string';
    }) && UUID.test(String(parts[kinds.length]));
  if (!ok) throw badField('after', 'is not a valid cursor');
  return parts as T;
}

@Resolver(() => BlockClub)
export class BlockClubResolver {
  constructor(
    private readonly clubs: BlockClubService,
    private readonly serviceRequests: ServiceRequestService,
  ) {}

  @Query(() => BlockClub, {
    nullable: true,
    description: 'One block club, by global id or by slug (give exactly one).',
  })
  async blockClub(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { nullable: true, description: 'Global id.' }) id?: string,
    @Arg('slug', () => String, { nullable: true, description: 'URL name, e.g. "leland-block".' })
    slug?: string,
  ): Promise<BlockClub | null> {
    if (!id === !slug) {
      throw new BadInputError([{ field: 'id', message: 'give exactly one of id and slug' }]);
    }
    const club = await this.clubs.get(ctx.actor, {
      id: id ? fromGlobalId(id, 'BlockClub', 'id') : undefined,
      slug: slug ?? undefined,
    });
    return club ? presentBlockClub(club) : null;
  }

  @Query(() => BlockClubConnection, {
    description:
      'Block clubs near a point (nearest boundary first; 0 m when inside) and/or by name words (then by name).',
  })
  async blockClubs(
    @Ctx() ctx: GraphQLContext,
    @Args(() => BlockClubsArgs) args: BlockClubsArgs,
  ): Promise<BlockClubConnection> {
    checkFirst(args.first);
    const after = args.near
      ? cursorOf<[number, string]>(args.after, ['number'])
      : cursorOf<[string, string]>(args.after, ['string']);
    const result = await this.clubs.search(ctx.actor, {
      near: args.near,
      search: args.search,
      first: args.first,
      after,
    });
    const edges = result.rows.map((row) => ({
      node: presentBlockClub(row),
      cursor: encodeCursor([args.near ? (row.distanceMeters ?? 0) : row.name, row.id]),
      distanceMeters: row.distanceMeters === null ? null : Math.round(row.distanceMeters * 10) / 10,
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(after)),
    };
  }

  @Mutation(() => BlockClubPayload, {
    description:
      'Start a block club around a drawn boundary (signed in; a few per day). The creator becomes its organizer and follows it.',
  })
  async createBlockClub(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateBlockClubInput, { description: 'The club.' })
    input: CreateBlockClubInput,
  ): Promise<BlockClubPayload> {
    const club = await this.clubs.create(ctx.actor, {
      name: input.name,
      description: input.description,
      boundary: input.boundary,
      joinPolicy: input.joinPolicy as JoinPolicy | null | undefined,
    });
    return { blockClub: presentBlockClub(club) };
  }

  @Mutation(() => BlockClubPayload, {
    description: 'Organizers change the name, description, boundary or join policy.',
  })
  async updateBlockClub(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateBlockClubInput, { description: 'The changes.' })
    input: UpdateBlockClubInput,
  ): Promise<BlockClubPayload> {
    const club = await this.clubs.update(
      ctx.actor,
      fromGlobalId(input.id, 'BlockClub', 'input.id'),
      {
        name: input.name,
        description: input.description,
        boundary: input.boundary,
        joinPolicy: input.joinPolicy as JoinPolicy | null | undefined,
      },
    );
    return { blockClub: presentBlockClub(club) };
  }

  @Mutation(() => BlockClubMembershipPayload, {
    description:
      'Join a club: a member at once when it is OPEN, or PENDING (organizers are told) when it needs APPROVAL.',
  })
  async joinBlockClub(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => BlockClubMembershipInput, { description: 'Which club.' })
    input: BlockClubMembershipInput,
  ): Promise<BlockClubMembershipPayload> {
    const club = await this.clubs.join(
      ctx.actor,
      fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
    );
    return { blockClub: presentBlockClub(club), member: null };
  }

  @Mutation(() => BlockClubMembershipPayload, {
    description:
      'Leave a club (or withdraw a request to join). The last organizer must first make someone else an organizer (setBlockClubMemberRole): CONFLICT otherwise.',
  })
  async leaveBlockClub(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => BlockClubMembershipInput, { description: 'Which club.' })
    input: BlockClubMembershipInput,
  ): Promise<BlockClubMembershipPayload> {
    const club = await this.clubs.leave(
      ctx.actor,
      fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
    );
    return { blockClub: presentBlockClub(club), member: null };
  }

  @Mutation(() => BlockClubMembershipPayload, {
    description: 'Organizers approve or refuse a pending membership; the person is told.',
  })
  async decideMembership(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => DecideMembershipInput, { description: 'The decision.' })
    input: DecideMembershipInput,
  ): Promise<BlockClubMembershipPayload> {
    const { club, member } = await this.clubs.decide(
      ctx.actor,
      fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
      userIdOf(input.userId, 'input.userId'),
      input.approve,
    );
    return { blockClub: presentBlockClub(club), member: member ? presentMember(member) : null };
  }

  @Mutation(() => BlockClubMembershipPayload, {
    description:
      'Organizers make an active member an organizer or an organizer a member (hand-over). A club keeps at least one organizer.',
  })
  async setBlockClubMemberRole(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SetBlockClubMemberRoleInput, { description: 'The change.' })
    input: SetBlockClubMemberRoleInput,
  ): Promise<BlockClubMembershipPayload> {
    const { club, member } = await this.clubs.setRole(
      ctx.actor,
      fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
      userIdOf(input.userId, 'input.userId'),
      input.role as MemberRole,
    );
    return { blockClub: presentBlockClub(club), member: member ? presentMember(member) : null };
  }

  @Mutation(() => BlockClubPostPayload, {
    description: "Members post to the club's feed; followers and members are notified.",
  })
  async postToBlockClub(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => PostToBlockClubInput, { description: 'The post.' })
    input: PostToBlockClubInput,
  ): Promise<BlockClubPostPayload> {
    const post = await this.clubs.post(
      ctx.actor,
      fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
      input.body,
    );
    return { post: presentPost(post, ctx.actor) };
  }

  @Mutation(() => BlockClubPostPayload, {
    description: 'The author, an organizer or an admin removes a post ("post removed" is shown).',
  })
  async deleteBlockClubPost(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => DeleteBlockClubPostInput, { description: 'Which post.' })
    input: DeleteBlockClubPostInput,
  ): Promise<BlockClubPostPayload> {
    const post = await this.clubs.deletePost(
      ctx.actor,
      fromGlobalId(input.id, 'BlockClubPost', 'input.id'),
    );
    return { post: presentPost(post, ctx.actor) };
  }

  @Mutation(() => BlockClubActionPayload, {
    description: 'Organizers schedule an action; followers and members are notified.',
  })
  async createBlockClubAction(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateBlockClubActionInput, { description: 'The action.' })
    input: CreateBlockClubActionInput,
  ): Promise<BlockClubActionPayload> {
    const action = await this.clubs.createAction(ctx.actor, {
      ...input,
      clubId: fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
    });
    return { action: presentAction(action) };
  }

  @Mutation(() => BlockClubActionPayload, {
    description: 'Members answer an action: going, maybe or not going (changeable).',
  })
  async rsvpBlockClubAction(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RsvpBlockClubActionInput, { description: 'The answer.' })
    input: RsvpBlockClubActionInput,
  ): Promise<BlockClubActionPayload> {
    const action = await this.clubs.rsvp(
      ctx.actor,
      fromGlobalId(input.actionId, 'BlockClubAction', 'input.actionId'),
      input.response as RsvpResponse,
    );
    return { action: presentAction(action) };
  }

  @Mutation(() => AdoptServiceRequestPayload, {
    description:
      'Organizers adopt a request inside the boundary: listed on the club page, and its public timeline says so.',
  })
  async adoptServiceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AdoptServiceRequestInput, { description: 'Club and request.' })
    input: AdoptServiceRequestInput,
  ): Promise<AdoptServiceRequestPayload> {
    const { club, request } = await this.clubs.adopt(
      ctx.actor,
      fromGlobalId(input.clubId, 'BlockClub', 'input.clubId'),
      fromGlobalId(input.requestId, 'ServiceRequest', 'input.requestId'),
    );
    return {
      blockClub: presentBlockClub(club),
      serviceRequest: presentServiceRequest(
        request,
        this.serviceRequests.canSeeContact(ctx.actor, request),
      ),
    };
  }

  @Subscription(() => BlockClubActivity, {
    description:
      'Live activity of one club: new requests inside its boundary, posts, actions, comments on posts and membership news (requests to join for organizers only).',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { blockClubId } = args as { blockClubId: string };
      const id = fromGlobalId(blockClubId, 'BlockClub', 'blockClubId');
      const club = await ctx.services.blockClubs.get(ctx.actor, { id });
      if (!club) throw new NotFoundError('Block club', blockClubId);
      return ctx.services.blockClubs.activity(ctx.actor, id);
    },
  })
  async blockClubActivity(
    @Root() item: ClubActivity,
    @Ctx() ctx: GraphQLContext,
    @Arg('blockClubId', () => ID, { description: 'Global id of the club.' }) _blockClubId: string,
  ): Promise<BlockClubActivity> {
    const result: BlockClubActivity = {
      kind: item.kind as BlockClubActivityKindEnum,
      request: null,
      post: null,
      action: null,
      comment: null,
      postId: null,
      member: null,
      membershipChange: null,
    };
    if (item.kind === 'REQUEST') {
      result.request = presentServiceRequest(
        item.request,
        this.serviceRequests.canSeeContact(ctx.actor, item.request),
      );
    } else if (item.kind === 'POST') {
      result.post = presentPost(item.post, ctx.actor);
    } else if (item.kind === 'ACTION') {
      result.action = presentAction(item.action);
    } else if (item.kind === 'MEMBERSHIP') {
      result.member = presentMember(item.member);
      result.membershipChange = item.membershipChange as BlockClubMembershipChangeEnum;
    } else {
      const name = await ctx.loaders.userName.load(item.comment.authorId);
      result.comment = presentComment(item.comment, ctx.actor, name);
      result.postId = toGlobalId('BlockClubPost', item.postId);
    }
    return result;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer follows the club.' })
  async viewerIsFollowing(@Root() club: BlockClub, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const [following] = await this.clubs.isFollowing(ctx.actor, [club.uuid]);
    return following ?? false;
  }

  @FieldResolver(() => BlockClubMemberConnection, {
    description:
      'Members by display name: organizers first, then members; pending requests (last) for organizers only.',
  })
  async members(
    @Root() club: BlockClub,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge seen.' })
    after?: string | null,
  ): Promise<BlockClubMemberConnection> {
    checkFirst(first);
    const cursor = cursorOf<[number, string, string]>(after, ['number', 'date']);
    const result = await this.clubs.members(ctx.actor, club.row, first, cursor);
    const edges = result.rows.map((m) => ({
      node: presentMember(m),
      cursor: encodeCursor([m.rank, m.joinedKey, m.userId]),
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(cursor)),
    };
  }

  @FieldResolver(() => ServiceRequestConnection, {
    description:
      'Service requests inside the boundary: open first, then newest. Private services for staff only.',
  })
  async requests(
    @Root() club: BlockClub,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => BlockClubRequestFilter, { nullable: true, description: 'Filters.' })
    filter?: BlockClubRequestFilter | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge seen.' })
    after?: string | null,
  ): Promise<ServiceRequestConnection> {
    const size = first ?? 20;
    checkFirst(size);
    const cursor = cursorOf<[number, string, string]>(after, ['number', 'date']);
    const result = await this.clubs.requests(
      ctx.actor,
      club.row,
      {
        status: (filter?.status as RequestStatus | null | undefined) ?? null,
        serviceCodes: filter?.serviceCodes ?? null,
      },
      size,
      cursor,
    );
    const edges = result.rows.map((r) => ({
      node: presentServiceRequest(
        r.entity,
        this.serviceRequests.canSeeContact(ctx.actor, r.entity),
      ),
      cursor: encodeCursor(r.key),
      distanceMeters: null,
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(cursor)),
    };
  }

  @FieldResolver(() => BlockClubIdeas, {
    description: 'Improvement ideas located inside the boundary: the newest few and the count.',
  })
  async ideas(
    @Root() club: BlockClub,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many to list, 0 to 50.' })
    first: number,
  ): Promise<BlockClubIdeas> {
    if (first < 0 || first > 50) throw badField('first', 'must be between 0 and 50');
    const result = await this.clubs.ideas(ctx.actor, club.row, first);
    return { totalCount: result.totalCount, items: result.items.map(presentIdeaSummary) };
  }

  @FieldResolver(() => BlockClubPostConnection, {
    description: 'The feed, newest first. Removed and hidden posts keep their place, without text.',
  })
  async posts(
    @Root() club: BlockClub,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge seen.' })
    after?: string | null,
  ): Promise<BlockClubPostConnection> {
    checkFirst(first);
    const cursor = cursorOf<[string, string]>(after, ['date']);
    const result = await this.clubs.posts(ctx.actor, club.row, first, cursor);
    const edges = result.rows.map((p) => ({
      node: presentPost(p, ctx.actor),
      cursor: encodeCursor([p.createdKey, p.id]),
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(cursor)),
    };
  }

  @FieldResolver(() => BlockClubActionConnection, {
    description: 'Actions, soonest first; those already over only with `includePast`.',
  })
  async actions(
    @Root() club: BlockClub,
    @Ctx() ctx: GraphQLContext,
    @Arg('includePast', () => Boolean, {
      defaultValue: false,
      description: 'Also actions that have ended.',
    })
    includePast: boolean,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge seen.' })
    after?: string | null,
  ): Promise<BlockClubActionConnection> {
    checkFirst(first);
    const cursor = cursorOf<[string, string]>(after, ['date']);
    const result = await this.clubs.actions(ctx.actor, club.row, includePast, first, cursor);
    const edges = result.rows.map((a) => ({
      node: presentAction(a),
      cursor: encodeCursor([a.startsAt.toISOString(), a.id]),
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(cursor)),
    };
  }

  @FieldResolver(() => ServiceRequestConnection, {
    description: 'Requests the club adopted, most recently adopted first.',
  })
  async adoptedRequests(
    @Root() club: BlockClub,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge seen.' })
    after?: string | null,
  ): Promise<ServiceRequestConnection> {
    checkFirst(first);
    const cursor = cursorOf<[string, string]>(after, ['date']);
    const result = await this.clubs.adoptedRequests(ctx.actor, club.row, first, cursor);
    const edges = result.rows.map((r) => ({
      node: presentServiceRequest(
        r.entity,
        this.serviceRequests.canSeeContact(ctx.actor, r.entity),
      ),
      cursor: encodeCursor(r.key),
      distanceMeters: null,
    }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: pageInfoOf(edges, result.hasNextPage, Boolean(cursor)),
    };
  }
}
