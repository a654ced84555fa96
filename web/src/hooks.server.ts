/**
 * The first HTML response: the page language (`?lang=`, then the `stoop_lang` cookie, then the
 * browser's Accept-Language) and, for request, idea and block-club pages, OpenGraph and Twitter
 * tags built from public data, so shared links preview on social media. The interactive app runs
 * in the browser (`ssr = false`); these tags are all a crawler needs.
 */
import type { Handle } from '@sveltejs/kit';
import { shareMetaFor } from '$lib/share.server';

const LANGS = ['en', 'es'] as const;
type Lang = (typeof LANGS)[number];

function pickLang(query: string | null, cookie: string | undefined, accept: string | null): Lang {
  for (const candidate of [query, cookie]) {
    if (candidate && (LANGS as readonly string[]).includes(candidate)) return candidate as Lang;
  }
  const ranked = (accept ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((e) => e.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

export const handle: Handle = async ({ event, resolve }) => {
  const query = event.url.searchParams.get('lang');
  const lang = pickLang(
    query,
    event.cookies.get('stoop_lang'),
    event.request.headers.get('accept-language'),
  );
  event.locals.lang = lang;
  if (query === lang) {
    event.cookies.set('stoop_lang', lang, {
      path: '/',
      httpOnly: false,
      sameSite: 'lax',
      maxAge: 60 * 60 * 24 * 365,
      secure: event.url.protocol === 'https:',
    });
  }
  const meta = await shareMetaFor(event.url, lang);
  return resolve(event, {
    transformPageChunk: ({ html }) =>
      html.replace('%stoop.lang%', lang).replace('%stoop.meta%', meta),
  });
};
