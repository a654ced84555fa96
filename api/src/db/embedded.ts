/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with PostGIS, kept in a data
 * folder and exposed on a loopback TCP socket so that `pg` and TypeORM talk to it exactly as they
 * talk to a PostgreSQL server. Same migrations, same SQL, same code paths.
 *
 * PGlite runs one backend; the socket server multiplexes client connections onto it and keeps a
 * connection's transaction exclusive until it ends, so pooled transactions do not interleave.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded database. */
export interface EmbeddedDatabase {
  /** A postgres:// URL for `pg`. */
  url: string;
  /** Stops the socket server and closes the database files cleanly. */
  stop(): Promise<void>;
}

/** Connections the socket server accepts at once; the pool is sized to match. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/** Starts PGlite + PostGIS in `dataDir/pgdata` and listens on an ephemeral loopback port. */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const pgdata = path.join(dataDir, 'pgdata');
  mkdirSync(pgdata, { recursive: true });
  const db = await PGlite.create({ dataDir: pgdata, extensions: { postgis } });
  await db.exec('SET jit = off; SET max_parallel_workers_per_gather = 0;');
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.split(':').pop());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
