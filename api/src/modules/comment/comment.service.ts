/**
 * Comments on requests, ideas and block-club posts. The module that owns a target registers what
 * it means to comment there (who may, what else happens: counters, timeline, notifications), so
 * this module holds the rules that are the same everywhere: plain text with links, length limits,
 * one level of replies, edit and soft delete by the author, moderation visibility, rate limits.
 */
import LinkifyIt from 'linkify-it';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BadInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { PubSub } from '../../lib/pubsub.js';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { Actor } from '../user/actor.js';
import type { NotificationEntity } from '../notification/notification.entity.js';
import type { NotificationService } from '../notification/notification.service.js';
import type { CommentEntity, CommentTarget } from './comment.entity.js';
import type { CommentRepository } from './comment.repository.js';

/** Longest comment, in characters. */
export const MAX_COMMENT_LENGTH = 2000;

/** What the owning module of a target decides. */
export interface CommentTargetHooks {
  /** Throws NOT_FOUND / FORBIDDEN when the actor may not read or comment on the target. */
  assertCanComment(actor: Actor, targetId: string): Promise<void>;
  /** Whether the actor may read the target's comments (defaults to allowed). */
  canRead?(actor: Actor, targetId: string): Promise<boolean>;
  /** Side effects in the same transaction; returns notifications to publish after commit. */
  afterAdd?(
    manager: EntityManager,
    comment: CommentEntity,
    actor: Actor,
  ): Promise<NotificationEntity[]>;
  /** Side effects of a removal in the same transaction (counters). */
  afterDelete?(manager: EntityManager, comment: CommentEntity): Promise<void>;
  /** Publishing after commit (timeline events, activity feeds). */
  afterCommit?(comment: CommentEntity): Promise<void>;
}

/** A link found in a comment's text. */
export interface CommentLink {
  url: string;
  text: string;
  start: number;
  end: number;
}

const linkify = new LinkifyIt();

/** Finds links in plain text (http(s) URLs and bare domains). */
export function detectLinks(text: string): CommentLink[] {
  return (linkify.match(text) ?? []).map((m) => ({
    url: m.url,
    text: m.text,
    start: m.index,
    end: m.lastIndex,
  }));
}

/** Topic of new comments on one target. */
export function commentTopic(targetId: string): string {
  return `comments:${targetId}`;
}

