/** Queries for Open311 API keys: lookup by hash on each keyed request, creation and revocation. */
import type { DataSource, EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

/** API keys. */
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The key with this hash (revoked or not), or null. */
  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { keyHash } });
  }

  /** Locks a key row for update inside a transaction. */
  lockById(manager: EntityManager, id: string): Promise<ApiKeyEntity | null> {
    return manager
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('k.id = :id', { id })
      .getOne();
  }

  async insert(
    manager: EntityManager,
    row: Pick<ApiKeyEntity, 'name' | 'keyHash' | 'prefix' | 'rateLimitPerMinute' | 'createdById'>,
  ): Promise<ApiKeyEntity> {
    const repo = manager.getRepository(ApiKeyEntity);
    return repo.save(repo.create({ ...row, revokedAt: null }));
  }

  async revoke(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(ApiKeyEntity).update({ id }, { revokedAt: at });
  }

  /** One page of keys, newest first (then by id), from an offset, and the total. */
  async page(limit: number, offset: number): Promise<{ rows: ApiKeyEntity[]; totalCount: number }> {
    const [rows, totalCount] = await this.dataSource
      .getRepository(ApiKeyEntity)
      .findAndCount({ order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: limit });
    return { rows, totalCount };
  }

  findById(id: string, manager?: EntityManager): Promise<ApiKeyEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(ApiKeyEntity)
      .findOne({ where: { id } });
  }
}
