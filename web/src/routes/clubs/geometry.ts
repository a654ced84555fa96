/**
 * Boundary geometry for block clubs, in the browser: the three ways to describe a club's area
 * (a drawn ring, a circle around a point, the corners of its streets) all end as one GeoJSON
 * Polygon for `createBlockClub`. Distances use a local flat approximation, which is accurate to
 * well under 1% at block-club sizes (a few hundred metres).
 *
 * Terms: a *ring* is the list of corners in order (not closed); a *polygon* is GeoJSON: closed
 * rings of [longitude, latitude] positions.
 */
import type { LatLng } from '$lib/components/Map.svelte';

/** The API's limit on a club's area (BlockClubService MAX_CLUB_AREA_M2). */
export const MAX_AREA_M2 = 5_000_000;
/** Corners used to approximate a circle. */
export const CIRCLE_POINTS = 32;

const EARTH_RADIUS_M = 6_371_008.8;

/** Metres per degree of latitude and of longitude near a latitude. */
function metresPerDegree(latitude: number) {
  const perLat = (Math.PI / 180) * EARTH_RADIUS_M;
  return { lat: perLat, lng: perLat * Math.cos((latitude * Math.PI) / 180) };
}

/** A circle of `radius` metres around a point, as a ring of {@link CIRCLE_POINTS} corners. */
export function circleRing(center: LatLng, radius: number, points = CIRCLE_POINTS): LatLng[] {
  const m = metresPerDegree(center.latitude);
  const ring: LatLng[] = [];
  for (let i = 0; i < points; i += 1) {
    const angle = (2 * Math.PI * i) / points;
    ring.push({
      latitude: round(center.latitude + (radius * Math.sin(angle)) / m.lat),
      longitude: round(center.longitude + (radius * Math.cos(angle)) / m.lng),
    });
  }
  return ring;
}

/**
 * Corners put in order around their centre, so that corners typed in any order still make a
 * shape whose edges do not cross (exact for convex areas, which blocks are).
 */
export function orderAround(corners: LatLng[]): LatLng[] {
  if (corners.length < 3) return corners;
  const c = centroid(corners);
  const m = metresPerDegree(c.latitude);
  return [...corners].sort(
    (a, b) =>
      Math.atan2((a.latitude - c.latitude) * m.lat, (a.longitude - c.longitude) * m.lng) -
      Math.atan2((b.latitude - c.latitude) * m.lat, (b.longitude - c.longitude) * m.lng),
  );
}

/** The plain average of the corners. */
export function centroid(ring: LatLng[]): LatLng {
  const n = Math.max(1, ring.length);
  return {
    latitude: ring.reduce((s, p) => s + p.latitude, 0) / n,
    longitude: ring.reduce((s, p) => s + p.longitude, 0) / n,
  };
}

/** Area of a ring in square metres (shoelace formula on local metres). */
export function ringArea(ring: LatLng[]): number {
  if (ring.length < 3) return 0;
  const c = centroid(ring);
  const m = metresPerDegree(c.latitude);
  let sum = 0;
  for (let i = 0; i < ring.length; i += 1) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const ax = (a.longitude - c.longitude) * m.lng;
    const ay = (a.latitude - c.latitude) * m.lat;
    const bx = (b.longitude - c.longitude) * m.lng;
    const by = (b.latitude - c.latitude) * m.lat;
    sum += ax * by - bx * ay;
  }
  return Math.abs(sum) / 2;
}

/** Metres between two points. */
export function distance(a: LatLng, b: LatLng): number {
  const m = metresPerDegree((a.latitude + b.latitude) / 2);
  return Math.hypot((a.latitude - b.latitude) * m.lat, (a.longitude - b.longitude) * m.lng);
}

/** A ring as the API's GeoJSON Polygon (closed: the first corner repeated at the end). */
export function toPolygon(ring: LatLng[]): { type: 'Polygon'; coordinates: number[][][] } {
  const positions = ring.map((p) => [p.longitude, p.latitude]);
  if (positions.length > 0) positions.push([...positions[0]!]);
  return { type: 'Polygon', coordinates: [positions] };
}

/** The outer ring of a GeoJSON Polygon as corners (without the closing repeat). */
export function fromPolygon(polygon: { coordinates: number[][][] }): LatLng[] {
  const outer = polygon.coordinates[0] ?? [];
  return outer.slice(0, -1).map(([longitude, latitude]) => ({
    latitude: latitude!,
    longitude: longitude!,
  }));
}

/** The box around a GeoJSON Polygon's outer ring (a map's first view of an existing area). */
export function boundsOf(polygon: { coordinates: number[][][] }): {
  south: number;
  west: number;
  north: number;
  east: number;
} {
  const ring = fromPolygon(polygon);
  const lats = ring.map((p) => p.latitude);
  const lngs = ring.map((p) => p.longitude);
  return {
    south: Math.min(...lats),
    west: Math.min(...lngs),
    north: Math.max(...lats),
    east: Math.max(...lngs),
  };
}

function round(value: number) {
  return Math.round(value * 1e7) / 1e7;
}

/** A group of points drawn as one numbered marker. */
export interface PointGroup {
  id: string;
  latitude: number;
  longitude: number;
  count: number;
}

/**
 * Keeps markers apart on screen at a zoom level: a point closer than `minPixels` to an earlier
 * marker joins it, and markers with company become numbered groups (the map zooms in on them).
 * Markers then never overlap, so each stays a target large enough to press.
 */
export function spreadPoints<P extends LatLng & { id: string }>(
  points: P[],
  zoom: number,
  minPixels = 40,
): { singles: P[]; groups: PointGroup[] } {
  const seeds: { at: P; members: P[] }[] = [];
  for (const p of points) {
    const metresPerPixel =
      (156_543.033_92 * Math.cos((p.latitude * Math.PI) / 180)) / 2 ** Math.max(0, zoom);
    const near = seeds.find((s) => distance(s.at, p) / metresPerPixel < minPixels);
    if (near) near.members.push(p);
    else seeds.push({ at: p, members: [p] });
  }
  return {
    singles: seeds.filter((s) => s.members.length === 1).map((s) => s.at),
    groups: seeds
      .filter((s) => s.members.length > 1)
      .map((s) => ({
        id: `group-${s.at.id}`,
        latitude: s.at.latitude,
        longitude: s.at.longitude,
        count: s.members.length,
      })),
  };
}
