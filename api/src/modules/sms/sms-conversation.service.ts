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
 * English or Spanish: a conversation answers in the language of its first text (Spanish words or
 * keywords: "hay un bache…", AYUDA, ESTADO, ALTO, ALTA, REINICIAR). The service is found by the
 * catalogue's own bilingual search (the report form's), so "bache" finds Pothole. Service names,
 * questions and their choices are the catalogue's text in the conversation's language (English
 * where a translation is missing); a choice may be answered by number or by its label in either.
 *
 * Keywords at any point: STOP (no more texts of any kind), START (texts again), HELP, RESTART
 * (drop the half-finished report), STATUS SR26-… or a bare tracking number (status and expected
 * date). An MMS photo is kept as the request's `media_url`: the provider's URL is stored, never
 * downloaded (Stoop may run offline and the provider's URL needs its credentials).
 */
import { normalisePhone } from '../../lib/phone.js';
import { chicagoDate, statusWords } from '../reporter-updates/reporter-updates.messages.js';
import type { UpdateLanguage } from '../reporter-updates/reporter-updates.messages.js';
import { DomainError } from '../../lib/errors.js';
import type { AreaService } from '../area/area.service.js';
import type { Geocoder } from '../geocoder/geocoder.js';
import type { ServiceAttributeEntity } from '../service-definition/service-definition.entity.js';
import {
  attributePrompt,
  attributeValues,
  serviceName,
} from '../service-definition/catalogue-text.js';
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

/** Language of a conversation: from the first text's words (Spanish or English). */
export type SmsLang = UpdateLanguage;

type ConversationState = { lang?: SmsLang } & (
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
    }
);

const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'ALTO',
  'PARAR',
  'BAJA',
]);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES', 'ALTA', 'COMENZAR']);
const HELP_WORDS = new Set(['HELP', 'INFO', 'AYUDA']);
const SPANISH_KEYWORDS = new Set([
  'ALTO',
  'PARAR',
  'BAJA',
  'ALTA',
  'COMENZAR',
  'AYUDA',
  'REINICIAR',
]);
/** Words that mark a text as Spanish (accents and common words of 311 reports). */
const SPANISH_HINTS = new Set(
  'hay un una el la los las del en mi calle esquina frente por favor bache baches ratas rata ratones basura luz luces apagada apagado alumbrado farola poste árbol arbol rama ramas agua fuga coche carro auto abandonado grafiti graffiti semáforo semaforo señal hoyo hueco roto rota perro muerto animal ruido nieve acera banqueta callejón callejon estado hola gracias sí'.split(
    ' ',
  ),
);

/** Whether a text reads as Spanish. */
export function detectLang(body: string): SmsLang {
  if (SPANISH_KEYWORDS.has(body.trim().toUpperCase())) return 'es';
  if (/[ñ¿¡]/i.test(body)) return 'es';
  const words = body
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  if (words[0] === 'estado') return 'es';
  const hits = words.filter((w) => SPANISH_HINTS.has(w)).length;
  return hits >= 1 && hits * 3 >= words.length ? 'es' : 'en';
}
const TRACKING = /\bSR\d{2}-\d{4,}\b/i;

