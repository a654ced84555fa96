import { defineMessages } from '../define';

/** Messages of the account pages (owned by that feature; English and Spanish side by side). */
export const account = defineMessages({
  en: {},
  es: {},
});
