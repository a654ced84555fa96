/** Comment queries. */
import type { DataSource, EntityManager } from 'typeorm';
import { CommentEntity } from './comment.entity.js';
import type { CommentTarget } from './comment.entity.js';

/** Comments. */
export class CommentRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager?: EntityManager): Promise<CommentEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(CommentEntity)
      .findOne({ where: { id } });
  }

  insert(
    manager: EntityManager,
    values: Pick<CommentEntity, 'targetType' | 'targetId' | 'authorId' | 'parentId' | 'body'>,
  ) {
    const repo = manager.getRepository(CommentEntity);
    return repo.save(repo.create({ ...values, editedAt: null, deletedAt: null, hiddenAt: null }));
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<CommentEntity, 'body' | 'editedAt' | 'deletedAt' | 'hiddenAt'>>,
  ) {
    await manager.getRepository(CommentEntity).update({ id }, changes);
  }

  /** A page of top-level comments on a target, oldest first. */
  async page(
    targetType: CommentTarget,
    targetId: string,
    first: number,
    after?: [string, string],
  ): Promise<{ rows: CommentEntity[]; hasNextPage: boolean; totalCount: number }> {
    const qb = this.dataSource
      .getRepository(CommentEntity)
      .createQueryBuilder('c')
      .where('c.target_type = :targetType AND c.target_id = :targetId AND c.parent_id IS NULL', {
        targetType,
        targetId,
      });
    const totalCount = await qb.clone().getCount();
    if (after)
      qb.andWhere('(c.created_at, c.id) > (:at, :id)', { at: new Date(after[0]), id: after[1] });
    const rows = await qb
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(first + 1)
      .getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }

  /** Replies of many comments, oldest first (loader batch). */
  async repliesOf(parentIds: readonly string[]): Promise<CommentEntity[]> {
    if (parentIds.length === 0) return [];
    return this.dataSource
      .getRepository(CommentEntity)
      .createQueryBuilder('c')
      .where('c.parent_id IN (:...parentIds)', { parentIds })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  /** Display names of authors (public). */
  async authorNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; display_name: string }[] = await this.dataSource.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}
