import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../common/protocol';
import { defaultSettings } from '../../common/settings';
import { fixAllKind } from '../../server/src/service/code/codeActions/codeActions';
import { getCodeStyle } from '../../server/src/service/code/codeActions/codeStyle';
import {
  findSuppressionComment,
  getSuppressionEdit,
} from '../../server/src/service/code/suppression';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { typeCheck } from '../helpers/inMemoryProgram';
import ts from 'typescript';

const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });

const source = [
  'export async function deleteImage(id: string) {',
  "  const res = await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: 'DELETE' });",
  '  if (!res.ok) throw new Error(String(res.status));',
  '}',
  '',
].join('\n');

function diagnosticAt(
  document: TextDocument,
  status: number,
  action: string,
  data: object = {},
): Diagnostic {
  const start = document.getText().indexOf('fetch(');
  return {
    range: { start: document.positionAt(start), end: document.positionAt(start + 5) },
    source: diagnosticSource,
    code: 'unhandled-status',
    message: 'ignored by the fixes',
    data: {
      status,
      method: 'DELETE',
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      action,
      ...data,
    },
  };
}

describe('doCodeActions', () => {
  const document = TextDocument.create('file:///work/actions.ts', 'typescript', 1, source);

  it('offers retry, handle, handle-all and ignore for a retry-later 409, the retry preferred', () => {
    const diagnostics = [
      diagnosticAt(document, 409, 'retry-later'),
      diagnosticAt(document, 500, 'back-off-and-retry'),
    ];
    const actions = service.doCodeActions(
      document,
      diagnostics[0].range,
      { diagnostics: [diagnostics[0]] },
      defaultSettings,
    );
    const titles = actions.map((action) => action.title);
    assert.ok(
      titles.includes('Handle 409 Conflict (before the `res.ok` check)'),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((title) => title.startsWith('Retry 409, 500 with backoff (fetchWithRetry)')),
    );
    assert.ok(titles.includes('Ignore 409 for this call'));
    assert.deepEqual(
      actions.filter((action) => action.isPreferred).map((action) => action.title),
      ['Retry 409, 500 with backoff (fetchWithRetry)'],
    );
    const all = service.doCodeActions(
      document,
      diagnostics[0].range,
      { diagnostics },
      defaultSettings,
    );
    assert.ok(
      all.some((action) => action.title === 'Handle all documented statuses of DELETE /image/{id}'),
    );
    assert.ok(
      all
        .find((action) => action.title.endsWith('with backoff (fetchWithRetry)'))
        ?.title.startsWith('Retry 409, 500 '),
    );
  });

  it('does not offer to retry a fix-the-request status', () => {
    const diagnostic = diagnosticAt(document, 404, 'fix-request');
    const titles = service
      .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
      .map((action) => action.title);
    assert.ok(titles.includes('Handle 404 Not Found (before the `res.ok` check)'));
    assert.ok(!titles.some((title) => /^Retry .* with backoff/.test(title)));
  });

  it('ignores diagnostics of other sources or codes and malformed data, whatever their message says', () => {
    const foreign = { ...diagnosticAt(document, 409, 'retry-later'), source: 'eslint' };
    const otherCode = { ...diagnosticAt(document, 409, 'retry-later'), code: 'unchecked-response' };
    const malformed = diagnosticAt(document, 409, 'retry-later', { status: '409' });
    const actions = service.doCodeActions(
      document,
      foreign.range,
      { diagnostics: [foreign, otherCode, malformed] },
      defaultSettings,
    );
    assert.deepEqual(actions, []);
  });

  it('adds a status to an existing suppression comment instead of stacking comments', () => {
    const suppressed = TextDocument.create(
      'file:///work/suppressed.ts',
      'typescript',
      1,
      source.replace('  const res', '  // api-error-contracts-ignore-next-line 409\n  const res'),
    );
    const diagnostic = diagnosticAt(suppressed, 500, 'back-off-and-retry');
    const ignore = service
      .doCodeActions(suppressed, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
      .find((action) => action.title === 'Ignore 500 for this call');
    assert.ok(ignore);
    const output = TextDocument.applyEdits(
      suppressed,
      ignore.edit?.changes?.[suppressed.uri] ?? [],
    );
    assert.match(output, /\n {2}\/\/ api-error-contracts-ignore-next-line 409, 500\n {2}const res/);
  });

  it('fixes every call of the file in one source.fixAll action, after which nothing is reported', () => {
    const file = TextDocument.create(
      'file:///work/fix-all.ts',
      'typescript',
      1,
      `${source}export async function deleteQuietly(id: string) {\n  const res = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });\n  console.log(res.headers.get('Date'));\n}\n`,
    );
    const reported = service.doValidation(file, defaultSettings).map((d) => d.code);
    assert.deepEqual(reported, ['unhandled-status', 'unhandled-status', 'unchecked-response']);
    const actions = service.doCodeActions(
      file,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      { diagnostics: [], only: [fixAllKind] },
      defaultSettings,
    );
    assert.deepEqual(
      actions.map((action) => [action.kind, action.title]),
      [[fixAllKind, 'Handle every documented status in this file']],
    );
    const fixed = TextDocument.create(
      file.uri,
      'typescript',
      2,
      TextDocument.applyEdits(file, actions[0]!.edit?.changes?.[file.uri] ?? []),
    );
    assert.deepEqual(service.doValidation(fixed, defaultSettings), []);

    // The same fix-all is in the Ctrl+. menu of any of the file's diagnostics, as ESLint offers it.
    const diagnostics = service.doValidation(file, defaultSettings).slice(0, 1);
    const quickFixes = service.doCodeActions(
      file,
      diagnostics[0]!.range,
      { diagnostics, only: ['quickfix'] },
      defaultSettings,
    );
    const quickFixAll = quickFixes.find(
      (action) => action.title === 'Handle every documented status in this file',
    );
    assert.equal(quickFixAll?.kind, 'quickfix');
    assert.deepEqual(quickFixAll.edit, actions[0]!.edit);
  });
});

describe('suppression comments', () => {
  const sourceOf = (text: string) =>
    ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest, true);

  it('reads the statuses and codes of a suppression comment; none means all; the marker in a string is none', () => {
    const file = sourceOf(
      "  // api-error-contracts-ignore-next-line 409, 503\n// api-error-contracts-ignore-next-line\nconst s = '// api-error-contracts-ignore-next-line 409';\n",
    );
    assert.deepEqual(findSuppressionComment(file, 0, true)?.items, ['409', '503']);
    assert.deepEqual(findSuppressionComment(file, 1, true)?.items, []);
    assert.equal(findSuppressionComment(file, 2, true), undefined);
    assert.equal(findSuppressionComment(file, 0, false), undefined);
  });

  it('"Ignore 409" under a comment suppressing unchecked-response adds to it instead of pushing it off its call', () => {
    const text = `// api-error-contracts-ignore-next-line unchecked-response\nconst res = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });\nif (!res.ok) throw new Error();\n`;
    const document = TextDocument.create('file:///w/suppressed.ts', 'typescript', 1, text);
    const edit = getSuppressionEdit(
      document,
      sourceOf(text),
      { line: 1, character: 18 },
      409,
      '\n',
    );
    assert.ok(edit);
    assert.equal(
      TextDocument.applyEdits(document, [edit]).split('\n')[0],
      '// api-error-contracts-ignore-next-line unchecked-response, 409',
    );
  });
});

