/**
 * The service catalogue as residents and clients see it, and the one place where attribute answers
 * are checked against a service's definitions (GraphQL, Open311 and SMS all submit through here).
 */
import type { FieldProblem } from '../../lib/errors.js';
import { NotFoundError } from '../../lib/errors.js';
import type { Actor } from '../user/actor.js';
import { isStaff } from '../user/actor.js';
import type { AgencyEntity } from '../agency/agency.entity.js';
import type {
  ServiceAttributeEntity,
  ServiceDefinitionEntity,
} from './service-definition.entity.js';
import type { ServiceDefinitionRepository } from './service-definition.repository.js';
import { rankServices } from './service-search.js';

/** One answer as submitted: a single value or several (multivaluelist). */
export interface AttributeAnswer {
  code: string;
  value?: string | null;
  values?: string[] | null;
}

/** How long the search's "how commonly reported" figures are reused before being counted again. */
const POPULARITY_TTL_MS = 60 * 60 * 1000;

/** Catalogue rules. */
export class ServiceDefinitionService {
  private popularity: { at: number; counts: Promise<Map<string, number>> } | null = null;

  constructor(private readonly repository: ServiceDefinitionRepository) {}

  /**
   * Services a caller may report to, in one group or all; with `search`, only those that best match
   * its words in English or Spanish, best first (see service-search.ts).
   */
  async list(actor: Actor, search?: string, group?: string): Promise<ServiceDefinitionEntity[]> {
    const rows = await this.repository.list({ group, includePrivate: isStaff(actor) });
    if (!search?.trim()) return rows;
    const counts = await this.requestCounts();
    return rankServices(rows, search, (s) => counts.get(s.id) ?? 0);
  }

  /** Requests per service among the latest ones, counted at most once an hour. */
  private requestCounts(): Promise<Map<string, number>> {
    const now = Date.now();
    if (!this.popularity || now - this.popularity.at > POPULARITY_TTL_MS) {
      const counts = this.repository.requestCounts();
      this.popularity = { at: now, counts };
      counts.catch(() => {
        this.popularity = null;
      });
    }
    return this.popularity.counts;
  }

  /** One service by its code, or NOT_FOUND. Private services are visible too: one may report to them. */
  async getByCode(_actor: Actor, code: string): Promise<ServiceDefinitionEntity> {
    const service = await this.repository.findByCode(code);
    if (!service) throw new NotFoundError('Service', code);
    return service;
  }

  /** Optional lookup by code. */
  findByCode(code: string): Promise<ServiceDefinitionEntity | null> {
    return this.repository.findByCode(code);
  }

  /** Batch loader for services by id. */
  async byIds(ids: readonly string[]): Promise<(ServiceDefinitionEntity | null)[]> {
    const rows = await this.repository.findByIds(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** Batch loader for agencies by id. */
  async agenciesByIds(ids: readonly string[]): Promise<(AgencyEntity | null)[]> {
    const rows = await this.repository.findAgenciesByIds(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** When the catalogue last changed, so clients know when to refresh their copy. */
  lastChangedAt(): Promise<Date | null> {
    return this.repository.lastChangedAt();
  }

  groups(): Promise<string[]> {
    return this.repository.groups();
  }

  /**
   * Checks answers against the definitions: unknown codes, required questions, datatypes and
   * allowed values. Returns the normalised answers (keyed by code) and every problem found, each
   * naming its field as `<fieldPrefix>.<code>`.
   */
  validateAnswers(
    attributes: readonly ServiceAttributeEntity[],
    answers: readonly AttributeAnswer[],
    fieldPrefix: string,
  ): { values: Record<string, string | string[]>; problems: FieldProblem[] } {
    const problems: FieldProblem[] = [];
    const values: Record<string, string | string[]> = {};
    const byCode = new Map(attributes.map((a) => [a.code, a]));
    const seen = new Set<string>();
    for (const answer of answers) {
      const field = `${fieldPrefix}.${answer.code}`;
      const definition = byCode.get(answer.code);
      if (!definition || !definition.variable) {
        problems.push({ field, message: 'is not a question of this service' });
        continue;
      }
      if (seen.has(answer.code)) {
        problems.push({ field, message: 'is answered more than once' });
        continue;
      }
      seen.add(answer.code);
      const list = answer.values?.filter((v) => v !== '') ?? [];
      const single = answer.value?.trim() ?? '';
      const allowed = new Set(definition.values.map((v) => v.key));
      switch (definition.datatype) {
        case 'multivaluelist': {
          const chosen = list.length ? list : single ? [single] : [];
          const bad = chosen.filter((v) => !allowed.has(v));
          if (bad.length)
            problems.push({ field, message: `has values not allowed: ${bad.join(', ')}` });
          else if (chosen.length) values[answer.code] = [...new Set(chosen)];
          break;
        }
        case 'singlevaluelist':
          if (list.length > 1) problems.push({ field, message: 'takes one value' });
          else if (single || list[0]) {
            const v = single || list[0]!;
            if (!allowed.has(v)) {
              problems.push({
                field,
                message: `must be one of: ${[...allowed].join(', ')}`,
              });
            } else values[answer.code] = v;
          }
          break;
        case 'number':
          if (single) {
            if (!/^-?\d+(\.\d+)?$/.test(single))
              problems.push({ field, message: 'must be a number' });
            else values[answer.code] = single;
          }
          break;
        case 'datetime':
          if (single) {
            if (Number.isNaN(Date.parse(single))) {
              problems.push({ field, message: 'must be an ISO 8601 date and time' });
            } else values[answer.code] = new Date(single).toISOString();
          }
          break;
        default:
          if (single.length > (definition.datatype === 'text' ? 4000 : 500)) {
            problems.push({ field, message: 'is too long' });
          } else if (single) values[answer.code] = single;
      }
    }
    for (const definition of attributes) {
      if (definition.required && definition.variable && values[definition.code] === undefined) {
        const field = `${fieldPrefix}.${definition.code}`;
        if (!problems.some((p) => p.field === field)) {
          problems.push({ field, message: `is required: ${definition.description}` });
        }
      }
    }
    return { values, problems };
  }
}
