/** Entity → GraphQL mapping for the catalogue. */
import type { AgencyEntity } from '../agency/agency.entity.js';
import { Agency } from '../agency/agency.type.js';
import type {
  ServiceAttributeEntity,
  ServiceDefinitionEntity,
} from './service-definition.entity.js';
import {
  AttributeDatatypeEnum,
  Service,
  ServiceAttribute,
  ServiceTypeEnum,
} from './service-definition.type.js';

/** Maps one question. */
export function presentAttribute(a: ServiceAttributeEntity): ServiceAttribute {
  return Object.assign(new ServiceAttribute(), {
    code: a.code,
    datatype: a.datatype as AttributeDatatypeEnum,
    required: a.required,
    variable: a.variable,
    description: a.description,
    datatypeDescription: a.datatypeDescription,
    order: a.order,
    values: a.values,
    translations: a.translations ?? {},
  });
}

/** Maps a service with its questions (sorted by order). */
export function presentService(s: ServiceDefinitionEntity): Service {
  const attributes = [...(s.attributes ?? [])].sort((a, b) => a.order - b.order);
  return Object.assign(new Service(), {
    id: s.id,
    code: s.code,
    name: s.name,
    description: s.description,
    translations: s.translations ?? {},
    group: s.group,
    keywords: s.keywords,
    type: s.type as ServiceTypeEnum,
    isPrivate: s.isPrivate,
    active: s.active,
    slaDays: s.slaDays,
    hasAttributes: attributes.some((a) => a.variable),
    attributes: attributes.map(presentAttribute),
    agencyId: s.agencyId,
  });
}

/** Maps an agency. */
export function presentAgency(a: AgencyEntity): Agency {
  return Object.assign(new Agency(), { id: a.id, code: a.code, name: a.name });
}
