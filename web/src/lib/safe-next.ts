/**
 * Where to go after signing in or up: the `?next=` path the person came from, only when it is a
 * path on this site (never another origin, so a crafted link cannot send them elsewhere).
 */
export function safeNext(value: string | null | undefined, fallback = '/me'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}
