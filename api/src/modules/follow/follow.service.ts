/**
 * Following requests, areas, block clubs and ideas. What can be followed is checked by the module
 * that owns it (registered with {@link FollowService.registerTarget}), so this module knows no
 * other module's rules.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, UnauthenticatedError } from '../../lib/errors.js';
import type { Actor } from '../user/actor.js';
import type { FollowTarget } from './follow.entity.js';
import type { FollowRepository } from './follow.repository.js';

/** Whether the actor may see (and so follow) a target. */
export type FollowTargetCheck = (actor: Actor, targetId: string) => Promise<boolean>;

/** Follow rules. */
export class FollowService {
  private readonly checks = new Map<FollowTarget, FollowTargetCheck>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: FollowRepository,
  ) {}

  /** Lets the owning module say which targets exist and are visible. */
  registerTarget(type: FollowTarget, check: FollowTargetCheck): void {
    this.checks.set(type, check);
  }

  /** Follows a target; idempotent. */
  async follow(actor: Actor, targetType: FollowTarget, targetId: string): Promise<boolean> {
    if (!actor.user) throw new UnauthenticatedError();
    await this.assertVisible(actor, targetType, targetId);
    const userId = actor.user.id;
    await this.dataSource.transaction((m) => this.followIn(m, userId, targetType, targetId));
    return true;
  }

  /** Stops following; idempotent. */
  async unfollow(actor: Actor, targetType: FollowTarget, targetId: string): Promise<boolean> {
    if (!actor.user) throw new UnauthenticatedError();
    const userId = actor.user.id;
    await this.dataSource.transaction(async (m) => {
      if (
        (await this.repository.remove(m, userId, targetType, targetId)) &&
        targetType === 'REQUEST'
      ) {
        await this.syncRequestCount(m, targetId);
      }
    });
    return false;
  }

  /** Follows inside the caller's transaction (supporting and commenting also follow). */
  async followIn(
    manager: EntityManager,
    userId: string,
    targetType: FollowTarget,
    targetId: string,
  ): Promise<void> {
    if (
      (await this.repository.add(manager, userId, targetType, targetId)) &&
      targetType === 'REQUEST'
    ) {
      await this.syncRequestCount(manager, targetId);
    }
  }

  /** Followers of a target, inside a transaction. */
  followerIds(
    manager: EntityManager,
    targetType: FollowTarget,
    targetId: string,
  ): Promise<string[]> {
    return this.repository.followerIds(manager, targetType, targetId);
  }

  /** Moves followers from one request to another (duplicates merged). */
  async moveRequestFollowers(
    manager: EntityManager,
    fromId: string,
    toId: string,
  ): Promise<number> {
    const moved = await this.repository.move(manager, 'REQUEST', fromId, toId);
    await this.syncRequestCount(manager, toId);
    return moved;
  }

  /** Loader batch: which of these targets the actor follows. */
  async isFollowing(
    actor: Actor,
    targetType: FollowTarget,
    ids: readonly string[],
  ): Promise<boolean[]> {
    if (!actor.user) return ids.map(() => false);
    const set = await this.repository.followedAmong(actor.user.id, targetType, ids);
    return ids.map((id) => set.has(id));
  }

  /** What the actor follows, newest first. */
  mine(actor: Actor, limit = 200) {
    if (!actor.user) throw new UnauthenticatedError();
    return this.repository.ofUser(actor.user.id, limit);
  }

  private async assertVisible(
    actor: Actor,
    targetType: FollowTarget,
    targetId: string,
  ): Promise<void> {
    const check = this.checks.get(targetType);
    if (!check || !(await check(actor, targetId)))
      throw new NotFoundError(targetType.toLowerCase(), targetId);
  }

  private async syncRequestCount(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query(
      `UPDATE service_requests SET follower_count =
         (SELECT count(*) FROM follows WHERE target_type = 'REQUEST' AND target_id = $1) WHERE id = $1`,
      [requestId],
    );
  }
}