/** Every reply of the SMS channel, in English and Spanish. */
const MESSAGES = {
  en: {
    help:
      'Stoop 311 by text: describe a problem (e.g. "pothole") to report it, or text a tracking number ' +
      '(e.g. STATUS SR26-00000042) for its status. RESTART drops a half-finished report. ' +
      'STOP ends all texts, START resumes them.',
    stopped: 'You will get no more texts from Stoop 311. Reply START to receive them again.',
    started: 'You will get texts from Stoop 311 again. Reply HELP for help, STOP to opt out.',
    restart: 'OK, start again: what is the problem?',
    notFound: (tn: string) => `No request ${tn} found. Check the number and try again.`,
    unrecognised:
      'Sorry, I did not recognise the problem. Describe it in a few words, e.g. "pothole", "rats", "street light out".',
    which: 'Which one is it?',
    reply: 'Reply',
    or: 'or',
    where: (service: string) =>
      `${service}. Where is it? Reply with an address (2111 W Lexington St) or a corner (Leland & Damen).`,
    pickNumber: (n: number) => `Please reply with a number from 1 to ${n}, or RESTART.`,
    noPlace:
      'Sorry, I could not find that place. Send a street address (2111 W Lexington St) or a corner (Leland & Damen).',
    longStreet: (label: string) =>
      `${label} is a long street: send the house number or the nearest cross street (Leland & Damen).`,
    outside: (label: string) =>
      `${label} is outside the city of Chicago. Send a place inside the city.`,
    gotIt: (label: string) => `Got it: ${label}.`,
    several: 'Several: 1,3.',
    pickAnswer: (many: boolean, n: number) =>
      `Please reply with ${many ? 'one or more numbers' : 'one number'} from 1 to ${n}.`,
    thanks: 'Thanks.',
    expected: (date: string) => ` Expected by ${date}.`,
    done: (tn: string, expected: string) =>
      `Thank you! Your request is ${tn}.${expected} We will text you when it changes; text ${tn} for its status.`,
    failed: (message: string) =>
      `Sorry, the report could not be sent (${message}). Text the problem to start again.`,
  },
  es: {
    help:
      'Stoop 311 por texto: describa un problema (p. ej. "bache") para reportarlo, o envíe un número de seguimiento ' +
      '(p. ej. ESTADO SR26-00000042) para ver su estado. REINICIAR borra un reporte a medias. ' +
      'ALTO detiene todos los mensajes, ALTA los reanuda.',
    stopped: 'No recibirá más mensajes de Stoop 311. Responda ALTA para recibirlos de nuevo.',
    started:
      'Recibirá mensajes de Stoop 311 otra vez. Responda AYUDA para ayuda, ALTO para darse de baja.',
    restart: 'De acuerdo, empecemos de nuevo: ¿cuál es el problema?',
    notFound: (tn: string) =>
      `No encontramos la solicitud ${tn}. Revise el número e inténtelo de nuevo.`,
    unrecognised:
      'Perdón, no reconocí el problema. Descríbalo en pocas palabras, p. ej. "bache", "ratas", "luz apagada".',
    which: '¿Cuál es?',
    reply: 'Responda',
    or: 'o',
    where: (service: string) =>
      `${service}. ¿Dónde está? Responda con una dirección (2111 W Lexington St) o una esquina (Leland & Damen).`,
    pickNumber: (n: number) => `Responda con un número del 1 al ${n}, o REINICIAR.`,
    noPlace:
      'Perdón, no encontré ese lugar. Envíe una dirección (2111 W Lexington St) o una esquina (Leland & Damen).',
    longStreet: (label: string) =>
      `${label} es una calle larga: envíe el número de la casa o la calle transversal más cercana (Leland & Damen).`,
    outside: (label: string) =>
      `${label} está fuera de la ciudad de Chicago. Envíe un lugar dentro de la ciudad.`,
    gotIt: (label: string) => `Entendido: ${label}.`,
    several: 'Varios: 1,3.',
    pickAnswer: (many: boolean, n: number) =>
      `Responda con ${many ? 'uno o más números' : 'un número'} del 1 al ${n}.`,
    thanks: 'Gracias.',
    expected: (date: string) => ` Fecha prevista: ${date}.`,
    done: (tn: string, expected: string) =>
      `¡Gracias! Su solicitud es ${tn}.${expected} Le avisaremos por texto cuando cambie; envíe ${tn} para ver su estado.`,
    failed: (message: string) =>
      `Perdón, no se pudo enviar el reporte (${message}). Envíe el problema para empezar de nuevo.`,
  },
} satisfies Record<SmsLang, Record<string, unknown>>;

/** The HELP reply (English). */
export const HELP_TEXT = MESSAGES.en.help;

