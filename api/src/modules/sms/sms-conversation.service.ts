/**
 * The rules of reporting and tracking by text message. The SMS door hands over who texted what; this
 * service decides the reply. A report is a short conversation whose state lives in
 * `sms_conversations`, so it survives a restart and any instance can take the next text:
 *
 * 1. SERVICE — the first text describes the problem; services are matched from its words. One clear
 *    match is taken; several give a numbered choice ("reply 1, 2 or 3").
 * 2. PLACE — an address or intersection, resolved by the {@link Geocoder}; it must be inside the city.
 * 3. QUESTION — each required question of the service, lists as numbered choices.
 * Then the request is submitted through {@link ServiceRequestService.submit} with the door `SMS`
 * and the phone as contact, the phone is subscribed to its updates, and the reply names the
 * tracking number.
 *
 * Keywords at any point: STOP (no more texts of any kind), START (texts again), HELP, RESTART
 * (drop the half-finished report), STATUS SR26-… or a bare tracking number (status and expected
 * date). An MMS photo is kept as the request's `media_url`: the provider's URL is stored, never
 * downloaded (Stoop may run offline and the provider's URL needs its credentials).
 */
import { DomainError } from '../../lib/errors.js';
import type { AreaService } from '../area/area.service.js';
import type { Geocoder } from '../geocoder/geocoder.js';
import type { ServiceAttributeEntity } from '../service-definition/service-definition.entity.js';
import type { ServiceDefinitionService } from '../service-definition/service-definition.service.js';
import type { ServiceRequestService } from '../service-request/service-request.service.js';
import type { ServiceRequestEntity } from '../service-request/service-request.entity.js';
import { ANONYMOUS } from '../user/actor.js';
import type { SmsRepository } from './sms.repository.js';

/** One inbound text as the door parsed it. */
export interface InboundSms {
  from: string;
  body: string;
  /** Photo URLs of an MMS (MediaUrl0…). */
  mediaUrls: string[];
}

interface Answer {
  code: string;
  value?: string;
  values?: string[];
}

type ConversationState =
  | { step: 'SERVICE'; description: string; choices: string[]; mediaUrl: string | null }
  | { step: 'PLACE'; serviceCode: string; description: string; mediaUrl: string | null }
  | {
      step: 'QUESTION';
      serviceCode: string;
      description: string;
      mediaUrl: string | null;
      latitude: number;
      longitude: number;
      address: string;
      answers: Answer[];
    };

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);
const HELP_WORDS = new Set(['HELP', 'INFO', 'AYUDA']);
const TRACKING = /\bSR\d{2}-\d{4,}\b/i;
const IGNORED = new Set(
  'there that this with have from near front street please about their they been some what when where which would could just also very into your the and for are is on in at of a an my our its has was'.split(
    ' ',
  ),
);

export const HELP_TEXT =
  'Stoop 311 by text: describe a problem (e.g. "pothole") to report it, or text a tracking number ' +
  '(e.g. STATUS SR26-00000042) for its status. RESTART drops a half-finished report. ' +
  'STOP ends all texts, START resumes them.';

/** Normalises a phone number to digits with a leading + (as stored everywhere). */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, '');
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}

