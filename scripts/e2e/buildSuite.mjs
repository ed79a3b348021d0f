// Bundles the end-to-end Mocha suite (test/e2e/suite) for the extension host: one CommonJS file
// per entry in out/e2e/<run>/, `vscode` and `mocha` left to the host and node_modules. Each run
// bundles into its own folder (inside the repository, so `mocha` resolves from node_modules) and
// removes it afterwards, so runs started at the same time do not pull the files from under each
// other.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteSource = join(repoRoot, 'test', 'e2e', 'suite');

/** A fresh output folder for one run. */
export function suiteOutDir(run = `suite-${process.pid}`) {
  return join(repoRoot, 'out', 'e2e', run);
}

/**
 * Builds the suite into `suiteOut`; returns the test files bundled and the `extensionTestsPath`
 * to hand to VS Code.
 */
export async function buildSuite(suiteOut = suiteOutDir()) {
  const tests = readdirSync(suiteSource)
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  rmSync(suiteOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', ...tests].map((name) => join(suiteSource, name)),
    outdir: suiteOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    mainFields: ['module', 'main'],
    // Mocha is required at run time so every test file shares the instance index.js drives.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { tests, index: join(suiteOut, 'index.js') };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = suiteOutDir('suite');
  const { tests } = await buildSuite(out);
  console.log(`[e2e] suite bundled: ${tests.length} test file(s) → ${out}`);
}
