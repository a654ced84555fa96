/**
 * What notifications say, in English and Spanish. Producers build each notification's title (and
 * any body Stoop writes itself) here in both languages; the row keeps the English and the Spanish
 * beside it, and each reader gets their own: the app in the interface language, e-mails and texts
 * in the account's language. Text people wrote (a comment, a public note, an idea's title, a
 * club's name) is quoted as written.
 */
import { translated, type Language, type Localized } from '../../lib/language.js';
import type { IdeaStatus } from '../idea/idea.entity.js';
import type { NotificationEntity } from './notification.entity.js';
import type { DetailedStatus } from '../service-request/service-request.entity.js';
import { chicagoDate, statusWords } from '../reporter-updates/reporter-updates.messages.js';

export type { Localized };

/** An area as a notification names it: "Ward 47" / "Distrito 47", or a community area's name. */
export function areaName(area: { kind: string; number: number; name: string }): Localized {
  return area.kind === 'WARD'
    ? { en: `Ward ${area.number}`, es: `Distrito ${area.number}` }
    : { en: area.name, es: area.name };
}

const IDEA_STATUS: Record<IdeaStatus, Localized> = {
  PROPOSED: { en: 'proposed', es: 'propuesta' },
  UNDER_REVIEW: { en: 'under review', es: 'en revisión' },
  PLANNED: { en: 'planned', es: 'planificada' },
  IMPLEMENTED: { en: 'implemented', es: 'realizada' },
  DECLINED: { en: 'declined', es: 'rechazada' },
};

