// Builds the web app before `npm start` when there is no build yet or when its sources changed
// since the last one (a hash of web/src, web's config and the schema, kept in web/build/.source-hash).
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const stampFile = path.join(web, 'build', '.source-hash');

function* files(dir) {
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

const hash = createHash('sha256');
const inputs = [
  ...files(path.join(web, 'src')),
  ...files(path.join(web, 'assets')),
  path.join(web, 'svelte.config.js'),
  path.join(web, 'vite.config.ts'),
  path.join(root, 'package-lock.json'),
];
for (const file of inputs) {
  hash.update(path.relative(root, file));
  hash.update(readFileSync(file));
}
const digest = hash.digest('hex');
const built = existsSync(path.join(web, 'build', 'handler.js'));
if (built && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) process.exit(0);

console.log('Building the web app (first start or changed sources)…');
execSync('npm run -s build:web', { cwd: root, stdio: 'inherit' });
writeFileSync(stampFile, digest);
