import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createParsedDocumentCache } from '../../server/src/service/documents/parsedDocumentCache';
import { getLanguageService } from '../../server/src/service/languageService';
import { codeTestSettings } from '../helpers/codeTestSupport';

const fixtures = join(__dirname, '../fixtures/code');
const languages: Record<string, string> = {
  ts: 'typescript',
  js: 'javascript',
  tsx: 'typescriptreact',
};

function fixtureInputs(): { name: string; text: string; extension: string }[] {
  return readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const input = readdirSync(join(fixtures, entry.name)).find((f) => f.startsWith('input.'));
      const extension = input?.slice('input.'.length) ?? '';
      if (!input || !(extension in languages)) return [];
      return [
        {
          name: entry.name,
          text: readFileSync(join(fixtures, entry.name, input), 'utf8'),
          extension,
        },
      ];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

// mulberry32: the same edits on every run.
function randomOf(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Edits a person makes, one after another: delete a span, type it back, add lines, undo. */
function editsOf(text: string, random: (n: number) => number): string[] {
  const texts: string[] = [];
  const start = random(text.length);
  const end = Math.min(text.length, start + 1 + random(80));
  const typed = start + random(end - start);
  texts.push(text.slice(0, start) + text.slice(end));
  texts.push(text.slice(0, typed) + text.slice(end));
  texts.push(text);
  const line = text.indexOf('\n', random(text.length));
  const at = line < 0 ? text.length : line + 1;
  texts.push(`${text.slice(0, at)}  if (res.status === 409) return;\n${text.slice(at)}`);
  texts.push(text);
  return texts;
}

describe('code parsed again after an edit', () => {
  it('gives every fixture, through a series of edits, the diagnostics of a fresh parse', () => {
    const edited = getLanguageService({ documents: createParsedDocumentCache() });
    const settings = codeTestSettings({});
    let versions = 0;
    for (const [n, fixture] of fixtureInputs().entries()) {
      const uri = `file:///workspace/src/${fixture.name}.${fixture.extension}`;
      const language = languages[fixture.extension]!;
      const random = randomOf(n + 1);
      for (const text of [fixture.text, ...editsOf(fixture.text, random)]) {
        const document = TextDocument.create(uri, language, ++versions, text);
        const fresh = getLanguageService({ documents: createParsedDocumentCache() });
        assert.deepEqual(
          edited.doValidation(document, settings),
          fresh.doValidation(document, settings),
          `${fixture.name}, version ${versions}`,
        );
      }
    }
  });

  it('reuses the syntax the edit did not touch', () => {
    const cache = createParsedDocumentCache();
    const text = "const a = fetch('https://a.example/x');\nconst b = 2;\n";
    const first = cache.get(TextDocument.create('file:///w/a.ts', 'typescript', 1, text));
    const firstStatement = first?.kind === 'code' ? first.sourceFile.statements[0] : undefined;
    const second = cache.get(
      TextDocument.create('file:///w/a.ts', 'typescript', 2, `${text}const c = 3;\n`),
    );
    assert.equal(second?.kind, 'code');
    if (second?.kind !== 'code') return;
    assert.equal(second.sourceFile.statements.length, 3);
    assert.equal(second.sourceFile.statements[0], firstStatement);
    assert.equal(second.sourceFile.statements[2]!.getText(second.sourceFile), 'const c = 3;');
  });

  it('parses afresh when the language changes', () => {
    const cache = createParsedDocumentCache();
    const text = 'const a = <T,>(x: T) => x;\n';
    cache.get(TextDocument.create('file:///w/a.tsx', 'typescriptreact', 1, text));
    const again = cache.get(TextDocument.create('file:///w/a.tsx', 'typescript', 2, text));
    assert.equal(again?.kind === 'code' && again.scriptKind, ts.ScriptKind.TS);
  });

  it("lends an open document's parse without parsing anything else", () => {
    const cache = createParsedDocumentCache();
    const open = TextDocument.create('file:///w/a.ts', 'typescript', 3, 'const a = 1;\n');
    const parsed = cache.get(open);
    assert.equal(cache.peek(open), parsed);
    // The same file as on disk is another document: parsed by whoever asks, not taken from here.
    assert.equal(
      cache.peek(TextDocument.create('file:///w/a.ts', '', 3, 'const a = 2;\n')),
      undefined,
    );
    assert.equal(cache.peek(TextDocument.create('file:///w/b.ts', 'typescript', 1, '')), undefined);
  });
});
