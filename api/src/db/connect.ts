/**
 * Opens the database Stoop runs on: the PostgreSQL server of DATABASE_URL, or, when it is unset,
 * the embedded PGlite + PostGIS in the data folder. Everything above this function is the same on both.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedDatabase } from './embedded.js';

/** An open database and how to close it. */
export interface DatabaseHandle {
  dataSource: DataSource;
  /** True when running on the embedded PGlite database. */
  embedded: boolean;
  /** Closes the pool (and stops the embedded server). */
  close(): Promise<void>;
}

/** Connects to the configured database and initialises the DataSource. */
export async function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void = () => {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const dataSource = createDataSource({ url: config.databaseUrl });
    await dataSource.initialize();
    return { dataSource, embedded: false, close: () => dataSource.destroy() };
  }
  log(`Starting the embedded database (PGlite + PostGIS) in ${config.dataDir}`);
  const embedded = await startEmbeddedDatabase(config.dataDir);
  const dataSource = createDataSource({
    url: embedded.url,
    embedded: true,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return {
    dataSource,
    embedded: true,
    async close() {
      await dataSource.destroy();
      await embedded.stop();
    },
  };
}
