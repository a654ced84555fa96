// How much JavaScript each page ships on first load, gzipped, read from the build: SvelteKit's
// client entry (start + app) plus every module the route's layout, error and page nodes import
// statically (what the first HTML response modulepreloads). Lazy chunks (the map library,
// loaded only where a map is shown) are listed apart. Fails when the request page is over budget.
//
//   npm run build:web && node scripts/bundle-report.mjs [--json]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const BUDGET_ROUTE = '/requests/[trackingNumber]';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'web', '.svelte-kit', 'output');
const clientDir = path.join(out, 'client');

const { manifest } = await import(pathToFileURL(path.join(out, 'server', 'manifest.js')).href);
const cache = new Map();
function gz(file) {
  if (!cache.has(file)) {
    const bytes = readFileSync(path.join(clientDir, file));
    cache.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return cache.get(file);
}

const viteManifest = JSON.parse(
  readFileSync(path.join(clientDir, '.vite', 'manifest.json'), 'utf8'),
);
const byFile = new Map(Object.values(viteManifest).map((chunk) => [chunk.file, chunk]));
/** Files reachable only through dynamic import() from the given static set. */
function lazyFrom(files) {
  const lazy = new Set();
  const seen = new Set(files);
  const queue = [...files].flatMap((f) => byFile.get(f)?.dynamicImports ?? []);
  while (queue.length) {
    const key = queue.shift();
    const chunk = viteManifest[key];
    if (!chunk || seen.has(chunk.file)) continue;
    seen.add(chunk.file);
    lazy.add(chunk.file);
    for (const i of chunk.imports ?? []) queue.push(i);
  }
  return [...lazy];
}

const entry = manifest._.client.imports;
const rows = [];
for (const route of manifest._.routes) {
  if (!route.page) continue;
  const nodeIds = [...route.page.layouts, ...route.page.errors, route.page.leaf].filter(
    (n) => n !== undefined,
  );
  const files = new Set(entry);
  const nodeFiles = new Set();
  for (const id of nodeIds) {
    const node = await manifest._.nodes[id]();
    for (const f of node.imports) {
      files.add(f);
      nodeFiles.add(f);
    }
  }
  const js = [...files].filter((f) => f.endsWith('.js'));
  const total = js.reduce((sum, f) => sum + gz(f).gzip, 0);
  const raw = js.reduce((sum, f) => sum + gz(f).raw, 0);
  // what the page's own code loads later (the map library), not the router's other pages
  const lazy = lazyFrom([...nodeFiles].filter((f) => f.endsWith('.js'))).filter(
    (f) => f.endsWith('.js') && !files.has(f),
  );
  const lazyTotal = lazy.reduce((sum, f) => sum + gz(f).gzip, 0);
  rows.push({
    route: route.id,
    files: js.length,
    rawKB: raw / 1024,
    gzipKB: total / 1024,
    lazyGzipKB: lazyTotal / 1024,
  });
}
rows.sort((a, b) => a.route.localeCompare(b.route));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(
    'route'.padEnd(34),
    'first-load JS (gzip)'.padStart(21),
    'raw'.padStart(10),
    'lazy (gzip)'.padStart(12),
  );
  for (const r of rows) {
    console.log(
      r.route.padEnd(34),
      `${r.gzipKB.toFixed(1)} KB`.padStart(21),
      `${r.rawKB.toFixed(0)} KB`.padStart(10),
      `${r.lazyGzipKB.toFixed(1)} KB`.padStart(12),
    );
  }
}
const budgeted = rows.find((r) => r.route === BUDGET_ROUTE);
if (budgeted && budgeted.gzipKB > BUDGET_KB) {
  console.error(
    `${BUDGET_ROUTE} ships ${budgeted.gzipKB.toFixed(1)} KB of gzipped JS on first load; the budget is ${BUDGET_KB} KB.`,
  );
  process.exit(1);
}
if (!budgeted) console.error(`(no ${BUDGET_ROUTE} route in this build yet)`);
