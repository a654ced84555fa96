/** Writes of the service catalogue by administrators: a service and its questions, replaced whole. */
import type { DataSource, EntityManager } from 'typeorm';
import type { Translations } from '../../lib/language.js';
import { ServiceAttributeEntity, ServiceDefinitionEntity } from './service-definition.entity.js';
import type {
  AttributeDatatype,
  AttributeText,
  AttributeValue,
  ServiceText,
  ServiceType,
} from './service-definition.entity.js';

/** A service's own fields as written. */
export interface ServiceFields {
  name: string;
  description: string;
  group: string;
  keywords: string[];
  agencyId: string;
  type: ServiceType;
  active: boolean;
  isPrivate: boolean;
  slaDays: number | null;
  translations: Translations<ServiceText>;
}

/** One question as written. */
export interface AttributeFields {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  variable: boolean;
  description: string;
  datatypeDescription: string | null;
  order: number;
  values: AttributeValue[];
  /** Undefined: a question that exists keeps its translations (a new one has none). */
  translations?: Translations<AttributeText>;
}

/** Catalogue writes. */
export class CatalogueAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every service, inactive ones too, with questions, by group and name (the admin list). */
  all(): Promise<ServiceDefinitionEntity[]> {
    return this.dataSource
      .getRepository(ServiceDefinitionEntity)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.attributes', 'a')
      .orderBy('s.group', 'ASC')
      .addOrderBy('s.name', 'ASC')
      .addOrderBy('a.order', 'ASC')
      .getMany();
  }

  /** The service with this code, locked for the rest of the transaction, or null. */
  lockByCode(manager: EntityManager, code: string): Promise<ServiceDefinitionEntity | null> {
    return manager
      .getRepository(ServiceDefinitionEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.code = :code', { code })
      .getOne();
  }

  /** Serialises creations of one code (two admins creating it at once). */
  async lockCode(manager: EntityManager, code: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `service:${code}`,
    ]);
  }

  async agencyExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM agencies WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** A slug not used by another service: `base`, else `base_2`, `base_3`… */
  async freeSlug(manager: EntityManager, base: string): Promise<string> {
    const rows: { slug: string }[] = await manager.query(
      `SELECT slug FROM service_definitions WHERE slug = $1 OR slug LIKE $2`,
      [base, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}\\_%`],
    );
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
  }

  async insert(
    manager: EntityManager,
    values: ServiceFields & { code: string; slug: string },
  ): Promise<ServiceDefinitionEntity> {
    const repo = manager.getRepository(ServiceDefinitionEntity);
    return repo.save(repo.create(values));
  }

  /** Changes the service's fields and marks the catalogue changed (Open311 discovery). */
  async update(manager: EntityManager, id: string, values: ServiceFields): Promise<void> {
    await manager.getRepository(ServiceDefinitionEntity).update({ id }, values);
    await manager.query(`UPDATE service_definitions SET updated_at = now() WHERE id = $1`, [id]);
  }

  /** Replaces the questions: those not listed are removed, the others written as given. */
  async replaceAttributes(
    manager: EntityManager,
    serviceDefinitionId: string,
    attributes: AttributeFields[],
  ): Promise<void> {
    const repo = manager.getRepository(ServiceAttributeEntity);
    const existing = await repo.find({ where: { serviceDefinitionId } });
    const keep = new Set(attributes.map((a) => a.code));
    const gone = existing.filter((a) => !keep.has(a.code)).map((a) => a.id);
    if (gone.length) await repo.delete(gone);
    const byCode = new Map(existing.map((a) => [a.code, a]));
    for (const { translations, ...attribute } of attributes) {
      const row = byCode.get(attribute.code);
      const written = translations ? { ...attribute, translations } : attribute;
      if (row) await repo.update({ id: row.id }, written);
      else await repo.insert({ ...written, serviceDefinitionId });
    }
  }

  findById(manager: EntityManager, id: string): Promise<ServiceDefinitionEntity | null> {
    return manager
      .getRepository(ServiceDefinitionEntity)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.attributes', 'a')
      .where('s.id = :id', { id })
      .orderBy('a.order', 'ASC')
      .getOne();
  }
}
