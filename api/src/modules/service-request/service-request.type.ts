/** GraphQL shapes of a service request, its timeline and its lists. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { GeoPoint, Node, PageInfo } from '../../graphql/common.type.js';

export enum RequestStatusEnum {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(RequestStatusEnum, {
  name: 'RequestStatus',
  description: 'Open311 status.',
  valuesConfig: {
    OPEN: { description: 'Still being worked on.' },
    CLOSED: { description: 'Closed. Closed does not mean fixed: see detailedStatus.' },
  },
});

export enum DetailedStatusEnum {
  SUBMITTED = 'SUBMITTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  SCHEDULED = 'SCHEDULED',
  ON_HOLD = 'ON_HOLD',
  COMPLETED = 'COMPLETED',
  CLOSED_NOT_FIXED = 'CLOSED_NOT_FIXED',
  DUPLICATE = 'DUPLICATE',
  CANCELED = 'CANCELED',
}
registerEnumType(DetailedStatusEnum, {
  name: 'DetailedStatus',
  description: 'Where a request is in its lifecycle.',
  valuesConfig: {
    SUBMITTED: { description: 'Received; nobody has looked at it yet. Open.' },
    ACKNOWLEDGED: { description: 'The agency has seen it. Open.' },
    IN_PROGRESS: { description: 'Work is under way. Open.' },
    SCHEDULED: { description: 'Work is scheduled (see expectedAt). Open.' },
    ON_HOLD: { description: 'Waiting on something outside the agency. Open.' },
    COMPLETED: { description: 'The problem was fixed. Closed.' },
    CLOSED_NOT_FIXED: { description: 'Closed without a fix (e.g. nothing found). Closed.' },
    DUPLICATE: {
      description: 'Closed as a duplicate of another request (see duplicateOf). Closed.',
    },
    CANCELED: { description: 'Withdrawn or invalid. Closed.' },
  },
});

export enum ChannelEnum {
  WEB = 'WEB',
  MOBILE = 'MOBILE',
  SMS = 'SMS',
  PHONE = 'PHONE',
  OPEN311 = 'OPEN311',
  STAFF = 'STAFF',
}
registerEnumType(ChannelEnum, {
  name: 'Channel',
  description: 'How a request came in.',
  valuesConfig: {
    WEB: { description: 'The web app.' },
    MOBILE: { description: 'A mobile app.' },
    SMS: { description: 'A text message.' },
    PHONE: { description: 'A phone call to 311, entered by an agent.' },
    OPEN311: { description: 'An Open311 client app.' },
    STAFF: { description: 'Entered by city staff in the field.' },
  },
});

export enum EventTypeEnum {
  SUBMITTED = 'SUBMITTED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  NOTE = 'NOTE',
  COMMENT = 'COMMENT',
  SUPPORTED = 'SUPPORTED',
  MERGED = 'MERGED',
  REOPENED = 'REOPENED',
  ASSIGNED = 'ASSIGNED',
  MEDIA_ADDED = 'MEDIA_ADDED',
  REOPEN_REQUESTED = 'REOPEN_REQUESTED',
  REOPEN_REFUSED = 'REOPEN_REFUSED',
}
registerEnumType(EventTypeEnum, {
  name: 'RequestEventType',
  description: 'Kinds of timeline event.',
  valuesConfig: {
    SUBMITTED: { description: 'The request was made.' },
    ACKNOWLEDGED: { description: 'The agency acknowledged it.' },
    STATUS_CHANGED: { description: 'The detailed status changed.' },
    NOTE: { description: 'A note from staff (public, or internal for staff only).' },
    COMMENT: { description: 'A resident commented.' },
    SUPPORTED: { description: 'A neighbour co-signed.' },
    MERGED: { description: 'Merged with a duplicate.' },
    REOPENED: { description: 'Reopened after being closed.' },
    ASSIGNED: { description: 'Assigned to a crew or person.' },
    MEDIA_ADDED: { description: 'A photo was added.' },
    REOPEN_REQUESTED: {
      description: 'The reporter or a co-signer asked to reopen it (with a reason).',
    },
    REOPEN_REFUSED: { description: 'Staff refused to reopen it (with a note).' },
  },
});

export enum VisibilityEnum {
  PUBLIC = 'PUBLIC',
  INTERNAL = 'INTERNAL',
}
registerEnumType(VisibilityEnum, {
  name: 'Visibility',
  description: 'Who may read a note.',
  valuesConfig: {
    PUBLIC: { description: 'Everyone.' },
    INTERNAL: { description: 'City staff only.' },
  },
});

@ObjectType({ description: 'One event of the public (or, for staff, internal) timeline.' })
export class RequestEvent {
  @Field(() => ID, {
    description: 'Event id; increases over time. Pass as `afterEventId` to resume.',
  })
  id: string;

  @Field(() => EventTypeEnum, { description: 'What happened.' })
  type: EventTypeEnum;

  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  at: Date;

  @Field(() => DetailedStatusEnum, { nullable: true, description: 'Status before a change.' })
  fromStatus: DetailedStatusEnum | null;

  @Field(() => DetailedStatusEnum, { nullable: true, description: 'Status after a change.' })
  toStatus: DetailedStatusEnum | null;

  @Field(() => String, { nullable: true, description: 'Text of a note or change.' })
  text: string | null;

  @Field(() => VisibilityEnum, { description: 'PUBLIC, or INTERNAL (seen by staff only).' })
  visibility: VisibilityEnum;
}

@ObjectType({ description: 'A photo attached to a request, EXIF removed.' })
export class Media {
  @Field(() => ID, { description: 'Media id.' })
  id: string;

  @Field(() => String, { description: 'URL of the image.' })
  url: string;

  @Field(() => String, { description: 'URL of a small thumbnail.' })
  thumbnailUrl: string;

  @Field(() => Int, { description: 'Width in pixels.' })
  width: number;

  @Field(() => Int, { description: 'Height in pixels.' })
  height: number;
}

@ObjectType({
  description: "The reporter's private contact. Visible to the reporter and city staff only.",
})
export class ReporterContact {
  @Field(() => String, { nullable: true, description: 'Name.' })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Phone.' })
  phone: string | null;
}

@ObjectType({ description: 'An answer to one of the service questions.' })
export class AttributeAnswerValue {
  @Field(() => String, { description: 'Attribute code.' })
  code: string;

  @Field(() => [String], { description: 'Answer values (one unless a multi-value list).' })
  values: string[];
}

@ObjectType({
  implements: Node,
  description: 'A service request: one reported problem and its journey.',
})
export class ServiceRequest implements Node {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => String, { description: 'Public tracking number, SR<yy>-<8 digits>.' })
  trackingNumber: string;

  @Field(() => String, {
    description:
      'What the resident wrote (empty while hidden by a moderator, except for the reporter and staff).',
  })
  description: string;

  @Field(() => Boolean, {
    description: 'Whether a moderator hid the description: show "hidden by a moderator".',
  })
  hidden: boolean;

  @Field(() => GeoPoint, { description: 'Where the problem is.' })
  location: GeoPoint;

  @Field(() => String, { nullable: true, description: 'Street address, if known.' })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'ZIP code, if known.' })
  zipcode: string | null;

  @Field(() => Int, { nullable: true, description: 'Ward number (2023 map).' })
  ward: number | null;

  @Field(() => Int, { nullable: true, description: 'Community area number.' })
  communityArea: number | null;

  @Field(() => RequestStatusEnum, { description: 'OPEN or CLOSED.' })
  status: RequestStatusEnum;

  @Field(() => DetailedStatusEnum, { description: 'Lifecycle step.' })
  detailedStatus: DetailedStatusEnum;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was made.' })
  requestedAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When it last changed.' })
  updatedAt: Date;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When the city expects to close it.',
  })
  expectedAt: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was closed.' })
  closedAt: Date | null;

  @Field(() => ChannelEnum, { description: 'How it came in.' })
  channel: ChannelEnum;

  @Field(() => [AttributeAnswerValue], { description: "Answers to the service's questions." })
  attributes: AttributeAnswerValue[];

  @Field(() => Int, { description: 'Neighbours who co-signed.' })
  supportCount: number;

  @Field(() => ReporterContact, {
    nullable: true,
    description:
      "Reporter's private contact: null unless the viewer is the reporter or city staff.",
  })
  contact: ReporterContact | null;

  /** Internal ids for field resolvers. */
  uuid: string;
  serviceDefinitionId: string;
  agencyId: string;
  duplicateOfId: string | null;
  reporterId: string | null;
  assigneeId: string | null;
}

