/**
 * GraphQL shapes of the catalogue: `Service` (Open311 service) and its questions. Text a resident
 * reads (name, description, question, choices) is resolved per language in the resolvers; the
 * properties here hold the English text and the translations beside it.
 */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Translations } from '../../lib/language.js';
import type { AttributeText, ServiceText } from './service-definition.entity.js';

/** Open311 attribute datatypes, as GraphQL enum values. */
export enum AttributeDatatypeEnum {
  STRING = 'string',
  NUMBER = 'number',
  DATETIME = 'datetime',
  TEXT = 'text',
  SINGLEVALUELIST = 'singlevaluelist',
  MULTIVALUELIST = 'multivaluelist',
}
registerEnumType(AttributeDatatypeEnum, {
  name: 'AttributeDatatype',
  description: 'How a question is answered (Open311 datatypes).',
  valuesConfig: {
    STRING: { description: 'A short line of text.' },
    NUMBER: { description: 'A number.' },
    DATETIME: { description: 'An ISO 8601 date and time.' },
    TEXT: { description: 'Free text, several lines.' },
    SINGLEVALUELIST: { description: 'Exactly one of the listed values.' },
    MULTIVALUELIST: { description: 'Any of the listed values.' },
  },
});

/** Open311 service types. */
export enum ServiceTypeEnum {
  REALTIME = 'realtime',
  BATCH = 'batch',
  BLACKBOX = 'blackbox',
}
registerEnumType(ServiceTypeEnum, {
  name: 'ServiceType',
  description: 'Open311 service type.',
  valuesConfig: {
    REALTIME: { description: 'A request is created at once and gets a tracking number.' },
    BATCH: { description: 'Submissions are queued; Open311 clients get a token first.' },
    BLACKBOX: { description: 'Requests are accepted but never updated.' },
  },
});

@ObjectType({ description: 'One allowed answer of a list question.' })
export class AttributeValue {
  @Field(() => String, { description: 'Machine key submitted as the answer.' })
  key: string;

  @Field(() => String, { description: 'Human-readable label.' })
  name: string;
}

@ObjectType({ description: 'A service’s name and description as stored in another language.' })
export class ServiceTranslation {
  @Field(() => String, { description: 'Language: es.' })
  language: string;

  @Field(() => String, { description: 'Name in that language.' })
  name: string;

  @Field(() => String, { description: 'Description in that language (may be empty).' })
  description: string;
}

@ObjectType({ description: 'A question as stored in another language.' })
export class AttributeTranslation {
  @Field(() => String, { description: 'Language: es.' })
  language: string;

  @Field(() => String, { description: 'The question in that language.' })
  description: string;

  @Field(() => String, { nullable: true, description: 'The format hint in that language.' })
  datatypeDescription: string | null;

  @Field(() => [AttributeValue], {
    description: 'Labels of the answers in that language (only those translated).',
  })
  values: AttributeValue[];
}

@ObjectType({ description: 'One question a resident answers when reporting to a service.' })
export class ServiceAttribute {
  @Field(() => String, { description: 'Code used when answering.' })
  code: string;

  @Field(() => AttributeDatatypeEnum, { description: 'How the question is answered.' })
  datatype: AttributeDatatypeEnum;

  @Field(() => Boolean, { description: 'Whether an answer is required.' })
  required: boolean;

  @Field(() => Boolean, {
    description: 'False for informational attributes that take no answer (Open311 `variable`).',
  })
  variable: boolean;

  /** English prompt (the `description` field resolves the language). */
  description: string;

  /** English format hint. */
  datatypeDescription: string | null;

  @Field(() => Int, { description: 'Position in the form.' })
  order: number;

  /** English choices. */
  values: AttributeValue[];

  /** Internal: the question in other languages. */
  translations: Translations<AttributeText>;
}

@ObjectType({
  description: 'A request category (Open311 "service"), e.g. Pothole in Street.',
})
export class Service {
  @Field(() => ID, { description: 'Service id.' })
  id: string;

  @Field(() => String, { description: 'Open311 service code.' })
  code: string;

  /** English name (the `name` field resolves the language). */
  name: string;

  /** English description. */
  description: string;

  /** Internal: name and description in other languages. */
  translations: Translations<ServiceText>;

  @Field(() => String, { description: 'Category group, e.g. "Streets & Transportation".' })
  group: string;

  @Field(() => [String], { description: 'Words residents use for it (English and Spanish).' })
  keywords: string[];

  @Field(() => ServiceTypeEnum, { description: 'Open311 service type.' })
  type: ServiceTypeEnum;

  @Field(() => Boolean, { description: 'Whether requests of this type stay off public lists.' })
  isPrivate: boolean;

  @Field(() => Boolean, {
    description:
      'Whether residents can report to it now (retired services stay for their requests).',
  })
  active: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Target number of days to close a request (service level agreement).',
  })
  slaDays: number | null;

  @Field(() => Boolean, { description: 'Whether the service has questions (Open311 `metadata`).' })
  hasAttributes: boolean;

  @Field(() => [ServiceAttribute], { description: 'The questions, in form order.' })
  attributes: ServiceAttribute[];

  /** Internal: used by the agency field resolver. */
  agencyId: string;
}
