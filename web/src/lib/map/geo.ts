/**
 * Small geometry helpers of the map pages: area boundaries (GeoJSON strings from the API) into
 * one FeatureCollection for the map, their bounds, distances and viewport tests. Plain
 * arithmetic, no map library, so the list and filters work before (or without) the map.
 *
 * Terms: a bbox is a viewport in WGS84 degrees (`south`, `west`, `north`, `east`), as the API's
 * BBoxInput; positions inside GeoJSON are `[longitude, latitude]`.
 */

/** A viewport in degrees, the shape of the API's BBoxInput. */
export interface BBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** A GeoJSON feature of one area, with its number and name for labels. */
export interface AreaFeature {
  type: 'Feature';
  properties: { number: number; name: string };
  geometry: { type: string; coordinates: unknown };
}

/** The boundaries of several areas as one FeatureCollection (areas without one are left out). */
export function areaFeatures(
  areas: readonly { number: number; name: string; boundaryGeoJson?: string | null }[],
): { type: 'FeatureCollection'; features: AreaFeature[] } {
  const features: AreaFeature[] = [];
  for (const a of areas) {
    if (!a.boundaryGeoJson) continue;
    try {
      const geometry = JSON.parse(a.boundaryGeoJson) as AreaFeature['geometry'];
      features.push({ type: 'Feature', properties: { number: a.number, name: a.name }, geometry });
    } catch {
      // a malformed boundary is skipped; the list still works
    }
  }
  return { type: 'FeatureCollection', features };
}

/** The bounds of any GeoJSON geometry, feature or collection; null when it has no positions. */
export function boundsOf(geojson: unknown): BBox | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) {
      if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if ('coordinates' in o) visit(o.coordinates);
        else if ('geometry' in o) visit(o.geometry);
        else if ('features' in o) visit(o.features);
      }
      return;
    }
    if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [lng, lat] = value as [number, number];
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      west = Math.min(west, lng);
      east = Math.max(east, lng);
      return;
    }
    for (const v of value) visit(v);
  };
  visit(geojson);
  return Number.isFinite(south) ? { south, west, north, east } : null;
}

/** Metres between two points (haversine). */
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

/** Whether a point lies inside a viewport. */
export function inBBox(bbox: BBox, p: { latitude: number; longitude: number }): boolean {
  return (
    p.latitude >= bbox.south &&
    p.latitude <= bbox.north &&
    p.longitude >= bbox.west &&
    p.longitude <= bbox.east
  );
}

/** A viewport rounded outward to 4 decimals (about 10 m), so tiny pans do not re-query. */
export function roundBBox(b: BBox): BBox {
  const f = 10_000;
  return {
    south: Math.floor(b.south * f) / f,
    west: Math.floor(b.west * f) / f,
    north: Math.ceil(b.north * f) / f,
    east: Math.ceil(b.east * f) / f,
  };
}

/** The centre of a bbox and the radius (metres) of a circle around it. */
export function circleAround(b: BBox): { lat: number; lng: number; radiusMeters: number } {
  const lat = (b.south + b.north) / 2;
  const lng = (b.west + b.east) / 2;
  const radiusMeters = distanceMeters(
    { latitude: lat, longitude: lng },
    { latitude: b.north, longitude: b.east },
  );
  return { lat, lng, radiusMeters: Math.min(50_000, Math.max(1, Math.ceil(radiusMeters))) };
}
