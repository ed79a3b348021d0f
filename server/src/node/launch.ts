// dist/cli.js and dist/server.js: each runs its bundle (dist/cliMain.js, dist/serverMain.js) with
// the V8 code cache the build writes beside it. Compiling an 11 MB bundle (the TypeScript compiler
// is inside) took about 125 ms of a 330 ms CLI run; from the cache it takes about 13 ms. Without
// a cache, or with one another node version wrote (V8 then rejects it), the bundle compiles as
// usual.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** The bundle's file name in dist/, set by the build. */
declare const launchedBundle: string;
/** The V8 flags the bundle runs with, set by the build (scripts/build.mjs says why). */
declare const launchedFlags: string;

// Before the bundle is compiled: V8 rejects a code cache made under other flags, and the build
// made the cache under these. Set for the whole process, so a worker thread, which starts
// here too, finds them set.
if (launchedFlags) setFlagsFromString(launchedFlags);

const filename = path.join(__dirname, launchedBundle);
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(`${filename}.cache`);
} catch {
  // No cache: compiled from source.
}
const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), {
  filename,
  ...(cachedData && { cachedData }),
});
const bundle = new Module(filename);
bundle.filename = filename;
(script.runInThisContext() as (...args: unknown[]) => void).call(
  bundle.exports,
  bundle.exports,
  createRequire(filename),
  bundle,
  filename,
  path.dirname(filename),
);
