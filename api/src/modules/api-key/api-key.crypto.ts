/**
 * Open311 API keys: generated here and stored only as a SHA-256 hash, so a database read never
 * yields a usable key. A fast hash is enough because keys are long and random (192 bits), unlike
 * passwords. The prefix is kept in clear to recognise a key in lists.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so leaked keys are easy to find by secret scanners. */
export const API_KEY_PREFIX = 'stoop_';

/** Characters of the key kept in clear (the `prefix` column). */
export const API_KEY_VISIBLE_CHARS = 10;

/** A new key: `key` is shown once; `hash` and `prefix` are stored. */
export interface GeneratedApiKey {
  key: string;
  hash: string;
  prefix: string;
}

/** Hex SHA-256 of a key, as stored in `api_keys.key_hash` and looked up on each request. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Makes a key: `stoop_` followed by 32 random URL-safe characters. */
export function generateApiKey(): GeneratedApiKey {
  const key = API_KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, hash: hashApiKey(key), prefix: key.slice(0, API_KEY_VISIBLE_CHARS) };
}