/** One line about a request's status, used for STATUS answers and update texts. */
export function statusLine(request: ServiceRequestEntity, lang: SmsLang = 'en'): string {
  const status = statusWords(request.detailedStatus, lang);
  const expected =
    request.status === 'OPEN' && request.expectedAt
      ? MESSAGES[lang].expected(chicagoDate(request.expectedAt, lang))
      : '';
  return `${request.trackingNumber}: ${status}.${expected}`;
}

function numbered(items: string[], lang: SmsLang = 'en'): string {
  const m = MESSAGES[lang];
  const list = items.map((item, i) => `${i + 1} ${item}`).join(', ');
  const options =
    items.length === 2
      ? `1 ${m.or} 2`
      : `${items
          .slice(0, -1)
          .map((_, i) => i + 1)
          .join(', ')} ${m.or} ${items.length}`;
  return `${list}. ${m.reply} ${options}.`;
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
    const state = (await this.repository.conversation(phone)) as ConversationState | null;
    // a conversation keeps its language; a new text is read for it
    const lang: SmsLang = state?.lang ?? detectLang(body);
    if (STOP_WORDS.has(keyword)) {
      await this.repository.optOut(phone);
      await this.repository.endConversation(phone);
      return MESSAGES[detectLang(body)].stopped;
    }
    if (START_WORDS.has(keyword)) {
      await this.repository.optIn(phone);
      return MESSAGES[detectLang(body)].started;
    }
    if (HELP_WORDS.has(keyword)) return MESSAGES[detectLang(body)].help;
    if (await this.repository.isOptedOut(phone)) return null;
    if (keyword === 'RESTART' || keyword === 'REINICIAR') {
      await this.repository.endConversation(phone);
      return MESSAGES[keyword === 'REINICIAR' ? 'es' : lang].restart;
    }
    const tracking = TRACKING.exec(body);
    if (
      tracking &&
      (keyword.startsWith('STATUS') ||
        keyword.startsWith('ESTADO') ||
        tracking[0].length === body.length)
    ) {
      const request = await this.serviceRequests.get(ANONYMOUS, {
        trackingNumber: tracking[0].toUpperCase(),
      });
      const statusLang: SmsLang = keyword.startsWith('ESTADO') ? 'es' : lang;
      return request
        ? statusLine(request, statusLang)
        : MESSAGES[statusLang].notFound(tracking[0].toUpperCase());
    }
    const mediaUrl = sms.mediaUrls.find((u) => /^https?:\/\//i.test(u)) ?? null;
    if (!state) return this.begin(phone, body, mediaUrl, lang);
    const withMedia = { ...state, lang, mediaUrl: state.mediaUrl ?? mediaUrl };
    switch (withMedia.step) {
      case 'SERVICE':
        return this.chooseService(phone, withMedia, body);
      case 'PLACE':
        return this.place(phone, withMedia, body);
      case 'QUESTION':
        return this.answer(phone, withMedia, body);
    }
  }

  /**
   * Services that best match the text, at most three, best first: the catalogue's own search
   * (English and Spanish words, filler dropped, the most commonly reported first), the same one
   * the report form uses.
   */
  private async match(text: string, lang: SmsLang): Promise<{ code: string; name: string }[]> {
    const ranked = await this.definitions.list(ANONYMOUS, text);
    return ranked.slice(0, 3).map((s) => ({ code: s.code, name: serviceName(s, lang) }));
  }

  private async begin(
    phone: string,
    body: string,
    mediaUrl: string | null,
    lang: SmsLang,
  ): Promise<string> {
    const m = MESSAGES[lang];
    if (!body) return m.help;
    const matches = await this.match(body, lang);
    if (matches.length === 0) return m.unrecognised;
    if (matches.length === 1) {
      return this.toPlace(
        phone,
        { serviceCode: matches[0]!.code, description: body, mediaUrl, lang },
        matches[0]!.name,
      );
    }
    await this.repository.saveConversation(phone, {
      step: 'SERVICE',
      lang,
      description: body,
      choices: matches.map((x) => x.code),
      mediaUrl,
    });
    return `${m.which} ${numbered(
      matches.map((x) => x.name),
      lang,
    )}`;
  }

  private async toPlace(
    phone: string,
    state: { serviceCode: string; description: string; mediaUrl: string | null; lang: SmsLang },
    serviceName: string,
  ): Promise<string> {
    await this.repository.saveConversation(phone, { step: 'PLACE', ...state });
    return MESSAGES[state.lang].where(serviceName);
  }

  private async chooseService(
    phone: string,
    state: Extract<ConversationState, { step: 'SERVICE' }>,
    body: string,
  ): Promise<string> {
    const lang = state.lang ?? 'en';
    const n = Number(body);
    const code = Number.isInteger(n) ? state.choices[n - 1] : undefined;
    if (!code) return MESSAGES[lang].pickNumber(state.choices.length);
    const definition = await this.definitions.findByCode(code);
    return this.toPlace(
      phone,
      { serviceCode: code, description: state.description, mediaUrl: state.mediaUrl, lang },
      definition ? serviceName(definition, lang) : code,
    );
  }

  private async place(
    phone: string,
    state: Extract<ConversationState, { step: 'PLACE' }>,
    body: string,
  ): Promise<string> {
    const lang = state.lang ?? 'en';
    const m = MESSAGES[lang];
    const hit = await this.geocoder.geocode(body);
    if (!hit) return m.noPlace;
    if (hit.precision === 'STREET') return m.longStreet(hit.label);
    const place = await this.areas.locate(hit.latitude, hit.longitude);
    if (place.ward === null) return m.outside(hit.label);
    const next = {
      step: 'QUESTION' as const,
      lang,
      serviceCode: state.serviceCode,
      description: state.description,
      mediaUrl: state.mediaUrl,
      latitude: hit.latitude,
      longitude: hit.longitude,
      address: hit.label,
      answers: [],
    };
    return this.askOrSubmit(phone, next, m.gotIt(hit.label));
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
      const lang = state.lang ?? 'en';
      const choices = attributeValues(next, lang).map((v) => v.name);
      const prompt = attributePrompt(next, lang);
      const ask = choices.length
        ? `${prompt} ${numbered(choices, lang)}${next.datatype === 'multivaluelist' ? ` ${MESSAGES[lang].several}` : ''}`
        : prompt;
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
    const lang = state.lang ?? 'en';
    if (question.values.length) {
      const labels = attributeValues(question, lang);
      const typed = body.trim().toLowerCase();
      const picked = body
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((part) => {
          const n = Number(part);
          return Number.isInteger(n)
            ? question.values[n - 1]
            : question.values.find(
                (v, i) => v.name.toLowerCase() === typed || labels[i]!.name.toLowerCase() === typed,
              );
        });
      const many = question.datatype === 'multivaluelist';
      if (picked.length === 0 || picked.some((p) => !p) || (!many && picked.length > 1)) {
        return MESSAGES[state.lang ?? 'en'].pickAnswer(many, question.values.length);
      }
      const keys = picked.map((p) => p!.key);
      answer = many
        ? { code: question.code, values: keys }
        : { code: question.code, value: keys[0] };
    } else {
      if (!body) return attributePrompt(question, lang);
      answer = { code: question.code, value: body };
    }
    return this.askOrSubmit(
      phone,
      { ...state, answers: [...state.answers, answer] },
      MESSAGES[state.lang ?? 'en'].thanks,
    );
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
      await this.repository.subscribe(request.id, phone, state.lang ?? 'en');
      await this.repository.endConversation(phone);
      const m = MESSAGES[state.lang ?? 'en'];
      const expected = request.expectedAt
        ? m.expected(chicagoDate(request.expectedAt, state.lang))
        : '';
      return m.done(request.trackingNumber, expected);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.repository.endConversation(phone);
      return MESSAGES[state.lang ?? 'en'].failed(error.message);
    }
  }
}
