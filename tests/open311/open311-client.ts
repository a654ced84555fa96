/**
 * A small Open311 client for the conformance tests: raw GET and form POST against the running test
 * server, API keys made the way the CLI makes them, and XML read with a real parser that keeps
 * element order (fast-xml-parser, `preserveOrder`), so tests can check names and order.
 */
import { XMLParser } from 'fast-xml-parser';
import { generateApiKey } from '../../api/src/modules/api-key/api-key.crypto.js';
import type { TestApp } from '../api/harness.js';

/** The facade's base path. */
export const BASE = '/open311/v2';

/** A raw response. */
export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/** GET a path under the facade. */
export async function get(app: TestApp, path: string): Promise<RawResponse> {
  const res = await fetch(`${app.url}${BASE}/${path}`);
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

/** Form fields; arrays repeat the name (e.g. `attribute[where_seen][]`). */
export type Form = Record<string, string | string[] | undefined>;

/** POST a form-encoded body to a path under the facade. */
export async function post(app: TestApp, path: string, form: Form): Promise<RawResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const res = await fetch(`${app.url}${BASE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

/** GET and parse JSON, asserting nothing. */
export async function getJson(app: TestApp, path: string): Promise<{ status: number; body: any }> {
  const res = await get(app, path);
  return { status: res.status, body: JSON.parse(res.text) };
}

/** Creates an API key directly (as `api-key:create` does) and returns the clear key and its id. */
export async function createKey(
  app: TestApp,
  rateLimitPerMinute = 600,
): Promise<{ key: string; id: string }> {
  const { key, hash, prefix } = generateApiKey();
  const [row] = (await app.dataSource.query(
    `INSERT INTO api_keys (name, key_hash, prefix, rate_limit_per_minute) VALUES ($1, $2, $3, $4) RETURNING id`,
    ['conformance', hash, prefix, rateLimitPerMinute],
  )) as { id: string }[];
  return { key, id: row!.id };
}

/** An XML element: name, children in document order, and its text. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

function toElement(node: Record<string, unknown>): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return null;
  const raw = node[name] as Record<string, unknown>[];
  const children = raw.map(toElement).filter((c): c is XmlElement => c !== null);
  const text = raw
    .filter((c) => '#text' in c)
    .map((c) => String(c['#text']))
    .join('');
  return { name, children, text };
}

/** Parses an XML document: its declaration line and its root element. */
export function parseXml(xml: string): { declaration: string; root: XmlElement } {
  const declaration = /^<\?xml[^>]*\?>/.exec(xml)?.[0] ?? '';
  const nodes = parser.parse(xml) as Record<string, unknown>[];
  const roots = nodes.map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1) throw new Error(`expected one root element, got ${roots.length}`);
  return { declaration, root: roots[0]! };
}

/** Names of the children of an element, in order. */
export function names(e: XmlElement): string[] {
  return e.children.map((c) => c.name);
}

/** The first child with a name. */
export function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

/** The text of the first child with a name ('' when empty or absent). */
export function textOf(e: XmlElement, name: string): string {
  return child(e, name)?.text ?? '';
}

/** Element order of a request in the spec (GET requests table), without Chicago's extensions. */
export const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

/** The same, with `extensions=true`. */
export const EXTENDED_REQUEST_FIELDS = [
  ...REQUEST_FIELDS,
  'detailed_status',
  'extended_attributes',
  'notes',
];

/** A W3C date-time with a zone (`Z` or `±HH:MM`). */
export const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
