/**
 * Message catalogues. Each feature keeps its own file under messages/ with English and Spanish
 * side by side; the type makes a missing Spanish string a compile error. A message is a string
 * with `{name}` placeholders, or plural forms chosen by Intl.PluralRules.
 */
export type Plural = { one: string; other: string; zero?: string };
export type Message = string | Plural;

/** Declares one feature's catalogue; Spanish must have exactly English's keys. */
export function defineMessages<T extends Record<string, Message>>(catalogue: {
  en: T;
  es: { [K in keyof T]: T[K] extends string ? string : Plural };
}) {
  return catalogue;
}
