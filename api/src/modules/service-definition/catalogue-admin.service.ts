/**
 * The service catalogue as administrators keep it: every service (inactive ones too) and
 * `upsertService`, which creates a service or changes one by its code, with its questions
 * (attribute definitions) replaced as a whole. Requests already made keep the answers they have;
 * new submissions are checked against the new questions. Retiring a service is `active: false`
 * (its requests stay), never a delete. Every change goes to the audit log.
 */
import type { DataSource } from 'typeorm';
import { BadInputError, ForbiddenError, UnauthenticatedError } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import { LANGUAGES, type Translations } from '../../lib/language.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../user/actor.js';
import { isAdmin } from '../user/actor.js';
import type {
  AttributeFields,
  CatalogueAdminRepository,
  ServiceFields,
} from './catalogue-admin.repository.js';
import { ATTRIBUTE_DATATYPES, SERVICE_TYPES } from './service-definition.entity.js';
import type {
  AttributeDatatype,
  AttributeText,
  ServiceDefinitionEntity,
  ServiceText,
  ServiceType,
} from './service-definition.entity.js';

/** A service as an administrator submits it. */
export interface UpsertServiceInput {
  code: string;
  name: string;
  description?: string | null;
  group: string;
  keywords?: string[] | null;
  agencyId: string;
  type?: ServiceType | null;
  active?: boolean | null;
  isPrivate?: boolean | null;
  slaDays?: number | null;
  /** Name and description in other languages, replacing the current ones; omitted: they stay. */
  translations?: { language: string; name: string; description?: string | null }[] | null;
  /** The questions, replacing the current ones; omitted: the current ones stay. */
  attributes?:
    | {
        code: string;
        datatype: AttributeDatatype;
        required?: boolean | null;
        variable?: boolean | null;
        description: string;
        datatypeDescription?: string | null;
        order?: number | null;
        values?: { key: string; name: string }[] | null;
        translations?:
          | {
              language: string;
              description: string;
              datatypeDescription?: string | null;
              values?: { key: string; name: string }[] | null;
            }[]
          | null;
      }[]
    | null;
}

/** Bounds of a service definition. */
export const SERVICE_LIMITS = {
  maxAttributes: 50,
  maxValues: 100,
  maxKeywords: 50,
  maxSlaDays: 365,
} as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ATTRIBUTE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const LISTS: readonly AttributeDatatype[] = ['singlevaluelist', 'multivaluelist'];
/** Languages a translation may be given in (English is the service's own text). */
const OTHER_LANGUAGES = LANGUAGES.filter((l) => l !== 'en');

/** Checks the `language` of each translation: another supported language, at most once. */
function checkLanguages(
  list: readonly { language: string }[],
  field: string,
  problems: FieldProblem[],
): void {
  const seen = new Set<string>();
  list.forEach((t, i) => {
    if (!(OTHER_LANGUAGES as readonly string[]).includes(t.language)) {
      problems.push({
        field: `${field}.${i}.language`,
        message: `must be one of ${OTHER_LANGUAGES.join(', ')} (English is the service's own text)`,
      });
    } else if (seen.has(t.language)) {
      problems.push({ field: `${field}.${i}.language`, message: 'is given twice' });
    }
    seen.add(t.language);
  });
}

/** Lower-case words joined by `_`, for a new service's slug. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return slug || 'service';
}

/** A new service's optional fields when the input leaves them out. */
const DEFAULTS: Omit<ServiceFields, 'name' | 'group' | 'agencyId'> = {
  description: '',
  translations: {},
  keywords: [],
  type: 'realtime',
  active: true,
  isPrivate: false,
  slaDays: null,
};

/** What the input says; undefined: keep the current value (or the default when creating). */
type Given = Pick<ServiceFields, 'name' | 'group' | 'agencyId'> &
  Partial<Omit<ServiceFields, 'name' | 'group' | 'agencyId' | 'slaDays'>> & {
    slaDays?: number | null;
  };

