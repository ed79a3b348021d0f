import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import {
  createProject,
  damCalls,
  removeProject,
  runCli,
  writeProjectFiles,
} from '../helpers/cliProject';

const suppressionsFile = 'api-error-contracts-suppressions.json';
const readJson = (root: string, file: string): unknown =>
  JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const conflicts = (text: string) => text.match(/can answer 409 Conflict/g)?.length ?? 0;

// A recorded DAM failure the DAM never answers (403): one undocumented-status warning of its own.
const forbiddenPayload = JSON.stringify({ title: 'Forbidden', status: 403, instance: '/image' });

describe('check: bulk suppressions, as ESLint keeps them', () => {
  let root: string;
  afterEach(() => removeProject(root));

  it('--suppress-all records the counts per file and code; later runs report only what goes beyond them', () => {
    root = createProject({ 'src/images.ts': damCalls(2), 'src/albums.ts': damCalls(1, 'drop') });
    const before = runCli(root, ['check', '--max-warnings', '0']);
    assert.equal(before.status, 1, before.stderr);
    assert.equal(conflicts(before.stdout), 3);
    assert.match(before.stderr, /3 warnings, more than --max-warnings 0 allows/);

    const suppressed = runCli(root, [
      'check',
      '--format',
      'compact',
      '--suppress-all',
      '--max-warnings',
      '0',
    ]);
    assert.equal(suppressed.status, 0, suppressed.stderr);
    assert.deepEqual(readJson(root, suppressionsFile), {
      'src/albums.ts': { 'unhandled-status': { count: 1 } },
      'src/images.ts': { 'unhandled-status': { count: 2 } },
    });
    // Information findings cannot fail a build and are not suppressed; the file itself is not checked.
    assert.equal(conflicts(suppressed.stdout), 0);
    assert.match(suppressed.stdout, /^3 problems in 2 files checked, 3 suppressed$/m);
    assert.equal(suppressed.stdout.match(/: info DELETE/g)?.length, 3);

    const again = runCli(root, ['check', '--max-warnings', '0']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(conflicts(again.stdout), 0);
    assert.match(again.stdout, /, 3 suppressed$/m);

    // One call more in a suppressed file: which one is new cannot be told, so all three are reported.
    writeProjectFiles(root, { 'src/images.ts': damCalls(3) });
    const more = runCli(root, ['check', '--format', 'compact', '--max-warnings', '0']);
    assert.equal(more.status, 1);
    assert.equal(conflicts(more.stdout), 3);
    assert.match(
      more.stdout,
      /^src\/images\.ts:14:21: warning DELETE \/image\/\{id\} can answer 409/m,
    );
    assert.match(more.stdout, /, 1 suppressed$/m);
    assert.match(more.stderr, /3 warnings, more than --max-warnings 0 allows/);
    // Without --max-warnings, warnings do not fail the run.
    assert.equal(runCli(root, ['check']).status, 0);
  });

  it('suppressions that no longer occur fail the run until --prune-suppressions drops them', () => {
    root = createProject({ 'src/images.ts': damCalls(3), 'src/albums.ts': damCalls(1, 'drop') });
    assert.equal(runCli(root, ['check', '--suppress-all']).status, 0);
    writeProjectFiles(root, { 'src/images.ts': damCalls(1), 'src/albums.ts': '// no calls\n' });

    const stale = runCli(root, ['check']);
    assert.equal(stale.status, 2);
    assert.match(
      stale.stderr,
      /^api-error-contracts: 3 suppressed findings no longer occur \(src\/albums\.ts unhandled-status \(1\), src\/images\.ts unhandled-status \(2\)\); run again with --prune-suppressions to drop them from api-error-contracts-suppressions\.json$/m,
    );
    assert.equal(conflicts(stale.stdout), 0, 'the remaining call is still suppressed');
    assert.equal(runCli(root, ['check', '--pass-on-unpruned-suppressions']).status, 0);

    // A run over part of the tree judges and prunes only the files it checked.
    const partial = runCli(root, ['check', 'src/albums.ts', '--prune-suppressions']);
    assert.equal(partial.status, 0, partial.stderr);
    assert.deepEqual(readJson(root, suppressionsFile), {
      'src/images.ts': { 'unhandled-status': { count: 3 } },
    });
    const pruned = runCli(root, ['check', '--prune-suppressions']);
    assert.equal(pruned.status, 0, pruned.stderr);
    assert.deepEqual(readJson(root, suppressionsFile), {
      'src/images.ts': { 'unhandled-status': { count: 1 } },
    });
    const after = runCli(root, ['check']);
    assert.equal(after.status, 0, after.stderr);
    assert.equal(conflicts(after.stdout), 0);
    assert.match(after.stdout, /, 1 suppressed$/m);
  });

  it('--suppress-rule records only the codes named, and keeps what other codes recorded', () => {
    root = createProject({
      'api-error-contracts.json': '{ "payloads": { "fixtures/**": "saleslayer-dam" } }',
      'src/images.ts': damCalls(1),
      'fixtures/forbidden.json': forbiddenPayload,
    });
    const first = runCli(root, ['check', '--suppress-rule', 'undocumented-status']);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(readJson(root, suppressionsFile), {
      'fixtures/forbidden.json': { 'undocumented-status': { count: 1 } },
    });
    assert.equal(conflicts(first.stdout), 1);
    assert.doesNotMatch(first.stdout, /\[undocumented-status\]/);

    const second = runCli(root, ['check', '--suppress-rule=unhandled-status']);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(readJson(root, suppressionsFile), {
      'fixtures/forbidden.json': { 'undocumented-status': { count: 1 } },
      'src/images.ts': { 'unhandled-status': { count: 1 } },
    });
    assert.match(second.stdout, /, 2 suppressed$/m);
  });

  it('--suppressions-location keeps the file elsewhere, and must then be given on every run', () => {
    root = createProject({ 'src/images.ts': damCalls(2) });
    const location = 'ci/aec-suppressions.json';
    assert.equal(
      runCli(root, ['check', '--suppress-all', '--suppressions-location', location]).status,
      0,
    );
    assert.ok(!existsSync(path.join(root, suppressionsFile)));
    assert.deepEqual(readJson(root, location), {
      'src/images.ts': { 'unhandled-status': { count: 2 } },
    });
    const withIt = runCli(root, ['check', '--suppressions-location', location]);
    assert.equal(conflicts(withIt.stdout), 0);
    assert.equal(conflicts(runCli(root, ['check']).stdout), 2, 'the default file does not exist');

    const missing = runCli(root, ['check', '--suppressions-location', 'nowhere.json']);
    assert.equal(missing.status, 2);
    assert.match(
      missing.stderr,
      /^api-error-contracts: nowhere\.json: the suppressions file does not exist; create it with --suppress-all or --suppress-rule$/m,
    );
  });

  it('a suppressions file that cannot be read exits 2 naming it, is left as it is, and the findings are all reported', () => {
    root = createProject({
      'src/images.ts': damCalls(1),
      [suppressionsFile]: '{ "src/images.ts": ',
    });
    for (const args of [['check'], ['check', '--suppress-all']]) {
      const run = runCli(root, args);
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^api-error-contracts: api-error-contracts-suppressions\.json: not valid JSON/m,
      );
      assert.equal(conflicts(run.stdout), 1);
      assert.equal(readFileSync(path.join(root, suppressionsFile), 'utf8'), '{ "src/images.ts": ');
    }
    writeProjectFiles(root, {
      [suppressionsFile]: '{ "src/images.ts": { "unhandled-status": 2 } }',
    });
    assert.match(
      runCli(root, ['check']).stderr,
      /suppressions\.json: "src\/images\.ts" › "unhandled-status" has no whole "count"/,
    );
  });

  it('refuses the option combinations ESLint refuses', () => {
    root = createProject({ 'src/images.ts': damCalls(1) });
    for (const [args, message] of [
      [['--suppress-all', '--prune-suppressions'], /--prune-suppressions and --suppress-all/],
      [['--suppress-all', '--suppress-rule', 'x'], /--suppress-all and --suppress-rule/],
      [['--fix', '--fix-dry-run'], /--fix and --fix-dry-run cannot be used together/],
      [['--max-warnings', 'many'], /--max-warnings needs a whole number of warnings, not 'many'/],
      [['--suppress-rule'], /--suppress-rule needs a value/],
    ] as const) {
      const run = runCli(root, ['check', ...args]);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
    assert.ok(!existsSync(path.join(root, suppressionsFile)));
  });
});

describe('check: --quiet, --max-warnings and --output-file', () => {
  let root: string;
  afterEach(() => removeProject(root));

  it('--quiet reports errors only; --max-warnings still counts the warnings it hides', () => {
    root = createProject({
      'api-error-contracts.json': '{ "rules": { "unchecked-response": "error" } }',
      'src/images.ts': damCalls(2),
      'src/unchecked.ts':
        "export async function drop(id: string) {\n  await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: 'DELETE' });\n}\n",
    });
    const all = runCli(root, ['check', '--format', 'compact']);
    assert.equal(all.status, 1);
    assert.match(all.stdout, /^src\/unchecked\.ts:2:9: error .*\[unchecked-response\]$/m);
    assert.equal(conflicts(all.stdout), 2);

    const quiet = runCli(root, ['check', '--format', 'compact', '--quiet']);
    assert.equal(quiet.status, 1);
    assert.match(quiet.stdout, /^src\/unchecked\.ts:2:9: error .*\[unchecked-response\]$/m);
    assert.doesNotMatch(quiet.stdout, /: (warning|info) /);
    assert.match(quiet.stdout, /^1 problem in 3 files checked$/m);

    writeProjectFiles(root, { 'api-error-contracts.json': '{}' });
    assert.equal(runCli(root, ['check', '--quiet']).status, 0);
    assert.equal(runCli(root, ['check', '--max-warnings', '3']).status, 0);
    const over = runCli(root, ['check', '--quiet', '--max-warnings', '2']);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /3 warnings, more than --max-warnings 2 allows/);
  });

  it('--output-file writes the report there instead of standard output, and is not checked itself', () => {
    root = createProject({ 'src/images.ts': damCalls(1) });
    const run = runCli(root, ['check', '--format', 'json', '-o', 'reports/aec.json']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    const report = readJson(root, 'reports/aec.json') as {
      files: { path: string; diagnostics: { code: string }[] }[];
    };
    assert.deepEqual(
      report.files.map((file) => [file.path, file.diagnostics.length]),
      [['src/images.ts', 2]],
    );
    const again = runCli(root, ['check', '--format', 'json', '--output-file=reports/aec.json']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal((readJson(root, 'reports/aec.json') as { files: unknown[] }).files.length, 1);
  });
});
