/**
 * The built-in geocoder: works offline from Stoop's own data, the addresses and points of imported
 * and submitted requests. A known house number answers with its point; an unknown one is
 * interpolated between the nearest known numbers on the same street; two streets meet where their
 * known points come closest (snapped to Chicago's grid when one runs north–south and the other
 * east–west).
 */
import type { Geocoder, GeocodeResult } from './geocoder.js';
import type { GeocoderRepository, StreetPoint } from './geocoder.repository.js';
import { parseAddress, parseIntersection, parseStreet } from './street-name.js';

/** Interpolate only across gaps up to this many house numbers (Chicago: 800 a mile). */
const MAX_INTERPOLATION_GAP = 800;
/** Two streets whose known points stay farther apart than this are taken not to meet. */
const MAX_INTERSECTION_METERS = 600;

function streetLabel(p: Pick<StreetPoint, 'direction' | 'name' | 'suffix'>): string {
  return [p.direction, p.name, p.suffix].filter(Boolean).join(' ');
}

const NORTH_SOUTH = new Set(['N', 'S']);

/** A {@link Geocoder} over the addresses already in the database. */
export class LocalGeocoder implements Geocoder {
  constructor(private readonly repository: GeocoderRepository) {}

  async geocode(text: string): Promise<GeocodeResult | null> {
    const cleaned = text.trim();
    if (!cleaned) return null;
    const pair = parseIntersection(cleaned);
    if (pair) return this.intersection(pair[0], pair[1]);
    const address = parseAddress(cleaned);
    if (address) return this.address(address.number, address);
    const street = parseStreet(cleaned);
    if (!street) return null;
    const middle = await this.repository.middle(street);
    return middle
      ? {
          latitude: middle.latitude,
          longitude: middle.longitude,
          label: streetLabel(middle),
          precision: 'STREET',
        }
      : null;
  }

  private async address(
    number: number,
    street: Parameters<GeocoderRepository['around']>[0],
  ): Promise<GeocodeResult | null> {
    const { exact, below, above } = await this.repository.around(street, number);
    if (exact) {
      return {
        latitude: exact.latitude,
        longitude: exact.longitude,
        label: `${number} ${streetLabel(exact)}`,
        precision: 'ADDRESS',
      };
    }
    const sameStreet =
      below &&
      above &&
      below.direction === above.direction &&
      below.suffix === above.suffix &&
      above.number - below.number <= MAX_INTERPOLATION_GAP;
    if (sameStreet) {
      const t = (number - below.number) / (above.number - below.number);
      return {
        latitude: below.latitude + t * (above.latitude - below.latitude),
        longitude: below.longitude + t * (above.longitude - below.longitude),
        label: `${number} ${streetLabel(below)}`,
        precision: 'ADDRESS',
      };
    }
    const near = [below, above]
      .filter((p): p is StreetPoint => p !== undefined)
      .sort((x, y) => Math.abs(x.number - number) - Math.abs(y.number - number))[0];
    return near
      ? {
          latitude: near.latitude,
          longitude: near.longitude,
          label: `${streetLabel(near)} near ${near.number}`,
          precision: 'STREET',
        }
      : null;
  }

  private async intersection(
    a: Parameters<GeocoderRepository['closest']>[0],
    b: Parameters<GeocoderRepository['closest']>[1],
  ): Promise<GeocodeResult | null> {
    const pair = await this.repository.closest(a, b);
    if (!pair || pair.meters > MAX_INTERSECTION_METERS) return null;
    const aNs = NORTH_SOUTH.has(pair.a.direction);
    const bNs = NORTH_SOUTH.has(pair.b.direction);
    let latitude = (pair.a.latitude + pair.b.latitude) / 2;
    let longitude = (pair.a.longitude + pair.b.longitude) / 2;
    // A north–south street keeps its longitude, an east–west one its latitude.
    if (aNs && !bNs) [latitude, longitude] = [pair.b.latitude, pair.a.longitude];
    if (!aNs && bNs) [latitude, longitude] = [pair.a.latitude, pair.b.longitude];
    return {
      latitude,
      longitude,
      label: `${streetLabel(pair.a)} & ${streetLabel(pair.b)}`,
      precision: 'INTERSECTION',
    };
  }
}
