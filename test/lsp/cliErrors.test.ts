import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createProject,
  damCalls,
  removeProject,
  runCli,
  runCliUnprivileged,
} from '../helpers/cliProject';

const conflicts = (text: string) => text.match(/can answer 409 Conflict/g)?.length ?? 0;
const stackFrame = /^\s+at .+:\d+:\d+\)?$/m;

describe('check: files that cannot be checked', () => {
  let root: string;
  before(() => {
    root = createProject({
      'src/a.ts': damCalls(1),
      'src/z.ts': damCalls(1),
    });
    assert.equal(spawnSync('mkfifo', [path.join(root, 'src/pipe.ts')]).status, 0);
    symlinkSync('/etc/hostname', path.join(root, 'src/elsewhere.ts'));
    // Over the 32 MB a checked file may have.
    writeFileSync(path.join(root, 'src/huge.json'), `[${'0,'.repeat(17 * 1024 * 1024)}0]`);
  });
  after(() => removeProject(root));

  it('names each one with its reason, checks and reports every other file, and exits 2', () => {
    const run = runCli(root, [
      'check',
      'src',
      '/dev/null',
      'src/pipe.ts',
      'src/elsewhere.ts',
      'no-such.ts',
    ]);
    assert.equal(run.status, 2);
    const lines = run.stderr.trim().split('\n').sort();
    assert.deepEqual(lines, [
      "api-error-contracts: /dev/null: it is outside the workspace, which is never read; run the CLI from the project's root",
      'api-error-contracts: no-such.ts: no such file or folder',
      "api-error-contracts: src/elsewhere.ts: it is outside the workspace, which is never read; run the CLI from the project's root",
      'api-error-contracts: src/huge.json: huge.json is larger than 32 MB',
      'api-error-contracts: src/pipe.ts: a named pipe (FIFO), not a file; it is not read',
    ]);
    assert.equal(conflicts(run.stdout), 2, 'a.ts and z.ts are both checked');
    assert.match(run.stdout, /^4 problems in 2 files checked; 5 files could not be used$/m);
    assert.doesNotMatch(run.stderr, stackFrame);
  });

  it('says the same in the JSON and SARIF reports', () => {
    const json = JSON.parse(
      runCli(root, ['check', 'src', '/dev/null', '--format', 'json']).stdout,
    ) as {
      problems: { path: string; message: string }[];
    };
    assert.deepEqual(json.problems.map((problem) => problem.path).sort(), [
      '/dev/null',
      'src/huge.json',
    ]);
    const sarif = JSON.parse(
      runCli(root, ['check', 'src/pipe.ts', '--format', 'sarif']).stdout,
    ) as {
      runs: {
        invocations: {
          executionSuccessful: boolean;
          toolExecutionNotifications: { message: { text: string } }[];
        }[];
      }[];
    };
    assert.deepEqual(sarif.runs[0]!.invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'src/pipe.ts: a named pipe (FIFO), not a file; it is not read' },
          },
        ],
      },
    ]);
  });

  it('a file it may not read is one of them', (t) => {
    if (process.platform === 'win32') return t.skip('no file modes');
    const project = createProject({ 'src/a.ts': damCalls(1), 'src/secret.ts': damCalls(1) });
    try {
      chmodSync(project, 0o755);
      chmodSync(path.join(project, 'src/secret.ts'), 0o000);
      const run = runCliUnprivileged(project, ['check']);
      assert.equal(run.status, 2, run.stderr);
      assert.match(
        run.stderr,
        /^api-error-contracts: src\/secret\.ts: EACCES: permission denied, open '.*secret\.ts'$/m,
      );
      assert.equal(conflicts(run.stdout), 1);
      assert.doesNotMatch(run.stderr, stackFrame);
    } finally {
      removeProject(project);
    }
  });

  it('an internal error is one line without --debug, and its stack trace with it', () => {
    // A fault injected before the CLI starts: the working folder cannot be found.
    const preload = path.join(root, 'fault.cjs');
    writeFileSync(
      preload,
      "process.cwd = () => { throw new Error('injected: the working folder is gone'); };\n",
    );
    const env = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
    const plain = runCli(root, ['check'], { env });
    assert.equal(plain.status, 2);
    assert.equal(
      plain.stderr,
      'api-error-contracts: injected: the working folder is gone\napi-error-contracts: run with --debug to see the stack trace\n',
    );
    const debug = runCli(root, ['check', '--debug'], { env });
    assert.equal(debug.status, 2);
    assert.match(
      debug.stderr,
      /^api-error-contracts: Error: injected: the working folder is gone\n/,
    );
    assert.match(debug.stderr, stackFrame);
  });

  it('a reader that stops early (check | head) ends the run quietly, with its exit code', () => {
    const project = createProject(
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`src/f${i}.ts`, damCalls(50)])),
    );
    try {
      const cli = path.resolve(__dirname, '../../dist/cli.js');
      // bash for PIPESTATUS: the CLI's own exit status, not head's.
      const run = spawnSync(
        'bash',
        ['-c', 'node "$0" check src | head -n 1 >/dev/null; echo "exit ${PIPESTATUS[0]}"', cli],
        { cwd: project, encoding: 'utf8', timeout: 60_000 },
      );
      assert.equal(run.stdout, 'exit 0\n', 'warnings only: 0, as when the report is read whole');
      assert.equal(run.stderr, '');
    } finally {
      removeProject(project);
    }
  });

  it('counts a spec with several problems as one file that could not be used', () => {
    const project = createProject({
      'src/a.ts': damCalls(1),
      'openapi.yaml': [
        'openapi: 3.0.3',
        'info: { title: Orders, version: "1" }',
        'servers: [{ url: "https://orders.example.com" }]',
        'paths:',
        '  /orders/{id}:',
        '    get:',
        '      responses:',
        "        '200': { $ref: '#/components/responses/Missing' }",
        "        '404': { $ref: '#/components/responses/AlsoMissing' }",
      ].join('\n'),
    });
    try {
      const run = runCli(project, ['check']);
      assert.equal(run.status, 2);
      const named = run.stderr.trim().split('\n');
      assert.ok(named.length >= 2, run.stderr);
      assert.ok(
        named.every((line) => line.startsWith('api-error-contracts: openapi.yaml')),
        run.stderr,
      );
      assert.match(run.stdout, /; 1 file could not be used$/m);
    } finally {
      removeProject(project);
    }
  });
});
