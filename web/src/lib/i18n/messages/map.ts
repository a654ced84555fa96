import { defineMessages } from '../define';

/** Messages of the map pages (owned by that feature; English and Spanish side by side). */
export const map = defineMessages({
  en: {},
  es: {},
});
