/**
 * Catalogue text in a language: a service's name and description, a question's prompt and hint
 * and its choices' labels. English is the row itself; a missing or blank translation falls back to
 * it. Used by the GraphQL resolvers, the SMS conversation and the messages to reporters.
 */
import {
  LANGUAGES,
  translated,
  type Language,
  type Localized,
  type Translations,
} from '../../lib/language.js';
import type { AttributeText, AttributeValue, ServiceText } from './service-definition.entity.js';

interface ServiceLike {
  name: string;
  description: string;
  translations: Translations<ServiceText> | null | undefined;
}

interface AttributeLike {
  description: string;
  datatypeDescription: string | null;
  values: AttributeValue[];
  translations: Translations<AttributeText> | null | undefined;
}

/** A service's name in a language. */
export function serviceName(
  service: Pick<ServiceLike, 'name' | 'translations'>,
  language: Language,
): string {
  return translated(service.translations, language, 'name', service.name);
}

/** A service's name in every language. */
export function serviceNames(service: Pick<ServiceLike, 'name' | 'translations'>): Localized {
  return Object.fromEntries(LANGUAGES.map((l) => [l, serviceName(service, l)])) as Localized;
}

/** A service's description in a language. */
export function serviceDescription(service: ServiceLike, language: Language): string {
  return translated(service.translations, language, 'description', service.description);
}

/** A question's prompt in a language. */
export function attributePrompt(attribute: AttributeLike, language: Language): string {
  return translated(attribute.translations, language, 'description', attribute.description);
}

/** A question's format hint in a language (null when it has none). */
export function attributeHint(attribute: AttributeLike, language: Language): string | null {
  if (attribute.datatypeDescription === null) return null;
  return translated(
    attribute.translations,
    language,
    'datatypeDescription',
    attribute.datatypeDescription,
  );
}

/** A question's choices with their labels in a language; keys never change. */
export function attributeValues(attribute: AttributeLike, language: Language): AttributeValue[] {
  if (language === 'en') return attribute.values;
  const labels = attribute.translations?.[language]?.values ?? {};
  return attribute.values.map((v) => {
    const label = labels[v.key];
    return { key: v.key, name: label?.trim() ? label : v.name };
  });
}
