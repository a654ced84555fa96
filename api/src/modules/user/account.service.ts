/**
 * Accounts as administrators manage them: the list (with e-mail: admins may read it) and role
 * changes. Staff belong to exactly one agency, whose requests they work; other roles have none.
 * The last administrator cannot step down, so the city is never locked out of its own admin pages.
 * Every change goes to the audit log; the new role applies from the account's next request (the
 * session is read afresh each time).
 */
import type { DataSource } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Actor } from './actor.js';
import { isAdmin } from './actor.js';
import type { AccountFilter, AccountRepository } from './account.repository.js';
import type { Role, UserEntity } from './user.entity.js';

/** Bounds of the account list. */
export const ACCOUNT_LIST = { maxPage: 100, maxSearch: 100 } as const;

/** Account administration rules. */
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AccountRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** One page of accounts (admins only). */
  async list(
    actor: Actor,
    filter: AccountFilter,
    first: number,
    offset: number,
  ): Promise<{ rows: UserEntity[]; totalCount: number }> {
    this.requireAdmin(actor);
    if (!Number.isInteger(first) || first < 1 || first > ACCOUNT_LIST.maxPage) {
      throw new BadInputError([
        { field: 'first', message: `must be between 1 and ${ACCOUNT_LIST.maxPage}` },
      ]);
    }
    if ((filter.search?.length ?? 0) > ACCOUNT_LIST.maxSearch) {
      throw new BadInputError([
        { field: 'filter.search', message: `must be at most ${ACCOUNT_LIST.maxSearch} characters` },
      ]);
    }
    return this.repository.page(filter, first, offset);
  }

  /**
   * Sets an account's role and agency (admins only). STAFF needs an agency; RESIDENT and MODERATOR
   * have none; an ADMIN may keep one (to work that agency's requests as staff do).
   */
  async setRole(
    actor: Actor,
    input: { userId: string; role: Role; agencyId?: string | null },
  ): Promise<UserEntity> {
    const adminId = this.requireAdmin(actor);
    const agencyId = input.agencyId ?? null;
    if (input.role === 'STAFF' && !agencyId) {
      throw new BadInputError([{ field: 'input.agencyId', message: 'is required for STAFF' }]);
    }
    if ((input.role === 'RESIDENT' || input.role === 'MODERATOR') && agencyId) {
      throw new BadInputError([
        { field: 'input.agencyId', message: `must be empty for ${input.role}` },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await this.repository.lock(manager, input.userId);
      if (!user) throw new NotFoundError('Account', input.userId);
      if (agencyId && !(await this.repository.agencyExists(manager, agencyId))) {
        throw new BadInputError([{ field: 'input.agencyId', message: 'is not an agency' }]);
      }
      if (user.role === 'ADMIN' && input.role !== 'ADMIN') {
        if ((await this.repository.otherAdmins(manager, user.id)) === 0) {
          throw new ConflictError(
            'This is the last administrator: make someone else an administrator first.',
            [{ field: 'input.role', message: 'the last administrator cannot step down' }],
          );
        }
      }
      if (user.role === input.role && user.agencyId === agencyId) return user;
      const updated = await this.repository.setRole(manager, user.id, input.role, agencyId);
      await this.audit.record(manager, {
        actorId: adminId,
        action: 'user.set_role',
        targetType: 'User',
        targetId: user.id,
        data: {
          from: { role: user.role, agencyId: user.agencyId },
          to: { role: input.role, agencyId },
        },
      });
      return updated;
    });
  }

  private requireAdmin(actor: Actor): string {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isAdmin(actor)) throw new ForbiddenError('Only administrators manage accounts.');
    return actor.user.id;
  }
}
