/**
 * Moderation, after Decidim's reports (`max_reports_before_hiding`) and CONSUL's moderator tools.
 *
 * Terms: a *flag* is one account's report of one piece of content (a comment, block-club post,
 * idea, service request or block club), once per account; *open* flags await a moderator's
 * decision; content with open flags from `hideThreshold` distinct accounts is *auto-hidden* until a
 * moderator decides. Decisions: HIDE (stays hidden), RESTORE (shown again), DISMISS_FLAGS (the
 * flags were unfounded: auto-hidden content is shown again, a moderator's earlier hide stays),
 * BLOCK_AUTHOR (hides the content and blocks its author's account for some days). Every decision
 * resolves the open flags and goes to the audit log; auto-hiding is logged too, without an actor.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  BadInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { RateLimits } from '../../lib/rate-limits.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { CommentService } from '../comment/comment.service.js';
import type { Actor } from '../user/actor.js';
import type { FlagResolution, FlagTarget } from './flag.entity.js';
import type { ModerationRepository, QueueRow } from './moderation.repository.js';

/** What the moderation service needs. */
export interface ModerationDeps {
  dataSource: DataSource;
  repository: ModerationRepository;
  comments: CommentService;
  rateLimits: RateLimits;
  audit: AuditRepository;
  hideThreshold: number;
  /**
   * Told after commit when content was hidden or shown again, so live views of it update (ideas
   * push `ideaUpdated`; each viewer then reads what they may).
   */
  onVisibilityChange?: (type: FlagTarget, id: string) => void;
}

