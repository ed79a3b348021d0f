import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../server/src/service/languageService';
import { codeDocument, codeTestContracts, codeTestSettings } from '../helpers/codeTestSupport';

const service = getLanguageService({ contracts: codeTestContracts });

/** The resolved titles of a snippet's code lenses, by line. */
function lensTitles(text: string, raw: Record<string, unknown> = {}): [number, string][] {
  const document = codeDocument(text);
  const settings = codeTestSettings(raw);
  return service
    .doCodeLenses(document, settings)
    .map((lens) => service.resolveCodeLens(document, lens, settings))
    .map((lens) => [lens.range.start.line, lens.command?.title ?? '']);
}

const notOk = `const DAM_BASE = 'https://api2.saleslayer.com/dam';
export async function remove(id: string) {
  const res = await fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
  if (!res.ok) throw new Error(String(res.status));
}
`;

describe('code lens', () => {
  it('names the operation, its API, its documented statuses and those the call does not handle', () => {
    assert.deepEqual(lensTitles(notOk), [
      [2, 'DELETE /image/{id} · Sales Layer DAM · 5 documented · 409, 500 not handled'],
    ]);
  });

  it('leaves out a status a suppression comment ignores for the call, as its diagnostics do', () => {
    const ignored = notOk.replace(
      '  const res',
      '  // api-error-contracts-ignore-next-line 409\n  const res',
    );
    assert.deepEqual(lensTitles(ignored), [
      [3, 'DELETE /image/{id} · Sales Layer DAM · 5 documented · 500 not handled'],
    ]);
  });

  it('says when the status is never looked at, and when the response goes back to the caller', () => {
    const unchecked = `const DAM_BASE = 'https://api2.saleslayer.com/dam';
export async function remove(id: string) {
  await fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
}
export function raw(id: string) {
  return fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
}
`;
    assert.deepEqual(
      lensTitles(unchecked).map(([, title]) => title.split(' · ').pop()),
      ['status never checked', 'response handed to the caller'],
    );
  });

  it('is left out when apiErrorContracts.codeLens.enable is off, and for calls to no known API', () => {
    assert.deepEqual(lensTitles(notOk, { codeLens: { enable: false } }), []);
    assert.deepEqual(
      lensTitles(`export const get = () => fetch('https://unknown.example.org/things');\n`),
      [],
    );
  });

  it('gives a lens whose call is gone an empty title rather than a wrong one', () => {
    const document = codeDocument(notOk);
    const settings = codeTestSettings();
    const [lens] = service.doCodeLenses(document, settings);
    const moved = { ...lens!, data: { uri: document.uri, offset: 1 } };
    assert.equal(service.resolveCodeLens(document, moved, settings).command?.title, '');
  });
});
