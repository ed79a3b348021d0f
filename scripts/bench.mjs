// Runs the benchmark on the code as it ships: bench/run.ts bundled and minified like dist/server.js
// (the same esbuild options, TypeScript loaded on first use), after a production build of dist/.
//
//   node scripts/bench.mjs [filter]    only the workloads whose name contains the filter
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { lazyTypeScript, nodeBundle } from './bundleOptions.mjs';

// Two folders deep, like bench/workloads and test/helpers, so their paths relative to __dirname hold.
const outfile = 'out/bench/run.js';
await esbuild.build({
  ...nodeBundle(true),
  entryPoints: ['bench/run.ts'],
  outfile,
  plugins: [lazyTypeScript],
});
await esbuild.build({
  ...nodeBundle(true),
  entryPoints: ['bench/coldLoad.ts'],
  outfile: 'out/bench/coldLoad.js',
  plugins: [lazyTypeScript],
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