describe('getCodeStyle', () => {
  it('reads indentation, quotes and semicolons from the majority of the file', () => {
    const js = ts.createSourceFile(
      'a.js',
      'function f() {\n    const a = "x"\n    if (a) {\n        g("y")\n    }\n}\n',
      ts.ScriptTarget.Latest,
      true,
    );
    assert.deepEqual(getCodeStyle(js, false), {
      indentUnit: '    ',
      quote: '"',
      semicolons: false,
      eol: '\n',
      typescript: false,
      printWidth: 80,
      trailingCommas: true,
    });
    const tabs = ts.createSourceFile(
      'b.ts',
      "function f() {\r\n\tconst a = 'x';\r\n}\r\n",
      ts.ScriptTarget.Latest,
      true,
    );
    assert.deepEqual(getCodeStyle(tabs, true), {
      indentUnit: '\t',
      quote: "'",
      semicolons: true,
      eol: '\r\n',
      typescript: true,
      printWidth: 80,
      trailingCommas: true,
    });
  });

  it('takes the width of the widest line, 100 for an empty file, and sees trailing commas left out', () => {
    const wide = `const a = ${JSON.stringify('x'.repeat(110))};\n`;
    const style = (text: string) =>
      getCodeStyle(ts.createSourceFile('c.ts', text, ts.ScriptTarget.Latest, true), true);
    assert.equal(style(wide).printWidth, wide.length - 1);
    assert.equal(style('').printWidth, 100);
    assert.equal(style('f(\n  a,\n  b\n);\n').trailingCommas, false);
    assert.equal(style('f(\n  a,\n  b,\n);\n').trailingCommas, true);
  });
});

