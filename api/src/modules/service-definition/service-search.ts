/**
 * Finding a service by the words a resident types, in English or Spanish ("light out", "rats",
 * "bache", "poste de luz apagado"). The catalogue is small (a few hundred services), so matching
 * runs in memory over the rows the repository returns, with rules that are easy to test:
 *
 * - Text is *normalised*: lower case, accents dropped ("Árbol" = "arbol", "señal" = "senal").
 * - A *term* is one typed word (filler words like "the", "de", "la" are dropped) with its
 *   *alternatives*: the word itself, its singular ("ratas" → "rata", "lights" → "light") and a few
 *   {@link SYNONYMS} that bridge Spanish phrasing to the catalogue ("apagado" → "out").
 * - A term *matches* a service when one alternative begins one word of the service's name, group,
 *   description or keywords, or of its name and description in another language (the catalogue's
 *   Spanish text: "hidrante", "callejón", "banca") ("rat" matches "rats", "out" does not match
 *   "without").
 * - The result is the services matching the most terms (so a word the catalogue does not know,
 *   like "grande", narrows nothing), those whose name matches more terms first, then the more
 *   commonly reported ones (a resident typing "bache" most likely means a pothole in the street).
 */

/** Words that carry no meaning for the search, English and Spanish. */
const FILLER = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'it',
  'its',
  'my',
  'near',
  'of',
  'on',
  'or',
  'our',
  'please',
  'the',
  'there',
  'to',
  'with',
  'al',
  'con',
  'de',
  'del',
  'el',
  'en',
  'es',
  'esta',
  'hay',
  'la',
  'las',
  'lo',
  'los',
  'mi',
  'mis',
  'muy',
  'o',
  'para',
  'por',
  'que',
  'se',
  'su',
  'un',
  'una',
  'unas',
  'unos',
  'y',
  // words every service's name carries ("… Complaint", "Queja por …"): they tell nothing apart
  'complaint',
  'queja',
  'quejas',
]);

/**
 * Extra alternatives for words whose meaning the catalogue's keywords do not carry (normalised
 * keys). Kept small on purpose: each entry was needed by a phrase residents use.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  apagado: ['out'],
  apagada: ['out'],
  fundido: ['out'],
  fundida: ['out'],
  poste: ['pole'],
  luces: ['luz', 'light'],
  caido: ['down'],
  caida: ['down'],
  cable: ['wire', 'cable'],
  muerto: ['dead'],
  muerta: ['dead'],
  abandonado: ['abandoned'],
  abandonada: ['abandoned'],
  arbol: ['tree', 'arbol'],
  callejon: ['alley'],
  fuga: ['leak'],
  hidrante: ['hydrant'],
  mouse: ['mice', 'rodent'],
  lamppost: ['light'],
};

/** Lower case without accents. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** The normalised words of a text. */
export function words(text: string): string[] {
  return normalise(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** One typed word and the strings that count as it. */
export interface SearchTerm {
  word: string;
  alternatives: string[];
}

/** The terms of a query, at most 8, filler words dropped. */
export function searchTerms(search: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const word of words(search)) {
    if (FILLER.has(word) || seen.has(word)) continue;
    seen.add(word);
    const alternatives = new Set([word]);
    const singular = word.endsWith('es') && word.length >= 5 ? word.slice(0, -2) : null;
    if (singular) alternatives.add(singular);
    if (word.endsWith('s') && word.length >= 4) alternatives.add(word.slice(0, -1));
    for (const form of [...alternatives]) {
      for (const synonym of SYNONYMS[form] ?? []) alternatives.add(synonym);
    }
    terms.push({ word, alternatives: [...alternatives] });
    if (terms.length === 8) break;
  }
  return terms;
}

/** What the search reads of a service. */
export interface Searchable {
  name: string;
  group: string;
  description: string;
  keywords: readonly string[];
  /** Name and description in other languages, by language. */
  translations?: Partial<Record<string, { name?: string; description?: string }>> | null;
}

function matches(term: SearchTerm, haystack: readonly string[]): boolean {
  return term.alternatives.some((alt) => haystack.some((w) => w.startsWith(alt)));
}

/**
 * The services that best match `search` (see the module comment), best first: more terms in the
 * name, then higher `popularity` (e.g. recent request counts); remaining ties keep the input
 * order. An empty result means no word of the query is known to the catalogue.
 */
export function rankServices<T extends Searchable>(
  services: readonly T[],
  search: string,
  popularity: (service: T) => number = () => 0,
): T[] {
  const terms = searchTerms(search);
  if (terms.length === 0) return [];
  const scored = services.map((service, index) => {
    const other = Object.values(service.translations ?? {});
    const name = [service.name, ...other.map((t) => t?.name ?? '')].flatMap(words);
    const all = [
      ...name,
      ...words(service.group),
      ...[service.description, ...other.map((t) => t?.description ?? '')].flatMap(words),
      ...service.keywords.flatMap(words),
    ];
    const hits = terms.filter((term) => matches(term, all)).length;
    const nameHits = terms.filter((term) => matches(term, name)).length;
    return { service, index, hits, nameHits, popularity: popularity(service) };
  });
  const best = Math.max(...scored.map((s) => s.hits));
  if (best === 0) return [];
  return scored
    .filter((s) => s.hits === best)
    .sort((a, b) => b.nameHits - a.nameHits || b.popularity - a.popularity || a.index - b.index)
    .map((s) => s.service);
}