/** Comment rules. */
export class CommentService {
  private readonly targets = new Map<CommentTarget, CommentTargetHooks>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CommentRepository,
    private readonly notifications: NotificationService,
    private readonly pubsub: PubSub,
    private readonly rateLimits: RateLimits,
  ) {}

  /** Lets the module owning a target type define commenting there. */
  registerTarget(type: CommentTarget, hooks: CommentTargetHooks): void {
    this.targets.set(type, hooks);
  }

  private hooks(type: CommentTarget): CommentTargetHooks {
    const hooks = this.targets.get(type);
    if (!hooks)
      throw new BadInputError([{ field: 'input.targetId', message: 'cannot be commented on' }]);
    return hooks;
  }

  private cleanBody(body: string, field: string): string {
    const text = body.replace(/\r\n/g, '\n').trim();
    if (text.length === 0) throw new BadInputError([{ field, message: 'must not be empty' }]);
    if (text.length > MAX_COMMENT_LENGTH) {
      throw new BadInputError([
        { field, message: `must be at most ${MAX_COMMENT_LENGTH} characters` },
      ]);
    }
    return text;
  }

  /** Adds a comment or a reply (to a top-level comment of the same target). */
  async add(
    actor: Actor,
    input: { targetType: CommentTarget; targetId: string; body: string; parentId?: string | null },
  ): Promise<CommentEntity> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to comment.');
    const user = actor.user;
    const body = this.cleanBody(input.body, 'input.body');
    const hooks = this.hooks(input.targetType);
    await hooks.assertCanComment(actor, input.targetId);
    if (input.parentId) {
      const parent = await this.repository.findById(input.parentId);
      if (!parent || parent.targetId !== input.targetId || parent.targetType !== input.targetType) {
        throw new BadInputError([
          { field: 'input.parentId', message: 'is not a comment on this target' },
        ]);
      }
      if (parent.parentId) {
        throw new BadInputError([
          { field: 'input.parentId', message: 'replies go one level deep: reply to the comment' },
        ]);
      }
    }
    await this.rateLimits.consume('comment', user.id);
    const { comment, notes } = await this.dataSource.transaction(async (manager) => {
      const comment = await this.repository.insert(manager, {
        targetType: input.targetType,
        targetId: input.targetId,
        authorId: user.id,
        parentId: input.parentId ?? null,
        body,
      });
      const notes = (await hooks.afterAdd?.(manager, comment, actor)) ?? [];
      return { comment, notes };
    });
    this.pubsub.publish(commentTopic(comment.targetId), comment);
    this.notifications.publish(notes);
    await hooks.afterCommit?.(comment);
    return comment;
  }

  /** The author edits their comment. */
  async edit(actor: Actor, id: string, body: string): Promise<CommentEntity> {
    const comment = await this.ownComment(actor, id);
    if (comment.deletedAt) throw new BadInputError([{ field: 'input.id', message: 'was removed' }]);
    const text = this.cleanBody(body, 'input.body');
    await this.repository.update(this.dataSource.manager, id, { body: text, editedAt: new Date() });
    return (await this.repository.findById(id))!;
  }

  /** The author removes their comment (soft delete: "comment removed" is shown in its place). */
  async delete(actor: Actor, id: string): Promise<CommentEntity> {
    const comment = await this.ownComment(actor, id);
    if (!comment.deletedAt) {
      const hooks = this.hooks(comment.targetType);
      await this.dataSource.transaction(async (manager) => {
        await this.repository.update(manager, id, { deletedAt: new Date() });
        await hooks.afterDelete?.(manager, comment);
      });
    }
    return (await this.repository.findById(id))!;
  }

  private async ownComment(actor: Actor, id: string): Promise<CommentEntity> {
    if (!actor.user) throw new UnauthenticatedError();
    const comment = await this.repository.findById(id);
    if (!comment) throw new NotFoundError('Comment', id);
    if (comment.authorId !== actor.user.id)
      throw new ForbiddenError('Only the author can change a comment.');
    return comment;
  }

  /** Top-level comments on a target, oldest first. */
  async page(
    actor: Actor,
    targetType: CommentTarget,
    targetId: string,
    first: number,
    after?: [string, string],
  ) {
    const hooks = this.hooks(targetType);
    if (hooks.canRead && !(await hooks.canRead(actor, targetId)))
      throw new NotFoundError('Target', targetId);
    return this.repository.page(targetType, targetId, first, after);
  }

  /** Loader batch: replies of comments. */
  async replies(parentIds: readonly string[]): Promise<CommentEntity[][]> {
    const rows = await this.repository.repliesOf(parentIds);
    return parentIds.map((id) => rows.filter((r) => r.parentId === id));
  }

  /** Loader batch: public display names of authors. */
  async authorNames(ids: readonly string[]): Promise<(string | null)[]> {
    const map = await this.repository.authorNames(ids);
    return ids.map((id) => map.get(id) ?? null);
  }

  /** Live comments on one target the actor may read. */
  async subscribe(actor: Actor, targetType: CommentTarget, targetId: string) {
    const hooks = this.hooks(targetType);
    if (hooks.canRead && !(await hooks.canRead(actor, targetId)))
      throw new NotFoundError('Target', targetId);
    return this.pubsub.subscribe<CommentEntity>([commentTopic(targetId)]);
  }

  find(id: string): Promise<CommentEntity | null> {
    return this.repository.findById(id);
  }

  /** Moderation: hide or restore (called by the moderation service inside its transaction). */
  async setHidden(manager: EntityManager, id: string, hidden: boolean): Promise<void> {
    await this.repository.update(manager, id, { hiddenAt: hidden ? new Date() : null });
  }
}
