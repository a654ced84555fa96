/**
 * Media queries: the row of one photo, the photos of many requests at once (for loaders), and the
 * guarded attach that only claims photos nobody has attached yet.
 */
import { In, IsNull } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MediaEntity } from './media.entity.js';

/** The fields an upload supplies; the database fills `createdAt`. */
export type NewMedia = Omit<MediaEntity, 'createdAt' | 'owner' | 'request'>;

/** Persistence of {@link MediaEntity}; the service decides who may do what. */
export class MediaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a stored photo's row and returns it as read back (with `createdAt`). */
  async insert(media: NewMedia): Promise<MediaEntity> {
    const repository = this.dataSource.getRepository(MediaEntity);
    await repository.insert(media);
    return repository.findOneOrFail({ where: { id: media.id } });
  }

  /** One photo by id, or null. The id must already be a valid uuid. */
  findById(id: string): Promise<MediaEntity | null> {
    return this.dataSource.getRepository(MediaEntity).findOne({ where: { id } });
  }

  /**
   * Photos by id, locked FOR UPDATE so two submissions cannot claim the same photo. Needs a
   * manager inside a transaction.
   */
  findByIdsForUpdate(manager: EntityManager, ids: string[]): Promise<MediaEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(MediaEntity).find({
      where: { id: In(ids) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** How many photos a request already has (the per-request cap counts them). */
  countByRequestId(manager: EntityManager, requestId: string): Promise<number> {
    return manager.getRepository(MediaEntity).count({ where: { requestId } });
  }

  /** Photos of many requests in one query, oldest first: the batch function behind a loader. */
  findByRequestIds(requestIds: readonly string[]): Promise<MediaEntity[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(MediaEntity).find({
      where: { requestId: In([...requestIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Attaches photos to a request, but only those still unattached (`request_id IS NULL`); returns
   * how many rows were claimed so the caller can tell a lost race from success.
   */
  async attachToRequest(
    manager: EntityManager,
    mediaIds: string[],
    requestId: string,
  ): Promise<number> {
    if (mediaIds.length === 0) return 0;
    const result = await manager
      .getRepository(MediaEntity)
      .update({ id: In(mediaIds), requestId: IsNull() }, { requestId });
    return result.affected ?? 0;
  }

  /** Removes a row (used when a stored upload must be rolled back). */
  async delete(id: string): Promise<void> {
    await this.dataSource.getRepository(MediaEntity).delete({ id });
  }
}
