import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateSnippet } from '../helpers/codeTestSupport';

/**
 * The client-code corpus: each `test/fixtures/code/<case>/` holds `input.<ext>`, optional
 * `settings.json` and `expected.json` (the diagnostics: code, 1-based line, status, severity).
 * `UPDATE_FIXTURES=1` rewrites the expectations from the current output; review the diff.
 */
const root = join(__dirname, '../fixtures/code');
const update = process.env.UPDATE_FIXTURES === '1';
const severityNames: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

interface ExpectedDiagnostic {
  code: string;
  line: number;
  status?: number;
  severity: string;
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readCase(name: string) {
  const folder = join(root, name);
  const input = readdirSync(folder).find((file) => file.startsWith('input.'));
  assert.ok(input, `${name} has an input file`);
  const settingsFile = join(folder, 'settings.json');
  const settings = existsSync(settingsFile)
    ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)
    : {};
  return {
    folder,
    text: readFileSync(join(folder, input), 'utf8'),
    extension: input.slice('input.'.length),
    settings,
  };
}

describe('client-code fixture corpus', () => {
  for (const name of cases) {
    it(name, () => {
      const { folder, text, extension, settings } = readCase(name);
      const actual: ExpectedDiagnostic[] = validateSnippet(text, settings, extension).map(
        (diagnostic) => {
          const status = (diagnostic.data as { status?: number } | undefined)?.status;
          return {
            code: String(diagnostic.code),
            line: diagnostic.range.start.line + 1,
            ...(status === undefined ? {} : { status }),
            severity: severityNames[diagnostic.severity ?? DiagnosticSeverity.Error]!,
          };
        },
      );
      const expectedFile = join(folder, 'expected.json');
      if (update) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      assert.ok(
        existsSync(expectedFile),
        `${name}/expected.json exists (run with UPDATE_FIXTURES=1 to create it)`,
      );
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }

  it('covers at least 60 snippets, 25 of them with no unhandled-status', () => {
    assert.ok(cases.length >= 60, `${cases.length} cases`);
    const negatives = cases.filter((name) => {
      const expected = JSON.parse(
        readFileSync(join(root, name, 'expected.json'), 'utf8'),
      ) as ExpectedDiagnostic[];
      return !expected.some((each) => each.code === 'unhandled-status');
    });
    assert.ok(negatives.length >= 25, `${negatives.length} negative cases`);
  });
});
