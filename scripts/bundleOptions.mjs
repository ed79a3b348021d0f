// The esbuild options every bundle shares: the extension's, the CLI's and the benchmark's.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** Options for a Node bundle; `production` minifies. */
export function nodeBundle(production) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify: production,
    // jsonc-parser's UMD entry cannot be bundled; its ESM entry can.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  };
}

/**
 * Loads the TypeScript compiler (a quarter of a second) on first use instead of at start-up, so the
 * server answers `initialize` sooner and a session with only JSON open never loads it. Every import
 * of `typescript` in our sources is a default import (`import ts from 'typescript'`); it receives an
 * object with one getter per export of the compiler. The first read requires the compiler and
 * turns every getter into a plain value: the compiler's own exports are getters, and the analysis
 * reads them millions of times per file.
 */
export const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    const names = Object.keys(createRequire(import.meta.url)('typescript'));
    build.onResolve({ filter: /^typescript$/ }, (args) =>
      args.namespace === 'lazy-typescript'
        ? undefined
        : { path: 'typescript', namespace: 'lazy-typescript' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-typescript' }, () => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: `
        const names = ${JSON.stringify(names)};
        const lazy = {};
        const load = () => {
          const compiler = require('typescript');
          for (const name of names) Object.defineProperty(lazy, name, { value: compiler[name], enumerable: true });
        };
        for (const name of names) {
          Object.defineProperty(lazy, name, { get: () => (load(), lazy[name]), enumerable: true, configurable: true });
        }
        export default lazy;
      `,
    }));
  },
};

/**
 * Writes the V8 code cache of each bundle it builds to `<outfile>.cache`, which
 * server/src/node/launch.ts hands to V8 so that starting the CLI or the server does not compile the
 * whole bundle again. Compiled exactly as the launcher compiles it, under the V8 `flags` the
 * launcher sets first, or V8 would reject the cache. With `warmUp` (a folder and the arguments of
 * a run there), the bundle runs once before the cache is made, so that the cache holds every
 * function the run compiled, not only the top level: a CLI check took 0.18 s of CPU time instead
 * of 0.30 s, and each worker thread about 0.1 s less.
 */
export function codeCache({ flags = '', warmUp } = {}) {
  return {
    name: 'code-cache',
    setup(build) {
      build.onEnd((result) => {
        const outfile = build.initialOptions.outfile;
        if (result.errors.length > 0 || !outfile) return;
        if (!flags && !warmUp) return writeCodeCache(path.resolve(outfile));
        // In a node of its own: flags set here would stay set for the other bundles' caches, and
        // a run would run here.
        const made = spawnSync(
          process.execPath,
          [
            ...(flags ? flags.split(' ') : []),
            fileURLToPath(import.meta.url),
            path.resolve(outfile),
            ...(warmUp ? [path.resolve(warmUp.folder), ...warmUp.args] : []),
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        );
        if (made.status !== 0) throw new Error(`the code cache of ${outfile} was not written`);
      });
    },
  };
}

function writeCodeCache(outfile, warmUp) {
  const script = new Script(Module.wrap(readFileSync(outfile, 'utf8')), { filename: outfile });
  if (!warmUp) {
    writeFileSync(`${outfile}.cache`, script.createCachedData());
    return;
  }
  process.chdir(warmUp.folder);
  process.argv = [process.execPath, outfile, ...warmUp.args];
  process.on('exit', () => {
    writeFileSync(`${outfile}.cache`, script.createCachedData());
    // What the run found is not the build's concern.
    process.exitCode = 0;
  });
  const bundle = new Module(outfile);
  bundle.filename = outfile;
  script
    .runInThisContext()
    .call(
      bundle.exports,
      bundle.exports,
      createRequire(outfile),
      bundle,
      outfile,
      path.dirname(outfile),
    );
}

// Run as `node <flags> bundleOptions.mjs <outfile> [<folder> <arguments>...]` by codeCache.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outfile, folder, ...args] = process.argv.slice(2);
  writeCodeCache(outfile, folder ? { folder, args } : undefined);
}
