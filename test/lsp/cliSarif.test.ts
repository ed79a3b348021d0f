import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import multitool from '@microsoft/sarif-multitool';
import {
  createProject,
  damCalls,
  removeProject,
  runCli,
  writeProjectFiles,
} from '../helpers/cliProject';

// The official SARIF 2.1.0 schema and validator, as Microsoft's SARIF SDK ships them in the
// @microsoft/sarif-multitool package: its platform part holds the tool and the schema beside it.
const multitoolFolder = path.dirname(multitool);

interface SarifLog {
  runs: {
    tool: {
      driver: { rules: { id: string; helpUri?: string; shortDescription: { text: string } }[] };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { message: { text: string } }[];
    }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string; markdown?: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

describe('check --format sarif, for code scanning', () => {
  let root: string;
  before(() => {
    root = createProject({
      // Two calls on lines of the same text, to the same operation: told apart by their order.
      'src/images.ts': damCalls(2),
      'src/image tools.ts': damCalls(1),
      // A problem whose status is a string: problem-member-type, whose findings all cite RFC 9457.
      'api-error-contracts.json': '{ "payloads": { "fixtures/**": "saleslayer-dam" } }',
      'fixtures/bad-status.json': '{ "type": "about:blank", "title": "Conflict", "status": "409" }',
    });
  });
  after(() => removeProject(root));

  const sarifOf = (...args: string[]): { log: SarifLog; text: string; status: number | null } => {
    const run = runCli(root, ['check', '--format', 'sarif', ...args]);
    return { log: JSON.parse(run.stdout) as SarifLog, text: run.stdout, status: run.status };
  };

  it('is valid SARIF 2.1.0 by the official JSON schema, and the SARIF multitool finds nothing wrong', () => {
    const { text, status, log } = sarifOf('src', 'missing.ts');
    assert.equal(status, 2, 'missing.ts cannot be checked');
    const schema = JSON.parse(readFileSync(path.join(multitoolFolder, 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    ajv.addFormat('uuid', /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.runs[0]!.invocations[0]!.executionSuccessful, false);
    assert.match(
      log.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text,
      /^missing\.ts: no such file or folder$/,
    );
    // The schema check above catches what the multitool's does not (an unknown `level`); the
    // multitool adds the SARIF rules (SARIF1xxx errors, SARIF2xxx warnings).
    const tool = multitool;
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      // The package's postinstall sets this bit; an install without scripts leaves it unset.
      chmodSync(tool, 0o755);
    }
    const input = path.join(root, 'results.sarif');
    const output = path.join(root, 'validation.sarif');
    writeFileSync(input, text);
    const validation = spawnSync(
      tool,
      ['validate', input, '-o', output, '--log', 'ForceOverwrite'],
      {
        encoding: 'utf8',
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      },
    );
    assert.equal(validation.status, 0, validation.stdout + validation.stderr);
    const findings = (JSON.parse(readFileSync(output, 'utf8')) as SarifLog).runs[0]!.results;
    assert.deepEqual(
      findings
        .filter((r) => r.level !== 'note')
        .map((r) => `${r.ruleId}: ${JSON.stringify(r.message)}`),
      [],
    );
    // And the multitool does report what is wrong: a result without a message.
    const broken = JSON.parse(text) as SarifLog;
    delete (broken.runs[0]!.results[0] as Partial<SarifLog['runs'][0]['results'][0]>).message;
    writeFileSync(input, JSON.stringify(broken));
    spawnSync(tool, ['validate', input, '-o', output, '--log', 'ForceOverwrite']);
    assert.ok(
      (JSON.parse(readFileSync(output, 'utf8')) as SarifLog).runs[0]!.results.some(
        (r) => r.level === 'error',
      ),
    );
  });

  it('describes each rule once, with the help page its findings name, and places results relative to %SRCROOT%', () => {
    const { log } = sarifOf('.');
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((rule) => rule.id),
      ['problem-member-type', 'unhandled-status'],
    );
    const json = JSON.parse(runCli(root, ['check', '--format', 'json']).stdout) as {
      files: { diagnostics: { code: string; codeDescription?: { href: string } }[] }[];
    };
    const hrefsOf = (code: string) =>
      new Set(
        json.files.flatMap((f) =>
          f.diagnostics.flatMap((d) => (d.code === code ? (d.codeDescription?.href ?? []) : [])),
        ),
      );
    assert.deepEqual([...hrefsOf('problem-member-type')], [rules[0]!.helpUri]);
    assert.match(rules[0]!.helpUri!, /rfc9457/);
    // The DAM's statuses cite two of its pages: the rule names neither, each result its own.
    assert.equal(hrefsOf('unhandled-status').size, 2);
    assert.equal(rules[1]!.helpUri, undefined);
    for (const result of run.results.filter((r) => r.ruleId === 'unhandled-status'))
      assert.match(
        result.message.markdown!,
        /\(\[documentation\]\(https:\/\/docs\.api\.saleslayer\.com\/guides\/error/,
      );
    assert.match(rules[1]!.shortDescription.text, /documents/);
    assert.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, pathToFileURL(`${root}/`).href);
    assert.deepEqual(
      [...new Set(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))],
      ['fixtures/bad-status.json', 'src/image%20tools.ts', 'src/images.ts'],
    );
    for (const result of run.results) {
      assert.equal(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
    }
    assert.deepEqual(
      run.results.map((r) => r.level),
      ['warning', 'warning', 'note', 'warning', 'note', 'warning', 'note'],
    );
  });

  it("keeps each finding's partialFingerprints across unrelated edits, and tells same-text findings apart", () => {
    const fingerprints = (log: SarifLog) =>
      log.runs[0]!.results.map(
        (r) =>
          `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.partialFingerprints['apiErrorContracts/v1']}`,
      );
    const lines = (log: SarifLog) =>
      log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.region.startLine);
    const before = sarifOf('src').log;
    const all = fingerprints(before);
    assert.equal(new Set(all).size, all.length, 'every result has its own fingerprint');
    assert.ok(all.every((f) => /^\S+ [0-9a-f]{32}:\d$/.test(f)));
    assert.ok(
      all.some((f) => f.endsWith(':2')),
      'the second call of the same text',
    );

    const images = path.join(root, 'src/images.ts');
    const original = readFileSync(images, 'utf8');
    writeProjectFiles(root, {
      'src/images.ts': `// An unrelated comment.\nimport { strict } from 'node:assert';\n\n${original.replace(/^ {2}const res/gm, '    const res')}\nvoid strict;\n`,
    });
    const after = sarifOf('src').log;
    assert.deepEqual(fingerprints(after), all);
    assert.notDeepEqual(lines(after), lines(before), 'the findings did move');

    // What a finding is about changing (another operation) is another finding.
    writeProjectFiles(root, {
      'src/images.ts': original.replace("method: 'DELETE'", "method: 'PUT'"),
    });
    assert.notDeepEqual(fingerprints(sarifOf('src').log), all);
    writeProjectFiles(root, { 'src/images.ts': original });
  });
});
