import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

// The built CLI (dist/cli.js, the package's bin) run as a user runs it, from a project's root.
const cli = path.resolve(__dirname, '../../dist/cli.js');
const examples = path.resolve(__dirname, '../../examples');

function run(
  cwd: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the api-error-contracts CLI', () => {
  let project: string;
  before(() => {
    project = mkdtempSync(path.join(tmpdir(), 'aec-cli-'));
    cpSync(examples, project, { recursive: true });
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('prints usage for --help and exits 2 on an unknown command', () => {
    const help = run(project, '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: api-error-contracts <command>/);
    const unknown = run(project, 'lint');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'lint'/);
  });

  it('checks the example project with its config and spec: the DAM 409, the spec 429 and the payload problems', () => {
    const { status, stdout } = run(project, 'check', '.', '--format', 'compact');
    assert.equal(status, 0, 'warnings only');
    assert.match(
      stdout,
      /^src\/damImages\.ts:6:21: warning DELETE \/image\/\{id\} can answer 409 Conflict \(Sales Layer DAM: the image is being processed — retry later\); this call does not handle it.* \[unhandled-status\]$/m,
    );
    assert.match(
      stdout,
      /^src\/inventory\.ts:3:21: warning PUT \/items\/\{sku\}\/reservation can answer 429 Too Many Requests \(Inventory: .*\[unhandled-status\]$/m,
    );
    assert.match(
      stdout,
      /^fixtures\/dam\/list-forbidden\.json:4:13: warning Sales Layer DAM does not document 403 Forbidden for `GET \/image`.*\[undocumented-status\]$/m,
    );
    // The config's rule severity: unchecked-response at information, and the handled GET /image stays quiet.
    assert.doesNotMatch(stdout, /damImages\.ts:1[0-9]:/);
  });

  it('groups the text under each file and counts per rule; compact is one line per problem', () => {
    const text = run(project, 'check', 'src').stdout;
    assert.equal(
      text.replace(
        / \(Sales Layer DAM: [^)]*\)| \(Inventory: [^)]*\)|; this call.*?(?= {2}unhandled)/g,
        '',
      ),
      [
        'src/damImages.ts',
        '  6:21  warning  DELETE /image/{id} can answer 409 Conflict  unhandled-status',
        '  6:21  info     DELETE /image/{id} can answer 500 Internal Server Error  unhandled-status',
        '',
        'src/inventory.ts',
        '  3:21  warning  PUT /items/{sku}/reservation can answer 429 Too Many Requests  unhandled-status',
        '',
        '3 problems in 2 files checked',
        '  unhandled-status  3 (2 warnings, 1 info)',
        '',
      ].join('\n'),
    );
    const compact = run(project, 'check', 'src', '--format', 'compact').stdout.split('\n');
    assert.equal(compact.length, 5);
    assert.match(
      compact[0]!,
      /^src\/damImages\.ts:6:21: warning DELETE \/image\/\{id\} can answer 409 .* \[unhandled-status\]$/,
    );
    assert.equal(compact[3], '3 problems in 2 files checked');
  });

  it('writes GitLab code quality JSON: one issue per finding, each with its own fingerprint', () => {
    const issues = JSON.parse(run(project, 'check', 'src', '--format', 'gitlab').stdout) as {
      check_name: string;
      severity: string;
      fingerprint: string;
      description: string;
      location: { path: string; lines: { begin: number } };
    }[];
    assert.deepEqual(
      issues.map(
        (i) => `${i.location.path}:${i.location.lines.begin} ${i.check_name} ${i.severity}`,
      ),
      [
        'src/damImages.ts:6 unhandled-status minor',
        'src/damImages.ts:6 unhandled-status info',
        'src/inventory.ts:3 unhandled-status minor',
      ],
    );
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 3);
    assert.ok(issues.every((i) => /^[0-9a-f]{32}$/.test(i.fingerprint)));
    assert.match(issues[0]!.description, /can answer 409 Conflict/);
  });

  it('writes the same findings as JSON and as SARIF 2.1.0', () => {
    const json = JSON.parse(run(project, 'check', 'src', '--format', 'json').stdout) as {
      files: { path: string; diagnostics: { code: string }[] }[];
    };
    assert.deepEqual(
      json.files.map((file) => [file.path, file.diagnostics.map((d) => d.code)]),
      [
        ['src/damImages.ts', ['unhandled-status', 'unhandled-status']],
        ['src/inventory.ts', ['unhandled-status']],
      ],
    );
    const sarif = JSON.parse(run(project, 'check', 'src', '--format', 'sarif').stdout) as {
      version: string;
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0]!.results.map((r) => `${r.ruleId}:${r.level}`),
      ['unhandled-status:warning', 'unhandled-status:note', 'unhandled-status:warning'],
    );
  });

  it('exits 1 when a finding is an error (a rule raised to error by the config)', () => {
    const config = path.join(project, 'api-error-contracts.json');
    writeFileSync(
      config,
      '{ "specs": ["openapi/*.yaml"], "rules": { "unhandled-status": "error" } }',
    );
    const { status, stdout } = run(project, 'check', 'src', '--format', 'compact');
    assert.equal(status, 1);
    assert.match(stdout, /damImages\.ts:6:21: error DELETE \/image\/\{id\} can answer 409/);
  });

  it('exits 2 naming the file and the problem for a malformed config or spec, and still reports the rest', () => {
    writeFileSync(
      path.join(project, 'api-error-contracts.json'),
      '{ "specs": ["openapi/*.yaml"], ',
    );
    writeFileSync(
      path.join(project, 'openapi', 'broken.yaml'),
      'openapi: 3.0.0\ninfo: {title: x\n',
    );
    const { status, stdout, stderr } = run(project, 'check', 'src', '--format', 'compact');
    assert.equal(status, 2);
    assert.match(
      stderr,
      /^api-error-contracts: api-error-contracts\.json:1:\d+: The config is not valid JSON/m,
    );
    assert.match(
      stderr,
      /^api-error-contracts: openapi\/broken\.yaml:3:1: The file is not valid YAML/m,
    );
    // The inventory spec still loads: its call is still checked.
    assert.match(
      stdout,
      /src\/inventory\.ts:3:21: warning PUT \/items\/\{sku\}\/reservation can answer 429/,
    );
  });

  it('exits 2 for a path that does not exist', () => {
    const { status, stderr } = run(project, 'check', 'no-such-folder');
    assert.equal(status, 2);
    assert.match(stderr, /no-such-folder: no such file or folder/);
  });
});
