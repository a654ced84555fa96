/**
 * Street-name normalisation shared by the offline geocoder's parser and its SQL: Chicago's
 * imported addresses are written "2111 W LEXINGTON ST", people write "2111 west Lexington Street".
 */

/** Long forms of street suffixes and their abbreviations as the city writes them. */
const SUFFIXES: Record<string, string> = {
  STREET: 'ST',
  ST: 'ST',
  AVENUE: 'AVE',
  AV: 'AVE',
  AVE: 'AVE',
  BOULEVARD: 'BLVD',
  BLVD: 'BLVD',
  ROAD: 'RD',
  RD: 'RD',
  DRIVE: 'DR',
  DR: 'DR',
  PLACE: 'PL',
  PL: 'PL',
  PARKWAY: 'PKWY',
  PKWY: 'PKWY',
  COURT: 'CT',
  CT: 'CT',
  LANE: 'LN',
  LN: 'LN',
  TERRACE: 'TER',
  TER: 'TER',
  HIGHWAY: 'HWY',
  HWY: 'HWY',
  EXPRESSWAY: 'EXPY',
  EXPY: 'EXPY',
  WAY: 'WAY',
  SQUARE: 'SQ',
  SQ: 'SQ',
  CIRCLE: 'CIR',
  CIR: 'CIR',
  PLAZA: 'PLZ',
  PLZ: 'PLZ',
};

const DIRECTIONS: Record<string, string> = {
  NORTH: 'N',
  N: 'N',
  SOUTH: 'S',
  S: 'S',
  EAST: 'E',
  E: 'E',
  WEST: 'W',
  W: 'W',
};

/** The abbreviated suffixes, as a regular-expression alternation for SQL parsing. */
export const SUFFIX_PATTERN = [...new Set(Object.values(SUFFIXES))].join('|');

/** A street as parsed: direction and suffix are optional when the person left them out. */
export interface StreetName {
  direction: string | null;
  /** The name proper, upper case, e.g. "LEXINGTON", "MARTIN LUTHER KING JR". */
  name: string;
  suffix: string | null;
}

/** A parsed street address (house number on a street). */
export interface StreetAddress extends StreetName {
  number: number;
}

function words(text: string): string[] {
  return text.toUpperCase().replace(/[.,#]/g, ' ').split(/\s+/).filter(Boolean);
}

/** Drops a trailing city / state / zip ("…, Chicago, IL 60612") from a typed place. */
function withoutCity(text: string): string {
  return text.replace(/,?\s*CHICAGO\b.*$/i, '').replace(/,?\s*\bIL\b.*$/i, '');
}

/** Parses a street name ("west lexington street", "Damen") into its parts; null when empty. */
export function parseStreet(text: string): StreetName | null {
  const w = words(withoutCity(text));
  let direction: string | null = null;
  let suffix: string | null = null;
  if (w.length > 1 && DIRECTIONS[w[0]!]) direction = DIRECTIONS[w.shift()!]!;
  if (w.length > 1 && SUFFIXES[w[w.length - 1]!]) suffix = SUFFIXES[w.pop()!]!;
  if (w.length === 0) return null;
  return { direction, name: w.join(' '), suffix };
}

/** Parses "2111 W Lexington St" into a house number and street; null when it has no number. */
export function parseAddress(text: string): StreetAddress | null {
  const match = /^\s*(\d{1,6})\s+(.+)$/.exec(withoutCity(text));
  if (!match) return null;
  const street = parseStreet(match[2]!);
  return street ? { number: Number(match[1]), ...street } : null;
}

/** Splits "Leland & Damen" / "Leland and Damen" / "Leland at Damen" into two streets. */
export function parseIntersection(text: string): [StreetName, StreetName] | null {
  const parts = withoutCity(text).split(/\s*(?:&|\/|@|\band\b|\bat\b|\+)\s*/i);
  if (parts.length !== 2) return null;
  const [a, b] = parts.map(parseStreet);
  return a && b ? [a, b] : null;
}
