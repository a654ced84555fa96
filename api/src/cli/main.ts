/**
 * The operator's command line: `npm run cli -- <command>`. Migrations, the drift check CI runs, the
 * Chicago seed and importers, and the two things an admin needs before the web admin exists: API
 * keys and staff accounts. Every command opens the same database the server would (DATABASE_URL or
 * the embedded one), and a bad input ends with one line on stderr and a non-zero exit code.
 */
import 'reflect-metadata';
import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { revertAllMigrations, runMigrations, schemaDrift } from '../db/migrate.js';
import { ApiKeyRepository } from '../modules/api-key/api-key.repository.js';
import { ApiKeyService } from '../modules/api-key/api-key.service.js';
import { AuditRepository } from '../modules/audit/audit.repository.js';
import { AREA_KINDS, type AreaKind } from '../modules/area/area.entity.js';
import { hashPassword } from '../modules/user/password.js';
import { ROLES, type Role } from '../modules/user/user.entity.js';
import { AreaImportError, importAreas } from '../seed/import-areas.js';
import { importChicagoCsv, type ChicagoCsvImportResult } from '../seed/import-chicago-csv.js';
import { seed } from '../seed/seed.js';

/** A mistake of the person at the keyboard: printed as one line, never with a stack trace. */
export class CliError extends Error {}

/** Minimum password length for accounts (same rule as sign-up). */
const MIN_PASSWORD_LENGTH = 10;

