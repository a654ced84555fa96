import { defineMessages } from '../define';

/** Messages of the dashboard pages (owned by that feature; English and Spanish side by side). */
export const dashboard = defineMessages({
  en: {},
  es: {},
});
