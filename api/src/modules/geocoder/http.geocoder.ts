/**
 * A geocoder server reached by URL, for production: Pelias (`/v1/search?text=`) or Nominatim
 * (`/search?q=&format=jsonv2`). Results are restricted to Chicago by a bounding box, so a street
 * name that also exists elsewhere does not land in another city.
 */
import type { Geocoder, GeocodePrecision, GeocodeResult } from './geocoder.js';

/** The two server protocols the adapter speaks. */
export type HttpGeocoderKind = 'pelias' | 'nominatim';

/** Chicago's bounding box: west, south, east, north. */
const CHICAGO_BBOX = [-87.95, 41.64, -87.52, 42.03] as const;

interface PeliasResponse {
  features?: {
    geometry?: { coordinates?: [number, number] };
    properties?: { label?: string; name?: string; layer?: string };
  }[];
}

interface NominatimPlace {
  lat?: string;
  lon?: string;
  display_name?: string;
  addresstype?: string;
  type?: string;
  category?: string;
}

function peliasPrecision(layer: string | undefined): GeocodePrecision {
  if (layer === 'address' || layer === 'venue') return 'ADDRESS';
  if (layer === 'intersection') return 'INTERSECTION';
  return 'STREET';
}

function nominatimPrecision(place: NominatimPlace): GeocodePrecision {
  const type = place.addresstype ?? place.type;
  return type && ['house', 'building', 'place'].includes(type) ? 'ADDRESS' : 'STREET';
}

/** A {@link Geocoder} over a Pelias or Nominatim server. */
export class HttpGeocoder implements Geocoder {
  constructor(
    private readonly baseUrl: string,
    private readonly kind: HttpGeocoderKind,
    private readonly timeoutMs = 5000,
  ) {}

  async geocode(text: string): Promise<GeocodeResult | null> {
    const query = text.trim();
    if (!query) return null;
    return this.kind === 'pelias' ? this.pelias(query) : this.nominatim(query);
  }

  private async get<T>(url: URL): Promise<T> {
    const res = await fetch(url, {
      headers: { accept: 'application/json', 'user-agent': 'Stoop (Open 311)' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`geocoder ${url.host} answered ${res.status}`);
    return (await res.json()) as T;
  }

  private async pelias(text: string): Promise<GeocodeResult | null> {
    const url = new URL(
      'v1/search',
      this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`,
    );
    const [w, s, e, n] = CHICAGO_BBOX;
    url.search = new URLSearchParams({
      text,
      size: '1',
      'boundary.rect.min_lon': String(w),
      'boundary.rect.min_lat': String(s),
      'boundary.rect.max_lon': String(e),
      'boundary.rect.max_lat': String(n),
    }).toString();
    const body = await this.get<PeliasResponse>(url);
    const feature = body.features?.[0];
    const coordinates = feature?.geometry?.coordinates;
    if (!feature || !coordinates) return null;
    return {
      latitude: coordinates[1],
      longitude: coordinates[0],
      label: feature.properties?.label ?? feature.properties?.name ?? text,
      precision: peliasPrecision(feature.properties?.layer),
    };
  }

  private async nominatim(text: string): Promise<GeocodeResult | null> {
    const url = new URL('search', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.search = new URLSearchParams({
      q: text,
      format: 'jsonv2',
      limit: '1',
      viewbox: CHICAGO_BBOX.join(','),
      bounded: '1',
    }).toString();
    const [place] = await this.get<NominatimPlace[]>(url);
    if (!place?.lat || !place.lon) return null;
    return {
      latitude: Number(place.lat),
      longitude: Number(place.lon),
      label: place.display_name ?? text,
      precision: nominatimPrecision(place),
    };
  }
}
