/**
 * Geocoding behind one interface: free text ("2111 W Lexington St", "Leland & Damen") to a point.
 * The SMS door needs it to turn a texted place into coordinates; which implementation answers is a
 * setting (see {@link createGeocoder}), so the conversation never knows whether Stoop's own data or
 * a Pelias / Nominatim server did the work.
 *
 * Terms: *precision* says what the point stands for — ADDRESS (a house number, exact or
 * interpolated along the street), INTERSECTION (where two streets meet) or STREET (somewhere on a
 * street, when nothing finer is known).
 */
import type { DataSource } from 'typeorm';
import { HttpGeocoder, type HttpGeocoderKind } from './http.geocoder.js';
import { LocalGeocoder } from './local.geocoder.js';
import { GeocoderRepository } from './geocoder.repository.js';

/** What a geocoded point stands for. */
export type GeocodePrecision = 'ADDRESS' | 'INTERSECTION' | 'STREET';

/** One geocoding answer. */
export interface GeocodeResult {
  latitude: number;
  longitude: number;
  /** A human label of the place found, e.g. "2111 W LEXINGTON ST". */
  label: string;
  precision: GeocodePrecision;
}

/** Turns free text into a point, or null when the place is unknown. */
export interface Geocoder {
  geocode(text: string): Promise<GeocodeResult | null>;
}

/** Settings of {@link createGeocoder}. */
export interface GeocoderSettings {
  /** Base URL of a Pelias or Nominatim server; unset means the built-in offline geocoder. */
  url?: string;
  kind?: HttpGeocoderKind;
}

/** The configured geocoder: an HTTP server when a URL is set, otherwise Stoop's own data. */
export function createGeocoder(dataSource: DataSource, settings: GeocoderSettings = {}): Geocoder {
  if (settings.url) return new HttpGeocoder(settings.url, settings.kind ?? 'pelias');
  return new LocalGeocoder(new GeocoderRepository(dataSource));
}
