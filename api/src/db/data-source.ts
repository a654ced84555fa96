/**
 * The one DataSource factory, used by the server, the CLI, the tests and the migration checks.
 * Connections run with `jit = off` and no parallel workers (DESIGN.md §3: on small queries both
 * cost more than they save).
 */
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { EMBEDDED_POOL_SIZE } from './embedded.js';
import { ENTITIES } from './entities.js';

/** Options for {@link createDataSource}. */
export interface DataSourceOptions {
  url: string;
  /** Pool size; the embedded database accepts a bounded number of connections. */
  poolSize?: number;
  /**
   * Whether the server is PGlite: startup options are then set once on its single backend, and the
   * pool has one connection (see db/embedded.ts for why).
   */
  embedded?: boolean;
  /** Log SQL (debugging). */
  logSql?: boolean;
}

/** Builds (but does not initialise) the DataSource. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'stoop_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: options.logSql ? 'all' : ['error'],
    poolSize: options.embedded ? EMBEDDED_POOL_SIZE : (options.poolSize ?? 10),
    extra: options.embedded
      ? // a query that waits this long for the single connection is a bug (a query outside the
        // transaction's manager while the transaction holds the connection): fail, do not hang
        { max: EMBEDDED_POOL_SIZE, connectionTimeoutMillis: 15_000 }
      : {
          max: options.poolSize ?? 10,
          options: '-c jit=off -c max_parallel_workers_per_gather=0',
        },
  });
}

/** Whether all known migrations have been applied. */
export async function migrationsCurrent(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
