import { defineMessages } from '../define';

/** Messages of the staff pages (owned by that feature; English and Spanish side by side). */
export const staff = defineMessages({
  en: {},
  es: {},
});
