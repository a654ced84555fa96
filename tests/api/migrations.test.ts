/**
 * Migrations on a fresh, empty database: they apply, the entities agree with them (no drift),
 * reverting all of them removes every Stoop table, and applying them again gives the same schema.
 * The database is a new one on the TEST_DATABASE_URL server, or a fresh embedded PGlite when the
 * suite runs without a server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import { createDataSource, migrationsCurrent } from '../../api/src/db/data-source.js';
import { startEmbeddedDatabase } from '../../api/src/db/embedded.js';
import { revertAllMigrations, runMigrations, schemaDrift } from '../../api/src/db/migrate.js';

const base = process.env.TEST_DATABASE_URL;
const databaseName = `stoop_test_mig_${process.pid}`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(base!, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let dataSource: DataSource;
let cleanup: () => Promise<void> = async () => {};

/** Tables of the public schema, except PostGIS's own. */
async function tables(): Promise<string[]> {
  const rows = (await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'
      ORDER BY table_name`,
  )) as { table_name: string }[];
  return rows.map((r) => r.table_name);
}

beforeAll(async () => {
  let url: string;
  if (base) {
    await admin(`DROP DATABASE IF EXISTS ${databaseName}`);
    await admin(`CREATE DATABASE ${databaseName}`);
    url = withDatabase(base, databaseName);
    cleanup = () => admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stoop-mig-'));
    const embedded = await startEmbeddedDatabase(dir);
    url = embedded.url;
    cleanup = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  dataSource = createDataSource({ url, embedded: !base, poolSize: 2 });
  await dataSource.initialize();
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await cleanup();
});

describe('migrations on an empty database', () => {
  it('apply, match the entities, revert completely and apply again', async () => {
    expect(await tables()).toEqual([]);
    expect(await migrationsCurrent(dataSource)).toBe(false);

    const applied = await runMigrations(dataSource);
    expect(applied).toEqual(MIGRATIONS.map((M) => new M().name ?? M.name));
    expect(applied.length).toBeGreaterThan(0);
    expect(await migrationsCurrent(dataSource)).toBe(true);
    const created = await tables();
    expect(created).toEqual(
      expect.arrayContaining([
        'agencies',
        'areas',
        'service_definitions',
        'service_attributes',
        'service_requests',
        'users',
        'stoop_migrations',
      ]),
    );
    expect(await schemaDrift(dataSource)).toEqual([]);
    // running again is a no-op
    expect(await runMigrations(dataSource)).toEqual([]);

    const reverted = await revertAllMigrations(dataSource);
    expect(reverted).toBe(applied.length);
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name = 'service_requests'`,
    )) as [{ n: number }];
    expect(n).toBe(0);
    // only TypeORM's (now empty) bookkeeping may remain
    const left = await tables();
    expect(left.filter((t) => !['stoop_migrations', 'typeorm_metadata'].includes(t))).toEqual([]);
    expect(await migrationsCurrent(dataSource)).toBe(false);
    expect(await revertAllMigrations(dataSource)).toBe(0);

    expect(await runMigrations(dataSource)).toEqual(applied);
    expect(await tables()).toEqual(created);
    expect(await schemaDrift(dataSource)).toEqual([]);
    expect(await migrationsCurrent(dataSource)).toBe(true);
  }, 180_000);
});
