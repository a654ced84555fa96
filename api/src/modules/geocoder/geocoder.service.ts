/**
 * Geocoding for people typing a place (the report form): the configured {@link Geocoder} finds
 * the point, the areas module says which ward and community area hold it, so the form can show
 * "Ward 47" before anything is submitted (and warn when the place is outside the city).
 */
import { badField } from '../../lib/errors.js';
import type { AreaService } from '../area/area.service.js';
import type { Actor } from '../user/actor.js';
import type { Geocoder, GeocodeResult } from './geocoder.js';

/** The longest text worth geocoding. */
const MAX_QUERY_LENGTH = 200;

/** A geocoded place with the areas that hold it. */
export interface LocatedPlace extends GeocodeResult {
  ward: number | null;
  communityArea: number | null;
}

/** Public geocoding. */
export class GeocoderService {
  constructor(
    private readonly geocoder: Geocoder,
    private readonly areas: AreaService,
  ) {}

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
