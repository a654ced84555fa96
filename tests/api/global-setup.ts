/**
 * Prepares one database for the whole run: a fresh database on the PostgreSQL server of
 * TEST_DATABASE_URL, or, when it is unset, the embedded PGlite + PostGIS in a temporary folder.
 * Either way it is migrated and seeded with the real Chicago data, then handed to the test files.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../api/src/config.js';
import { createDataSource } from '../../api/src/db/data-source.js';
import { startEmbeddedDatabase } from '../../api/src/db/embedded.js';
import { runMigrations } from '../../api/src/db/migrate.js';
import { seed } from '../../api/src/seed/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
    mediaDir: string;
  }
}

/** Replaces the database name of a postgres URL. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL ??= 'silent';
  const base = process.env.TEST_DATABASE_URL;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'stoop-test-'));
  let url: string;
  let teardown: () => Promise<void>;
  if (base) {
    const name = `stoop_test_${process.pid}`;
    const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = withDatabase(base, name);
    teardown = async () => {
      const c = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const embedded = await startEmbeddedDatabase(tmp);
    url = embedded.url;
    teardown = () => embedded.stop();
  }
  const ds = createDataSource({ url, embedded: !base, poolSize: 4 });
  await ds.initialize();
  await runMigrations(ds);
  const started = Date.now();
  const report = await seed(ds, { dataDir: loadConfig().seedDataDir, log: () => {} });
  console.log(
    `[tests] ${base ? 'PostgreSQL' : 'embedded PGlite'} database seeded in ${Date.now() - started} ms ` +
      `(${report.durationMs} ms seed)`,
  );
  await ds.destroy();
  project.provide('databaseUrl', url);
  project.provide('embedded', !base);
  project.provide('mediaDir', path.join(tmp, 'media'));
  return async () => {
    await teardown();
    rmSync(tmp, { recursive: true, force: true });
  };
}
