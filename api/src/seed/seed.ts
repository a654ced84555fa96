/**
 * The Chicago seed: departments, the service catalogue with its questions, ward and community-area
 * boundaries, and two days of real 311 requests. It gives a fresh install a real city to look at
 * and gives tests and benchmarks real data.
 *
 * Idempotent: every step is an upsert keyed by a natural key (agency code, service code, service +
 * attribute code, area kind + number, tracking number) that writes only what differs, so a second
 * run changes nothing. Files come from the seed data folder; a file that is missing there is
 * downloaded from the City of Chicago's portals (the repository carries no copy of city data).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AGENCIES,
  buildCatalogue,
  guessSlug,
  slugify,
  type OpenServiceCode,
  type ServiceSeed,
} from './catalogue.js';
import { QUESTIONS_ES, SERVICES_ES } from './catalogue-es.js';
import { importAreas, type AreaImportResult } from './import-areas.js';
import { importChicagoCsv, type ChicagoCsvImportResult } from './import-chicago-csv.js';

/** Counts of one upsert step. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What a seed run did. */
export interface SeedReport {
  agencies: UpsertCounts;
  services: UpsertCounts;
  attributes: UpsertCounts;
  wards: AreaImportResult;
  communityAreas: AreaImportResult;
  requests: ChicagoCsvImportResult;
  /** Portal request types of the CSV that map to no service (their rows are rejected). */
  unmappedTypes: string[];
  /** Sources that were downloaded because no local copy existed. */
  downloaded: string[];
  durationMs: number;
}

/** Options of {@link seed}. */
export interface SeedOptions {
  /** Folder with the city's files (`../shared/data`); undefined means download everything. */
  dataDir?: string;
  log: (msg: string) => void;
  /** Download timeout per file, in milliseconds. */
  downloadTimeoutMs?: number;
}

/** One input of the seed: a local file name and the public URL it came from. */
interface Source {
  what: string;
  file: string;
  url: string;
}

/** The four public datasets the seed is built from. */
export const SEED_SOURCES = {
  services: {
    what: 'the Open311 service list',
    file: 'chicago_open311_service_codes.json',
    url: 'http://311api.cityofchicago.org/open311/v2/services.json',
  },
  wards: {
    what: 'the ward boundaries (2023)',
    file: 'chicago_wards_2023.geojson',
    url: 'https://data.cityofchicago.org/resource/p293-wvbd.geojson',
  },
  communityAreas: {
    what: 'the community area boundaries',
    file: 'chicago_community_areas.geojson',
    url: 'https://data.cityofchicago.org/resource/igwz-8jzy.geojson',
  },
  requests: {
    what: 'the 311 service requests sample',
    file: 'chicago_311_service_requests_2021-01-01_sample5000.csv',
    url:
      'https://data.cityofchicago.org/resource/v6vf-nfxy.csv?' +
      new URLSearchParams({
        $where: "created_date>='2021-01-01T00:00:00' AND created_date<'2021-01-03T00:00:00'",
        $limit: '5000',
        $order: 'created_date',
      }).toString(),
  },
} satisfies Record<string, Source>;