/** Catalogue administration rules. */
export class CatalogueAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CatalogueAdminRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Every service, inactive ones included (admins only). */
  all(actor: Actor): Promise<ServiceDefinitionEntity[]> {
    this.requireAdmin(actor);
    return this.repository.all();
  }

  /**
   * Creates the service with this code, or changes it (admins only). Name, group and agency are
   * always given; other fields left out keep their current values (defaults for a new service);
   * `slaDays: null` removes the target.
   */
  async upsert(
    actor: Actor,
    input: UpsertServiceInput,
  ): Promise<{ service: ServiceDefinitionEntity; created: boolean }> {
    const adminId = this.requireAdmin(actor);
    const { code, given, attributes } = this.validate(input);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.agencyExists(manager, given.agencyId))) {
        throw new BadInputError([{ field: 'input.agencyId', message: 'is not an agency' }]);
      }
      await this.repository.lockCode(manager, code);
      const existing = await this.repository.lockByCode(manager, code);
      // omitted optional fields keep their current values (or take the defaults when creating)
      const base: Omit<ServiceFields, 'name' | 'group' | 'agencyId'> = existing ?? DEFAULTS;
      const fields: ServiceFields = {
        name: given.name,
        group: given.group,
        agencyId: given.agencyId,
        description: given.description ?? base.description,
        keywords: given.keywords ?? base.keywords,
        type: given.type ?? base.type,
        active: given.active ?? base.active,
        isPrivate: given.isPrivate ?? base.isPrivate,
        slaDays: given.slaDays === undefined ? base.slaDays : given.slaDays,
        translations: given.translations ?? base.translations,
      };
      let id: string;
      if (existing) {
        await this.repository.update(manager, existing.id, fields);
        id = existing.id;
      } else {
        const slug = await this.repository.freeSlug(manager, slugOf(fields.name));
        id = (await this.repository.insert(manager, { ...fields, code, slug })).id;
      }
      if (attributes) await this.repository.replaceAttributes(manager, id, attributes);
      await this.audit.record(manager, {
        actorId: adminId,
        action: existing ? 'service.update' : 'service.create',
        targetType: 'Service',
        targetId: id,
        data: {
          code,
          ...fields,
          attributes: attributes?.map((a) => a.code) ?? 'unchanged',
        },
      });
      return { service: (await this.repository.findById(manager, id))!, created: !existing };
    });
  }

  /** Checks and normalises the input, naming every field at fault. */
  private validate(input: UpsertServiceInput): {
    code: string;
    given: Given;
    attributes: AttributeFields[] | null;
  } {
    const problems: FieldProblem[] = [];
    const code = input.code.trim();
    if (!CODE.test(code)) {
      problems.push({
        field: 'input.code',
        message: 'must be 1 to 64 letters, digits, dots, dashes or underscores',
      });
    }
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) {
      problems.push({ field: 'input.name', message: 'must be 1 to 200 characters' });
    }
    const group = input.group.trim();
    if (group.length < 1 || group.length > 100) {
      problems.push({ field: 'input.group', message: 'must be 1 to 100 characters' });
    }
    const description = input.description?.trim();
    if (description && description.length > 2000) {
      problems.push({ field: 'input.description', message: 'must be at most 2,000 characters' });
    }
    const keywords = input.keywords
      ? [...new Set(input.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))]
      : undefined;
    if (
      keywords &&
      (keywords.length > SERVICE_LIMITS.maxKeywords || keywords.some((k) => k.length > 60))
    ) {
      problems.push({
        field: 'input.keywords',
        message: `must be at most ${SERVICE_LIMITS.maxKeywords} words of up to 60 characters`,
      });
    }
    const type = input.type ?? undefined;
    if (type && !SERVICE_TYPES.includes(type)) {
      problems.push({ field: 'input.type', message: `must be one of ${SERVICE_TYPES.join(', ')}` });
    }
    const sla = input.slaDays;
    if (
      sla !== undefined &&
      sla !== null &&
      (!Number.isInteger(sla) || sla < 1 || sla > SERVICE_LIMITS.maxSlaDays)
    ) {
      problems.push({
        field: 'input.slaDays',
        message: `must be a whole number of days from 1 to ${SERVICE_LIMITS.maxSlaDays}, or null for none`,
      });
    }
    let translations: Translations<ServiceText> | undefined;
    if (input.translations) {
      checkLanguages(input.translations, 'input.translations', problems);
      translations = {};
      input.translations.forEach((t, i) => {
        const field = `input.translations.${i}`;
        const tName = t.name.trim();
        const tDescription = t.description?.trim() ?? '';
        if (tName.length < 1 || tName.length > 200) {
          problems.push({ field: `${field}.name`, message: 'must be 1 to 200 characters' });
        }
        if (tDescription.length > 2000) {
          problems.push({
            field: `${field}.description`,
            message: 'must be at most 2,000 characters',
          });
        }
        translations![t.language as 'es'] = { name: tName, description: tDescription };
      });
    }
    let attributes: AttributeFields[] | null = null;
    if (input.attributes) {
      if (input.attributes.length > SERVICE_LIMITS.maxAttributes) {
        problems.push({
          field: 'input.attributes',
          message: `must be at most ${SERVICE_LIMITS.maxAttributes} questions`,
        });
      }
      const seen = new Set<string>();
      attributes = input.attributes.map((a, i) => {
        const field = `input.attributes.${i}`;
        const attrCode = a.code.trim();
        if (!ATTRIBUTE_CODE.test(attrCode)) {
          problems.push({
            field: `${field}.code`,
            message: 'must be 1 to 64 letters, digits, dashes or underscores',
          });
        } else if (seen.has(attrCode)) {
          problems.push({ field: `${field}.code`, message: 'is used by another question' });
        }
        seen.add(attrCode);
        if (!ATTRIBUTE_DATATYPES.includes(a.datatype)) {
          problems.push({ field: `${field}.datatype`, message: 'is not a datatype' });
        }
        const text = a.description.trim();
        if (text.length < 1 || text.length > 500) {
          problems.push({ field: `${field}.description`, message: 'must be 1 to 500 characters' });
        }
        const hint = a.datatypeDescription?.trim() || null;
        if (hint && hint.length > 200) {
          problems.push({
            field: `${field}.datatypeDescription`,
            message: 'must be at most 200 characters',
          });
        }
        const values = (a.values ?? []).map((v) => ({ key: v.key.trim(), name: v.name.trim() }));
        const isList = LISTS.includes(a.datatype);
        if (isList && values.length === 0) {
          problems.push({ field: `${field}.values`, message: 'a list question needs its answers' });
        }
        if (!isList && values.length > 0) {
          problems.push({ field: `${field}.values`, message: 'only list questions take answers' });
        }
        if (values.length > SERVICE_LIMITS.maxValues) {
          problems.push({
            field: `${field}.values`,
            message: `must be at most ${SERVICE_LIMITS.maxValues} answers`,
          });
        }
        const keys = new Set<string>();
        values.forEach((v, j) => {
          if (!ATTRIBUTE_CODE.test(v.key) || keys.has(v.key)) {
            problems.push({
              field: `${field}.values.${j}.key`,
              message: 'must be a unique key of letters, digits, dashes or underscores',
            });
          }
          keys.add(v.key);
          if (v.name.length < 1 || v.name.length > 200) {
            problems.push({
              field: `${field}.values.${j}.name`,
              message: 'must be 1 to 200 characters',
            });
          }
        });
        let attributeTranslations: Translations<AttributeText> | undefined;
        if (a.translations) {
          checkLanguages(a.translations, `${field}.translations`, problems);
          attributeTranslations = {};
          a.translations.forEach((t, k) => {
            const at = `${field}.translations.${k}`;
            const prompt = t.description.trim();
            if (prompt.length < 1 || prompt.length > 500) {
              problems.push({ field: `${at}.description`, message: 'must be 1 to 500 characters' });
            }
            const tHint = t.datatypeDescription?.trim() ?? '';
            if (tHint.length > 200) {
              problems.push({
                field: `${at}.datatypeDescription`,
                message: 'must be at most 200 characters',
              });
            }
            const labels: Record<string, string> = {};
            (t.values ?? []).forEach((v, j) => {
              const label = v.name.trim();
              if (!keys.has(v.key.trim())) {
                problems.push({
                  field: `${at}.values.${j}.key`,
                  message: 'is not a key of this question’s answers',
                });
              } else if (label.length < 1 || label.length > 200) {
                problems.push({
                  field: `${at}.values.${j}.name`,
                  message: 'must be 1 to 200 characters',
                });
              } else labels[v.key.trim()] = label;
            });
            attributeTranslations![t.language as 'es'] = {
              description: prompt,
              datatypeDescription: tHint,
              values: labels,
            };
          });
        }
        const order = a.order ?? i + 1;
        if (!Number.isInteger(order) || order < 0 || order > 1000) {
          problems.push({
            field: `${field}.order`,
            message: 'must be a whole number from 0 to 1,000',
          });
        }
        return {
          code: attrCode,
          datatype: a.datatype,
          required: a.required ?? false,
          variable: a.variable ?? true,
          description: text,
          datatypeDescription: hint,
          order,
          values,
          translations: attributeTranslations,
        };
      });
    }
    if (problems.length) throw new BadInputError(problems);
    return {
      code,
      given: {
        name,
        group,
        agencyId: input.agencyId,
        description,
        keywords,
        type,
        active: input.active ?? undefined,
        isPrivate: input.isPrivate ?? undefined,
        slaDays: sla,
        translations,
      },
      attributes,
    };
  }

  private requireAdmin(actor: Actor): string {
    if (!actor.user) throw new UnauthenticatedError();
    if (!isAdmin(actor))
      throw new ForbiddenError('Only administrators edit the service catalogue.');
    return actor.user.id;
  }
}
