// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
// Packaged builds are minified; the source maps keep stack traces readable.
const production = process.argv.includes('--production');
const common = {
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
/**
 * Loads the TypeScript compiler (a quarter of a second) on first use instead of at start-up, so the
 * server answers `initialize` sooner and a session with only JSON open never loads it. Every import
 * of `typescript` in our sources is a default import (`import ts from 'typescript'`); it receives a
 * proxy that requires the bundled compiler when a member is first read.
 */
const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) =>
      args.namespace === 'lazy-typescript' ? undefined : { path: 'typescript', namespace: 'lazy-typescript' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-typescript' }, () => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: `
        let compiler;
        const load = () => (compiler ??= require('typescript'));
        // Only member reads load the compiler; the bundler's interop checks (__esModule, own keys) do not.
        module.exports = new Proxy({}, {
          get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
          ownKeys: () => [],
        });
      `,
    }));
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server.js', plugins: [lazyTypeScript] },
  {
    ...common,
    entryPoints: ['server/src/node/cli.ts'],
    outfile: 'dist/cli.js',
    plugins: [lazyTypeScript],
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
