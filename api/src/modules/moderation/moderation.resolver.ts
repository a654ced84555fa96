/** Moderation operations: flag content, the moderators' queue, and their decisions. */
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/common.type.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { BadInputError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, parseGlobalId, toGlobalId } from '../../lib/ids.js';
import type { FlagTarget } from './flag.entity.js';
import type { ModerationService } from './moderation.service.js';
import {
  FlagContentInput,
  FlagContentPayload,
  FlagTargetEnum,
  ModerateContentInput,
  ModerateContentPayload,
  ModerationQueueConnection,
  ModerationQueueItem,
} from './moderation.type.js';

const TYPES: Record<string, FlagTarget> = {
  Comment: 'COMMENT',
  BlockClubPost: 'CLUB_POST',
  Idea: 'IDEA',
  ServiceRequest: 'REQUEST',
  BlockClub: 'BLOCK_CLUB',
};
const GLOBAL_TYPES = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k])) as Record<
  FlagTarget,
  string
>;

/** Decodes the global id of flaggable content. */
function targetOf(globalId: string): { type: FlagTarget; id: string } {
  const parsed = parseGlobalId(globalId);
  const type = parsed ? TYPES[parsed.type] : undefined;
  if (!parsed || !type) {
    throw new BadInputError([
      {
        field: 'input.targetId',
        message: 'is not the id of a comment, block-club post, idea, request or block club',
      },
    ]);
  }
  return { type, id: parsed.id };
}

@Resolver()
export class ModerationResolver {
  constructor(private readonly moderation: ModerationService) {}

  @Mutation(() => FlagContentPayload, {
    description:
      'Report abusive content (signed in; once per account per content; rate-limited). Content flagged by enough accounts (default 3) is hidden until a moderator decides.',
  })
  async flagContent(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => FlagContentInput, { description: 'What and why.' })
    input: FlagContentInput,
  ): Promise<FlagContentPayload> {
    const target = targetOf(input.targetId);
    const result = await this.moderation.flag(ctx.actor, {
      targetType: target.type,
      targetId: target.id,
      reason: input.reason,
    });
    return Object.assign(new FlagContentPayload(), {
      targetId: input.targetId,
      alreadyFlagged: !result.added,
      hidden: result.hidden,
    });
  }

  @Query(() => ModerationQueueConnection, {
    description:
      'Content with open flags, most flagged first (moderators and admins). Cursors are offsets.',
  })
  async moderationQueue(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, {
      defaultValue: DEFAULT_PAGE_SIZE,
      description: 'Page size, 1 to 100.',
    })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the previous page.' })
    after?: string,
  ): Promise<ModerationQueueConnection> {
    if (first < 1 || first > MAX_PAGE_SIZE) {
      throw new BadInputError([{ field: 'first', message: 'must be between 1 and 100' }]);
    }
    let offset = 0;
    if (after) {
      const [value] = decodeCursor(after, 1);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new BadInputError([{ field: 'after', message: 'is not a valid cursor' }]);
      }
      offset = value;
    }
    const page = await this.moderation.queue(ctx.actor, first, offset);
    const names = await Promise.all(
      page.rows.map((r) =>
        r.authorId ? ctx.loaders.userName.load(r.authorId) : Promise.resolve(null),
      ),
    );
    const edges = page.rows.map((r, i) => ({
      node: Object.assign(new ModerationQueueItem(), {
        targetId: toGlobalId(GLOBAL_TYPES[r.targetType], r.targetId),
        targetType: r.targetType as FlagTargetEnum,
        flagCount: r.flagCount,
        reasons: r.reasons,
        preview: r.preview,
        hidden: r.hiddenAt !== null,
        autoHidden: r.autoHidden,
        authorName: names[i] ?? null,
        firstFlaggedAt: r.firstFlaggedAt,
        lastFlaggedAt: r.lastFlaggedAt,
      }),
      cursor: encodeCursor([offset + i + 1]),
    }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: pageInfoOf(edges, offset + edges.length < page.totalCount, offset > 0),
    };
  }

  @Mutation(() => ModerateContentPayload, {
    description:
      'A moderator (or admin) hides, restores or dismisses the flags of content, or blocks its author; audit-logged.',
  })
  async moderateContent(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ModerateContentInput, { description: 'The decision.' })
    input: ModerateContentInput,
  ): Promise<ModerateContentPayload> {
    const target = targetOf(input.targetId);
    const result = await this.moderation.moderate(ctx.actor, {
      targetType: target.type,
      targetId: target.id,
      action: input.action,
      blockDays: input.blockDays,
    });
    return Object.assign(new ModerateContentPayload(), {
      targetId: input.targetId,
      action: input.action,
      ...result,
    });
  }
}
