/** Comment operations: list, add, edit, delete, and live new comments. */
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
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { BadInputError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId, parseGlobalId } from '../../lib/ids.js';
import type { CommentEntity, CommentTarget } from './comment.entity.js';
import { presentComment } from './comment.presenter.js';
import type { CommentService } from './comment.service.js';
import {
  AddCommentInput,
  Comment,
  CommentConnection,
  CommentPayload,
  DeleteCommentInput,
  EditCommentInput,
} from './comment.type.js';

const TARGETS: Record<string, CommentTarget> = {
  ServiceRequest: 'REQUEST',
  Idea: 'IDEA',
  BlockClubPost: 'CLUB_POST',
};

/** Decodes a commentable global id. */
export function commentTargetOf(
  globalId: string,
  field: string,
): { type: CommentTarget; id: string } {
  const parsed = parseGlobalId(globalId);
  const type = parsed ? TARGETS[parsed.type] : undefined;
  if (!parsed || !type) {
    throw new BadInputError([
      { field, message: 'is not the id of a request, idea or block-club post' },
    ]);
  }
  return { type, id: parsed.id };
}

/** Builds a comment connection page for a target (shared with the request and idea resolvers). */
export async function commentConnection(
  ctx: GraphQLContext,
  comments: CommentService,
  target: { type: CommentTarget; id: string },
  first: number,
  after?: string | null,
): Promise<CommentConnection> {
  if (first < 1 || first > 100)
    throw new BadInputError([{ field: 'first', message: 'must be between 1 and 100' }]);
  const cursor = after ? (decodeCursor(after, 2) as [string, string]) : undefined;
  if (cursor && Number.isNaN(Date.parse(String(cursor[0])))) {
    throw new BadInputError([{ field: 'after', message: 'is not a valid cursor' }]);
  }
  const page = await comments.page(ctx.actor, target.type, target.id, first, cursor);
  const names = await Promise.all(page.rows.map((c) => ctx.loaders.userName.load(c.authorId)));
  const edges = page.rows.map((c, i) => ({
    node: presentComment(c, ctx.actor, names[i] ?? null),
    cursor: encodeCursor([c.createdAt.toISOString(), c.id]),
  }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: pageInfoOf(edges, page.hasNextPage, Boolean(after)),
  };
}

@Resolver(() => Comment)
export class CommentResolver {
  constructor(private readonly commentService: CommentService) {}

  @Query(() => CommentConnection, {
    description: 'Comments on a request, idea or block-club post, oldest first.',
  })
  comments(
    @Ctx() ctx: GraphQLContext,
    @Arg('targetId', () => ID, { description: 'Global id of the request, idea or post.' })
    targetId: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor.' }) after?: string,
  ): Promise<CommentConnection> {
    return commentConnection(
      ctx,
      this.commentService,
      commentTargetOf(targetId, 'targetId'),
      first,
      after,
    );
  }

  @Mutation(() => CommentPayload, {
    description: 'Comment on a request, idea or block-club post, or reply to a comment.',
  })
  async addComment(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => AddCommentInput, { description: 'The comment.' }) input: AddCommentInput,
  ): Promise<CommentPayload> {
    const target = commentTargetOf(input.targetId, 'input.targetId');
    const comment = await this.commentService.add(ctx.actor, {
      targetType: target.type,
      targetId: target.id,
      body: input.body,
      parentId: input.parentId ? fromGlobalId(input.parentId, 'Comment', 'input.parentId') : null,
    });
    return { comment: presentComment(comment, ctx.actor, ctx.actor.user?.displayName ?? null) };
  }

  @Mutation(() => CommentPayload, { description: 'The author changes the text of their comment.' })
  async editComment(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => EditCommentInput, { description: 'The change.' }) input: EditCommentInput,
  ): Promise<CommentPayload> {
    const comment = await this.commentService.edit(
      ctx.actor,
      fromGlobalId(input.id, 'Comment', 'input.id'),
      input.body,
    );
    return { comment: presentComment(comment, ctx.actor, ctx.actor.user?.displayName ?? null) };
  }

  @Mutation(() => CommentPayload, {
    description: 'The author removes their comment ("comment removed" stays).',
  })
  async deleteComment(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => DeleteCommentInput, { description: 'Which comment.' })
    input: DeleteCommentInput,
  ): Promise<CommentPayload> {
    const comment = await this.commentService.delete(
      ctx.actor,
      fromGlobalId(input.id, 'Comment', 'input.id'),
    );
    return { comment: presentComment(comment, ctx.actor, null) };
  }

  @FieldResolver(() => [Comment], { description: 'Replies, oldest first (one level).' })
  async replies(@Root() comment: Comment, @Ctx() ctx: GraphQLContext): Promise<Comment[]> {
    if (comment.parentId) return [];
    const replies = await ctx.loaders.replies.load(comment.uuid);
    const names = await Promise.all(replies.map((r) => ctx.loaders.userName.load(r.authorId)));
    return replies.map((r, i) => presentComment(r, ctx.actor, names[i] ?? null));
  }

  @Subscription(() => Comment, {
    description: 'New comments and replies on one request, idea or block-club post.',
    subscribe: ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const target = commentTargetOf((args as { targetId: string }).targetId, 'targetId');
      return ctx.services.comments.subscribe(ctx.actor, target.type, target.id);
    },
  })
  async commentAdded(
    @Root() comment: CommentEntity,
    @Ctx() ctx: GraphQLContext,
    @Arg('targetId', () => ID, { description: 'Global id of the request, idea or post.' })
    _targetId: string,
  ): Promise<Comment> {
    return presentComment(comment, ctx.actor, await ctx.loaders.userName.load(comment.authorId));
  }
}
