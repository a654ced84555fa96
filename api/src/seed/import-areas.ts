/**
 * Loads ward and community-area boundaries from GeoJSON into `areas`. Requests get their ward and
 * community area from these polygons by point-in-polygon, so a bad polygon here is a wrong ward on
 * every request near it: features are validated one by one and an invalid ring is repaired with
 * `ST_MakeValid` rather than stored as is.
 */
import type { DataSource } from 'typeorm';
import type { AreaKind } from '../modules/area/area.entity.js';

/** Counts of one area import. `unchanged` areas were already stored with the same name and shape. */
export interface AreaImportResult {
  imported: number;
  updated: number;
  unchanged: number;
}

/** A GeoJSON file that cannot be imported; the message names the feature at fault. */
export class AreaImportError extends Error {}

interface ParsedArea {
  number: number;
  name: string;
  geometry: string;
}

/** Upper-case words that title-casing would get wrong. */
const NAME_EXCEPTIONS: Record<string, string> = {
  OHARE: "O'Hare",
  "O'HARE": "O'Hare",
  MCKINLEY: 'McKinley',
};

/** "WEST GARFIELD PARK" → "West Garfield Park", "OHARE" → "O'Hare". */
export function titleCaseAreaName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const upper = word.toUpperCase();
      return NAME_EXCEPTIONS[upper] ?? upper.charAt(0) + upper.slice(1).toLowerCase();
    })
    .join(' ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberProperty(props: Record<string, unknown>, keys: readonly string[]): number | null {
  for (const key of keys) {
    const raw = props[key];
    if (raw === undefined || raw === null || raw === '') continue;
    const value = Number(raw);
    if (Number.isInteger(value) && value > 0) return value;
  }
  return null;
}

function parseFeatures(geojson: string | unknown, kind: AreaKind): ParsedArea[] {
  let doc: unknown = geojson;
  if (typeof geojson === 'string') {
    try {
      doc = JSON.parse(geojson);
    } catch (error) {
      throw new AreaImportError(`The file is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isRecord(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new AreaImportError('Expected a GeoJSON FeatureCollection with a "features" array.');
  }
  if (doc.features.length === 0)
    throw new AreaImportError('The FeatureCollection has no features.');
  const numberKeys =
    kind === 'WARD' ? ['ward', 'ward_id'] : ['area_numbe', 'area_num_1', 'area_number'];
  const seen = new Map<number, number>();
  return doc.features.map((feature: unknown, index: number): ParsedArea => {
    const where = `feature ${index}`;
    if (!isRecord(feature) || feature.type !== 'Feature') {
      throw new AreaImportError(`${where} is not a GeoJSON Feature.`);
    }
    const props = isRecord(feature.properties) ? feature.properties : {};
    const geometry = feature.geometry;
    if (!isRecord(geometry) || !['Polygon', 'MultiPolygon'].includes(String(geometry.type))) {
      throw new AreaImportError(`${where} has no Polygon or MultiPolygon geometry.`);
    }
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      throw new AreaImportError(`${where} has empty coordinates.`);
    }
    const number = numberProperty(props, numberKeys);
    if (number === null) {
      throw new AreaImportError(
        `${where} has no positive integer in ${numberKeys.map((k) => `"${k}"`).join(' or ')}.`,
      );
    }
    const previous = seen.get(number);
    if (previous !== undefined) {
      throw new AreaImportError(`${where} repeats number ${number} of feature ${previous}.`);
    }
    seen.set(number, index);
    const rawName = kind === 'WARD' ? undefined : (props.community ?? props.name);
    const name =
      typeof rawName === 'string' && rawName.trim() !== ''
        ? titleCaseAreaName(rawName)
        : kind === 'WARD'
          ? `Ward ${number}`
          : `Community area ${number}`;
    return { number, name, geometry: JSON.stringify(geometry) };
  });
}

/**
 * Imports the boundaries of one kind of area. Keyed by (kind, number): a new number is inserted, a
 * changed name or shape is updated, an identical one is left alone. All or nothing: one transaction.
 */
export async function importAreas(
  ds: DataSource,
  geojson: string | unknown,
  kind: AreaKind,
): Promise<AreaImportResult> {
  const areas = parseFeatures(geojson, kind);
  const result: AreaImportResult = { imported: 0, updated: 0, unchanged: 0 };
  await ds.transaction(async (manager) => {
    for (const [index, area] of areas.entries()) {
      let rows: { inserted: boolean }[];
      try {
        rows = await manager.query(
          `WITH raw AS (
             SELECT ST_SetSRID(ST_GeomFromGeoJSON($4), 4326) AS g
           ), fixed AS (
             SELECT ST_Multi(
                      CASE WHEN ST_IsValid(g) THEN g
                           ELSE ST_CollectionExtract(ST_MakeValid(g), 3) END
                    ) AS g
             FROM raw
           )
           INSERT INTO areas (kind, number, name, boundary)
           SELECT $1, $2, $3, g FROM fixed
           ON CONFLICT (kind, number) DO UPDATE
             SET name = EXCLUDED.name, boundary = EXCLUDED.boundary
             WHERE areas.name IS DISTINCT FROM EXCLUDED.name
                OR ST_AsEWKB(areas.boundary) IS DISTINCT FROM ST_AsEWKB(EXCLUDED.boundary)
           RETURNING (xmax = 0) AS inserted`,
          [kind, area.number, area.name, area.geometry],
        );
      } catch (error) {
        throw new AreaImportError(
          `feature ${index} (${kind} ${area.number}) was refused by PostGIS: ${(error as Error).message}`,
        );
      }
      const row = rows[0];
      if (!row) result.unchanged += 1;
      else if (row.inserted) result.imported += 1;
      else result.updated += 1;
    }
  });
  return result;
}