/** Reads a source from the data folder, or downloads it (saying so) when there is no local copy. */
async function loadSource(
  source: Source,
  opts: SeedOptions,
  downloaded: string[],
): Promise<string> {
  if (opts.dataDir) {
    const file = path.join(opts.dataDir, source.file);
    if (existsSync(file)) return readFile(file, 'utf8');
    opts.log(`No local copy of ${source.what} (${file}); downloading ${source.url}`);
  } else {
    opts.log(`No seed data folder; downloading ${source.what} from ${source.url}`);
  }
  downloaded.push(source.url);
  let response: Response;
  try {
    response = await fetch(source.url, {
      signal: AbortSignal.timeout(opts.downloadTimeoutMs ?? 60_000),
    });
  } catch (error) {
    const cause =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new Error(
      `Could not download ${source.what} from ${source.url} (${cause}). ` +
        `Put a copy of ${source.file} in the seed data folder (STOOP_SEED_DATA) or check the network.`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new Error(
      `Could not download ${source.what} from ${source.url}: HTTP ${response.status} ${response.statusText}.`,
    );
  }
  return response.text();
}

/** Parses the service list: the stored `[{slug, service_code, service_name}]` or the live `services.json`. */
function parseServiceList(text: string): { codes: OpenServiceCode[]; live: boolean } {
  const list: unknown = JSON.parse(text);
  if (!Array.isArray(list)) throw new Error('The service list is not a JSON array.');
  let live = false;
  const codes = list.map((item: unknown, index: number): OpenServiceCode => {
    const entry = item as Partial<Record<string, unknown>>;
    const code = entry.service_code;
    const name = entry.service_name;
    if (typeof code !== 'string' || typeof name !== 'string') {
      throw new Error(`Service list entry ${index} has no service_code / service_name.`);
    }
    if (typeof entry.slug === 'string')
      return { slug: entry.slug, service_code: code, service_name: name };
    live = true;
    return {
      slug: slugify(name).replace(/_(complaint|request)$/, ''),
      service_code: code,
      service_name: name,
    };
  });
  return { codes, live };
}

/** A service's Spanish name and description, as stored in `service_definitions.translations`. */
function serviceTranslations(s: ServiceSeed): Record<string, unknown> {
  const es = SERVICES_ES[s.slug];
  return es ? { es: { name: es.name, description: es.description } } : {};
}

/** A question's Spanish prompt and choice labels, as stored in `service_attributes.translations`. */
function attributeTranslations(slug: string, code: string): Record<string, unknown> {
  const es = QUESTIONS_ES[slug]?.[code];
  return es ? { es: { description: es.description, values: { ...es.values } } } : {};
}

async function upsertAgencies(manager: EntityManager): Promise<UpsertCounts> {
  const rows: { inserted: boolean }[] = await manager.query(
    `INSERT INTO agencies (code, name)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
       WHERE agencies.name IS DISTINCT FROM EXCLUDED.name
     RETURNING (xmax = 0) AS inserted`,
    [AGENCIES.map((a) => a.code), AGENCIES.map((a) => a.name)],
  );
  return counts(rows, AGENCIES.length);
}

async function upsertServices(
  manager: EntityManager,
  services: ServiceSeed[],
): Promise<UpsertCounts> {
  const rows: { inserted: boolean }[] = await manager.query(
    `INSERT INTO service_definitions
       (code, slug, name, description, group_name, keywords, agency_id, type, is_private, sla_days,
        translations)
     SELECT s.code, s.slug, s.name, s.description, s.group_name,
            ARRAY(SELECT jsonb_array_elements_text(s.keywords)), a.id, s.type, s.is_private, s.sla_days,
            s.translations
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                 $7::text[], $8::text[], $9::boolean[], $10::int[], $11::jsonb[])
          AS s(code, slug, name, description, group_name, keywords, agency_code, type, is_private, sla_days,
               translations)
     JOIN agencies a ON a.code = s.agency_code
     ON CONFLICT (code) DO UPDATE SET
       slug = EXCLUDED.slug, name = EXCLUDED.name, description = EXCLUDED.description,
       group_name = EXCLUDED.group_name, keywords = EXCLUDED.keywords, agency_id = EXCLUDED.agency_id,
       type = EXCLUDED.type, is_private = EXCLUDED.is_private, sla_days = EXCLUDED.sla_days,
       translations = EXCLUDED.translations, updated_at = now()
     WHERE (service_definitions.slug, service_definitions.name, service_definitions.description,
            service_definitions.group_name, service_definitions.keywords, service_definitions.agency_id,
            service_definitions.type, service_definitions.is_private, service_definitions.sla_days,
            service_definitions.translations)
       IS DISTINCT FROM
           (EXCLUDED.slug, EXCLUDED.name, EXCLUDED.description, EXCLUDED.group_name, EXCLUDED.keywords,
            EXCLUDED.agency_id, EXCLUDED.type, EXCLUDED.is_private, EXCLUDED.sla_days,
            EXCLUDED.translations)
     RETURNING (xmax = 0) AS inserted`,
    [
      services.map((s) => s.code),
      services.map((s) => s.slug),
      services.map((s) => s.name),
      services.map((s) => s.description),
      services.map((s) => s.group),
      services.map((s) => JSON.stringify(s.keywords)),
      services.map((s) => s.agencyCode),
      services.map((s) => s.type),
      services.map((s) => s.isPrivate),
      services.map((s) => s.slaDays),
      services.map((s) => JSON.stringify(serviceTranslations(s))),
    ],
  );
  return counts(rows, services.length);
}

async function upsertAttributes(
  manager: EntityManager,
  services: ServiceSeed[],
): Promise<UpsertCounts> {
  const attributes = services.flatMap((s) =>
    s.attributes.map((a) => ({
      service: s.code,
      ...a,
      translations: attributeTranslations(s.slug, a.code),
    })),
  );
  if (attributes.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows: { inserted: boolean }[] = await manager.query(
    `INSERT INTO service_attributes
       (service_definition_id, code, datatype, required, description, sort_order, values, translations)
     SELECT sd.id, a.code, a.datatype, a.required, a.description, a.sort_order, a.values, a.translations
     FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::int[], $7::jsonb[],
                 $8::jsonb[])
          AS a(service_code, code, datatype, required, description, sort_order, values, translations)
     JOIN service_definitions sd ON sd.code = a.service_code
     ON CONFLICT (service_definition_id, code) DO UPDATE SET
       datatype = EXCLUDED.datatype, required = EXCLUDED.required,
       description = EXCLUDED.description, sort_order = EXCLUDED.sort_order, values = EXCLUDED.values,
       translations = EXCLUDED.translations
     WHERE (service_attributes.datatype, service_attributes.required, service_attributes.description,
            service_attributes.sort_order, service_attributes.values, service_attributes.translations)
       IS DISTINCT FROM
           (EXCLUDED.datatype, EXCLUDED.required, EXCLUDED.description, EXCLUDED.sort_order,
            EXCLUDED.values, EXCLUDED.translations)
     RETURNING (xmax = 0) AS inserted`,
    [
      attributes.map((a) => a.service),
      attributes.map((a) => a.code),
      attributes.map((a) => a.datatype),
      attributes.map((a) => a.required),
      attributes.map((a) => a.description),
      attributes.map((a) => a.order),
      attributes.map((a) => JSON.stringify(a.values)),
      attributes.map((a) => JSON.stringify(a.translations)),
    ],
  );
  return counts(rows, attributes.length);
}

function counts(rows: { inserted: boolean }[], total: number): UpsertCounts {
  const inserted = rows.filter((r) => r.inserted).length;
  const updated = rows.length - inserted;
  return { inserted, updated, unchanged: total - rows.length };
}

function describe(c: UpsertCounts): string {
  return `${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged`;
}

/**
 * Seeds (or re-seeds) the database with Chicago's catalogue, boundaries and sample requests.
 * Expects a migrated schema. Throws with a message naming the URL when a download fails.
 */
export async function seed(ds: DataSource, opts: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const { log } = opts;
  const downloaded: string[] = [];

  const parsed = parseServiceList(await loadSource(SEED_SOURCES.services, opts, downloaded));
  const { live } = parsed;
  let codes = parsed.codes;
  if (live) {
    // The live list has no slugs: keep the slug already stored for a known code, else guess one.
    const stored: { code: string; slug: string }[] = await ds.query(
      `SELECT code, slug FROM service_definitions`,
    );
    const slugByCode = new Map(stored.map((r) => [r.code, r.slug]));
    codes = codes.map((c) => ({ ...c, slug: slugByCode.get(c.service_code) ?? guessSlug(c.slug) }));
  }
  const services = buildCatalogue(codes, {
    onUnplaced: live
      ? (slugs) =>
          log(
            `Services new to this catalogue, filed under "Information & Other": ${slugs.join(', ')}`,
          )
      : undefined,
  });

  const [agencies, serviceCounts, attributes] = await ds.transaction(async (manager) => {
    const a = await upsertAgencies(manager);
    const s = await upsertServices(manager, services);
    const q = await upsertAttributes(manager, services);
    return [a, s, q] as const;
  });
  log(`Agencies: ${describe(agencies)}`);
  log(`Service definitions: ${describe(serviceCounts)}`);
  log(`Service questions: ${describe(attributes)}`);

  const wards = await importAreas(
    ds,
    await loadSource(SEED_SOURCES.wards, opts, downloaded),
    'WARD',
  );
  log(`Wards: ${wards.imported} new, ${wards.updated} updated, ${wards.unchanged} unchanged`);
  const communityAreas = await importAreas(
    ds,
    await loadSource(SEED_SOURCES.communityAreas, opts, downloaded),
    'COMMUNITY_AREA',
  );
  log(
    `Community areas: ${communityAreas.imported} new, ${communityAreas.updated} updated, ${communityAreas.unchanged} unchanged`,
  );

  const csv = await loadSource(SEED_SOURCES.requests, opts, downloaded);
  const requests = await importChicagoCsv(ds, csv, { log: () => {} });
  if (requests.unknownTypes.length > 0) {
    log(`Request types with no service (rows rejected): ${requests.unknownTypes.join('; ')}`);
  }
  const rejected = Object.entries(requests.rejected).map(([reason, n]) => `${n} ${reason}`);
  const skipped = Object.entries(requests.skipped).map(([reason, n]) => `${n} ${reason}`);
  log(
    `Requests: ${requests.imported} imported; skipped: ${skipped.join(', ') || 'none'}; rejected: ${rejected.join(', ') || 'none'}`,
  );

  const durationMs = Date.now() - started;
  log(`Seed finished in ${(durationMs / 1000).toFixed(1)} s`);
  return {
    agencies,
    services: serviceCounts,
    attributes,
    wards,
    communityAreas,
    requests,
    unmappedTypes: requests.unknownTypes,
    downloaded,
    durationMs,
  };
}
