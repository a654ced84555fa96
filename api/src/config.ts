/**
 * Typed environment. Every setting Stoop reads lives here, parsed once, and a bad value stops the
 * process at start-up with a message that names the variable, never later in a request.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parsed settings of one process. */
export interface Config {
  /** HTTP and WebSocket port. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** PostgreSQL with PostGIS; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database and of stored media. */
  dataDir: string;
  /** Folder holding Chicago's open-data files for the seed, if a local copy exists (see findSharedData). */
  seedDataDir: string | undefined;
  /** Where uploaded photos are stored. */
  mediaDir: string;
  /** pino log level. */
  logLevel: string;
  /** Public base URL used to build absolute links (media URLs). */
  publicUrl: string | undefined;
  /** Whether cookies get the Secure flag. */
  secureCookies: boolean;
  /** Migrate and seed the embedded database on first run. */
  autoSeed: boolean;
  /** Metric projection of the city (EPSG code) used for distances. */
  metricSrid: number;
  /** Votes that move an idea to UNDER_REVIEW. */
  ideaReviewThreshold: number;
  /** Distinct flags that hide content until a moderator decides. */
  flagHideThreshold: number;
  /** Requests per minute one IP address may make to /graphql and POST /media. */
  ipRateLimitPerMinute: number;
  /** Exports per minute per IP. */
  exportRateLimitPerMinute: number;
  /** Inbound texts per minute per phone. */
  smsRateLimitPerMinute: number;
  /** Seconds dashboard statistics are cached. */
  statsCacheSeconds: number;
  /** Redis for pub/sub across instances; undefined means in-process (one instance). */
  redisUrl: string | undefined;
  /** Pelias or Nominatim server for geocoding; undefined means the built-in offline geocoder. */
  geocoderUrl: string | undefined;
  /** Protocol of {@link Config.geocoderUrl}. */
  geocoderKind: 'pelias' | 'nominatim';
  /** SMTP server for e-mail notifications (`smtp://user:pass@host:587`); undefined: log only. */
  smtpUrl: string | undefined;
  /** From address of e-mails. */
  mailFrom: string;
  /** HTTP SMS provider endpoint (form POST `To`, `From`, `Body`); undefined: log only. */
  smsUrl: string | undefined;
  /** Sender number of texts. */
  smsFrom: string;
  /** Basic-auth user and password of the SMS provider. */
  smsUser: string | undefined;
  smsPassword: string | undefined;
  /** Signs unsubscribe links; a random one per process when unset. */
  unsubscribeSecret: string | undefined;
}

/**
 * Where Chicago's open-data files are when STOOP_SEED_DATA is unset: `shared/data` beside the
 * checkout (`../shared/data`) or beside any folder above it, found from the working directory and
 * from the repository itself. Undefined means the seed downloads them from the city's portal.
 */
export function findSharedData(starts: string[]): string | undefined {
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, 'shared', 'data');
      if (existsSync(path.join(candidate, 'chicago_open311_service_codes.json'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A configuration problem, reported before anything starts. */
export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  if (!/^https?:\/\//.test(raw))
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

function smtp(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  if (!/^smtps?:\/\//.test(raw))
    throw new ConfigError(`${name} must be an smtp:// or smtps:// URL`);
  return raw;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** Reads the environment into a {@link Config}; throws {@link ConfigError} on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  const dataDir = path.resolve(env.STOOP_DATA_DIR || '.stoop');
  const seedDataDir = env.STOOP_SEED_DATA
    ? path.resolve(env.STOOP_SEED_DATA)
    : findSharedData([process.cwd(), REPO_ROOT]);
  return {
    port: int(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir,
    seedDataDir,
    mediaDir: path.resolve(env.STOOP_MEDIA_DIR || path.join(dataDir, 'media')),
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.PUBLIC_URL || undefined,
    secureCookies: bool(env, 'SECURE_COOKIES', false),
    autoSeed: bool(env, 'STOOP_AUTO_SEED', true),
    metricSrid: int(env, 'STOOP_METRIC_SRID', 26916),
    ideaReviewThreshold: int(env, 'STOOP_IDEA_REVIEW_THRESHOLD', 25),
    flagHideThreshold: int(env, 'STOOP_FLAG_HIDE_THRESHOLD', 3),
    ipRateLimitPerMinute: int(env, 'STOOP_IP_RATE_LIMIT', 600),
    exportRateLimitPerMinute: int(env, 'STOOP_EXPORT_RATE_LIMIT', 30),
    smsRateLimitPerMinute: int(env, 'STOOP_SMS_RATE_LIMIT', 20),
    statsCacheSeconds: int(env, 'STOOP_STATS_CACHE_SECONDS', 60),
    redisUrl: env.REDIS_URL || undefined,
    geocoderUrl: url(env, 'STOOP_GEOCODER_URL'),
    geocoderKind: oneOf(env, 'STOOP_GEOCODER_KIND', ['pelias', 'nominatim'] as const, 'pelias'),
    smtpUrl: smtp(env, 'STOOP_SMTP_URL'),
    mailFrom: env.STOOP_MAIL_FROM || 'Stoop 311 <no-reply@localhost>',
    smsUrl: url(env, 'STOOP_SMS_URL'),
    smsFrom: env.STOOP_SMS_FROM || '',
    smsUser: env.STOOP_SMS_USER || undefined,
    smsPassword: env.STOOP_SMS_PASSWORD || undefined,
    unsubscribeSecret: env.STOOP_UNSUBSCRIBE_SECRET || undefined,
  };
}
