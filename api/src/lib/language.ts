/**
 * The languages Stoop speaks (English and Spanish) and how an operation's language is chosen.
 *
 * Catalogue text (service names, descriptions, questions and their choices) is stored in English
 * with translations beside it; GraphQL answers in the operation's language: the field's
 * `language` argument when given, else the request's `Accept-Language` header (or, over
 * WebSocket, the `language` connection parameter), else English. Text with no translation falls
 * back to English, never to an empty string.
 */
import { badField } from './errors.js';

export type Language = 'en' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'es'];

/** Whether a string is one of {@link LANGUAGES}. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The best supported language of an `Accept-Language` header ("es-MX,es;q=0.9,en;q=0.8" → es),
 * honouring q-values; English when none is supported or the header is missing.
 */
export function languageOfHeader(header: string | string[] | undefined | null): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'en';
  let best: { lang: Language; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    if (!isLanguage(base)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? 'en';
}

/**
 * The language a field answers in: its `language` argument (validated; BAD_USER_INPUT on the
 * `language` field otherwise) or the operation's language.
 */
export function fieldLanguage(argument: string | null | undefined, operation: Language): Language {
  if (argument === null || argument === undefined) return operation;
  if (!isLanguage(argument)) throw badField('language', `must be one of ${LANGUAGES.join(', ')}`);
  return argument;
}

/** The same text in each language. */
export type Localized = Record<Language, string>;

/** Translations of one piece of catalogue text, by language (English is the row itself). */
export type Translations<T> = Partial<Record<Exclude<Language, 'en'>, Partial<T>>>;

/** One translated string, or the English one when the translation is missing or blank. */
export function translated<T, K extends keyof T & string>(
  translations: Translations<T> | null | undefined,
  language: Language,
  key: K,
  english: string,
): string {
  if (language === 'en') return english;
  const value = translations?.[language]?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : english;
}