export const NOTIFY = {
  statusChanged: (tn: string, status: DetailedStatus | null): Localized =>
    status
      ? {
          en: `${tn} is ${statusWords(status, 'en')}`,
          es: `${tn} está ${statusWords(status, 'es')}`,
        }
      : { en: `${tn} is updated`, es: `${tn} tiene novedades` },
  supported: (tn: string): Localized => ({
    en: `A neighbour co-signed ${tn}`,
    es: `Un vecino apoyó ${tn}`,
  }),
  supportedMany: (n: number, tn: string): Localized => ({
    en: `${n} neighbours co-signed ${tn}`,
    es: `${n} vecinos apoyaron ${tn}`,
  }),
  requestComment: (tn: string): Localized => ({
    en: `New comment on ${tn}`,
    es: `Nuevo comentario en ${tn}`,
  }),
  requestComments: (n: number, tn: string): Localized => ({
    en: `${n} new comments on ${tn}`,
    es: `${n} comentarios nuevos en ${tn}`,
  }),
  areaRequest: (where: Localized, service: Localized): Localized => ({
    en: `New request in ${where.en}: ${service.en}`,
    es: `Nueva solicitud en ${where.es}: ${service.es}`,
  }),
  areaRequests: (n: number, where: Localized): Localized => ({
    en: `${n} new requests in ${where.en}`,
    es: `${n} solicitudes nuevas en ${where.es}`,
  }),
  merged: (duplicate: string, original: string): Localized => ({
    en: `${duplicate} was merged into ${original}`,
    es: `${duplicate} se unió a ${original}`,
  }),
  mergedBody: {
    en: 'You now follow the original request.',
    es: 'Ahora sigue la solicitud original.',
  } satisfies Localized,
  reopenAsked: (tn: string): Localized => ({
    en: `Asked to reopen ${tn}`,
    es: `Piden reabrir ${tn}`,
  }),
  reopenDecided: (tn: string, accepted: boolean): Localized =>
    accepted
      ? { en: `${tn} was reopened`, es: `${tn} se reabrió` }
      : {
          en: `The request to reopen ${tn} was refused`,
          es: `Se rechazó el pedido de reabrir ${tn}`,
        },
  assigned: (tn: string): Localized => ({
    en: `${tn} was assigned to you`,
    es: `Le asignaron ${tn}`,
  }),
  ideaUnderReview: (title: string): Localized => ({
    en: `Idea under review: ${title}`,
    es: `Idea en revisión: ${title}`,
  }),
  ideaUnderReviewBody: (votes: number): Localized => ({
    en: `${votes} neighbours voted for it; the city will answer in public.`,
    es: `${votes} vecinos votaron por ella; la ciudad responderá en público.`,
  }),
  ideaAnswered: (title: string, status: IdeaStatus): Localized => {
    const words = IDEA_STATUS[status];
    return {
      en: `The city answered "${title}": ${words.en}`,
      es: `La ciudad respondió a "${title}": ${words.es}`,
    };
  },
  ideaComment: (title: string | null): Localized =>
    title
      ? { en: `New comment on "${title}"`, es: `Nuevo comentario en "${title}"` }
      : { en: 'New comment on an idea', es: 'Nuevo comentario en una idea' },
  ideaComments: (n: number, title: string | null): Localized =>
    title
      ? { en: `${n} new comments on "${title}"`, es: `${n} comentarios nuevos en "${title}"` }
      : { en: `${n} new comments on an idea`, es: `${n} comentarios nuevos en una idea` },
  clubPostComment: (club: string): Localized => ({
    en: `New comment on your post in ${club}`,
    es: `Nuevo comentario en su publicación en ${club}`,
  }),
  clubPostComments: (n: number, club: string): Localized => ({
    en: `${n} new comments on your post in ${club}`,
    es: `${n} comentarios nuevos en su publicación en ${club}`,
  }),
  joinAsked: (person: string, club: string): Localized => ({
    en: `${person} asked to join ${club}`,
    es: `${person} pidió unirse a ${club}`,
  }),
  joinsAsked: (n: number, club: string): Localized => ({
    en: `${n} neighbours asked to join ${club}`,
    es: `${n} vecinos pidieron unirse a ${club}`,
  }),
  joinDecided: (club: string, approved: boolean): Localized =>
    approved
      ? { en: `You are now a member of ${club}`, es: `Ahora es miembro de ${club}` }
      : {
          en: `Your request to join ${club} was declined`,
          es: `Se rechazó su pedido para unirse a ${club}`,
        },
  clubPost: (club: string): Localized => ({
    en: `New post in ${club}`,
    es: `Nueva publicación en ${club}`,
  }),
  clubPosts: (n: number, club: string): Localized => ({
    en: `${n} new posts in ${club}`,
    es: `${n} publicaciones nuevas en ${club}`,
  }),
  clubAction: (club: string, title: string, startsAt: Date): Localized => ({
    en: `${club}: ${title} on ${chicagoDate(startsAt, 'en')}`,
    es: `${club}: ${title} el ${chicagoDate(startsAt, 'es')}`,
  }),
} as const;

/** A notification's title and body in a language (English where it has no translation). */
export function notificationText(
  n: { title: string; body: string; translations?: NotificationEntity['translations'] | null },
  language: Language,
): { title: string; body: string } {
  return {
    title: translated(n.translations, language, 'title', n.title),
    body: translated(n.translations, language, 'body', n.body),
  };
}

/** What the e-mails and texts around notifications say. */
export const DELIVERY_TEXT = {
  en: {
    hello: (name: string) => `Hello ${name},`,
    stop: (url: string) => `Stop these e-mails: ${url}`,
    digestSubject: (n: number) => `Stoop 311: ${n} updates since yesterday`,
    digestIntro: (n: number) => `Your daily digest (${n} updates):`,
    textOptOut: 'Reply STOP to opt out.',
    textDigest: (n: number) => `${n} updates.`,
  },
  es: {
    hello: (name: string) => `Hola, ${name}:`,
    stop: (url: string) => `Dejar de recibir estos correos: ${url}`,
    digestSubject: (n: number) => `Stoop 311: ${n} novedades desde ayer`,
    digestIntro: (n: number) => `Su resumen diario (${n} novedades):`,
    textOptOut: 'Responda ALTO para no recibir más.',
    textDigest: (n: number) => `${n} novedades.`,
  },
} satisfies Record<Language, Record<string, unknown>>;
