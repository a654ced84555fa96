/**
 * Queries of the offline geocoder over the addresses of imported and submitted requests. Addresses
 * are parsed in SQL ("2111 W LEXINGTON ST" → number, direction, name, suffix) so that one street's
 * known points can be found by its parts. Every query is parameterised.
 */
import type { DataSource } from 'typeorm';
import { SUFFIX_PATTERN, type StreetName } from './street-name.js';

/** One known point on a street. */
export interface StreetPoint {
  number: number;
  direction: string;
  name: string;
  suffix: string | null;
  latitude: number;
  longitude: number;
}

/** The closest pair of known points of two streets, with their distance in metres. */
export interface StreetPair {
  a: StreetPoint;
  b: StreetPoint;
  meters: number;
}

/**
 * The points of one street as a SELECT (parameters `$k` name, `$k+1` direction, `$k+2` suffix).
 * The LIKE pre-filter only narrows the scan; the parsed parts decide.
 */
function streetPoints(k: number): string {
  return `SELECT * FROM (
      SELECT p.num, p.dir, regexp_replace(p.rest, '\\s+(${SUFFIX_PATTERN})$', '') AS name,
             substring(p.rest from '\\s(${SUFFIX_PATTERN})$') AS suffix, p.location, p.location_metric
        FROM (SELECT m[1]::int AS num, m[2] AS dir, m[3] AS rest, location, location_metric
                FROM (SELECT regexp_match(upper(address), '^(\\d{1,6})\\s+([NSEW])\\s+(.+)$') AS m,
                             location, location_metric
                        FROM service_requests
                       WHERE address IS NOT NULL AND upper(address) LIKE '%' || $${k} || '%') r
               WHERE m IS NOT NULL) p) s
     WHERE s.name = $${k} AND ($${k + 1}::text IS NULL OR s.dir = $${k + 1})
       AND ($${k + 2}::text IS NULL OR s.suffix = $${k + 2})`;
}

interface Row {
  num: number;
  dir: string;
  name: string;
  suffix: string | null;
  lat: number;
  lon: number;
}

function point(row: Row): StreetPoint {
  return {
    number: row.num,
    direction: row.dir,
    name: row.name,
    suffix: row.suffix,
    latitude: row.lat,
    longitude: row.lon,
  };
}

function params(street: StreetName): (string | null)[] {
  return [street.name, street.direction, street.suffix];
}

/** Street points for geocoding. */
export class GeocoderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Around a house number on a street: the exact number (averaged if reported many times) and the
   * nearest known numbers below and above it on the same street.
   */
  async around(
    street: StreetName,
    number: number,
  ): Promise<{ exact?: StreetPoint; below?: StreetPoint; above?: StreetPoint }> {
    const rows: (Row & { k: 'exact' | 'below' | 'above' })[] = await this.dataSource.query(
      `WITH street AS (${streetPoints(1)})
       (SELECT 'exact' AS k, num, dir, name, suffix,
               ST_Y(ST_Centroid(ST_Collect(location))) AS lat, ST_X(ST_Centroid(ST_Collect(location))) AS lon
          FROM street WHERE num = $4 GROUP BY num, dir, name, suffix ORDER BY count(*) DESC LIMIT 1)
       UNION ALL
       (SELECT 'below', num, dir, name, suffix, ST_Y(location), ST_X(location)
          FROM street WHERE num < $4 ORDER BY num DESC LIMIT 1)
       UNION ALL
       (SELECT 'above', num, dir, name, suffix, ST_Y(location), ST_X(location)
          FROM street WHERE num > $4 ORDER BY num ASC LIMIT 1)`,
      [...params(street), number],
    );
    const found: { exact?: StreetPoint; below?: StreetPoint; above?: StreetPoint } = {};
    for (const row of rows) found[row.k] = point(row);
    return found;
  }

  /** The middle known point of a street (by house number), or undefined when it is unknown. */
  async middle(street: StreetName): Promise<StreetPoint | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `WITH street AS (${streetPoints(1)}),
            ranked AS (SELECT *, row_number() OVER (ORDER BY num) AS i, count(*) OVER () AS n FROM street)
       SELECT num, dir, name, suffix, ST_Y(location) AS lat, ST_X(location) AS lon
         FROM ranked WHERE i = (n + 1) / 2`,
      params(street),
    );
    return rows[0] ? point(rows[0]) : undefined;
  }

  /** Where the known points of two streets come closest (PostGIS nearest neighbour, metric). */
  async closest(a: StreetName, b: StreetName): Promise<StreetPair | undefined> {
    const rows: {
      a_num: number;
      a_dir: string;
      a_name: string;
      a_suffix: string | null;
      a_lat: number;
      a_lon: number;
      b_num: number;
      b_dir: string;
      b_name: string;
      b_suffix: string | null;
      b_lat: number;
      b_lon: number;
      meters: number;
    }[] = await this.dataSource.query(
      `WITH a AS (${streetPoints(1)}), b AS (${streetPoints(4)})
       SELECT a.num AS a_num, a.dir AS a_dir, a.name AS a_name, a.suffix AS a_suffix,
              ST_Y(a.location) AS a_lat, ST_X(a.location) AS a_lon,
              nb.num AS b_num, nb.dir AS b_dir, nb.name AS b_name, nb.suffix AS b_suffix,
              ST_Y(nb.location) AS b_lat, ST_X(nb.location) AS b_lon,
              ST_Distance(a.location_metric, nb.location_metric) AS meters
         FROM a CROSS JOIN LATERAL (
                SELECT * FROM b ORDER BY b.location_metric <-> a.location_metric LIMIT 1) nb
        ORDER BY meters ASC LIMIT 1`,
      [...params(a), ...params(b)],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      a: point({
        num: r.a_num,
        dir: r.a_dir,
        name: r.a_name,
        suffix: r.a_suffix,
        lat: r.a_lat,
        lon: r.a_lon,
      }),
      b: point({
        num: r.b_num,
        dir: r.b_dir,
        name: r.b_name,
        suffix: r.b_suffix,
        lat: r.b_lat,
        lon: r.b_lon,
      }),
      meters: Number(r.meters),
    };
  }

  /**
   * The nearest known street address (of a public service's request) within `maxMeters` of a
   * point, with its distance; undefined when none is that close.
   */
  async nearestAddress(
    latitude: number,
    longitude: number,
    maxMeters: number,
  ): Promise<{ address: string; meters: number } | undefined> {
    const rows: { address: string; meters: number }[] = await this.dataSource.query(
      `WITH p AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 26916) AS g)
       SELECT r.address, ST_Distance(r.location_metric, p.g) AS meters
         FROM service_requests r JOIN service_definitions s ON s.id = r.service_definition_id, p
        WHERE r.address IS NOT NULL AND r.address ~ '^\\d' AND NOT s.is_private
          AND ST_DWithin(r.location_metric, p.g, $3)
        ORDER BY r.location_metric <-> p.g LIMIT 1`,
      [longitude, latitude, maxMeters],
    );
    const row = rows[0];
    return row ? { address: row.address, meters: Number(row.meters) } : undefined;
  }
}
