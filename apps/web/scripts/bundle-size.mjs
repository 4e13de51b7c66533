// Prints the JavaScript the sign-in page (/) loads before it can be used, in kB gzip, and fails the
// build above the budget. Read from Vite's manifest: the entry chunk, everything it imports
// statically, and the start page's own lazy chunk with its static imports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const SIGN_IN_PAGE = 'src/routes/landing/landing-page.tsx';
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit('index.html');
if (!manifest[SIGN_IN_PAGE]) throw new Error(`${SIGN_IN_PAGE} is not a chunk of its own: is it still lazily loaded?`);
visit(SIGN_IN_PAGE);

const sizes = [...files].filter((f) => f.endsWith('.js')).map((file) => ({ file, gzip: gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length }));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0) / 1024;
for (const { file, gzip } of sizes.sort((a, b) => b.gzip - a.gzip)) process.stdout.write(`  ${(gzip / 1024).toFixed(1).padStart(6)} kB  ${file}\n`);
process.stdout.write(`sign-in page initial JavaScript: ${total.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)\n`);
if (total > BUDGET_KB) {
  process.stderr.write(`the sign-in page's initial JavaScript exceeds ${BUDGET_KB} kB gzip: split more routes out of the entry\n`);
  process.exit(1);
}
