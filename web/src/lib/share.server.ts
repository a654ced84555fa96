/**
 * Share tags (OpenGraph, Twitter) for the pages people pass around: a request, an idea, a block
 * club. Data comes from the API in-process as an anonymous caller, so only public fields can
 * appear; every value is HTML-escaped.
 */
const SITE = { en: 'Stoop · Chicago 311', es: 'Stoop · 311 de Chicago' };
const DEFAULT_DESCRIPTION = {
  en: 'Report problems to the City of Chicago, follow them live, and see how the city performs.',
  es: 'Reporte problemas a la Ciudad de Chicago, sígalos en vivo y vea cómo responde la ciudad.',
};

interface Share {
  title: string;
  description: string;
  image?: string | null;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(value: string, max = 200): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes are the queries written just below
type Gql = { data?: Record<string, any> | null };

async function run(query: string, variables: Record<string, unknown>): Promise<Gql | null> {
  const api = globalThis.__stoop;
  if (!api) return null;
  try {
    return (await api.execute(query, variables)) as Gql;
  } catch {
    return null;
  }
}

async function lookup(pathname: string, lang: 'en' | 'es'): Promise<Share | null> {
  let m = /^\/requests\/([\w-]{1,40})\/?$/.exec(pathname);
  if (m) {
    const r = await run(
      `query ShareRequest($t: String!, $lang: String!) { serviceRequest(trackingNumber: $t) {
        trackingNumber description address service { name(language: $lang) } media { url } } }`,
      { t: m[1], lang },
    );
    const sr = r?.data?.serviceRequest;
    if (!sr) return null;
    return {
      title: `${sr.service?.name ?? (lang === 'es' ? 'Solicitud de servicio' : 'Service request')} · ${sr.trackingNumber}`,
      description: clip([sr.address, sr.description].filter(Boolean).join(' — ')),
      image: sr.media?.[0]?.url,
    };
  }
  m = /^\/ideas\/([\w-]{1,80})\/?$/.exec(pathname);
  if (m) {
    const r = await run(`query ShareIdea($id: ID!) { idea(id: $id) { title body } }`, { id: m[1] });
    const idea = r?.data?.idea;
    if (!idea) return null;
    return { title: idea.title, description: clip(idea.body ?? '') };
  }
  m = /^\/clubs\/([\w-]{1,80})\/?$/.exec(pathname);
  if (m) {
    const r = await run(
      `query ShareClub($slug: String!) { blockClub(slug: $slug) { name description } }`,
      {
        slug: m[1],
      },
    );
    const club = r?.data?.blockClub;
    if (!club) return null;
    return { title: club.name, description: clip(club.description ?? '') };
  }
  return null;
}

/** The `<meta>` tags for a page's first HTML response. */
export async function shareMetaFor(url: URL, lang: 'en' | 'es'): Promise<string> {
  const share = await lookup(url.pathname, lang);
  const base = globalThis.__stoop?.publicUrl ?? url.origin;
  const title = share?.title ?? SITE[lang];
  const description = share?.description || DEFAULT_DESCRIPTION[lang];
  const image = share?.image ? new URL(share.image, base).toString() : null;
  const tags: [string, string, string][] = [
    ['name', 'description', description],
    ['property', 'og:site_name', SITE[lang]],
    ['property', 'og:type', share ? 'article' : 'website'],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', new URL(url.pathname, base).toString()],
    ['property', 'og:locale', lang === 'es' ? 'es_US' : 'en_US'],
    ['name', 'twitter:card', image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', description],
  ];
  if (image) {
    tags.push(['property', 'og:image', image], ['name', 'twitter:image', image]);
  }
  const lines = tags.map(
    ([attr, key, value]) => `<meta ${attr}="${key}" content="${escape(value)}" />`,
  );
  lines.unshift(`<title>${escape(share ? `${title} · Stoop` : title)}</title>`);
  return lines.join('\n    ');
}
