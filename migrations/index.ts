/** Every migration, in order. Listed explicitly so tsx, vitest and tsc all load the same set. */
import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795839294097 } from './1795839294097-initial-schema.js';
import { Open3111795900000000 } from './1795900000000-open311.js';
import { Neighbours1795950000000 } from './1795950000000-neighbours.js';
import { RequestGrid1796200000000 } from './1796200000000-request-grid.js';
import { Sms1796300000000 } from './1796300000000-sms.js';
import { DeliveryRules1796400000000 } from './1796400000000-delivery-rules.js';
import { StaffConsole1796500000000 } from './1796500000000-staff-console.js';
import { ReporterUpdates1796600000000 } from './1796600000000-reporter-updates.js';
import { CatalogueTranslations1796700000000 } from './1796700000000-catalogue-translations.js';
import { NotificationLanguages1796800000000 } from './1796800000000-notification-languages.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795839294097,
  Open3111795900000000,
  Neighbours1795950000000,
  RequestGrid1796200000000,
  Sms1796300000000,
  DeliveryRules1796400000000,
  StaffConsole1796500000000,
  ReporterUpdates1796600000000,
  CatalogueTranslations1796700000000,
  NotificationLanguages1796800000000,
];
