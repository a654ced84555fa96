/**
 * Per-account rate limits for actions people can abuse (comments, ideas, flags, club creation),
 * with a clear RATE_LIMITED error that says when to try again. In-memory for one instance; the same
 * library offers a Redis store for many.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from './errors.js';

/** The limited actions and their budgets. */
export const RATE_LIMITS = {
  comment: { points: 20, duration: 60 * 10, label: 'comments' },
  idea: { points: 5, duration: 60 * 60 * 24, label: 'ideas' },
  flag: { points: 30, duration: 60 * 60, label: 'flags' },
  clubCreate: { points: 3, duration: 60 * 60 * 24, label: 'new block clubs' },
  post: { points: 30, duration: 60 * 60, label: 'posts' },
} as const;
export type RateLimitedAction = keyof typeof RATE_LIMITS;

/** Counts actions per account and refuses the ones over budget. */
export class RateLimits {
  private readonly limiters: Record<RateLimitedAction, RateLimiterMemory>;

  constructor(
    overrides: Partial<Record<RateLimitedAction, { points: number; duration: number }>> = {},
  ) {
    this.limiters = Object.fromEntries(
      Object.entries(RATE_LIMITS).map(([action, limit]) => [
        action,
        new RateLimiterMemory({
          points: overrides[action as RateLimitedAction]?.points ?? limit.points,
          duration: overrides[action as RateLimitedAction]?.duration ?? limit.duration,
        }),
      ]),
    ) as Record<RateLimitedAction, RateLimiterMemory>;
  }

  /** Spends one unit of the account's budget for the action, or throws RATE_LIMITED. */
  async consume(action: RateLimitedAction, accountId: string): Promise<void> {
    try {
      await this.limiters[action].consume(accountId);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new RateLimitedError(
          `Too many ${RATE_LIMITS[action].label}; try again in ${seconds} seconds.`,
          seconds,
        );
      }
      throw error;
    }
  }
}
