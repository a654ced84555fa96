/**
 * Areas: the city's wards and community areas (and later other districts). A request's ward and
 * community area are derived from these boundaries by point-in-polygon when it is written.
 */
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { MultiPolygon } from 'typeorm';

/** Kinds of area Stoop knows. */
export const AREA_KINDS = ['WARD', 'COMMUNITY_AREA'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** One area boundary, stored as `geometry(MultiPolygon,4326)`. */
@Entity({ name: 'areas' })
@Unique('uq_areas_kind_number', ['kind', 'number'])
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: AreaKind;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  name: string;

  @Index('idx_areas_boundary', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326, select: false })
  boundary: MultiPolygon;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