function chicagoDate(date: Date): string {
  return date.toLocaleDateString('en-US', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/** One line about a request's status, used for STATUS answers and update texts. */
export function statusLine(request: ServiceRequestEntity): string {
  const status = request.detailedStatus.replace(/_/g, ' ').toLowerCase();
  const expected =
    request.status === 'OPEN' && request.expectedAt
      ? ` Expected by ${chicagoDate(request.expectedAt)}.`
      : '';
  return `${request.trackingNumber}: ${status}.${expected}`;
}

function numbered(items: string[]): string {
  const list = items.map((item, i) => `${i + 1} ${item}`).join(', ');
  const options =
    items.length === 2
      ? '1 or 2'
      : `${items
          .slice(0, -1)
          .map((_, i) => i + 1)
          .join(', ')} or ${items.length}`;
  return `${list}. Reply ${options}.`;
}

/** Conversation rules of the SMS channel. */
export class SmsConversationService {
  constructor(
    private readonly repository: SmsRepository,
    private readonly definitions: ServiceDefinitionService,
    private readonly serviceRequests: ServiceRequestService,
    private readonly areas: AreaService,
    private readonly geocoder: Geocoder,
  ) {}

  /** Handles one inbound text; returns the reply, or null when nothing may be sent (opted out). */
  async handle(sms: InboundSms): Promise<string | null> {
    const phone = normalisePhone(sms.from);
    const body = sms.body.trim();
    const keyword = body.toUpperCase();
    if (STOP_WORDS.has(keyword)) {
      await this.repository.optOut(phone);
      await this.repository.endConversation(phone);
      return 'You will get no more texts from Stoop 311. Reply START to receive them again.';
    }
    if (START_WORDS.has(keyword)) {
      await this.repository.optIn(phone);
      return 'You will get texts from Stoop 311 again. Reply HELP for help, STOP to opt out.';
    }
    if (HELP_WORDS.has(keyword)) return HELP_TEXT;
    if (await this.repository.isOptedOut(phone)) return null;
    if (keyword === 'RESTART') {
      await this.repository.endConversation(phone);
      return 'OK, start again: what is the problem?';
    }
    const tracking = TRACKING.exec(body);
    if (tracking && (keyword.startsWith('STATUS') || tracking[0].length === body.length)) {
      const request = await this.serviceRequests.get(ANONYMOUS, {
        trackingNumber: tracking[0].toUpperCase(),
      });
      return request
        ? statusLine(request)
        : `No request ${tracking[0].toUpperCase()} found. Check the number and try again.`;
    }
    const mediaUrl = sms.mediaUrls.find((u) => /^https?:\/\//i.test(u)) ?? null;
    const state = (await this.repository.conversation(phone)) as ConversationState | null;
    if (!state) return this.begin(phone, body, mediaUrl);
    const withMedia = { ...state, mediaUrl: state.mediaUrl ?? mediaUrl };
    switch (withMedia.step) {
      case 'SERVICE':
        return this.chooseService(phone, withMedia, body);
      case 'PLACE':
        return this.place(phone, withMedia, body);
      case 'QUESTION':
        return this.answer(phone, withMedia, body);
    }
  }

  /** Services whose words match the text, best first (most matching words). */
  private async match(text: string): Promise<{ code: string; name: string }[]> {
    const words = [
      ...new Set(
        text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((w) => w.length >= 3 && !IGNORED.has(w)),
      ),
    ].slice(0, 10);
    const scores = new Map<string, { code: string; name: string; score: number }>();
    for (const word of words) {
      for (const s of await this.definitions.list(ANONYMOUS, word)) {
        const entry = scores.get(s.code) ?? { code: s.code, name: s.name, score: 0 };
        entry.score += 1;
        scores.set(s.code, entry);
      }
    }
    const ranked = [...scores.values()].sort((a, b) => b.score - a.score);
    const top = ranked[0]?.score ?? 0;
    return ranked.filter((r) => r.score === top).slice(0, 3);
  }

  private async begin(phone: string, body: string, mediaUrl: string | null): Promise<string> {
    if (!body) return HELP_TEXT;
    const matches = await this.match(body);
    if (matches.length === 0) {
      return 'Sorry, I did not recognise the problem. Describe it in a few words, e.g. "pothole", "rats", "street light out".';
    }
    if (matches.length === 1) {
      return this.toPlace(
        phone,
        { serviceCode: matches[0]!.code, description: body, mediaUrl },
        matches[0]!.name,
      );
    }
    await this.repository.saveConversation(phone, {
      step: 'SERVICE',
      description: body,
      choices: matches.map((m) => m.code),
      mediaUrl,
    });
    return `Which one is it? ${numbered(matches.map((m) => m.name))}`;
  }

  private async toPlace(
    phone: string,
    state: { serviceCode: string; description: string; mediaUrl: string | null },
    serviceName: string,
  ): Promise<string> {
    await this.repository.saveConversation(phone, { step: 'PLACE', ...state });
    return `${serviceName}. Where is it? Reply with an address (2111 W Lexington St) or a corner (Leland & Damen).`;
  }

  private async chooseService(
    phone: string,
    state: Extract<ConversationState, { step: 'SERVICE' }>,
    body: string,
  ): Promise<string> {
    const n = Number(body);
    const code = Number.isInteger(n) ? state.choices[n - 1] : undefined;
    if (!code) {
      return `Please reply with a number from 1 to ${state.choices.length}, or RESTART.`;
    }
    const definition = await this.definitions.findByCode(code);
    return this.toPlace(
      phone,
      { serviceCode: code, description: state.description, mediaUrl: state.mediaUrl },
      definition?.name ?? code,
    );
  }

  private async place(
    phone: string,
    state: Extract<ConversationState, { step: 'PLACE' }>,
    body: string,
  ): Promise<string> {
    const hit = await this.geocoder.geocode(body);
    if (!hit) {
      return 'Sorry, I could not find that place. Send a street address (2111 W Lexington St) or a corner (Leland & Damen).';
    }
    if (hit.precision === 'STREET') {
      return `${hit.label} is a long street: send the house number or the nearest cross street (Leland & Damen).`;
    }
    const place = await this.areas.locate(hit.latitude, hit.longitude);
    if (place.ward === null) {
      return `${hit.label} is outside the city of Chicago. Send a place inside the city.`;
    }
    const next = {
      step: 'QUESTION' as const,
      serviceCode: state.serviceCode,
      description: state.description,
      mediaUrl: state.mediaUrl,
      latitude: hit.latitude,
      longitude: hit.longitude,
      address: hit.label,
      answers: [],
    };
    return this.askOrSubmit(phone, next, `Got it: ${hit.label}.`);
  }

  private async questions(serviceCode: string): Promise<ServiceAttributeEntity[]> {
    const definition = await this.definitions.findByCode(serviceCode);
    return (definition?.attributes ?? []).filter((a) => a.variable && a.required);
  }

  private async askOrSubmit(
    phone: string,
    state: Extract<ConversationState, { step: 'QUESTION' }>,
    prefix: string,
  ): Promise<string> {
    const questions = await this.questions(state.serviceCode);
    const next = questions[state.answers.length];
    if (next) {
      await this.repository.saveConversation(phone, state);
      const choices = next.values.map((v) => v.name);
      const ask = choices.length
        ? `${next.description} ${numbered(choices)}${next.datatype === 'multivaluelist' ? ' Several: 1,3.' : ''}`
        : next.description;
      return `${prefix} ${ask}`;
    }
    return this.submit(phone, state);
  }

  private async answer(
    phone: string,
    state: Extract<ConversationState, { step: 'QUESTION' }>,
    body: string,
  ): Promise<string> {
    const questions = await this.questions(state.serviceCode);
    const question = questions[state.answers.length];
    if (!question) return this.submit(phone, state);
    let answer: Answer;
    if (question.values.length) {
      const picked = body
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((part) => {
          const n = Number(part);
          return Number.isInteger(n)
            ? question.values[n - 1]
            : question.values.find((v) => v.name.toLowerCase() === body.toLowerCase());
        });
      const many = question.datatype === 'multivaluelist';
      if (picked.length === 0 || picked.some((p) => !p) || (!many && picked.length > 1)) {
        return `Please reply with ${many ? 'one or more numbers' : 'one number'} from 1 to ${question.values.length}.`;
      }
      const keys = picked.map((p) => p!.key);
      answer = many
        ? { code: question.code, values: keys }
        : { code: question.code, value: keys[0] };
    } else {
      if (!body) return question.description;
      answer = { code: question.code, value: body };
    }
    return this.askOrSubmit(phone, { ...state, answers: [...state.answers, answer] }, 'Thanks.');
  }

  private async submit(
    phone: string,
    state: Extract<ConversationState, { step: 'QUESTION' }>,
  ): Promise<string> {
    try {
      const { request } = await this.serviceRequests.submit(
        ANONYMOUS,
        {
          serviceCode: state.serviceCode,
          description: state.description,
          latitude: state.latitude,
          longitude: state.longitude,
          address: state.address,
          attributes: state.answers,
          contact: { phone },
          mediaUrl: state.mediaUrl,
        },
        'SMS',
      );
      await this.repository.subscribe(request.id, phone);
      await this.repository.endConversation(phone);
      const expected = request.expectedAt ? ` Expected by ${chicagoDate(request.expectedAt)}.` : '';
      return `Thank you! Your request is ${request.trackingNumber}.${expected} We will text you when it changes; text ${request.trackingNumber} for its status.`;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.repository.endConversation(phone);
      return `Sorry, the report could not be sent (${error.message}). Text the problem to start again.`;
    }
  }
}
