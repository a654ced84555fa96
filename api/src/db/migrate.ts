/** Migration helpers shared by start-up, the CLI and CI: run, revert all, and detect drift. */
import type { DataSource } from 'typeorm';

/** Applies pending migrations; returns their names. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  return applied.map((m) => m.name);
}

/** Reverts every applied migration, newest first. */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  for (;;) {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'stoop_migrations'`,
    );
    if (rows.length === 0) return reverted;
    const [{ count }] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM stoop_migrations`,
    )) as [{ count: number }];
    if (count === 0) return reverted;
    await dataSource.undoLastMigration({ transaction: 'all' });
    reverted += 1;
  }
}

/**
 * The SQL TypeORM would run to make the database match the entities. Empty means the migrations
 * and the entities agree; anything else is drift that a new migration must cover.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