describe('retry fixes follow the method', () => {
  const post = (headers: string) =>
    TextDocument.create(
      'file:///work/post.ts',
      'typescript',
      1,
      [
        'export async function deleteImage(id: string) {',
        `  const res = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, {`,
        "    method: 'DELETE',",
        headers,
        '  });',
        '  if (!res.ok) throw new Error(String(res.status));',
        '}',
        '',
      ].join('\n'),
    );

  it('offers no retry for a POST without an Idempotency-Key, and prefers surfacing the status', () => {
    const document = post("    headers: { accept: 'application/json' },");
    const text = document.getText().replace("method: 'DELETE'", "method: 'POST'");
    const unkeyed = TextDocument.create(document.uri, 'typescript', 1, text);
    const diagnostic = diagnosticAt(unkeyed, 409, 'retry-later');
    const actions = service.doCodeActions(
      unkeyed,
      diagnostic.range,
      { diagnostics: [diagnostic] },
      defaultSettings,
    );
    const titles = actions.map((action) => action.title).join(' | ');
    assert.ok(!titles.includes('with backoff'), titles);
    assert.deepEqual(
      actions.filter((action) => action.isPreferred).map((action) => action.title),
      ['Handle 409 Conflict (before the `res.ok` check)'],
    );
  });

  it('retries a POST that carries an Idempotency-Key', () => {
    const text = post("    headers: { 'Idempotency-Key': id },")
      .getText()
      .replace("method: 'DELETE'", "method: 'POST'");
    const keyed = TextDocument.create('file:///work/post-keyed.ts', 'typescript', 1, text);
    const diagnostic = diagnosticAt(keyed, 409, 'retry-later');
    const preferred = service
      .doCodeActions(keyed, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
      .find((action) => action.isPreferred);
    assert.ok(preferred, 'a preferred fix');
    assert.ok(preferred.title.startsWith('Retry 409 with backoff (fetchWithRetry)'));
    const output = TextDocument.applyEdits(keyed, preferred.edit?.changes?.[keyed.uri] ?? []);
    assert.match(output, /await fetchWithRetry\(\n/);
    assert.match(output, /\{ retryOn: \[409\] \},\n {2}\);/);
  });
});

describe('fix all on a file whose calls each need the same declaration', () => {
  it('adds the error class once, and the file compiles', () => {
    const DAM = 'https://api2.saleslayer.com/dam';
    const text = [0, 1]
      .map(
        (n) =>
          `export async function remove${n}(id: string) {\n  const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`,
      )
      .join('');
    const document = TextDocument.create('file:///work/two.ts', 'typescript', 1, text);
    const [fixAll] = service.doCodeActions(
      document,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      { diagnostics: [], only: [fixAllKind] },
      defaultSettings,
    );
    assert.ok(fixAll?.edit);
    const output = TextDocument.applyEdits(document, fixAll.edit.changes?.[document.uri] ?? []);
    assert.equal(output.match(/class RetryableStatusError/g)?.length, 1);
    assert.deepEqual(typeCheck({ '/virtual/two.ts': output }), []);
  });
});
