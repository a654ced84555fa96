/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with PostGIS, kept in a data
 * folder and exposed on a loopback TCP socket so that `pg` and TypeORM talk to it exactly as they
 * talk to a PostgreSQL server. Same migrations, same SQL, same code paths.
 *
 * PGlite runs one backend. The socket server multiplexes connections onto it message by message;
 * it keeps an explicit transaction exclusive, but not the Parse/Bind/Execute sequence of the extended
 * protocol, so two pooled connections can clobber each other's unnamed portal ("portal \"\" does not
 * exist", seen in the test suite). The pool on the embedded database therefore has one connection:
 * the single backend serialises everything anyway, so nothing is lost.
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

/** Connections the socket server accepts at once (a pool of one, plus room for tools). */
export const EMBEDDED_MAX_CONNECTIONS = 4;

/** Pool size for the embedded database (see the module comment). */
export const EMBEDDED_POOL_SIZE = 1;

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
