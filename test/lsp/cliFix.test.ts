import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import * as prettier from 'prettier';
import { fixFixturesRoot, prettierOptions } from '../helpers/fixFixtures';
import { typeCheck } from '../helpers/inMemoryProgram';
import {
  createProject,
  damCalls,
  removeProject,
  runCli,
  runCliUnprivileged,
} from '../helpers/cliProject';

const payload = '{ "type": "about:blank", "title": "Conflict", "status": "409" }\n';
const conflicts = (text: string) => text.match(/can answer 409 Conflict/g)?.length ?? 0;

describe('check --fix and --fix-dry-run', () => {
  const roots: string[] = [];
  const project = () => {
    const root = createProject({
      'api-error-contracts.json': '{ "payloads": { "fixtures/**": "saleslayer-dam" } }',
      'src/images.ts': damCalls(2),
      'fixtures/conflict.json': payload,
    });
    roots.push(root);
    return root;
  };
  afterEach(() => roots.splice(0).forEach(removeProject));

  it('--fix writes the preferred fix of each finding and reports what remains, as a later check does', () => {
    const root = project();
    const original = readFileSync(path.join(root, 'src/images.ts'), 'utf8');
    assert.equal(conflicts(runCli(root, ['check']).stdout), 2);

    const fixed = runCli(root, ['check', '--format', 'compact', '--fix', '--max-warnings', '1']);
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    const text = readFileSync(path.join(root, 'src/images.ts'), 'utf8');
    assert.notEqual(text, original);
    // The DAM's 409 and 500 are retried, as the editor's preferred fix does, not thrown.
    assert.equal(text.match(/await fetchWithRetry\(/g)?.length, 2);
    assert.equal(text.match(/\{ retryOn: \[409, 500\] \}/g)?.length, 2);
    assert.doesNotMatch(text, /RetryableStatusError|res\.status === 409/);
    assert.equal(conflicts(fixed.stdout), 0);
    // The payload's problem is left for the user: the file is as it was, its finding reported.
    assert.equal(readFileSync(path.join(root, 'fixtures/conflict.json'), 'utf8'), payload);
    assert.match(
      fixed.stdout,
      /^fixtures\/conflict\.json:1:\d+: warning .*\[problem-member-type\]$/m,
    );
    assert.equal(runCli(root, ['check', '--format', 'compact']).stdout, fixed.stdout);

    // Nothing left to fix: a second --fix changes nothing.
    runCli(root, ['check', '--fix']);
    assert.equal(readFileSync(path.join(root, 'src/images.ts'), 'utf8'), text);
  });

  it('--fix-dry-run prints the diff --fix would make and writes nothing', () => {
    const root = project();
    const original = readFileSync(path.join(root, 'src/images.ts'), 'utf8');
    const dry = runCli(root, ['check', '--fix-dry-run']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal(readFileSync(path.join(root, 'src/images.ts'), 'utf8'), original);
    assert.match(
      dry.stdout,
      /^--- a\/src\/images\.ts\n\+\+\+ b\/src\/images\.ts\n@@ -\d+,\d+ \+\d+,\d+ @@\n/,
    );
    assert.equal(dry.stdout.match(/^\+ {2}const res = await fetchWithRetry\($/gm)?.length, 2);
    assert.equal(dry.stdout.match(/^\+ {4}\{ retryOn: \[409, 500\] \},$/gm)?.length, 2);
    assert.doesNotMatch(dry.stdout, /^\+\+\+ b\/fixtures/m, 'no diff for the payload');
    assert.equal(conflicts(dry.stdout), 0, 'the report is of the fixed text');

    // The diff is one git applies, and it gives what --fix writes.
    const copy = mkdtempSync(path.join(tmpdir(), 'aec-cli-copy-'));
    roots.push(copy);
    cpSync(root, copy, { recursive: true });
    const diff = dry.stdout.slice(0, dry.stdout.search(/^(?!([-+@ ]|$))/m));
    writeFileSync(path.join(copy, 'fix.diff'), diff);
    const apply = spawnSync('git', ['apply', '--unsafe-paths', 'fix.diff'], {
      cwd: copy,
      encoding: 'utf8',
    });
    assert.equal(apply.status, 0, apply.stderr);
    runCli(root, ['check', '--fix']);
    assert.equal(
      readFileSync(path.join(copy, 'src/images.ts'), 'utf8'),
      readFileSync(path.join(root, 'src/images.ts'), 'utf8'),
    );

    const json = JSON.parse(
      runCli(copy, ['check', '--fix-dry-run', '--format', 'json', 'src']).stdout,
    ) as { files: { path: string; diff?: string }[] };
    assert.deepEqual(json.files, [], 'nothing left to fix or report in the patched copy');
  });

  it('--fix names a file it may not write, reports it unfixed, and fixes the others', () => {
    const root = project();
    writeFileSync(path.join(root, 'src/other.ts'), damCalls(1, 'drop'));
    const locked = path.join(root, 'src/images.ts');
    const original = readFileSync(locked, 'utf8');
    chmodSync(root, 0o755);
    chmodSync(path.join(root, 'src'), 0o755);
    chmodSync(locked, 0o444);
    chmodSync(path.join(root, 'src/other.ts'), 0o666);
    const run = runCliUnprivileged(root, ['check', '--fix', 'src']);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /^api-error-contracts: src\/images\.ts: the fixes could not be written: EACCES: permission denied/m,
    );
    assert.equal(readFileSync(locked, 'utf8'), original);
    assert.equal(conflicts(run.stdout), 2, 'images.ts is reported as it is on disk');
    assert.match(readFileSync(path.join(root, 'src/other.ts'), 'utf8'), /await fetchWithRetry\(/);
  });

  it('--fix-dry-run --format json gives each file its diff', () => {
    const root = project();
    const json = JSON.parse(
      runCli(root, ['check', '--fix-dry-run', '--format', 'json']).stdout,
    ) as {
      files: { path: string; diff?: string }[];
    };
    const images = json.files.find((file) => file.path === 'src/images.ts');
    assert.match(images?.diff ?? '', /^--- a\/src\/images\.ts\n/);
    assert.equal(
      json.files.find((file) => file.path === 'fixtures/conflict.json')?.diff,
      undefined,
    );
  });

  it('--fix on the example project retries the DAM 409 and the inventory 429, clears their findings and changes nothing when run again', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aec-cli-examples-'));
    roots.push(root);
    cpSync(path.resolve(__dirname, '../../examples'), root, { recursive: true });
    const sources = ['src/damImages.ts', 'src/inventory.ts'];
    const read = () => sources.map((file) => readFileSync(path.join(root, file), 'utf8'));
    const original = read();
    const findings = (run: { stdout: string }) =>
      (
        JSON.parse(run.stdout) as {
          files: { path: string; diagnostics: { code: string; message: string }[] }[];
        }
      ).files
        .filter((file) => file.path.startsWith('src/'))
        .flatMap((file) => file.diagnostics.map((d) => `${file.path}: ${d.code} ${d.message}`));
    assert.equal(findings(runCli(root, ['check', '--format', 'json'])).length, 3);

    const run = runCli(root, ['check', '--fix', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(findings(run), [], 'nothing left on the re-check');
    const [dam, inventory] = read();
    assert.match(
      dam!,
      /const res = await fetchWithRetry\(\n {4}`\$\{DAM_BASE\}\/image\/\$\{id\}`,\n {4}\{ method: 'DELETE', headers: \{ 'X-API-KEY': apiKey \} \},\n {4}\{ retryOn: \[409, 500\] \},\n {2}\);/,
    );
    assert.equal(dam!.match(/^async function fetchWithRetry\(/gm)?.length, 1);
    assert.match(inventory!, /await fetchWithRetry\([^]*?\{ retryOn: \[429\] \}/);
    for (const text of [dam!, inventory!]) assert.doesNotMatch(text, /RetryableStatusError/);
    assert.deepEqual(
      typeCheck({ '/virtual/damImages.ts': dam!, '/virtual/inventory.ts': inventory! }),
      [],
    );
    for (const [i, text] of [dam!, inventory!].entries()) {
      const options = prettierOptions(original[i]!, false);
      assert.equal(await prettier.format(text, options), text, `${sources[i]} is Prettier-clean`);
    }
    assert.deepEqual(findings(runCli(root, ['check', '--format', 'json'])), []);

    const again = runCli(root, ['check', '--fix']);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(read(), [dam, inventory], 'a second --fix changes nothing');
  });

  it('--fix on the fix fixtures whose preferred fix is a retry writes what the editor writes', () => {
    const root = createProject({ 'api-error-contracts.json': '{}' });
    roots.push(root);
    // Each fixture in a folder of its own, with its modules and package.json beside it.
    const cases = readdirSync(fixFixturesRoot).filter((name) => {
      const file = path.join(fixFixturesRoot, name, 'case.json');
      if (!existsSync(file)) return false;
      const fixCase = JSON.parse(readFileSync(file, 'utf8')) as {
        action: string;
        preferred?: boolean;
      };
      return fixCase.preferred === true && fixCase.action.startsWith('Retry');
    });
    assert.ok(cases.length >= 20, `${cases.length} cases`);
    for (const name of cases)
      cpSync(path.join(fixFixturesRoot, name), path.join(root, 'src', name), {
        recursive: true,
        filter: (source) => !/[\\/](expected\.[jt]s|case\.json)$/.test(source),
      });
    const run = runCli(root, ['check', '--fix', '--format', 'compact', 'src']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    for (const name of cases) {
      const extension = existsSync(path.join(root, 'src', name, 'input.js')) ? 'js' : 'ts';
      assert.equal(
        readFileSync(path.join(root, 'src', name, `input.${extension}`), 'utf8'),
        readFileSync(path.join(fixFixturesRoot, name, `expected.${extension}`), 'utf8'),
        name,
      );
      assert.doesNotMatch(run.stdout, new RegExp(`^src/${name}/input\\.`, 'm'));
    }
  });
});
