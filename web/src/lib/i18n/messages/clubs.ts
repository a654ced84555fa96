import { defineMessages } from '../define';

/** Messages of the clubs pages (owned by that feature; English and Spanish side by side). */
export const clubs = defineMessages({
  en: {},
  es: {},
});
