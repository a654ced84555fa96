/** Queries of the admin's account list and role changes. */
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';
import type { Role } from './user.entity.js';

/** Filters of the account list. */
export interface AccountFilter {
  /** Words of the name or e-mail. */
  search?: string;
  roles?: Role[];
  agencyId?: string;
}

/** Accounts as administrators manage them. */
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of accounts by name (then id), from an offset, and the total. */
  async page(
    filter: AccountFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: UserEntity[]; totalCount: number }> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (filter.roles?.length) qb.andWhere('u.role IN (:...roles)', { roles: filter.roles });
    if (filter.agencyId) qb.andWhere('u.agency_id = :agencyId', { agencyId: filter.agencyId });
    const words = (filter.search ?? '')
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`))
      .filter((w) => w.length > 0)
      .slice(0, 6);
    words.forEach((word, i) => {
      qb.andWhere(`(u.display_name || ' ' || u.email) ILIKE :w${i}`, { [`w${i}`]: `%${word}%` });
    });
    const totalCount = await qb.getCount();
    const rows = await qb
      .orderBy('lower(u.display_name)', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getMany();
    return { rows, totalCount };
  }

  lock(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :id', { id })
      .getOne();
  }

  async agencyExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM agencies WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async setRole(
    manager: EntityManager,
    id: string,
    role: Role,
    agencyId: string | null,
  ): Promise<UserEntity> {
    await manager.getRepository(UserEntity).update({ id }, { role, agencyId });
    return (await manager.getRepository(UserEntity).findOne({ where: { id } }))!;
  }

  /** Other active administrators than this account (so the last one cannot step down). */
  async otherAdmins(manager: EntityManager, id: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN' AND id <> $1 AND blocked_at IS NULL`,
      [id],
    )) as [{ n: number }];
    return row.n;
  }
}
