/** Queries for the service catalogue. */
import type { DataSource } from 'typeorm';
import { AgencyEntity } from '../agency/agency.entity.js';
import { ServiceAttributeEntity, ServiceDefinitionEntity } from './service-definition.entity.js';

/** The service catalogue. */
export class ServiceDefinitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Active services with their questions, optionally in one group, by group and name. */
  async list(options: {
    group?: string;
    includePrivate: boolean;
  }): Promise<ServiceDefinitionEntity[]> {
    const qb = this.dataSource
      .getRepository(ServiceDefinitionEntity)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.attributes', 'a')
      .where('s.active = true')
      .orderBy('s.group', 'ASC')
      .addOrderBy('s.name', 'ASC')
      .addOrderBy('a.order', 'ASC');
    if (!options.includePrivate) qb.andWhere('s.is_private = false');
    if (options.group) qb.andWhere('lower(s.group_name) = lower(:group)', { group: options.group });
    return qb.getMany();
  }

  /**
   * Requests per service id among the latest `sample` requests (how commonly each service is
   * reported now; bounded work on the requested_at index whatever the size of the history).
   */
  async requestCounts(sample = 50_000): Promise<Map<string, number>> {
    const rows: { id: string; n: number }[] = await this.dataSource.query(
      `SELECT service_definition_id AS id, count(*)::int AS n
         FROM (SELECT service_definition_id FROM service_requests
                ORDER BY requested_at DESC LIMIT $1) latest
        GROUP BY service_definition_id`,
      [sample],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  findByCode(code: string): Promise<ServiceDefinitionEntity | null> {
    return this.dataSource
      .getRepository(ServiceDefinitionEntity)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.attributes', 'a')
      .where('s.code = :code', { code })
      .orderBy('a.order', 'ASC')
      .getOne();
  }

  findByIds(ids: readonly string[]): Promise<ServiceDefinitionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ServiceDefinitionEntity)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.attributes', 'a')
      .where('s.id IN (:...ids)', { ids })
      .orderBy('a.order', 'ASC')
      .getMany();
  }

  attributesOf(serviceDefinitionId: string): Promise<ServiceAttributeEntity[]> {
    return this.dataSource
      .getRepository(ServiceAttributeEntity)
      .find({ where: { serviceDefinitionId }, order: { order: 'ASC' } });
  }

  findAgenciesByIds(ids: readonly string[]): Promise<AgencyEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(AgencyEntity)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids })
      .getMany();
  }

  /** Last change to any service or its questions (Open311 discovery's `changeset`). */
  async lastChangedAt(): Promise<Date | null> {
    const [row] = (await this.dataSource.query(
      `SELECT max(updated_at) AS at FROM service_definitions`,
    )) as [{ at: Date | string | null }];
    return row.at ? new Date(row.at) : null;
  }

  /** Distinct groups of active public services. */
  async groups(): Promise<string[]> {
    const rows: { group: string }[] = await this.dataSource.query(
      `SELECT DISTINCT group_name AS "group" FROM service_definitions
        WHERE active AND NOT is_private ORDER BY 1`,
    );
    return rows.map((r) => r.group);
  }
}
