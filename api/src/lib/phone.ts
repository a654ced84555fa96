/** Phone numbers as texts are keyed: E.164, with +1 added to a ten-digit North American number. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, '');
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}
