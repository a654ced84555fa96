/** Queries for the service catalogue. */
import type { DataSource } from 'typeorm';
import { AgencyEntity } from '../agency/agency.entity.js';
import { ServiceAttributeEntity, ServiceDefinitionEntity } from './service-definition.entity.js';

/** The service catalogue. */
export class ServiceDefinitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Active services, optionally in one group and matching words of `search` against name,
   * keywords, group and description (every word must match somewhere, case- and accent-insensitive).
   */
  async search(options: {
    search?: string;
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
    const words = (options.search ?? '')
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.replace(/[%_\\]/g, ''))
      .filter((w) => w.length > 0)
      .slice(0, 8);
    words.forEach((word, i) => {
      qb.andWhere(
        `(s.name || ' ' || s.group_name || ' ' || s.description || ' ' || array_to_string(s.keywords, ' ')) ILIKE :w${i}`,
        { [`w${i}`]: `%${word}%` },
      );
    });
    return qb.getMany();
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
