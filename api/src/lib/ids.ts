/**
 * Global object ids (Relay `Node`): base64url of `<Type>:<uuid>`, so an id names its type and a
 * client cannot pass a ward id where a request id is expected.
 */
import { badField } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Encodes a global id. */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Decodes a global id; returns undefined when it is not one. */
export function parseGlobalId(globalId: string): { type: string; id: string } | undefined {
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const at = text.indexOf(':');
  if (at <= 0) return undefined;
  const id = text.slice(at + 1);
  if (!UUID.test(id)) return undefined;
  return { type: text.slice(0, at), id };
}

/** Decodes a global id of a given type or throws BAD_USER_INPUT naming the field. */
export function fromGlobalId(globalId: string, type: string, field: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badField(field, `is not a valid ${type} id`);
  return parsed.id;
}

/** Opaque pagination cursors. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}, or throws BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length) return value as (string | number)[];
  } catch {
    // fall through to the error below
  }
  throw badField('after', 'is not a valid cursor');
}
