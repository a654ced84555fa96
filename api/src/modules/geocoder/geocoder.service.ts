/**
 * Geocoding for people typing a place (the report form): the configured {@link Geocoder} finds
 * the point, the areas module says which ward and community area hold it, so the form can show
 * "Ward 47" before anything is submitted (and warn when the place is outside the city).
 */
import { badField } from '../../lib/errors.js';
import type { AreaService } from '../area/area.service.js';
import type { Actor } from '../user/actor.js';
import type { Geocoder, GeocodeResult } from './geocoder.js';
import type { GeocoderRepository } from './geocoder.repository.js';

/** How far a known address may be from a point to be offered as its address. */
const NEAREST_ADDRESS_METERS = 120;

/** The longest text worth geocoding. */
const MAX_QUERY_LENGTH = 200;

/** A geocoded place with the areas that hold it. */
export interface LocatedPlace extends GeocodeResult {
  ward: number | null;
  communityArea: number | null;
}

/** What is at a point: its areas and the nearest known address. */
export interface PlaceAtPoint {
  ward: number | null;
  communityArea: number | null;
  nearestAddress: string | null;
  nearestAddressMeters: number | null;
}

/** Public geocoding. */
export class GeocoderService {
  constructor(
    private readonly geocoder: Geocoder,
    private readonly areas: AreaService,
    private readonly repository: GeocoderRepository,
  ) {}

  /**
   * The ward and community area holding a point (ward null: outside the city) and the nearest
   * known street address within 120 m, for a place chosen on a map or by the device's location.
   */
  async placeAt(_actor: Actor, latitude: number, longitude: number): Promise<PlaceAtPoint> {
    const [place, nearest] = await Promise.all([
      this.areas.locate(latitude, longitude),
      this.repository.nearestAddress(latitude, longitude, NEAREST_ADDRESS_METERS),
    ]);
    return {
      ward: place.ward,
      communityArea: place.communityArea,
      nearestAddress: nearest?.address ?? null,
      nearestAddressMeters: nearest ? Math.round(nearest.meters) : null,
    };
  }

  /**
   * Places matching typed text, best first (today at most one: the geocoders answer one place).
   * Anyone may ask; the text must be 1 to 200 characters.
   */
  async search(_actor: Actor, text: string): Promise<LocatedPlace[]> {
    const query = text.trim();
    if (!query) throw badField('query', 'Type an address or two streets that meet.');
    if (query.length > MAX_QUERY_LENGTH) {
      throw badField('query', `must be at most ${MAX_QUERY_LENGTH} characters`);
    }
    const hit = await this.geocoder.geocode(query);
    if (!hit) return [];
    const place = await this.areas.locate(hit.latitude, hit.longitude);
    return [{ ...hit, ward: place.ward, communityArea: place.communityArea }];
  }
}
