// Builds the SDK with esbuild and prints the gzipped sizes:
//   client/dist/recograph.js       classic script (IIFE, global `Recograph`, auto-init), served at /sdk/recograph.js
//   client/dist/recograph.mjs      ES module for browsers (the same API, no global, no auto-init)
//   client/dist/recograph-core.mjs ES module without any DOM code, for React Native and Node
// With --types (run by `npm pack` in client/) also the declarations in client/dist/types.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
const budgetBytes = 12 * 1024;
const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

const outputs = [
  {
    entry: 'src/browser/classic.ts',
    file: 'recograph.js',
    format: 'iife',
    target: 'es2020',
    budget: true,
  },
  {
    entry: 'src/browser/index.ts',
    file: 'recograph.mjs',
    format: 'esm',
    target: 'es2020',
    budget: true,
  },
  { entry: 'src/core/index.ts', file: 'recograph-core.mjs', format: 'esm', target: 'es2020' },
];

let overBudget = false;
for (const output of outputs) {
  const outfile = join(outdir, output.file);
  await build({
    ...common,
    entryPoints: [join(here, output.entry)],
    outfile,
    format: output.format,
    target: output.target,
  });
  const bytes = readFileSync(outfile);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const over = output.budget && gzipped > budgetBytes;
  overBudget ||= over;
  console.log(
    `client/dist/${output.file.padEnd(19)} ${kib(bytes.length)} minified, ${kib(gzipped)} gzipped${over ? ' — OVER the 12 KiB budget' : ''}`,
  );
}
if (overBudget) process.exitCode = 1;

if (process.argv.includes('--types')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.types.json')], {
    stdio: 'inherit',
  });
  console.log('client/dist/types          declarations');
}

function kib(size) {
  return `${(size / 1024).toFixed(1).padStart(5)} KiB`;
}
