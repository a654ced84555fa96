/** Inputs of the service request operations, with their validation rules. */
import {
  ArrayMaxSize,
  IsEmail,
  IsOptional,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { BBoxInput, GeoPointInput, NearInput } from '../../graphql/common.type.js';
import {
  ChannelEnum,
  DetailedStatusEnum,
  RequestStatusEnum,
  VisibilityEnum,
} from './service-request.type.js';
import { registerEnumType } from 'type-graphql';

@InputType({ description: 'An answer to one service question.' })
export class AttributeAnswerInput {
  @MaxLength(64)
  @Field(() => String, { description: 'Attribute code.' })
  code: string;

  @IsOptional()
  @MaxLength(4000)
  @Field(() => String, { nullable: true, description: 'The answer (single value).' })
  value?: string | null;

  @IsOptional()
  @ArrayMaxSize(50)
  @Field(() => [String], { nullable: true, description: 'Answers of a multi-value list.' })
  values?: string[] | null;
}

export enum UpdateChannelEnum {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}
registerEnumType(UpdateChannelEnum, {
  name: 'UpdateChannel',
  description: 'How a reporter without an account hears about their request.',
  valuesConfig: {
    EMAIL: { description: 'E-mails to contact.email, each with a one-click unsubscribe link.' },
    SMS: { description: 'Texts to contact.phone; STOP ends them.' },
  },
});

@InputType({ description: "Reporter's private contact; never shown publicly." })
export class ContactInput {
  @IsOptional()
  @MaxLength(120)
  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @IsOptional()
  @IsEmail()
  @Field(() => String, { nullable: true, description: 'E-mail for updates.' })
  email?: string | null;

  @IsOptional()
  @MaxLength(32)
  @Field(() => String, { nullable: true, description: 'Phone for updates.' })
  phone?: string | null;

  @IsOptional()
  @ArrayMaxSize(2)
  @Field(() => [UpdateChannelEnum], {
    nullable: true,
    description:
      "Send the request's public updates (status, public notes, expected date, merge) to this contact, for reporters without an account: EMAIL needs email, SMS needs phone. A confirmation with the tracking number goes out at once.",
  })
  updatesBy?: UpdateChannelEnum[] | null;

  @IsOptional()
  @MaxLength(5)
  @Field(() => String, {
    nullable: true,
    description: 'Language of those updates: en (default) or es.',
  })
  language?: string | null;
}

@InputType({ description: 'A new service request.' })
export class SubmitServiceRequestInput {
  @MaxLength(64)
  @Field(() => String, { description: 'Open311 service code.' })
  serviceCode: string;

  @IsOptional()
  @MaxLength(4000)
  @Field(() => String, { nullable: true, description: 'What is wrong, in the resident’s words.' })
  description?: string | null;

  @ValidateNested()
  @Field(() => GeoPointInput, { description: 'Where the problem is; must be inside the city.' })
  location: GeoPointInput;

  @IsOptional()
  @MaxLength(300)
  @Field(() => String, { nullable: true, description: 'Street address or nearest intersection.' })
  address?: string | null;

  @IsOptional()
  @MaxLength(10)
  @Field(() => String, { nullable: true, description: 'ZIP code.' })
  zipcode?: string | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @Field(() => [AttributeAnswerInput], {
    nullable: true,
    description: 'Answers to the service questions.',
  })
  attributes?: AttributeAnswerInput[] | null;

  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { nullable: true, description: 'Photos uploaded with POST /media.' })
  mediaIds?: string[] | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => ContactInput, { nullable: true, description: 'Private contact for updates.' })
  contact?: ContactInput | null;

  @IsOptional()
  @Length(8, 128)
  @Field(() => String, {
    nullable: true,
    description:
      'Client-chosen key (8–128 chars). Retrying with the same key returns the same request.',
  })
  idempotencyKey?: string | null;

  @IsOptional()
  @Field(() => ChannelEnum, {
    nullable: true,
    description: 'Channel: residents WEB or MOBILE (default WEB); staff also PHONE or STAFF.',
  })
  channel?: ChannelEnum | null;
}

@InputType({ description: 'A staff status change.' })
export class UpdateServiceRequestStatusInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  id: string;

  @Field(() => DetailedStatusEnum, {
    description: 'New detailed status (DUPLICATE: use markDuplicate).',
  })
  detailedStatus: DetailedStatusEnum;

  @IsOptional()
  @MaxLength(4000)
  @Field(() => String, { nullable: true, description: 'A note for the timeline.' })
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
    description: 'When the city expects to close it.',
  })
  expectedAt?: Date | null;
}

@InputType({ description: 'Filters of serviceRequests; all optional and combined with AND.' })
export class ServiceRequestFilter {
  @IsOptional()
  @ValidateNested()
  @Field(() => NearInput, { nullable: true, description: 'Within a radius of a point.' })
  near?: NearInput | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => BBoxInput, { nullable: true, description: 'Inside a map viewport.' })
  bbox?: BBoxInput | null;

  @IsOptional()
  @Field(() => ID, { nullable: true, description: 'Inside a ward or community area (global id).' })
  areaId?: string | null;

  @IsOptional()
  @ArrayMaxSize(200)
  @Field(() => [String], { nullable: true, description: 'Any of these service codes.' })
  serviceCodes?: string[] | null;

  @IsOptional()
  @Field(() => RequestStatusEnum, { nullable: true, description: 'OPEN or CLOSED.' })
  status?: RequestStatusEnum | null;

  @IsOptional()
  @Field(() => [DetailedStatusEnum], {
    nullable: true,
    description: 'Any of these detailed statuses.',
  })
  detailedStatuses?: DetailedStatusEnum[] | null;

  @IsOptional()
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Requested at or after.' })
  from?: Date | null;

  @IsOptional()
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Requested before.' })
  to?: Date | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only requests the signed-in person reported (also of private services); UNAUTHENTICATED when signed out.',
  })
  reportedByViewer?: boolean | null;
}

export enum ServiceRequestOrderEnum {
  REQUESTED_AT_DESC = 'REQUESTED_AT_DESC',
  REQUESTED_AT_ASC = 'REQUESTED_AT_ASC',
  UPDATED_AT_DESC = 'UPDATED_AT_DESC',
  DISTANCE = 'DISTANCE',
}
registerEnumType(ServiceRequestOrderEnum, {
  name: 'ServiceRequestOrder',
  description: 'Orders of serviceRequests.',
  valuesConfig: {
    REQUESTED_AT_DESC: { description: 'Newest first (default).' },
    REQUESTED_AT_ASC: { description: 'Oldest first.' },
    UPDATED_AT_DESC: { description: 'Most recently changed first.' },
    DISTANCE: { description: 'Nearest first; needs filter.near.' },
  },
});

@ArgsType()
export class ServiceRequestsArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => ServiceRequestFilter, { nullable: true, description: 'Filters.' })
  filter?: ServiceRequestFilter | null;

  @Field(() => ServiceRequestOrderEnum, {
    defaultValue: ServiceRequestOrderEnum.REQUESTED_AT_DESC,
    description: 'Order.',
  })
  orderBy: ServiceRequestOrderEnum;

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  first: number;

  @IsOptional()
  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  after?: string | null;
}
