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
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server.js' },
  {
    ...common,
    entryPoints: ['server/src/node/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