@ObjectType({ description: 'A request and its distance from a point.' })
export class NearbyServiceRequest {
  @Field(() => ServiceRequest, { description: 'The request.' })
  request: ServiceRequest;

  @Field(() => Float, { description: 'Distance in metres.' })
  distanceMeters: number;
}

@ObjectType({ description: 'An edge of a request list.' })
export class ServiceRequestEdge {
  @Field(() => ServiceRequest, { description: 'The request.' })
  node: ServiceRequest;

  @Field(() => String, { description: 'Cursor to continue after this edge.' })
  cursor: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Distance in metres, when filtered by `near`.',
  })
  distanceMeters: number | null;
}

@ObjectType({ description: 'A page of requests.' })
export class ServiceRequestConnection {
  @Field(() => [ServiceRequestEdge], { description: 'The page.' })
  edges: ServiceRequestEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All requests matching the filter.' })
  totalCount: number;
}

export enum RequestChangeEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
}
registerEnumType(RequestChangeEnum, {
  name: 'RequestChange',
  description: 'Kind of change on a live map.',
  valuesConfig: {
    CREATED: { description: 'A new request.' },
    UPDATED: { description: 'An existing request changed.' },
  },
});

@ObjectType({ description: 'A request that appeared or changed in a watched area or viewport.' })
export class ServiceRequestChange {
  @Field(() => RequestChangeEnum, { description: 'New or changed.' })
  change: RequestChangeEnum;

  @Field(() => ServiceRequest, { description: 'The request as it is now.' })
  request: ServiceRequest;
}
