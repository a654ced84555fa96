/**
 * Entities → GeoReport v2 documents (JSON-shaped; the serializer derives the XML). Element order
 * follows the spec's tables. What may not be public never gets here: the services hand this module
 * only requests and timeline events the anonymous Open311 caller may see, and this module reads no
 * contact field and no client info.
 *
 * Chicago's extensions (`extensions=true`): `detailed_status`, `extended_attributes` and `notes`,
 * the public timeline as Chicago's note types (submitted, opened, activity, closed).
 */
import type { AgencyEntity } from '../modules/agency/agency.entity.js';
import type {
  ServiceAttributeEntity,
  ServiceDefinitionEntity,
} from '../modules/service-definition/service-definition.entity.js';
import type {
  DetailedStatus,
  RequestEventEntity,
  ServiceRequestEntity,
} from '../modules/service-request/service-request.entity.js';
import { formatW3c } from './open311.params.js';
import type { Open311Value } from './open311.serializer.js';

/** The spec token of GeoReport v2 in discovery documents. */
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** One GET services item. */
export function presentService(s: ServiceDefinitionEntity): Open311Value {
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.description,
    metadata: (s.attributes ?? []).length > 0,
    type: s.type,
    keywords: s.keywords.join(','),
    group: s.group,
  };
}

const LIST_TYPES = new Set(['singlevaluelist', 'multivaluelist']);

function presentAttribute(a: ServiceAttributeEntity): Open311Value {
  return {
    variable: a.variable,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: a.datatypeDescription ?? '',
    order: a.order,
    description: a.description,
    ...(LIST_TYPES.has(a.datatype)
      ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) }
      : {}),
  };
}

/** The GET services/{code} document. */
export function presentServiceDefinition(s: ServiceDefinitionEntity): Open311Value {
  return {
    service_code: s.code,
    attributes: [...(s.attributes ?? [])].sort((a, b) => a.order - b.order).map(presentAttribute),
  };
}

/** The discovery document (one production endpoint, both formats). */
export function presentDiscovery(options: {
  endpointUrl: string;
  changedAt: Date | null;
}): Open311Value {
  const changeset = formatW3c(options.changedAt ?? new Date(0));
  return {
    changeset,
    contact:
      'City of Chicago 311 (dial 311, or 312-744-5000 from outside Chicago), served by Stoop',
    key_service:
      'Ask the operator of this server for a key: an administrator creates one with the createApiKey mutation or `npm run cli -- api-key:create --name <app>`.',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: options.endpointUrl,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** An error list entry; `code` is the HTTP status unless a finer code is meant. */
export function presentErrors(code: number, descriptions: string[]): Open311Value {
  return descriptions.map((description) => ({ code, description }));
}

/** What the facade gathered about one request before presenting it. */
export interface RequestContext {
  definition: ServiceDefinitionEntity | null;
  agency: AgencyEntity | null;
  /** Public events only, oldest first. */
  timeline: RequestEventEntity[];
  /** Absolute URL of the first attached photo, if any. */
  photoUrl: string | null;
  parentTrackingNumber: string | null;
}

const STATUS_LABELS: Record<DetailedStatus, string> = {
  SUBMITTED: 'Submitted',
  ACKNOWLEDGED: 'Acknowledged',
  IN_PROGRESS: 'In progress',
  SCHEDULED: 'Scheduled',
  ON_HOLD: 'On hold',
  COMPLETED: 'Completed',
  CLOSED_NOT_FIXED: 'Closed, not fixed',
  DUPLICATE: 'Duplicate',
  CANCELED: 'Canceled',
};

const CLOSED: ReadonlySet<string> = new Set([
  'COMPLETED',
  'CLOSED_NOT_FIXED',
  'DUPLICATE',
  'CANCELED',
]);

/** Events that say something about the city's work (comments and support are residents' talk). */
const WORK_EVENTS: ReadonlySet<string> = new Set([
  'SUBMITTED',
  'ACKNOWLEDGED',
  'STATUS_CHANGED',
  'NOTE',
  'MERGED',
  'REOPENED',
  'ASSIGNED',
  'MEDIA_ADDED',
]);

/** One timeline event as a Chicago note: type, summary and the public text. */
function presentNote(e: RequestEventEntity): Open311Value {
  const to = e.toStatus ? STATUS_LABELS[e.toStatus] : null;
  let type = 'activity';
  let summary: string;
  switch (e.type) {
    case 'SUBMITTED':
      type = 'submitted';
      summary = 'Request submitted';
      break;
    case 'ACKNOWLEDGED':
      type = 'opened';
      summary = 'Request opened';
      break;
    case 'REOPENED':
      type = 'opened';
      summary = 'Request reopened';
      break;
    case 'STATUS_CHANGED':
    case 'MERGED':
      if (e.toStatus && CLOSED.has(e.toStatus)) {
        type = 'closed';
        summary = `Request closed: ${to}`;
      } else summary = `Status changed to ${to ?? 'a new step'}`;
      break;
    case 'ASSIGNED':
      summary = 'Request assigned';
      break;
    case 'MEDIA_ADDED':
      summary = 'Photo added';
      break;
    default:
      summary = 'Update from the city';
  }
  return {
    datetime: formatW3c(e.at),
    summary,
    type,
    ...(e.text ? { description: e.text } : {}),
  };
}

/** The latest public text the city wrote about the request (Open311 `status_notes`). */
function statusNotes(timeline: RequestEventEntity[]): string | null {
  for (let i = timeline.length - 1; i >= 0; i -= 1) {
    const e = timeline[i]!;
    if (e.visibility === 'PUBLIC' && e.text && WORK_EVENTS.has(e.type)) return e.text;
  }
  return null;
}

/** One GET requests item; `extensions` adds Chicago's fields. */
export function presentRequest(
  r: ServiceRequestEntity,
  c: RequestContext,
  extensions: boolean,
): Open311Value {
  const [long, lat] = r.location.coordinates as [number, number];
  const base: Record<string, Open311Value> = {
    service_request_id: r.trackingNumber,
    status: r.status === 'CLOSED' ? 'closed' : 'open',
    status_notes: statusNotes(c.timeline),
    service_name: c.definition?.name ?? null,
    service_code: c.definition?.code ?? null,
    description: r.description,
    agency_responsible: c.agency?.name ?? null,
    service_notice: null,
    requested_datetime: formatW3c(r.requestedAt),
    updated_datetime: formatW3c(r.updatedAt),
    expected_datetime: formatW3c(r.expectedAt),
    address: r.address,
    address_id: null,
    zipcode: r.zipcode,
    lat,
    long,
    media_url: c.photoUrl ?? r.mediaUrl,
  };
  if (!extensions) return base;
  return {
    ...base,
    detailed_status: r.detailedStatus,
    extended_attributes: {
      ward: r.ward,
      community_area: r.communityArea,
      channel: r.channel.toLowerCase(),
      duplicate: r.detailedStatus === 'DUPLICATE' || r.duplicateOfId !== null,
      parent_service_request_id: c.parentTrackingNumber,
    },
    notes: c.timeline
      .filter((e) => e.visibility === 'PUBLIC' && WORK_EVENTS.has(e.type))
      .map(presentNote),
  };
}
