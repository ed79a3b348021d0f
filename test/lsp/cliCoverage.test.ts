import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createProject, removeProject, runCli } from '../helpers/cliProject';

const DAM = "const DAM_BASE = 'https://api2.saleslayer.com/dam';";

// Three DELETE /image/{id} calls to the Sales Layer DAM: one singles out the 409 (retry later),
// one only has the generic failure branch, one hands its response back to its caller.
const files = {
  'src/handled.ts': `${DAM}
export async function remove(id: string): Promise<void> {
  const res = await fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
  if (res.status === 409) throw new Error('busy, retry later');
  if (!res.ok) throw new Error(\`delete failed: \${res.status}\`);
}
`,
  'src/generic.ts': `${DAM}
export async function drop(id: string): Promise<void> {
  const res = await fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
  if (!res.ok) throw new Error(\`delete failed: \${res.status}\`);
}
`,
  'src/passed.ts': `${DAM}
export function erase(id: string): Promise<Response> {
  return fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
}
`,
};

interface Status {
  status: number;
  calls: number;
  handled: number;
  retried: number;
  passedOn: number;
  missed: number;
  missedAt: string[];
}

describe('coverage: how the calls treat each documented status', () => {
  let root: string;
  before(() => {
    root = createProject(files);
  });
  after(() => removeProject(root));

  it('text: one line per operation and status, with the calls that miss it, and the totals', () => {
    const { status, stdout, stderr } = runCli(root, ['coverage', 'src']);
    assert.equal(status, 0, stderr);
    assert.match(
      stdout,
      /^Sales Layer DAM: DELETE \/image\/\{id\} — 409 Conflict handled at 1 of 3 calls, passed on to the caller at 1, missed at 1 \(src\/generic\.ts:3\)$/m,
    );
    // A generic failure branch handles a status to fix the request.
    assert.match(
      stdout,
      /^Sales Layer DAM: DELETE \/image\/\{id\} — 404 Not Found handled at 2 of 3 calls, passed on to the caller at 1$/m,
    );
    assert.match(
      stdout,
      /^3 calls to 1 operation; \d+ documented statuses at them: \d+ handled, \d+ passed on to the caller, \d+ missed\.$/m,
    );
  });

  it('json: per operation and status the counts and where it is missed, and the totals', () => {
    const { status, stdout } = runCli(root, ['coverage', 'src', '--format', 'json']);
    assert.equal(status, 0);
    const report = JSON.parse(stdout) as {
      operations: {
        apiId: string;
        method: string;
        path: string;
        calls: number;
        statuses: Status[];
      }[];
      totals: { calls: number; checks: number; handled: number; passedOn: number; missed: number };
      problems: unknown[];
    };
    assert.equal(report.operations.length, 1);
    const [operation] = report.operations;
    assert.deepEqual(
      {
        apiId: operation!.apiId,
        method: operation!.method,
        path: operation!.path,
        calls: operation!.calls,
      },
      { apiId: 'saleslayer-dam', method: 'DELETE', path: '/image/{id}', calls: 3 },
    );
    const conflict = operation!.statuses.find((entry) => entry.status === 409);
    assert.deepEqual(conflict, {
      status: 409,
      title: 'Conflict',
      calls: 3,
      handled: 1,
      retried: 0,
      passedOn: 1,
      missed: 1,
      missedAt: ['src/generic.ts:3'],
    });
    const { totals } = report;
    assert.equal(totals.calls, 3);
    assert.equal(totals.handled + totals.passedOn + totals.missed, totals.checks);
    assert.deepEqual(report.problems, []);
  });

  it('markdown: a table fit for a pull-request comment, the misses listed under it; -o writes it to a file', () => {
    const { status } = runCli(root, [
      'coverage',
      'src',
      '--format',
      'markdown',
      '-o',
      'coverage.md',
    ]);
    assert.equal(status, 0);
    const markdown = readFileSync(path.join(root, 'coverage.md'), 'utf8');
    assert.match(markdown, /^### API error contract coverage$/m);
    assert.match(
      markdown,
      /^\| API \| Operation \| Status \| Calls \| Handled \| Retried \| Passed on \| Missed \|$/m,
    );
    assert.match(
      markdown,
      /^\| Sales Layer DAM \| `DELETE \/image\/\{id\}` \| 409 Conflict \| 3 \| 1 \| 0 \| 1 \| \*\*1\*\* \|$/m,
    );
    assert.match(
      markdown,
      /^- `src\/generic\.ts:3` — Sales Layer DAM `DELETE \/image\/\{id\}`: 409 Conflict$/m,
    );
  });

  it('exits 2 on bad usage and on a target it cannot read, still reporting the rest', () => {
    const format = runCli(root, ['coverage', '--format', 'sarif']);
    assert.equal(format.status, 2);
    assert.match(
      format.stderr,
      /--format of coverage must be one of text, json, markdown, not 'sarif'/,
    );
    const checkOnly = runCli(root, ['coverage', '--fix']);
    assert.equal(checkOnly.status, 2);
    assert.match(checkOnly.stderr, /--fix is an option of check, not of coverage/);
    const missing = runCli(root, ['coverage', 'src', 'nowhere']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nowhere: no such file or folder/);
    assert.match(missing.stdout, /409 Conflict handled at 1 of 3 calls/);
  });
});
