import { defineMessages } from '../define';

/** Messages of the request pages (owned by that feature; English and Spanish side by side). */
export const request = defineMessages({
  en: {},
  es: {},
});
