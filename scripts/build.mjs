// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { codeCache, lazyTypeScript, nodeBundle } from './bundleOptions.mjs';

const watch = process.argv.includes('--watch');
// Packaged builds are minified; the source maps keep stack traces readable.
const production = process.argv.includes('--production');
const common = nodeBundle(production);
/**
 * The V8 flags each launcher sets before it compiles its bundle. The CLI's heap is collected once
 * it has grown by half: checking a file leaves its parse and analysis behind, and V8 lets a heap
 * grow to four times what is live before collecting it (on a 10,000-file tree the CLI's threads
 * reached 650 MB with under 100 MB live; with the flag about 360 MB, for about 10% more CPU time).
 */
const launchFlags = { cli: '--heap-growing-percent=50', server: '' };

/** A bundle started through server/src/node/launch.ts, which reads its V8 code cache. */
function launched(entry, name) {
  return [
    {
      ...common,
      entryPoints: [entry],
      outfile: `dist/${name}Main.js`,
      plugins: [
        lazyTypeScript,
        codeCache({
          flags: launchFlags[name],
          // A check of the example project compiles what a check of any project runs.
          ...(name === 'cli' && {
            warmUp: { folder: 'examples', args: ['check', '--concurrency', 'off'] },
          }),
        }),
      ],
    },
    {
      ...common,
      entryPoints: ['server/src/node/launch.ts'],
      outfile: `dist/${name}.js`,
      define: {
        launchedBundle: JSON.stringify(`${name}Main.js`),
        launchedFlags: JSON.stringify(launchFlags[name]),
      },
      ...(name === 'cli' && { banner: { js: '#!/usr/bin/env node' } }),
    },
  ];
}

const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  },
  ...launched('server/src/node/serverMain.ts', 'server'),
  ...launched('server/src/node/cli.ts', 'cli'),
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
