// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { lazyTypeScript, nodeBundle } from './bundleOptions.mjs';

const watch = process.argv.includes('--watch');
// Packaged builds are minified; the source maps keep stack traces readable.
const production = process.argv.includes('--production');
const common = nodeBundle(production);
const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/src/node/serverMain.ts'],
    outfile: 'dist/server.js',
    plugins: [lazyTypeScript],
  },
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
