/**
 * GeoReport v2 output in its two formats. Documents are built once, in the JSON shape of the spec's
 * mapping (arrays at the root, lists as arrays, identifiers as strings), and the XML is derived from
 * that shape mechanically: the root element is named, every list becomes a container of repeated
 * singular elements (`services`/`service`, `notes`/`note` …), key order is element order.
 */
import { XMLBuilder } from 'fast-xml-parser';

/** The two output formats, chosen by the URL's extension. */
export type Open311Format = 'json' | 'xml';

/** Content types of the spec (§1.1). */
export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Element name of one item of each list, by the list's name. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  notes: 'note',
};

/** A JSON-shaped value of a document. */
export type Open311Value =
  string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
  ignoreAttributes: true,
});

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function toXmlTree(name: string, value: Open311Value): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`no XML item name for list ${name}`);
    return { [item]: value.map((v) => toXmlTree(item, v)) };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlTree(k, v)]));
  }
  return typeof value === 'string' ? value.replace(NOT_XML, '') : String(value);
}

/** Renders a document whose XML root is `root` (its JSON form drops the root, per the spec). */
export function render(format: Open311Format, root: string, body: Open311Value): string {
  if (format === 'json') return JSON.stringify(body);
  const xml = builder.build({ [root]: toXmlTree(root, body) }) as string;
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml}`;
}
