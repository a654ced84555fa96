/** Queries for accounts and sessions. */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AgencyEntity } from '../agency/agency.entity.js';
import { SessionEntity, UserEntity } from './user.entity.js';

/** Hashes a session token for storage and lookup. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Accounts, sessions and agencies. */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.id IN (:...ids)', { ids })
      .getMany();
  }

  /** Includes the password hash (not selected by default). */
  findByEmailWithHash(email: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  async emailTaken(email: string, manager?: EntityManager): Promise<boolean> {
    const m = manager ?? this.dataSource.manager;
    return m.getRepository(UserEntity).exists({ where: { email: email.toLowerCase() } });
  }

  create(manager: EntityManager, user: Partial<UserEntity>): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create(user));
  }

  /** Changes profile fields of an account and returns it. */
  async updateProfile(
    id: string,
    changes: Partial<Pick<UserEntity, 'displayName' | 'locale'>>,
  ): Promise<UserEntity | null> {
    if (Object.keys(changes).length) {
      await this.dataSource.getRepository(UserEntity).update({ id }, changes);
    }
    return this.findById(id);
  }

  /** Creates a session and returns its (unhashed) token; only the hash is stored. */
  async createSession(
    userId: string,
    ttlDays: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
    await this.dataSource
      .getRepository(SessionEntity)
      .insert({ tokenHash: hashSessionToken(token), userId, expiresAt });
    return { token, expiresAt };
  }

  /** The user of a live session, or null. */
  async findUserBySessionHash(tokenHash: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(SessionEntity, 's', 's.user_id = u.id')
      .where('s.token_hash = :tokenHash AND s.expires_at > now()', { tokenHash })
      .getOne();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).delete({ tokenHash });
  }

  findAgencyById(id: string): Promise<AgencyEntity | null> {
    return this.dataSource.getRepository(AgencyEntity).findOne({ where: { id } });
  }

  findAgenciesByIds(ids: readonly string[]): Promise<AgencyEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(AgencyEntity)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids })
      .getMany();
  }
}
