/**
 * What reporters without an account are told, by text and by e-mail, in English and Spanish:
 * that their report arrived, that its status changed (or a public note was added), and that it
 * was merged into another request. Status words are the same ones the SMS status answer uses.
 */
import type { Language } from '../../lib/language.js';
import type { DetailedStatus } from '../service-request/service-request.entity.js';

/** The languages reporters are written to in: Stoop's own (lib/language.ts). */
export type UpdateLanguage = Language;

const STATUS_ES: Record<DetailedStatus, string> = {
  SUBMITTED: 'recibida',
  ACKNOWLEDGED: 'confirmada',
  IN_PROGRESS: 'en curso',
  SCHEDULED: 'programada',
  ON_HOLD: 'en espera',
  COMPLETED: 'completada',
  CLOSED_NOT_FIXED: 'cerrada sin arreglar',
  DUPLICATE: 'duplicada',
  CANCELED: 'cancelada',
};

/** A status in words: "in progress", "closed not fixed"; "en curso", "cerrada sin arreglar". */
export function statusWords(status: DetailedStatus, lang: UpdateLanguage): string {
  return lang === 'es' ? STATUS_ES[status] : status.replace(/_/g, ' ').toLowerCase();
}

/** A date as Chicago reads it: "Dec 3, 2026", "3 dic 2026". */
export function chicagoDate(date: Date, lang: UpdateLanguage = 'en'): string {
  return date.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/** A request as the messages name it. */
export interface RequestRef {
  trackingNumber: string;
  serviceName: string;
  expectedAt: Date | null;
}

/** One public change: a new status (null when only a note or the expected date changed). */
export interface PublicChange {
  status: DetailedStatus | null;
  note: string | null;
}

interface Email {
  subject: string;
  body: string;
}

const FOOTER = {
  en: (link: string, unsubscribe: string) => [
    '',
    `Follow it: ${link}`,
    '',
    '-- ',
    `Stop e-mails about this request: ${unsubscribe}`,
  ],
  es: (link: string, unsubscribe: string) => [
    '',
    `Sígala aquí: ${link}`,
    '',
    '-- ',
    `No recibir más correos sobre esta solicitud: ${unsubscribe}`,
  ],
};

/** The messages of one language. */
export const UPDATE_MESSAGES = {
  en: {
    receivedEmail: (r: RequestRef, link: string, unsubscribe: string): Email => ({
      subject: `We received your report ${r.trackingNumber}`,
      body: [
        `Thank you for reporting: ${r.serviceName}.`,
        `Your tracking number is ${r.trackingNumber}.`,
        ...(r.expectedAt ? [`Expected by ${chicagoDate(r.expectedAt, 'en')}.`] : []),
        'We will e-mail you when its status changes.',
        ...FOOTER.en(link, unsubscribe),
      ].join('\n'),
    }),
    receivedText: (r: RequestRef) =>
      `Stoop 311: we received your report ${r.trackingNumber} (${r.serviceName}). We will text you when it changes; text ${r.trackingNumber} for its status. Reply STOP to opt out.`,
    changedEmail: (r: RequestRef, c: PublicChange, link: string, unsubscribe: string): Email => ({
      subject: c.status
        ? `${r.trackingNumber} is ${statusWords(c.status, 'en')}`
        : `${r.trackingNumber} was updated`,
      body: [
        c.status
          ? `Your report ${r.trackingNumber} (${r.serviceName}) is now: ${statusWords(c.status, 'en')}.`
          : `Your report ${r.trackingNumber} (${r.serviceName}) has an update.`,
        ...(c.note ? ['', c.note] : []),
        ...FOOTER.en(link, unsubscribe),
      ].join('\n'),
    }),
    changedText: (r: RequestRef, c: PublicChange) =>
      `Stoop 311: ${r.trackingNumber} is ${c.status ? statusWords(c.status, 'en') : 'updated'}.${c.note ? ` ${c.note}` : ''} Reply STOP to opt out.`,
    mergedEmail: (dup: RequestRef, orig: RequestRef, link: string, unsubscribe: string): Email => ({
      subject: `${dup.trackingNumber} was merged into ${orig.trackingNumber}`,
      body: [
        `Your report ${dup.trackingNumber} is about the same problem as ${orig.trackingNumber}, so the city closed it as a duplicate.`,
        `You will now get the updates of ${orig.trackingNumber}.`,
        ...FOOTER.en(link, unsubscribe),
      ].join('\n'),
    }),
    mergedText: (dup: RequestRef, orig: RequestRef) =>
      `Stoop 311: ${dup.trackingNumber} was merged into ${orig.trackingNumber}, the same problem. You will get its updates. Reply STOP to opt out.`,
  },
  es: {
    receivedEmail: (r: RequestRef, link: string, unsubscribe: string): Email => ({
      subject: `Recibimos su reporte ${r.trackingNumber}`,
      body: [
        `Gracias por reportar: ${r.serviceName}.`,
        `Su número de seguimiento es ${r.trackingNumber}.`,
        ...(r.expectedAt ? [`Fecha prevista: ${chicagoDate(r.expectedAt, 'es')}.`] : []),
        'Le escribiremos cuando cambie su estado.',
        ...FOOTER.es(link, unsubscribe),
      ].join('\n'),
    }),
    receivedText: (r: RequestRef) =>
      `Stoop 311: recibimos su reporte ${r.trackingNumber} (${r.serviceName}). Le avisaremos por texto cuando cambie; envíe ${r.trackingNumber} para ver su estado. Responda ALTO para no recibir más.`,
    changedEmail: (r: RequestRef, c: PublicChange, link: string, unsubscribe: string): Email => ({
      subject: c.status
        ? `${r.trackingNumber}: ${statusWords(c.status, 'es')}`
        : `${r.trackingNumber}: novedades`,
      body: [
        c.status
          ? `Su reporte ${r.trackingNumber} (${r.serviceName}) está ahora: ${statusWords(c.status, 'es')}.`
          : `Su reporte ${r.trackingNumber} (${r.serviceName}) tiene novedades.`,
        ...(c.note ? ['', c.note] : []),
        ...FOOTER.es(link, unsubscribe),
      ].join('\n'),
    }),
    changedText: (r: RequestRef, c: PublicChange) =>
      `Stoop 311: ${r.trackingNumber} ${c.status ? `está ${statusWords(c.status, 'es')}` : 'tiene novedades'}.${c.note ? ` ${c.note}` : ''} Responda ALTO para no recibir más.`,
    mergedEmail: (dup: RequestRef, orig: RequestRef, link: string, unsubscribe: string): Email => ({
      subject: `${dup.trackingNumber} se unió a ${orig.trackingNumber}`,
      body: [
        `Su reporte ${dup.trackingNumber} trata del mismo problema que ${orig.trackingNumber}, así que la ciudad lo cerró como duplicado.`,
        `Desde ahora recibirá las novedades de ${orig.trackingNumber}.`,
        ...FOOTER.es(link, unsubscribe),
      ].join('\n'),
    }),
    mergedText: (dup: RequestRef, orig: RequestRef) =>
      `Stoop 311: ${dup.trackingNumber} se unió a ${orig.trackingNumber}, el mismo problema. Recibirá sus novedades. Responda ALTO para no recibir más.`,
  },
} satisfies Record<UpdateLanguage, Record<string, unknown>>;
