/**
 * Queries of the catalogue (`services`, `service`) and the text of services and their questions in
 * the operation's language (see `lib/language.ts`).
 */
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { fieldLanguage } from '../../lib/language.js';
import { Agency } from '../agency/agency.type.js';
import { presentAgency, presentService } from './service-definition.presenter.js';
import type { ServiceDefinitionService } from './service-definition.service.js';
import {
  attributeHint,
  attributePrompt,
  attributeValues,
  serviceDescription,
  serviceName,
} from './catalogue-text.js';
import {
  AttributeTranslation,
  AttributeValue,
  Service,
  ServiceAttribute,
  ServiceTranslation,
} from './service-definition.type.js';

const LANGUAGE_ARG = {
  nullable: true,
  description:
    'en or es; default: the request’s language (Accept-Language, or the socket’s `language` parameter). Untranslated text comes in English.',
} as const;

@Resolver(() => Service)
export class ServiceDefinitionResolver {
  constructor(private readonly catalogue: ServiceDefinitionService) {}

  @Query(() => [Service], {
    description:
      'Services one can report to, by group and name. With `search`, the services best matching its words in English or Spanish ("light out", "bache", "poste de luz apagado"), best first; accents and filler words are ignored.',
  })
  async services(
    @Ctx() ctx: GraphQLContext,
    @Arg('search', () => String, { nullable: true, description: 'Words to look for.' })
    search?: string,
    @Arg('group', () => String, { nullable: true, description: 'Only this group.' })
    group?: string,
  ): Promise<Service[]> {
    const rows = await this.catalogue.list(ctx.actor, search ?? undefined, group ?? undefined);
    return rows.map(presentService);
  }

  @Query(() => Service, { nullable: true, description: 'One service by its Open311 code.' })
  async service(
    @Ctx() ctx: GraphQLContext,
    @Arg('code', () => String, { description: 'Open311 service code.' }) code: string,
  ): Promise<Service | null> {
    const row = await this.catalogue.findByCode(code);
    return row ? presentService(row) : null;
  }

  @Query(() => [String], { description: 'Groups of the catalogue, for a category picker.' })
  serviceGroups(): Promise<string[]> {
    return this.catalogue.groups();
  }

  @FieldResolver(() => String, {
    description: 'Name, e.g. "Pothole in Street Complaint" ("Queja por bache en la calle").',
  })
  name(
    @Root() service: Service,
    @Ctx() ctx: GraphQLContext,
    @Arg('language', () => String, LANGUAGE_ARG) language?: string | null,
  ): string {
    return serviceName(service, fieldLanguage(language, ctx.language));
  }

  @FieldResolver(() => String, { description: 'What the service is for.' })
  description(
    @Root() service: Service,
    @Ctx() ctx: GraphQLContext,
    @Arg('language', () => String, LANGUAGE_ARG) language?: string | null,
  ): string {
    return serviceDescription(service, fieldLanguage(language, ctx.language));
  }

  @FieldResolver(() => [ServiceTranslation], {
    description:
      'Name and description exactly as stored in each other language (for editors; readers use `name`).',
  })
  translations(@Root() service: Service): ServiceTranslation[] {
    return Object.entries(service.translations).flatMap(([language, text]) =>
      text?.name ? [{ language, name: text.name, description: text.description ?? '' }] : [],
    );
  }

  @FieldResolver(() => Agency, { description: 'The agency that handles this service.' })
  async agency(@Root() service: Service, @Ctx() ctx: GraphQLContext): Promise<Agency> {
    const agency = await ctx.loaders.agency.load(service.agencyId);
    if (!agency) throw new Error(`agency ${service.agencyId} missing`);
    return presentAgency(agency);
  }
}

@Resolver(() => ServiceAttribute)
export class ServiceAttributeResolver {
  @FieldResolver(() => String, { description: 'The question as shown to a resident.' })
  description(
    @Root() attribute: ServiceAttribute,
    @Ctx() ctx: GraphQLContext,
    @Arg('language', () => String, LANGUAGE_ARG) language?: string | null,
  ): string {
    return attributePrompt(attribute, fieldLanguage(language, ctx.language));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Hint on the expected format.' })
  datatypeDescription(
    @Root() attribute: ServiceAttribute,
    @Ctx() ctx: GraphQLContext,
    @Arg('language', () => String, LANGUAGE_ARG) language?: string | null,
  ): string | null {
    return attributeHint(attribute, fieldLanguage(language, ctx.language));
  }

  @FieldResolver(() => [AttributeValue], {
    description: 'Allowed answers of list questions; keys stay the same in every language.',
  })
  values(
    @Root() attribute: ServiceAttribute,
    @Ctx() ctx: GraphQLContext,
    @Arg('language', () => String, LANGUAGE_ARG) language?: string | null,
  ): AttributeValue[] {
    return attributeValues(attribute, fieldLanguage(language, ctx.language));
  }

  @FieldResolver(() => [AttributeTranslation], {
    description:
      'The question exactly as stored in each other language (for editors; readers use `description`).',
  })
  translations(@Root() attribute: ServiceAttribute): AttributeTranslation[] {
    return Object.entries(attribute.translations).flatMap(([language, text]) =>
      text?.description
        ? [
            {
              language,
              description: text.description,
              datatypeDescription: text.datatypeDescription || null,
              values: attribute.values.flatMap((v) =>
                text.values?.[v.key] ? [{ key: v.key, name: text.values[v.key]! }] : [],
              ),
            },
          ]
        : [],
    );
  }
}
