/** GraphQL shapes of the staff console: the queue, assignment and bulk status changes. */
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/common.type.js';
import { Agency } from '../agency/agency.type.js';
import {
  DetailedStatusEnum,
  RequestStatusEnum,
  ServiceRequest,
  VisibilityEnum,
} from './service-request.type.js';

export enum StaffQueueOrderEnum {
  OLDEST_FIRST = 'OLDEST_FIRST',
  NEWEST_FIRST = 'NEWEST_FIRST',
  MOST_SUPPORTED = 'MOST_SUPPORTED',
  MOST_OVERDUE = 'MOST_OVERDUE',
}
registerEnumType(StaffQueueOrderEnum, {
  name: 'StaffQueueOrder',
  description: 'Orders of the staff queue.',
  valuesConfig: {
    OLDEST_FIRST: { description: 'Oldest request first (default).' },
    NEWEST_FIRST: { description: 'Newest request first.' },
    MOST_SUPPORTED: { description: 'Most co-signatures first, then oldest.' },
    MOST_OVERDUE: {
      description:
        'Earliest SLA due time first (the most overdue on top); services without an SLA last, oldest first.',
    },
  },
});

@InputType({ description: 'Filters of the staff queue; all optional and combined with AND.' })
export class StaffQueueFilter {
  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: "Only this agency's requests (Agency.id). Default: the viewer's own agency.",
  })
  agencyId?: string | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Every agency (ignores agencyId). Admins without an agency see every agency anyway.',
  })
  allAgencies?: boolean | null;

  @IsOptional()
  @ArrayMaxSize(200)
  @Field(() => [String], { nullable: true, description: 'Any of these service codes.' })
  serviceCodes?: string[] | null;

  @IsOptional()
  @Field(() => ID, { nullable: true, description: 'Inside a ward or community area (global id).' })
  areaId?: string | null;

  @IsOptional()
  @Field(() => RequestStatusEnum, {
    nullable: true,
    description:
      'OPEN or CLOSED. Omitted: OPEN, unless detailedStatuses is given. Explicit null: both.',
  })
  status?: RequestStatusEnum | null;

  @IsOptional()
  @ArrayMaxSize(9)
  @Field(() => [DetailedStatusEnum], {
    nullable: true,
    description: 'Any of these detailed statuses.',
  })
  detailedStatuses?: DetailedStatusEnum[] | null;

  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Only requests made more than this many days ago (0 to 3,650).',
  })
  olderThanDays?: number | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: only requests past their service's SLA target (open after it is due, or closed late); false: only the others.",
  })
  overdue?: boolean | null;

  @IsOptional()
  @Field(() => ID, { nullable: true, description: 'Only requests assigned to this staff member.' })
  assigneeId?: string | null;

  @IsOptional()
  @Field(() => Boolean, { nullable: true, description: 'Only requests nobody is assigned to.' })
  unassigned?: boolean | null;

  @IsOptional()
  @MaxLength(100)
  @Field(() => String, {
    nullable: true,
    description: 'A tracking number (or its start) or words of the address.',
  })
  search?: string | null;
}

@ArgsType()
export class StaffQueueArgs {
  @IsOptional()
  @Field(() => StaffQueueFilter, { nullable: true, description: 'Filters.' })
  filter?: StaffQueueFilter | null;

  @Field(() => StaffQueueOrderEnum, {
    defaultValue: StaffQueueOrderEnum.OLDEST_FIRST,
    description: 'Order.',
  })
  orderBy: StaffQueueOrderEnum;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
  first: number;

  @IsOptional()
  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  after?: string | null;
}

@ObjectType({ description: 'A city staff member (as other staff see them; no contact details).' })
export class StaffMember {
  @Field(() => ID, { description: 'Account id (global id of type User).' })
  id: string;

  @Field(() => String, { description: 'Name shown to colleagues.' })
  displayName: string;
}

@ObjectType({ description: 'An edge of the staff queue.' })
export class StaffQueueEdge {
  @Field(() => ServiceRequest, {
    description: 'The request, with its contact and internal notes (the viewer is staff).',
  })
  node: ServiceRequest;

  @Field(() => String, { description: 'Cursor to continue after this edge.' })
  cursor: string;

  @Field(() => Int, { description: 'Whole days since it was made.' })
  ageDays: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "Whole days past its service's SLA target (0 on the day it fell due); null while on time or without an SLA.",
  })
  overdueDays: number | null;
}

@ObjectType({ description: 'A page of the staff queue.' })
export class StaffQueueConnection {
  @Field(() => [StaffQueueEdge], { description: 'The page.' })
  edges: StaffQueueEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Requests matching the filter.' })
  totalCount: number;

  @Field(() => Int, { description: 'Of those, how many are past their SLA target.' })
  overdueCount: number;

  @Field(() => Agency, {
    nullable: true,
    description: 'The agency whose queue this is; null when it spans every agency.',
  })
  agency: Agency | null;

  /** Internal: the agency id for the field resolver. */
  agencyId: string | null;
}

@InputType({ description: 'Assign a request to a staff member of its agency, or unassign it.' })
export class AssignServiceRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  id: string;

  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: "StaffMember.id of a staff member of the request's agency; null to unassign.",
  })
  assigneeId?: string | null;
}

@ObjectType({ description: 'Result of assignServiceRequest.' })
export class AssignServiceRequestPayload {
  @Field(() => ServiceRequest, { description: 'The request after the change.' })
  serviceRequest: ServiceRequest;
}

@InputType({ description: 'One status change applied to several requests at once.' })
export class UpdateServiceRequestStatusesInput {
  @ArrayMaxSize(100)
  @Field(() => [ID], { description: 'Global ids of the requests, 1 to 100.' })
  ids: string[];

  @Field(() => DetailedStatusEnum, {
    description: 'New detailed status (DUPLICATE: use markDuplicate).',
  })
  detailedStatus: DetailedStatusEnum;

  @IsOptional()
  @MaxLength(4000)
  @Field(() => String, { nullable: true, description: 'A note for each timeline.' })
  note?: string | null;

  @IsOptional()
  @Field(() => VisibilityEnum, {
    nullable: true,
    description: 'Who may read the note: PUBLIC (default) or INTERNAL (staff only).',
  })
  noteVisibility?: VisibilityEnum | null;

  @IsOptional()
  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When the city expects to close them.',
  })
  expectedAt?: Date | null;
}

@ObjectType({ description: 'Result of updateServiceRequestStatuses.' })
export class UpdateServiceRequestStatusesPayload {
  @Field(() => [ServiceRequest], { description: 'The requests after the change, in input order.' })
  serviceRequests: ServiceRequest[];
}