function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Opens the database, runs `action`, closes it; turns every failure into a one-line error. */
async function withDatabase(
  action: (ds: DataSource, config: Config) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const db = await connectDatabase(config, info);
  try {
    await action(db.dataSource, config);
  } finally {
    await db.close();
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return n;
}

function requireFile(file: string): void {
  if (!existsSync(file)) throw new CliError(`File not found: ${file}`);
}

function printImportResult(result: ChicagoCsvImportResult): void {
  const lines = [`Imported: ${result.imported}`];
  const skippedTotal = Object.values(result.skipped).reduce((a, b) => a + b, 0);
  lines.push(`Skipped: ${skippedTotal}`);
  for (const [reason, n] of Object.entries(result.skipped)) lines.push(`  ${n}\t${reason}`);
  const rejectedTotal = Object.values(result.rejected).reduce((a, b) => a + b, 0);
  lines.push(`Rejected: ${rejectedTotal}`);
  for (const [reason, n] of Object.entries(result.rejected)) lines.push(`  ${n}\t${reason}`);
  if (result.rejectedRows.length > 0) {
    lines.push('First rejected rows:');
    for (const row of result.rejectedRows) lines.push(`  line ${row.line}: ${row.reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Builds the program; exported so tests can drive it without spawning a process. */
export function buildProgram(): Command {
  const program = new Command('stoop')
    .description('Stoop operator commands')
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(() =>
      withDatabase(async (ds) => {
        const applied = await runMigrations(ds);
        info(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      }),
    );

  program
    .command('migrate:revert-all')
    .description('revert every applied migration (drops all Stoop tables and data)')
    .action(() =>
      withDatabase(async (ds) => {
        const reverted = await revertAllMigrations(ds);
        info(`Reverted ${reverted} migration(s).`);
      }),
    );

  program
    .command('db:check')
    .description('fail when the entities and the migrations disagree')
    .action(() =>
      withDatabase(async (ds) => {
        const drift = await schemaDrift(ds);
        if (drift.length === 0) {
          info('No drift: the migrations match the entities.');
          return;
        }
        process.stdout.write(`${drift.map((q) => `${q};`).join('\n')}\n`);
        throw new CliError(
          `Schema drift: ${drift.length} statement(s) above are not covered by a migration. Write a migration in migrations/ (and list it in migrations/index.ts).`,
        );
      }),
    );

  program
    .command('seed')
    .description('migrate, then load the Chicago catalogue, boundaries and sample requests')
    .action(() =>
      withDatabase(async (ds, config) => {
        const applied = await runMigrations(ds);
        if (applied.length) info(`Applied: ${applied.join(', ')}`);
        await seed(ds, { dataDir: config.seedDataDir, log: info });
      }),
    );

  program
    .command('import:areas <file>')
    .description('import ward or community area boundaries from GeoJSON')
    .addOption(
      new Option('--kind <kind>', 'kind of area').choices([...AREA_KINDS]).makeOptionMandatory(),
    )
    .action((file: string, options: { kind: AreaKind }) =>
      withDatabase(async (ds) => {
        requireFile(file);
        const result = await importAreas(ds, await readFile(file, 'utf8'), options.kind);
        process.stdout.write(
          `${options.kind}: ${result.imported} imported, ${result.updated} updated, ${result.unchanged} unchanged\n`,
        );
      }),
    );

  program
    .command('import:chicago-csv <file>')
    .description("import a CSV export of the Chicago data portal's 311 Service Requests")
    .option('--batch-size <n>', 'rows per transaction', positiveInt, 500)
    .action((file: string, options: { batchSize: number }) =>
      withDatabase(async (ds) => {
        requireFile(file);
        const result = await importChicagoCsv(ds, createReadStream(file), {
          batchSize: options.batchSize,
          log: info,
        });
        printImportResult(result);
      }),
    );

  program
    .command('api-key:create')
    .description('create an Open311 API key (printed once)')
    .requiredOption('--name <name>', 'who or what the key is for')
    .option('--rate-limit <perMinute>', 'requests per minute', positiveInt, 60)
    .action((options: { name: string; rateLimit: number }) =>
      withDatabase(async (ds) => {
        const name = options.name.trim();
        if (!name) throw new CliError('--name must not be empty.');
        const keys = new ApiKeyService(ds, new ApiKeyRepository(ds), new AuditRepository());
        const { apiKey, key } = await keys.createByOperator({
          name,
          rateLimitPerMinute: options.rateLimit,
        });
        info(
          `API key "${name}" created (${apiKey.prefix}…, ${apiKey.rateLimitPerMinute} requests/minute).`,
        );
        process.stdout.write(`${key}\n`);
        info('Copy it now: it is stored only as a hash and will not be shown again.');
      }),
    );

  program
    .command('user:create')
    .description('create an account (staff, moderator, admin or resident)')
    .requiredOption('--email <email>', 'e-mail address (stored lower-case)')
    .requiredOption('--password <password>', `password, at least ${MIN_PASSWORD_LENGTH} characters`)
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--agency <code>', 'agency code (required for STAFF)')
    .option('--name <displayName>', 'display name (default: the part of the e-mail before @)')
    .action(
      (options: { email: string; password: string; role: Role; agency?: string; name?: string }) =>
        withDatabase(async (ds) => {
          const email = options.email.trim().toLowerCase();
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
            throw new CliError(`Not an e-mail address: ${options.email}`);
          }
          if (options.password.length < MIN_PASSWORD_LENGTH) {
            throw new CliError(
              `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
            );
          }
          if (options.role === 'STAFF' && !options.agency) {
            throw new CliError('STAFF accounts need --agency <code> (e.g. --agency CDOT).');
          }
          let agencyId: string | null = null;
          if (options.agency) {
            const code = options.agency.trim().toUpperCase();
            const rows: { id: string }[] = await ds.query(
              `SELECT id FROM agencies WHERE code = $1`,
              [code],
            );
            if (!rows[0]) {
              const known: { code: string }[] = await ds.query(
                `SELECT code FROM agencies ORDER BY code`,
              );
              throw new CliError(
                `Unknown agency "${options.agency}". Known: ${known.map((k) => k.code).join(', ') || 'none (run the seed first)'}.`,
              );
            }
            agencyId = rows[0].id;
          }
          const existing: unknown[] = await ds.query(`SELECT 1 FROM users WHERE email = $1`, [
            email,
          ]);
          if (existing.length > 0)
            throw new CliError(`A user with e-mail ${email} already exists.`);
          const displayName = options.name?.trim() || email.split('@')[0] || email;
          const passwordHash = await hashPassword(options.password);
          const [created] = (await ds.query(
            `INSERT INTO users (email, display_name, password_hash, role, agency_id)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (email) DO NOTHING
             RETURNING id`,
            [email, displayName, passwordHash, options.role, agencyId],
          )) as { id: string }[];
          if (!created) throw new CliError(`A user with e-mail ${email} already exists.`);
          process.stdout.write(
            `Created ${options.role} ${email}${options.agency ? ` (${options.agency.toUpperCase()})` : ''}: ${created.id}\n`,
          );
        }),
    );

  return program;
}

/** Runs the CLI; exits non-zero with one line on any error (a stack only with STOOP_DEBUG=1). */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const known =
      error instanceof CliError || error instanceof ConfigError || error instanceof AreaImportError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (!known && process.env.STOOP_DEBUG === '1' && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    process.exitCode = 1;
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) await main();
