/** Area queries, including the point-in-polygon lookups used when a request is written. */
import type { DataSource } from 'typeorm';
import { AreaEntity } from './area.entity.js';
import type { AreaKind } from './area.entity.js';

/** Ward and community area holding a point. */
export interface AreaLocation {
  ward: number | null;
  communityArea: number | null;
}

/** Areas. */
export class AreaRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(kind?: AreaKind): Promise<AreaEntity[]> {
    return this.dataSource.getRepository(AreaEntity).find({
      where: kind ? { kind } : {},
      order: { kind: 'ASC', number: 'ASC' },
    });
  }

  findById(id: string): Promise<AreaEntity | null> {
    return this.dataSource.getRepository(AreaEntity).findOne({ where: { id } });
  }

  findByKindNumber(kind: AreaKind, number: number): Promise<AreaEntity | null> {
    return this.dataSource.getRepository(AreaEntity).findOne({ where: { kind, number } });
  }

  /** The ward and community area covering a point (GiST on boundary). Null ward = outside the city. */
  async locate(latitude: number, longitude: number): Promise<AreaLocation> {
    const rows: { kind: AreaKind; number: number }[] = await this.dataSource.query(
      `SELECT kind, number FROM areas
        WHERE kind IN ('WARD', 'COMMUNITY_AREA')
          AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
        ORDER BY kind, number`,
      [longitude, latitude],
    );
    return {
      ward: rows.find((r) => r.kind === 'WARD')?.number ?? null,
      communityArea: rows.find((r) => r.kind === 'COMMUNITY_AREA')?.number ?? null,
    };
  }

  /** A point on the area's surface (inside it even when the shape is concave). */
  async pointInside(id: string): Promise<{ latitude: number; longitude: number } | null> {
    const rows: { latitude: number; longitude: number }[] = await this.dataSource.query(
      `SELECT ST_Y(p) AS latitude, ST_X(p) AS longitude
         FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE id = $1) s`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The ward and community area rows of a place (for notifying their followers). */
  async findForPlace(ward: number | null, communityArea: number | null): Promise<AreaEntity[]> {
    return this.dataSource.getRepository(AreaEntity).find({
      where: [
        ...(ward !== null ? [{ kind: 'WARD' as const, number: ward }] : []),
        ...(communityArea !== null
          ? [{ kind: 'COMMUNITY_AREA' as const, number: communityArea }]
          : []),
      ],
    });
  }

  /** Whether any ward boundary is loaded (a city without wards cannot check locations). */
  async hasWards(): Promise<boolean> {
    return this.dataSource.getRepository(AreaEntity).exists({ where: { kind: 'WARD' } });
  }

  /** Open public requests per area, for a batch of areas. */
  async openCounts(areas: readonly { kind: AreaKind; number: number }[]): Promise<number[]> {
    if (areas.length === 0) return [];
    const rows: { kind: AreaKind; number: number; count: number }[] = await this.dataSource.query(
      `SELECT 'WARD' AS kind, r.ward AS number, count(*)::int AS count
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE r.status = 'OPEN' AND NOT s.is_private AND r.ward = ANY($1::int[])
        GROUP BY r.ward
       UNION ALL
       SELECT 'COMMUNITY_AREA', r.community_area, count(*)::int
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id
        WHERE r.status = 'OPEN' AND NOT s.is_private AND r.community_area = ANY($2::int[])
        GROUP BY r.community_area`,
      [
        areas.filter((a) => a.kind === 'WARD').map((a) => a.number),
        areas.filter((a) => a.kind === 'COMMUNITY_AREA').map((a) => a.number),
      ],
    );
    const map = new Map(rows.map((r) => [`${r.kind}:${r.number}`, r.count]));
    return areas.map((a) => map.get(`${a.kind}:${a.number}`) ?? 0);
  }

  /** The area's boundary as GeoJSON, simplified to about `toleranceMeters`. */
  async boundaryGeoJson(id: string, toleranceDegrees: number): Promise<string | null> {
    const rows: { geojson: string }[] = await this.dataSource.query(
      `SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(boundary, $2), 6) AS geojson FROM areas WHERE id = $1`,
      [id, toleranceDegrees],
    );
    return rows[0]?.geojson ?? null;
  }
}
