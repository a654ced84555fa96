/**
 * Entity → GraphQL mapping for requests and events. The one place where private fields are left
 * out: contact only when the caller may see it, internal notes never unless allowed.
 */
import { toGlobalId } from '../../lib/ids.js';
import type { RequestEventEntity, ServiceRequestEntity } from './service-request.entity.js';
import {
  AttributeAnswerValue,
  ChannelEnum,
  DetailedStatusEnum,
  EventTypeEnum,
  ReporterContact,
  RequestEvent,
  RequestStatusEnum,
  ServiceRequest,
  VisibilityEnum,
} from './service-request.type.js';

/** Maps a request; `canSeeContact` decides whether the private contact is included. */
export function presentServiceRequest(
  r: ServiceRequestEntity,
  canSeeContact: boolean,
): ServiceRequest {
  const [longitude, latitude] = r.location.coordinates as [number, number];
  return Object.assign(new ServiceRequest(), {
    id: toGlobalId('ServiceRequest', r.id),
    uuid: r.id,
    trackingNumber: r.trackingNumber,
    description: r.hiddenAt && !canSeeContact ? '' : r.description,
    hidden: r.hiddenAt !== null,
    location: { latitude, longitude },
    address: r.address,
    zipcode: r.zipcode,
    ward: r.ward,
    communityArea: r.communityArea,
    status: r.status as RequestStatusEnum,
    detailedStatus: r.detailedStatus as DetailedStatusEnum,
    requestedAt: r.requestedAt,
    updatedAt: r.updatedAt,
    expectedAt: r.expectedAt,
    closedAt: r.closedAt,
    channel: r.channel as ChannelEnum,
    attributes: Object.entries(r.attributes).map(([code, value]) =>
      Object.assign(new AttributeAnswerValue(), {
        code,
        values: Array.isArray(value) ? value : [value],
      }),
    ),
    supportCount: r.supportCount,
    contact: canSeeContact
      ? Object.assign(new ReporterContact(), {
          name: r.contactName,
          email: r.contactEmail,
          phone: r.contactPhone,
        })
      : null,
    serviceDefinitionId: r.serviceDefinitionId,
    agencyId: r.agencyId,
    duplicateOfId: r.duplicateOfId,
    reporterId: r.reporterId,
    assigneeId: r.assigneeId,
  });
}

/** Maps an event; callers have already dropped events the viewer may not see. */
export function presentEvent(e: RequestEventEntity): RequestEvent {
  return Object.assign(new RequestEvent(), {
    id: String(e.id),
    type: e.type as EventTypeEnum,
    at: e.at,
    fromStatus: e.fromStatus as DetailedStatusEnum | null,
    toStatus: e.toStatus as DetailedStatusEnum | null,
    text: e.text,
    visibility: e.visibility as VisibilityEnum,
  });
}
