import { defineMessages } from '../define';

/** Messages of the report pages (owned by that feature; English and Spanish side by side). */
export const report = defineMessages({
  en: {},
  es: {},
});
