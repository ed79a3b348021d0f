// Runs the unit and LSP tests with node's test runner (node 20 has no test-file globs).
//
// Each test file is bundled first (esbuild, packages left to node_modules) and the bundles are
// run: node's runner starts a process per file, and loading the service's hundred-odd TypeScript
// modules through a loader cost about 0.4 s of CPU in each, a third of the suite on 2 cores.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

// Folders or single test files: `node scripts/test.mjs test/unit/openapi.test.ts`.
const paths = process.argv.length > 2 ? process.argv.slice(2) : ['test/unit', 'test/lsp'];
const files = paths.flatMap((folder) =>
  statSync(folder).isFile()
    ? [folder]
    : readdirSync(folder, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => join(folder, name)),
);

/**
 * A bundled test still finds its fixtures and the built server by its own folder: `__dirname` in
 * each test source is the folder of that source, not of the bundle.
 */
const sourceFolders = {
  name: 'source-folders',
  setup(build) {
    build.onLoad({ filter: /[\\/]test[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        '__dirname',
        JSON.stringify(dirname(args.path)),
      ),
      loader: 'ts',
    }));
  },
};

// One folder per run, so that runs at the same time in one checkout do not delete each other's.
const outdir = `out/tests/${process.pid}`;
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: files,
  outdir,
  outbase: '.',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [sourceFolders],
});

const result = spawnSync(
  process.execPath,
  // node's default is one file at a time on a 2-core machine; the CLI and LSP tests mostly wait on
  // child processes, so running at least two files at once nearly halves the run (51 s → 29 s here).
  [
    '--enable-source-maps',
    '--test',
    `--test-concurrency=${Math.max(2, availableParallelism())}`,
    '--test-reporter=spec',
    ...files.map((file) => join(outdir, file.replace(/\.ts$/, '.js'))),
  ],
  {
    stdio: 'inherit',
  },
);
rmSync(outdir, { recursive: true, force: true });
process.exit(result.status ?? 1);
