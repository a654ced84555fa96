/**
 * Agencies: the city departments. Their names and codes are public (Open311 shows them); how many
 * staff accounts each has is for staff and admins.
 */
import type { Actor } from '../user/actor.js';
import { isStaff } from '../user/actor.js';
import type { AgencyEntity } from './agency.entity.js';
import type { AgencyRepository, AgencyRow } from './agency.repository.js';

/** Agency rules. */
export class AgencyService {
  constructor(private readonly repository: AgencyRepository) {}

  /** Every agency by name; staff counts only for staff and admins (null for others). */
  async list(
    actor: Actor,
  ): Promise<(Omit<AgencyRow, 'staffCount'> & { staffCount: number | null })[]> {
    const rows = await this.repository.listWithCounts();
    const staff = isStaff(actor);
    return rows.map((r) => ({ ...r, staffCount: staff ? r.staffCount : null }));
  }

  /** One agency, or null. */
  find(id: string): Promise<AgencyEntity | null> {
    return this.repository.findById(id);
  }
}
