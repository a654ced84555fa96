import { defineMessages } from '../define';

/** Messages of the ideas pages (owned by that feature; English and Spanish side by side). */
export const ideas = defineMessages({
  en: {},
  es: {},
});
