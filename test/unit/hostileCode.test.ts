import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';

const service = getLanguageService();

// A call the built-in Sales Layer catalog documents, whose 404 and 409 are not handled.
const call = (indent: string) =>
  `${indent}const r = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });\n${indent}if (!r.ok) throw new Error();\n`;
const head = `export async function del(id: string) {\n${call('  ')}}\n`;
const urlPosition = { line: 1, character: 50 };

/** Hostile shapes that overflowed the stack of the parser or of the service's walks. */
const deep: Record<string, string> = {
  'an a+a+… chain of 2,600 terms': `const x = ${Array(2600).fill('a').join('+')};\n`,
  '1,100 nested arrows': `const f = ${'() => '.repeat(1100)}1;\n`,
  '1,100 nested ifs': `${'if (a) { '.repeat(1100)}${'}'.repeat(1100)}\n`,
  '1,100 nested calls': `g(${'g('.repeat(1100)}${')'.repeat(1100)});\n`,
  '5,000 nested parentheses': `const p = ${'('.repeat(5000)}1${')'.repeat(5000)};\n`,
};

function unhandled(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((each) => each.code === 'unhandled-status')
    .map((each) => `${each.range.start.line}:${(each.data as { status: number }).status}`);
}

for (const [name, tail] of Object.entries(deep)) {
  describe(`a TS file with ${name} after a checked call`, () => {
    const document = TextDocument.create('file:///p/deep.ts', 'typescript', 1, head + tail);

    it('gets one document-too-deep information diagnostic, and the call is still checked', () => {
      const diagnostics = service.doValidation(document, defaultSettings);
      const tooDeep = diagnostics.filter((each) => each.code === 'document-too-deep');
      assert.equal(tooDeep.length, 1, JSON.stringify(diagnostics.map((each) => each.code)));
      assert.equal(tooDeep[0]!.severity, 3);
      assert.ok(tooDeep[0]!.range.start.line >= 4, JSON.stringify(tooDeep[0]!.range));
      assert.match(JSON.stringify(tooDeep[0]!.message), /not checked/);
      assert.deepEqual(unhandled(diagnostics), ['1:409', '1:500']);
    });

    it('hover, quick fixes, completion and definition still answer on the call', () => {
      const hover = service.doHover(document, urlPosition, defaultSettings);
      assert.match(JSON.stringify(hover?.contents), /DELETE/);
      const diagnostics = service
        .doValidation(document, defaultSettings)
        .filter((each) => each.code === 'unhandled-status');
      const actions = service.doCodeActions(
        document,
        diagnostics[0]!.range,
        { diagnostics },
        defaultSettings,
      );
      assert.ok(
        actions.some((action) => action.title.startsWith('Handle 409')),
        JSON.stringify(actions.map((action) => action.title)),
      );
      assert.doesNotThrow(() =>
        service.doComplete(document, { line: 3, character: 2 }, defaultSettings),
      );
      assert.doesNotThrow(() => service.doDefinition(document, urlPosition, defaultSettings));
    });
  });
}

describe('a TS file nested just within the bound', () => {
  // A checked call inside 200 nested arrow functions and 8 nested ifs: read in full.
  const text = `export const f = ${'(id: string) => '.repeat(200)}async () => {\n${'if (id) { '.repeat(8)}\n${call('')}${'}'.repeat(8)}\n};\n`;
  const document = TextDocument.create('file:///p/nested.ts', 'typescript', 1, text);

  it('is checked with no document-too-deep diagnostic', () => {
    const diagnostics = service.doValidation(document, defaultSettings);
    assert.deepEqual(
      diagnostics.map((each) => each.code),
      ['unhandled-status', 'unhandled-status'],
    );
  });
});

describe('an ordinary TS file', () => {
  it('has no document-too-deep diagnostic', () => {
    const document = TextDocument.create('file:///p/flat.ts', 'typescript', 1, head);
    const diagnostics = service.doValidation(document, defaultSettings);
    assert.deepEqual(unhandled(diagnostics), ['1:409', '1:500']);
    assert.ok(!diagnostics.some((each) => each.code === 'document-too-deep'));
  });
});

describe('a TS file over a million characters (a generated client)', () => {
  let text = head;
  while (text.length <= 1_000_000) text += `export const value${text.length} = compute();\n`;
  const document = TextDocument.create('file:///p/generated.ts', 'typescript', 1, text);

  it('gets one document-too-long information diagnostic at its start, and nothing else', () => {
    const diagnostics = service.doValidation(document, defaultSettings);
    assert.deepEqual(
      diagnostics.map((each) => [each.code, each.severity, each.range.start.line]),
      [['document-too-long', 3, 0]],
    );
    assert.match(String(diagnostics[0]!.message), /1\.0 million characters.*not checked/);
  });

  it('answers hover and code actions with nothing', () => {
    assert.equal(service.doHover(document, urlPosition, defaultSettings), null);
    const range = { start: urlPosition, end: urlPosition };
    assert.deepEqual(
      service.doCodeActions(document, range, { diagnostics: [] }, defaultSettings),
      [],
    );
  });

  it('is checked again once it is short enough', () => {
    const shorter = TextDocument.create('file:///p/generated.ts', 'typescript', 2, head);
    assert.deepEqual(unhandled(service.doValidation(shorter, defaultSettings)), ['1:409', '1:500']);
  });
});
