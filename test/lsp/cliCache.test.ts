import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import {
  createProject,
  damCalls,
  removeProject,
  runCli,
  writeProjectFiles,
} from '../helpers/cliProject';

const cacheFile = '.api-error-contracts-cache';

// A feature module whose call goes to the DAM only through the base URL another module exports:
// its findings depend on that module.
const api = (base: string) => `export const DAM_BASE = '${base}';\n`;
const feature = `import { DAM_BASE } from './api';
export async function remove(id: string): Promise<void> {
  const res = await fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
  if (!res.ok) throw new Error(\`delete failed: \${res.status}\`);
}
`;

/** What the tests read of a cache file: each file's findings, by index into the cache's findings. */
interface CacheFile {
  diagnostics: { message: string }[];
  files: Record<string, { diagnostics: number[][] }>;
}

/**
 * Rewrites every cached message of the file (the findings it shares with other files too), so a
 * run that reuses the cache can be told from one that does not.
 */
function markCachedMessages(root: string, file: string, location = cacheFile): void {
  const cache = JSON.parse(readFileSync(path.join(root, location), 'utf8')) as CacheFile;
  for (const [finding] of cache.files[file]!.diagnostics)
    cache.diagnostics[finding!]!.message = 'FROM THE CACHE';
  writeFileSync(path.join(root, location), JSON.stringify(cache));
}

describe('check: --concurrency and --cache', () => {
  let root: string;
  afterEach(() => removeProject(root));

  it('--concurrency 2 reports what --concurrency off does, in the same order', () => {
    const modules = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`src/images${i}.ts`, damCalls(2, `remove${i}_`)]),
    );
    root = createProject({
      ...modules,
      'src/api.ts': api('https://api2.saleslayer.com/dam'),
      'src/feature.ts': feature,
    });
    const off = runCli(root, ['check', '--format', 'compact', '--concurrency', 'off']);
    const threads = runCli(root, ['check', '--format', 'compact', '--concurrency', '2']);
    assert.equal(off.status, 0, off.stderr);
    assert.equal(threads.status, 0, threads.stderr);
    assert.equal(threads.stdout, off.stdout);
    assert.equal(off.stdout.match(/can answer 409 Conflict/g)?.length, 25);
    // The grouped report, written file by file as the threads finish them, in the files' order.
    const text = runCli(root, ['check', '--concurrency', '2']);
    assert.equal(text.stdout, runCli(root, ['check', '--concurrency', 'off']).stdout);
    assert.match(text.stdout, /^src\/feature\.ts\n {2}3:21 {2}warning/m);
    const bad = runCli(root, ['check', '--concurrency', 'many']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--concurrency must be auto, off or a number of threads, not 'many'/);
  });

  it('--cache reuses the results of unchanged files, and checks again a file whose imported module changed', () => {
    root = createProject({
      'src/api.ts': api('https://api2.saleslayer.com/dam'),
      'src/feature.ts': feature,
      'src/other.ts': damCalls(1),
    });
    const cold = runCli(root, ['check', '--format', 'compact', '--cache']);
    assert.equal(cold.status, 0, cold.stderr);
    assert.match(
      cold.stdout,
      /^src\/feature\.ts:3:21: warning DELETE \/image\/\{id\} can answer 409/m,
    );
    assert.ok(existsSync(path.join(root, cacheFile)));

    markCachedMessages(root, 'src/feature.ts');
    markCachedMessages(root, 'src/other.ts');
    const warm = runCli(root, ['check', '--format', 'compact', '--cache']);
    assert.match(
      warm.stdout,
      /^src\/feature\.ts:3:21: warning FROM THE CACHE \[unhandled-status\]$/m,
    );
    assert.match(warm.stdout, /^src\/other\.ts:\d+:\d+: warning FROM THE CACHE/m);
    // Without --cache nothing is reused.
    assert.doesNotMatch(runCli(root, ['check']).stdout, /FROM THE CACHE/);

    // The imported module now points elsewhere: the feature's call is no DAM call any more.
    writeProjectFiles(root, { 'src/api.ts': api('https://example.invalid') });
    const changed = runCli(root, ['check', '--format', 'compact', '--cache']);
    assert.doesNotMatch(changed.stdout, /^src\/feature\.ts/m);
    // The file that imports nothing that changed is still taken from the cache.
    assert.match(changed.stdout, /^src\/other\.ts:\d+:\d+: warning FROM THE CACHE/m);
  });

  it('--cache is dropped when the config changes, and --cache-location names the file', () => {
    root = createProject({ 'src/other.ts': damCalls(1) });
    runCli(root, ['check', '--cache', '--cache-location', 'tmp/aec-cache.json']);
    assert.ok(existsSync(path.join(root, 'tmp/aec-cache.json')));
    assert.ok(!existsSync(path.join(root, cacheFile)));
    markCachedMessages(root, 'src/other.ts', 'tmp/aec-cache.json');
    const reused = runCli(root, ['check', '--cache', '--cache-location', 'tmp/aec-cache.json']);
    assert.match(reused.stdout, /FROM THE CACHE/);

    writeProjectFiles(root, {
      'api-error-contracts.json': JSON.stringify({ rules: { 'unhandled-status': 'error' } }),
    });
    const configured = runCli(root, [
      'check',
      '--format',
      'compact',
      '--cache',
      '--cache-location',
      'tmp/aec-cache.json',
    ]);
    assert.equal(configured.status, 1);
    assert.doesNotMatch(configured.stdout, /FROM THE CACHE/);
    assert.match(configured.stdout, /: error DELETE \/image\/\{id\} can answer 409/);
  });
});
