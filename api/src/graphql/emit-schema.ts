/**
 * Emits `schema/schema.graphql` from the resolvers (`npm run schema:emit`), or with `--check`
 * compares the committed file to a fresh emission and fails when it is stale (`npm run schema:check`).
 * No database is needed: services are never called while building the schema.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Services } from '../services.js';
import { InProcessPubSub } from '../lib/pubsub.js';
import { buildStoopSchema } from './schema.js';

const target = path.resolve('schema', 'schema.graphql');
const check = process.argv.includes('--check');
const stub = { pubsub: new InProcessPubSub() } as unknown as Services;
const dir = mkdtempSync(path.join(os.tmpdir(), 'stoop-schema-'));
const fresh = path.join(dir, 'schema.graphql');
await buildStoopSchema(stub, { emitTo: check ? fresh : target });
if (check) {
  const committed = readFileSync(target, 'utf8');
  const emitted = readFileSync(fresh, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  if (committed !== emitted) {
    console.error(
      'schema/schema.graphql is stale. Run `npm run schema:emit` and commit the result.',
    );
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  rmSync(dir, { recursive: true, force: true });
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
