/** GraphQL inputs and payload of `upsertService`. */
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AttributeDatatypeEnum, Service, ServiceTypeEnum } from './service-definition.type.js';

@InputType({ description: 'One allowed answer of a list question.' })
export class AttributeValueInput {
  @MaxLength(64)
  @Field(() => String, { description: 'Machine key submitted as the answer.' })
  key: string;

  @MaxLength(200)
  @Field(() => String, { description: 'Label shown to residents.' })
  name: string;
}

@InputType({ description: 'A question in another language.' })
export class AttributeTranslationInput {
  @MaxLength(8)
  @Field(() => String, { description: 'Language: es.' })
  language: string;

  @MaxLength(500)
  @Field(() => String, { description: 'The question in that language.' })
  description: string;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'The format hint in that language.' })
  datatypeDescription?: string | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @Field(() => [AttributeValueInput], {
    nullable: true,
    description: 'Labels of the answers in that language, by the answers’ keys.',
  })
  values?: AttributeValueInput[] | null;
}

@InputType({ description: 'A service’s name and description in another language.' })
export class ServiceTranslationInput {
  @MaxLength(8)
  @Field(() => String, { description: 'Language: es.' })
  language: string;

  @MaxLength(200)
  @Field(() => String, { description: 'Name in that language.' })
  name: string;

  @IsOptional()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Description in that language.' })
  description?: string | null;
}

@InputType({ description: 'One question of a service (Open311 attribute definition).' })
export class ServiceAttributeInput {
  @MaxLength(64)
  @Field(() => String, { description: 'Code used when answering (unique within the service).' })
  code: string;

  @Field(() => AttributeDatatypeEnum, { description: 'How it is answered.' })
  datatype: AttributeDatatypeEnum;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether an answer is required (default false).',
  })
  required?: boolean | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description: 'False for an informational line that takes no answer (default true).',
  })
  variable?: boolean | null;

  @MaxLength(500)
  @Field(() => String, { description: 'The question as residents read it.' })
  description: string;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'Hint on the expected format.' })
  datatypeDescription?: string | null;

  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Position in the form (default: its place in the list).',
  })
  order?: number | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @Field(() => [AttributeValueInput], {
    nullable: true,
    description: 'Allowed answers: required for list questions, empty for the others.',
  })
  values?: AttributeValueInput[] | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(5)
  @Field(() => [AttributeTranslationInput], {
    nullable: true,
    description:
      'The question in other languages, replacing its current translations; left out: they stay.',
  })
  translations?: AttributeTranslationInput[] | null;
}

@InputType({
  description:
    'A service to create, or to change when its code exists. Optional fields left out keep their current values.',
})
export class UpsertServiceInput {
  @MaxLength(64)
  @Field(() => String, {
    description: 'Open311 service code; an existing code changes that service.',
  })
  code: string;

  @MaxLength(200)
  @Field(() => String, { description: 'Name.' })
  name: string;

  @IsOptional()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'What the service is for.' })
  description?: string | null;

  @MaxLength(100)
  @Field(() => String, { description: 'Category group, e.g. "Streets & Transportation".' })
  group: string;

  @IsOptional()
  @ArrayMaxSize(50)
  @Field(() => [String], {
    nullable: true,
    description: 'Words residents use for it, English and Spanish.',
  })
  keywords?: string[] | null;

  @Field(() => ID, { description: 'Agency.id of the agency that handles it.' })
  agencyId: string;

  @IsOptional()
  @Field(() => ServiceTypeEnum, { nullable: true, description: 'Open311 type (default realtime).' })
  type?: ServiceTypeEnum | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether residents can report to it (default true).',
  })
  active?: boolean | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description: 'Keep its requests off public lists, maps and exports (default false).',
  })
  isPrivate?: boolean | null;

  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Target days to close a request, 1 to 365; null for no target.',
  })
  slaDays?: number | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(5)
  @Field(() => [ServiceTranslationInput], {
    nullable: true,
    description:
      'Name and description in other languages, replacing the current translations; left out: they stay.',
  })
  translations?: ServiceTranslationInput[] | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Field(() => [ServiceAttributeInput], {
    nullable: true,
    description: 'The questions, replacing the current ones in full; left out: they stay.',
  })
  attributes?: ServiceAttributeInput[] | null;
}

@ObjectType({ description: 'Result of upsertService.' })
export class UpsertServicePayload {
  @Field(() => Service, { description: 'The service as it is now.' })
  service: Service;

  @Field(() => Boolean, { description: 'True when the code was new and the service created.' })
  created: boolean;
}
