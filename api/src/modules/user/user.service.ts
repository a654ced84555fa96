/**
 * Accounts and sessions: sign-up, sign-in, sign-out and resolving a session cookie to an actor.
 * Sign-in failures say the same thing whether the e-mail exists or not.
 */
import type { DataSource } from 'typeorm';
import { BadInputError, ForbiddenError, UnauthenticatedError } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import type { Actor } from './actor.js';
import { hashPassword, verifyPassword } from './password.js';
import type { UserEntity } from './user.entity.js';
import { hashSessionToken, UserRepository } from './user.repository.js';

/** How long a session lasts. */
export const SESSION_DAYS = 30;
/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 10;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new session for the HTTP layer to put in a cookie. */
export interface IssuedSession {
  user: UserEntity;
  token: string;
  expiresAt: Date;
}

/** Account rules. */
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
  ) {}

  /** Creates a resident account and signs it in. */
  async signUp(
    _actor: Actor,
    input: { email: string; password: string; displayName: string; locale?: string },
  ): Promise<IssuedSession> {
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim();
    const problems: FieldProblem[] = [];
    if (!EMAIL.test(email) || email.length > 254) {
      problems.push({ field: 'input.email', message: 'must be a valid e-mail address' });
    }
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      problems.push({
        field: 'input.password',
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
      });
    }
    if (displayName.length < 1 || displayName.length > 80) {
      problems.push({ field: 'input.displayName', message: 'must be 1 to 80 characters' });
    }
    if (problems.length) throw new BadInputError(problems);
    const passwordHash = await hashPassword(input.password);
    const user = await this.dataSource.transaction(async (manager) => {
      if (await this.users.emailTaken(email, manager)) {
        throw new BadInputError([
          { field: 'input.email', message: 'an account with this e-mail already exists' },
        ]);
      }
      return this.users.create(manager, {
        email,
        displayName,
        passwordHash,
        role: 'RESIDENT',
        locale: input.locale === 'es' ? 'es' : 'en',
      });
    });
    const session = await this.users.createSession(user.id, SESSION_DAYS);
    return { user, ...session };
  }

  /** Checks credentials and opens a session. */
  async signIn(_actor: Actor, input: { email: string; password: string }): Promise<IssuedSession> {
    const user = await this.users.findByEmailWithHash(input.email.trim());
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : false;
    if (!user || !ok) throw new UnauthenticatedError('E-mail or password is not correct.');
    if (user.blockedAt || (user.blockedUntil && user.blockedUntil > new Date()))
      throw new ForbiddenError('This account is blocked.');
    const session = await this.users.createSession(user.id, SESSION_DAYS);
    return { user, ...session };
  }

  /** Ends the caller's session. */
  async signOut(actor: Actor): Promise<boolean> {
    if (!actor.sessionTokenHash) return false;
    await this.users.deleteSession(actor.sessionTokenHash);
    return true;
  }

  /**
   * Changes the caller's own display name and language (the language of the interface when
   * signed in, and of e-mail and texts). Omitted fields stay.
   */
  async updateProfile(
    actor: Actor,
    input: { displayName?: string | null; locale?: string | null },
  ): Promise<UserEntity> {
    if (!actor.user) throw new UnauthenticatedError();
    const changes: { displayName?: string; locale?: string } = {};
    const problems: FieldProblem[] = [];
    if (input.displayName !== undefined && input.displayName !== null) {
      const displayName = input.displayName.trim();
      if (displayName.length < 1 || displayName.length > 80) {
        problems.push({ field: 'input.displayName', message: 'must be 1 to 80 characters' });
      } else changes.displayName = displayName;
    }
    if (input.locale !== undefined && input.locale !== null) {
      if (input.locale !== 'en' && input.locale !== 'es') {
        problems.push({ field: 'input.locale', message: 'must be en or es' });
      } else changes.locale = input.locale;
    }
    if (problems.length) throw new BadInputError(problems);
    const user = await this.users.updateProfile(actor.user.id, changes);
    if (!user) throw new UnauthenticatedError();
    return user;
  }

  /** The caller's account, or null when anonymous. */
  async viewer(actor: Actor): Promise<UserEntity | null> {
    return actor.user ? this.users.findById(actor.user.id) : null;
  }

  /** Resolves a session cookie value to an actor (anonymous when unknown or expired). */
  async actorFromSessionToken(token: string | undefined): Promise<Actor> {
    if (!token) return { user: null };
    const tokenHash = hashSessionToken(token);
    const user = await this.users.findUserBySessionHash(tokenHash);
    if (!user || user.blockedAt) return { user: null };
    if (user.blockedUntil && user.blockedUntil > new Date()) return { user: null };
    return {
      user: {
        id: user.id,
        role: user.role,
        agencyId: user.agencyId,
        displayName: user.displayName,
      },
      sessionTokenHash: tokenHash,
    };
  }
}
