import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
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

  it('--fix writes the fix-all edits to the files and reports what remains, as a later check does', () => {
    const root = project();
    const original = readFileSync(path.join(root, 'src/images.ts'), 'utf8');
    assert.equal(conflicts(runCli(root, ['check']).stdout), 2);

    const fixed = runCli(root, ['check', '--format', 'compact', '--fix', '--max-warnings', '1']);
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    const text = readFileSync(path.join(root, 'src/images.ts'), 'utf8');
    assert.notEqual(text, original);
    assert.equal(text.match(/if \(res\.status === 409\) \{/g)?.length, 2);
    assert.equal(conflicts(fixed.stdout), 0);
    // The payload's problem has no fix-all: the file is left as it was, its finding reported.
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
    assert.equal(dry.stdout.match(/^\+ {2}if \(res\.status === 409\) \{$/gm)?.length, 2);
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
    assert.match(readFileSync(path.join(root, 'src/other.ts'), 'utf8'), /res\.status === 409/);
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
});
