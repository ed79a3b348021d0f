import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';

// The retry fix of an axios call takes the project's own idiom: axios-retry when the nearest
// package.json lists it, even before the file imports it; the withRetry helper otherwise.

const text = [
  "import axios from 'axios';",
  '',
  'export async function deleteImage(id: string): Promise<void> {',
  '  await axios.delete(`https://api2.saleslayer.com/dam/image/${id}`);',
  '}',
  '',
].join('\n');

function manifest(dependencies: Record<string, string>): string {
  return JSON.stringify({ name: 'client', dependencies }, null, 2);
}

/** The title of the preferred fix for the 409 on the call, with `files` as the workspace. */
function preferredTitle(uri: string, files: Record<string, string>, read: string[] = []): string {
  const service = getLanguageService({
    projectFiles: {
      resolveModule: () => undefined,
      readFile: (file) => {
        read.push(file);
        return files[file];
      },
    },
  });
  const document = TextDocument.create(uri, 'typescript', 1, text);
  const diagnostic = service
    .doValidation(document, defaultSettings)
    .find((each) => (each.data as { status?: number } | undefined)?.status === 409);
  assert.ok(diagnostic, 'the 409 is reported');
  const preferred = service
    .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
    .find((action) => action.isPreferred);
  assert.ok(preferred, 'a preferred fix');
  return preferred.title;
}

describe('the axios retry fix follows the project’s dependencies', () => {
  it('uses axios-retry, imported by the fix, when the package.json of the folder lists it', () => {
    const title = preferredTitle('file:///work/app/src/dam.ts', {
      'file:///work/app/package.json': manifest({ axios: '^1.7.0', 'axios-retry': '^4.5.0' }),
    });
    assert.match(title, /^Retry 409, 500 with backoff \(axios-retry\)$/);
  });

  it('uses the withRetry helper when the project does not depend on axios-retry', () => {
    const title = preferredTitle('file:///work/app/src/dam.ts', {
      'file:///work/app/package.json': manifest({ axios: '^1.7.0' }),
    });
    assert.match(title, /\(withRetry\)$/);
  });

  it('reads the nearest package.json only: a workspace package without axios-retry keeps the helper', () => {
    const read: string[] = [];
    const title = preferredTitle(
      'file:///work/app/packages/dam/src/dam.ts',
      {
        'file:///work/app/package.json': manifest({ 'axios-retry': '^4.5.0' }),
        'file:///work/app/packages/dam/package.json': manifest({ axios: '^1.7.0' }),
      },
      read,
    );
    assert.match(title, /\(withRetry\)$/);
    assert.ok(!read.includes('file:///work/app/package.json'), read.join(', '));
  });

  it('without a project (a lone document), the helper', () => {
    const service = getLanguageService();
    const document = TextDocument.create('file:///work/lone.ts', 'typescript', 1, text);
    const diagnostic = service
      .doValidation(document, defaultSettings)
      .find((each) => (each.data as { status?: number } | undefined)?.status === 409);
    assert.ok(diagnostic);
    const titles = service
      .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
      .map((action) => action.title);
    assert.ok(
      titles.some((title) => title.endsWith('(withRetry)')),
      titles.join(' | '),
    );
  });
});