/** A moderator's decision on flagged content. */
export const MODERATION_ACTIONS = ['HIDE', 'RESTORE', 'DISMISS_FLAGS', 'BLOCK_AUTHOR'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Reason length bounds, in characters. */
export const FLAG_REASON = { min: 3, max: 500 } as const;
/** Block length when none is given, and the longest allowed, in days. */
export const BLOCK_DAYS = { default: 7, max: 365 } as const;

/** What flagging did. */
export interface FlagResult {
  /** False when this account had flagged the content before (nothing changed). */
  added: boolean;
  /** Whether the content is hidden now. */
  hidden: boolean;
}

/** What a decision did. */
export interface ModerationResult {
  hidden: boolean;
  flagsResolved: number;
  blockedUntil: Date | null;
}

const RESOLUTION: Record<ModerationAction, FlagResolution> = {
  HIDE: 'HIDDEN',
  RESTORE: 'RESTORED',
  DISMISS_FLAGS: 'DISMISSED',
  BLOCK_AUTHOR: 'HIDDEN',
};

/** Whether the actor moderates content. */
export function canModerate(actor: Actor): boolean {
  return actor.user?.role === 'MODERATOR' || actor.user?.role === 'ADMIN';
}

/** Moderation rules. */
export class ModerationService {
  constructor(private readonly deps: ModerationDeps) {}

  /** The number of distinct flags that hides content. */
  get hideThreshold(): number {
    return this.deps.hideThreshold;
  }

  /**
   * Flags content. Once per account per target: flagging again is idempotent (`added: false`).
   * Nobody flags their own content. The flag that reaches the threshold hides the content.
   */
  async flag(
    actor: Actor,
    input: { targetType: FlagTarget; targetId: string; reason: string },
  ): Promise<FlagResult> {
    if (!actor.user) throw new UnauthenticatedError('Sign in to report content.');
    const user = actor.user;
    const reason = input.reason.trim().replace(/\s+/g, ' ');
    if (reason.length < FLAG_REASON.min || reason.length > FLAG_REASON.max) {
      throw new BadInputError([
        {
          field: 'input.reason',
          message: `must be ${FLAG_REASON.min} to ${FLAG_REASON.max} characters`,
        },
      ]);
    }
    const { repository } = this.deps;
    const content = await repository.content(
      this.deps.dataSource.manager,
      input.targetType,
      input.targetId,
    );
    if (!content) throw new NotFoundError('Content', input.targetId);
    if (content.authorId === user.id) {
      throw new BadInputError([{ field: 'input.targetId', message: 'is your own content' }]);
    }
    await this.deps.rateLimits.consume('flag', user.id);
    let autoHidden = false;
    const result = await this.deps.dataSource.transaction(async (manager) => {
      await repository.lockTarget(manager, input.targetType, input.targetId);
      const added = await repository.addFlag(manager, { ...input, reason, reporterId: user.id });
      const current = await repository.content(manager, input.targetType, input.targetId);
      let hidden = current?.hiddenAt != null;
      autoHidden = false;
      if (added && !hidden) {
        const count = await repository.openFlagCount(manager, input.targetType, input.targetId);
        if (count >= this.deps.hideThreshold) {
          await this.setHidden(manager, input.targetType, input.targetId, true);
          await this.deps.audit.record(manager, {
            actorId: null,
            action: 'moderation.auto_hide',
            targetType: input.targetType,
            targetId: input.targetId,
            data: { flags: count, threshold: this.deps.hideThreshold },
          });
          hidden = true;
          autoHidden = true;
        }
      }
      return { added, hidden };
    });
    if (autoHidden) this.deps.onVisibilityChange?.(input.targetType, input.targetId);
    return result;
  }

  /** Content with open flags, most flagged first (moderators and admins only). */
  queue(
    actor: Actor,
    first: number,
    offset: number,
  ): Promise<{ rows: QueueRow[]; totalCount: number }> {
    this.assertModerator(actor);
    return this.deps.repository.queue(first, offset);
  }

  /** A moderator decides on content; resolves its open flags; audit-logged. */
  async moderate(
    actor: Actor,
    input: {
      targetType: FlagTarget;
      targetId: string;
      action: ModerationAction;
      blockDays?: number | null;
    },
  ): Promise<ModerationResult> {
    const user = this.assertModerator(actor);
    if (input.blockDays != null && input.action !== 'BLOCK_AUTHOR') {
      throw new BadInputError([{ field: 'input.blockDays', message: 'only with BLOCK_AUTHOR' }]);
    }
    const days = input.blockDays ?? BLOCK_DAYS.default;
    if (!Number.isInteger(days) || days < 1 || days > BLOCK_DAYS.max) {
      throw new BadInputError([
        { field: 'input.blockDays', message: `must be 1 to ${BLOCK_DAYS.max} days` },
      ]);
    }
    const { repository } = this.deps;
    let wasHidden = false;
    const result = await this.deps.dataSource.transaction(async (manager) => {
      await repository.lockTarget(manager, input.targetType, input.targetId);
      const content = await repository.content(manager, input.targetType, input.targetId);
      if (!content) throw new NotFoundError('Content', input.targetId);
      wasHidden = content.hiddenAt !== null;
      let hidden = wasHidden;
      let blockedUntil: Date | null = null;
      if (input.action === 'BLOCK_AUTHOR') {
        if (!content.authorId) {
          throw new BadInputError([
            { field: 'input.targetId', message: 'has no author account to block' },
          ]);
        }
        if (content.authorId === user.id) {
          throw new BadInputError([{ field: 'input.targetId', message: 'is your own content' }]);
        }
        const role = await repository.roleOf(manager, content.authorId);
        if (role === 'ADMIN' || (role === 'MODERATOR' && actor.user?.role !== 'ADMIN')) {
          throw new ForbiddenError('Only an admin blocks a moderator; nobody blocks an admin.');
        }
        blockedUntil = await repository.blockUser(manager, content.authorId, days);
      }
      if (input.action === 'HIDE' || input.action === 'BLOCK_AUTHOR') {
        await this.setHidden(manager, input.targetType, input.targetId, true);
        hidden = true;
      } else if (input.action === 'RESTORE') {
        await this.setHidden(manager, input.targetType, input.targetId, false);
        hidden = false;
      } else if (hidden) {
        const byModerator = await repository.hiddenByModeratorSince(
          manager,
          input.targetType,
          input.targetId,
          content.hiddenAt!,
        );
        if (!byModerator) {
          await this.setHidden(manager, input.targetType, input.targetId, false);
          hidden = false;
        }
      }
      const flagsResolved = await repository.resolveOpen(
        manager,
        input.targetType,
        input.targetId,
        RESOLUTION[input.action],
        user.id,
        new Date(),
      );
      await this.deps.audit.record(manager, {
        actorId: user.id,
        action: `moderation.${input.action.toLowerCase()}`,
        targetType: input.targetType,
        targetId: input.targetId,
        data: {
          flagsResolved,
          hidden,
          ...(blockedUntil
            ? {
                authorId: content.authorId,
                blockDays: days,
                blockedUntil: blockedUntil.toISOString(),
              }
            : {}),
        },
      });
      return { hidden, flagsResolved, blockedUntil };
    });
    if (result.hidden !== wasHidden) {
      this.deps.onVisibilityChange?.(input.targetType, input.targetId);
    }
    return result;
  }

  private assertModerator(actor: Actor) {
    if (!actor.user) throw new UnauthenticatedError();
    if (!canModerate(actor)) throw new ForbiddenError('Only moderators do this.');
    return actor.user;
  }

  /** Hides or shows content; comments through their own module. */
  private async setHidden(
    manager: EntityManager,
    type: FlagTarget,
    id: string,
    hidden: boolean,
  ): Promise<void> {
    if (type === 'COMMENT') await this.deps.comments.setHidden(manager, id, hidden);
    else await this.deps.repository.setHidden(manager, type, id, hidden ? new Date() : null);
  }
}
