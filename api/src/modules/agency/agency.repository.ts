/** Queries for agencies. */
import type { DataSource } from 'typeorm';
import { AgencyEntity } from './agency.entity.js';

/** Agencies with how many services and staff each has. */
export interface AgencyRow {
  agency: AgencyEntity;
  serviceCount: number;
  staffCount: number;
}

/** The city's agencies. */
export class AgencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every agency by name, with its counts of services (active or not) and staff accounts. */
  async listWithCounts(): Promise<AgencyRow[]> {
    const rows: { id: string; services: number; staff: number }[] = await this.dataSource.query(
      `SELECT a.id,
              (SELECT count(*)::int FROM service_definitions s WHERE s.agency_id = a.id) AS services,
              (SELECT count(*)::int FROM users u WHERE u.agency_id = a.id AND u.role = 'STAFF') AS staff
         FROM agencies a ORDER BY a.name, a.id`,
    );
    const entities = await this.dataSource.getRepository(AgencyEntity).find();
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => ({
      agency: byId.get(r.id)!,
      serviceCount: r.services,
      staffCount: r.staff,
    }));
  }

  findById(id: string): Promise<AgencyEntity | null> {
    return this.dataSource.getRepository(AgencyEntity).findOne({ where: { id } });
  }
}
