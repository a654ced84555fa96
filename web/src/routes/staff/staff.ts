/** Small helpers shared by the staff console's components. */
import type { DetailedStatus } from '$lib/graphql/types.generated';

/** Every detailed status, in lifecycle order. */
export const DETAILED: DetailedStatus[] = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'SCHEDULED',
  'ON_HOLD',
  'COMPLETED',
  'CLOSED_NOT_FIXED',
  'DUPLICATE',
  'CANCELED',
];

/** Statuses staff set with a status change (DUPLICATE goes through "mark duplicate"). */
export const SETTABLE: DetailedStatus[] = DETAILED.filter((s) => s !== 'DUPLICATE');

/** The API's global id of an account (`User:<uuid>`, base64url), from the viewer's plain id. */
export function userGlobalId(id: string): string {
  return btoa(`User:${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A date input's value (YYYY-MM-DD, Chicago) from an instant, or ''. */
export function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
  return parts;
}

/** 17:00 in Chicago (a working day's end) on a chosen date (YYYY-MM-DD), as an ISO instant. */
export function instantOfDate(value: string): string {
  const zone =
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${value}T22:00:00Z`))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT-06:00';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(zone);
  const offset = m ? `${m[1]}:${m[2] ?? '00'}` : '-06:00';
  return new Date(`${value}T17:00:00${offset}`).toISOString();
}

/** A random idempotency key (also outside secure contexts, where crypto.randomUUID is missing). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
