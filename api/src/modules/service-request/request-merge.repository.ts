/** Queries for merging duplicates and for requests to reopen. */
import type { EntityManager } from 'typeorm';
import { ReopenRequestEntity } from './reopen-request.entity.js';

/** Duplicates and reopen requests. */
export class RequestMergeRepository {
  /** Closes a request as a duplicate of another. */
  async closeAsDuplicate(
    manager: EntityManager,
    id: string,
    originalId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE service_requests SET status = 'CLOSED', detailed_status = 'DUPLICATE', duplicate_of_id = $2,
              closed_at = $3, updated_at = $3 WHERE id = $1`,
      [id, originalId, at],
    );
  }

  /** Requests already closed as duplicates of this one (they follow it to a new original). */
  async repointDuplicates(manager: EntityManager, fromId: string, toId: string): Promise<void> {
    await manager.query(
      `UPDATE service_requests SET duplicate_of_id = $2 WHERE duplicate_of_id = $1`,
      [fromId, toId],
    );
  }

  async insertReopen(
    manager: EntityManager,
    values: Pick<ReopenRequestEntity, 'requestId' | 'requesterId' | 'reason'>,
  ) {
    const repo = manager.getRepository(ReopenRequestEntity);
    return repo.save(repo.create({ ...values, status: 'PENDING' }));
  }

  async pendingReopen(
    manager: EntityManager,
    requestId: string,
  ): Promise<ReopenRequestEntity | null> {
    return manager
      .getRepository(ReopenRequestEntity)
      .findOne({ where: { requestId, status: 'PENDING' } });
  }

  async lockReopen(manager: EntityManager, id: string): Promise<ReopenRequestEntity | null> {
    return manager
      .getRepository(ReopenRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async decide(
    manager: EntityManager,
    id: string,
    decision: Pick<ReopenRequestEntity, 'status' | 'decidedById' | 'decisionNote'>,
  ): Promise<void> {
    await manager
      .getRepository(ReopenRequestEntity)
      .update({ id }, { ...decision, decidedAt: new Date() });
  }

  /** Whether a user supports a request. */
  async isSupporter(manager: EntityManager, userId: string, requestId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM supports WHERE user_id = $1 AND request_id = $2`,
      [userId, requestId],
    );
    return rows.length > 0;
  }

  /** Pending reopen requests of many service requests (loader batch). */
  async pendingFor(
    requestIds: readonly string[],
    manager: EntityManager,
  ): Promise<ReopenRequestEntity[]> {
    if (requestIds.length === 0) return [];
    return manager
      .getRepository(ReopenRequestEntity)
      .createQueryBuilder('r')
      .where('r.request_id IN (:...ids) AND r.status = :status', {
        ids: requestIds,
        status: 'PENDING',
      })
      .getMany();
  }
}
