/** Every migration, in order. Listed explicitly so tsx, vitest and tsc all load the same set. */
import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795839294097 } from './1795839294097-initial-schema.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [InitialSchema1795839294097];
