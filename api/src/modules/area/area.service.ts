/** Areas as the public sees them, and where a point lies. */
import { NotFoundError } from '../../lib/errors.js';
import type { Actor } from '../user/actor.js';
import type { AreaEntity, AreaKind } from './area.entity.js';
import type { AreaLocation, AreaRepository } from './area.repository.js';

/** Area rules. */
export class AreaService {
  constructor(private readonly repository: AreaRepository) {}

  list(_actor: Actor, kind?: AreaKind): Promise<AreaEntity[]> {
    return this.repository.list(kind);
  }

  async get(_actor: Actor, id: string): Promise<AreaEntity> {
    const area = await this.repository.findById(id);
    if (!area) throw new NotFoundError('Area', id);
    return area;
  }

  find(id: string): Promise<AreaEntity | null> {
    return this.repository.findById(id);
  }

  /** Ward and community area of a point; ward null means outside the city. */
  locate(latitude: number, longitude: number): Promise<AreaLocation> {
    return this.repository.locate(latitude, longitude);
  }

  /** The ward and community area of a place, as areas. */
  forPlace(ward: number | null, communityArea: number | null): Promise<AreaEntity[]> {
    if (ward === null && communityArea === null) return Promise.resolve([]);
    return this.repository.findForPlace(ward, communityArea);
  }

  /** Batch loader: open request counts per area. */
  openCounts(areas: readonly { kind: AreaKind; number: number }[]): Promise<number[]> {
    return this.repository.openCounts(areas);
  }

  /** A point inside the area (PostGIS ST_PointOnSurface), or null for an unknown area. */
  pointInside(_actor: Actor, id: string): Promise<{ latitude: number; longitude: number } | null> {
    return this.repository.pointInside(id);
  }

  boundaryGeoJson(_actor: Actor, id: string, simplify: boolean): Promise<string | null> {
    return this.repository.boundaryGeoJson(id, simplify ? 0.0002 : 0);
  }
}
