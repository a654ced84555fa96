/**
 * Interface language: English or Spanish. The first HTML response sets `<html lang>` from
 * `?lang=`, the `stoop_lang` cookie or the browser; a signed-in account's language wins once it
 * is known; the switcher changes it. `t()` reads the current language reactively, so every
 * string re-renders when it changes. Dates and numbers go through Intl in the same language.
 *
 * Each feature adds its catalogue to `catalogues` below (one line) and owns its own file.
 */
import { account } from './messages/account';
import { clubs } from './messages/clubs';
import { common } from './messages/common';
import { dashboard } from './messages/dashboard';
import { ideas } from './messages/ideas';
import { map } from './messages/map';
import { report } from './messages/report';
import { request } from './messages/request';
import { staff } from './messages/staff';
import type { Message, Plural } from './define';

const catalogues = [common, map, report, request, account, clubs, ideas, staff, dashboard] as const;

type Catalogue = (typeof catalogues)[number];
/** Every message key of every catalogue. */
export type MessageKey = Catalogue extends infer C
  ? C extends { en: infer E }
    ? keyof E & string
    : never
  : never;

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

const tables: Record<Lang, Record<string, Message>> = { en: {}, es: {} };
for (const c of catalogues) {
  Object.assign(tables.en, c.en);
  Object.assign(tables.es, c.es);
}

function initialLang(): Lang {
  if (typeof document === 'undefined') return 'en';
  const lang = document.documentElement.lang;
  return lang === 'es' ? 'es' : 'en';
}

class I18n {
  lang = $state<Lang>(initialLang());
  #plural = $derived(new Intl.PluralRules(this.lang));

  #listeners = new Set<(lang: Lang) => void>();

  /** Calls `listener` after each change of language (the API client refetches in it). */
  onChange(listener: (lang: Lang) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Switches the language (and remembers it in a cookie for the next first response). */
  set(lang: Lang) {
    const changed = lang !== this.lang;
    this.lang = lang;
    if (typeof document !== 'undefined') {
      document.documentElement.lang = lang;
      document.cookie = `stoop_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    }
    if (changed) for (const listener of this.#listeners) listener(lang);
  }

  /** A message in the current language, with `{name}` replaced by params. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const entry = tables[this.lang][key] ?? tables.en[key] ?? key;
    let text: string;
    if (typeof entry === 'string') text = entry;
    else {
      const count = Number(params.count ?? 0);
      const plural = entry as Plural;
      text =
        count === 0 && plural.zero
          ? plural.zero
          : (plural[this.#plural.select(count) as 'one'] ?? plural.other);
    }
    return text.replace(/\{(\w+)\}/g, (_, name: string) =>
      name in params
        ? typeof params[name] === 'number'
          ? this.number(params[name])
          : String(params[name])
        : `{${name}}`,
    );
  };

  /** A number in the current language. */
  number = (value: number, options?: Intl.NumberFormatOptions): string =>
    new Intl.NumberFormat(this.lang === 'es' ? 'es-US' : 'en-US', options).format(value);

  /** A date (and time unless `dateOnly`) in the current language, Chicago time. */
  date = (value: string | Date | null | undefined, dateOnly = false): string => {
    if (!value) return '';
    const d = typeof value === 'string' ? new Date(value) : value;
    return new Intl.DateTimeFormat(this.lang === 'es' ? 'es-US' : 'en-US', {
      dateStyle: 'medium',
      ...(dateOnly ? {} : { timeStyle: 'short' }),
      timeZone: 'America/Chicago',
    }).format(d);
  };

  /** "3 days ago", "in 2 hours" in the current language. */
  relative = (value: string | Date | null | undefined, now = Date.now()): string => {
    if (!value) return '';
    const d = typeof value === 'string' ? new Date(value) : value;
    const seconds = Math.round((d.getTime() - now) / 1000);
    const fmt = new Intl.RelativeTimeFormat(this.lang === 'es' ? 'es-US' : 'en-US', {
      numeric: 'auto',
    });
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ['year', 31_536_000],
      ['month', 2_592_000],
      ['week', 604_800],
      ['day', 86_400],
      ['hour', 3_600],
      ['minute', 60],
    ];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return fmt.format(Math.round(seconds / size), unit);
    }
    return fmt.format(seconds, 'second');
  };
}

/** The one language state of the app. */
export const i18n = new I18n();
/** Shorthand for `i18n.t`. */
export const t = i18n.t;
