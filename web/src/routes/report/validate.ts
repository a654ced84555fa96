/**
 * The report form's checks, mirroring the server's (ServiceDefinitionService.validateAnswers and
 * ServiceRequestService.submit) so residents see problems by the field before sending; the server
 * checks again and its field errors are shown the same way. Errors are keyed by the server's field
 * path (`input.attributes.depth`, `input.contact.email`…) and carry a message key plus parameters,
 * so they are shown in the interface language.
 */
import type { MessageKey } from '$lib/i18n/index.svelte';
import type { ReportServiceFragment } from './report.generated';
import type { DraftData } from './draft.svelte';

/** One problem: which message, with what parameters. */
export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}
/** Problems by field path. */
export type Problems = Record<string, Problem>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The field path of an attribute's answer. */
export const attributeField = (code: string) => `input.attributes.${code}`;

/** Step 1: a service is chosen. */
export function checkService(draft: DraftData): Problems {
  return draft.serviceCode ? {} : { 'input.serviceCode': { key: 'report.err.service' } };
}

/** The answer to one question as the server will read it ('' when unanswered). */
function answered(value: string | string[] | undefined): boolean {
  if (Array.isArray(value)) return value.some((v) => v !== '');
  return (value ?? '').trim() !== '';
}

/** Step 2: the service's questions and the description. */
export function checkDetails(service: ReportServiceFragment | null, draft: DraftData): Problems {
  const problems: Problems = {};
  for (const a of service?.attributes ?? []) {
    if (!a.variable) continue;
    const field = attributeField(a.code);
    const value = draft.answers[a.code];
    if (!answered(value)) {
      if (a.required) problems[field] = { key: 'report.err.required' };
      continue;
    }
    const single = typeof value === 'string' ? value.trim() : '';
    const allowed = new Set(a.values.map((v) => v.key));
    switch (a.datatype) {
      case 'MULTIVALUELIST':
        if ((value as string[]).some((v) => v !== '' && !allowed.has(v)))
          problems[field] = { key: 'report.err.choice' };
        break;
      case 'SINGLEVALUELIST':
        if (!allowed.has(single)) problems[field] = { key: 'report.err.choice' };
        break;
      case 'NUMBER':
        if (!NUMBER.test(single)) problems[field] = { key: 'report.err.number' };
        break;
      case 'DATETIME':
        if (Number.isNaN(Date.parse(single))) problems[field] = { key: 'report.err.datetime' };
        break;
      case 'TEXT':
        if (single.length > 4000)
          problems[field] = { key: 'report.err.long', params: { max: 4000 } };
        break;
      default:
        if (single.length > 500) problems[field] = { key: 'report.err.long', params: { max: 500 } };
    }
  }
  if (draft.description.trim().length > 4000) {
    problems['input.description'] = { key: 'report.err.long', params: { max: 4000 } };
  }
  return problems;
}

/** Step 3: a place inside the city (and, when placed by ward, a description of it). */
export function checkPlace(draft: DraftData): Problems {
  if (draft.locationMode === 'WARD') {
    const problems: Problems = {};
    if (!draft.wardId) problems['ward'] = { key: 'report.err.ward' };
    if (!draft.placeNote.trim()) problems['placeNote'] = { key: 'report.err.placeNote' };
    else if (draft.placeNote.trim().length > 300)
      problems['placeNote'] = { key: 'report.err.long', params: { max: 300 } };
    if (Object.keys(problems).length) return problems;
  }
  if (!draft.location) return { 'input.location': { key: 'report.err.location' } };
  if (draft.location.ward === null) return { 'input.location': { key: 'report.err.outside' } };
  if (draft.address.trim().length > 300) {
    return { 'input.address': { key: 'report.err.long', params: { max: 300 } } };
  }
  return {};
}

/** Step 4: the optional contact. */
export function checkContact(draft: DraftData): Problems {
  const problems: Problems = {};
  const { name, email, phone } = draft.contact;
  if (name.trim().length > 120) {
    problems['input.contact.name'] = { key: 'report.err.long', params: { max: 120 } };
  }
  if (email.trim() && !EMAIL.test(email.trim().toLowerCase())) {
    problems['input.contact.email'] = { key: 'report.err.email' };
  }
  const digits = phone.replace(/[^\d+]/g, '');
  if (phone.trim() && !/^\+?\d{7,15}$/.test(digits)) {
    problems['input.contact.phone'] = { key: 'report.err.phone' };
  }
  if (draft.updatesBy.includes('EMAIL') && !email.trim()) {
    problems['input.contact.email'] = { key: 'report.err.emailForUpdates' };
  }
  if (draft.updatesBy.includes('SMS') && !phone.trim()) {
    problems['input.contact.phone'] = { key: 'report.err.phoneForUpdates' };
  }
  return problems;
}

/** Which step shows a field (to go back to the first step with a server error). */
export function stepOfField(field: string): 1 | 2 | 3 | 4 {
  if (field === 'input.serviceCode') return 1;
  if (
    field.startsWith('input.attributes') ||
    field === 'input.description' ||
    field === 'input.mediaIds'
  )
    return 2;
  if (field === 'input.location' || field === 'input.address' || field === 'input.zipcode')
    return 3;
  return 4;
}

/** The DOM id of a field's control, for error links and aria-describedby. */
export function controlId(field: string): string {
  if (field.startsWith('input.attributes.')) return `attr-${field.slice(17)}`;
  const ids: Record<string, string> = {
    'input.serviceCode': 'service-choices',
    'input.description': 'description',
    'input.mediaIds': 'photo-input',
    'input.location': 'place-mode',
    'input.address': 'place-address',
    ward: 'ward',
    placeNote: 'place-note',
    'input.contact.name': 'contact-name',
    'input.contact.email': 'contact-email',
    'input.contact.phone': 'contact-phone',
  };
  return ids[field] ?? 'report-form';
}
