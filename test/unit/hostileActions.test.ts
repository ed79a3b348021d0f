import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { cpuTimed } from '../helpers/cpuTime';

const service = getLanguageService();

// Each function's call leaves the DAM's 409 and 500 unhandled: two diagnostics a call.
const fn = (i: number) =>
  `export async function del${i}(id: string) {\n  const r = await fetch(\`https://api2.saleslayer.com/dam/image/\${id}\`, { method: 'DELETE' });\n  if (!r.ok) throw new Error();\n}\n`;
// Under the million characters past which a file is not checked.
const calls = 5000;
const document = TextDocument.create(
  'file:///p/many.ts',
  'typescript',
  1,
  Array.from({ length: calls }, (_, i) => fn(i)).join(''),
);
const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

// The bounds are far above what these take (a few hundred ms) and far below what they took
// when quadratic (fix all on 4,000 calls: 3.8 s; 8,000 diagnostics at once: 26 s), so that they
// fail only on a return of the quadratic work.
describe(`code actions on a file of ${calls} calls`, () => {
  const diagnostics = service.doValidation(document, defaultSettings);

  it('has the two diagnostics of each call', () => {
    assert.equal(diagnostics.length, 2 * calls);
  });

  it('computes fix all in time linear in the calls', () => {
    const { value, ms } = cpuTimed(() =>
      service.doCodeActions(
        document,
        zero,
        { diagnostics: [], only: ['source.fixAll'] },
        defaultSettings,
      ),
    );
    assert.equal(value.length, 1);
    const edits = Object.values(value[0]!.edit!.changes!)[0]!;
    assert.ok(edits.length >= calls, `${edits.length} edits`);
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });

  it('answers Ctrl+. with every diagnostic of the file sent at once', () => {
    const { value, ms } = cpuTimed(() =>
      service.doCodeActions(document, zero, { diagnostics }, defaultSettings),
    );
    assert.ok(
      value.some((action) => action.title === 'Handle every documented status in this file'),
      JSON.stringify(value.map((action) => action.title)),
    );
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });

  it('leaves fix all unresolved for a client that resolves: Ctrl+. does not compute it per request', () => {
    const one = diagnostics[10]!;
    const eager = service.doCodeActions(
      document,
      one.range,
      { diagnostics: [one] },
      defaultSettings,
    );
    const lazy = service.doCodeActions(
      document,
      one.range,
      { diagnostics: [one] },
      defaultSettings,
      { resolveFileWide: true },
    );
    const title = 'Handle every documented status in this file';
    const unresolved = lazy.find((action) => action.title === title);
    assert.ok(unresolved, lazy.map((action) => action.title).join(' | '));
    // No edit: none of the edits for each of the 5,000 calls was computed.
    assert.equal(unresolved.edit, undefined);
    // The per-call fixes are the same either way.
    assert.deepEqual(
      lazy.filter((action) => action !== unresolved),
      eager.filter((action) => action.title !== title),
    );
    const resolved = service.resolveCodeAction(document, unresolved, defaultSettings);
    assert.deepEqual(resolved.edit, eager.find((action) => action.title === title)!.edit);
  });

  it('answers completion without a walk of the file per call', () => {
    const { ms } = cpuTimed(() =>
      service.doComplete(document, { line: 2, character: 2 }, defaultSettings),
    );
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });
});

describe('a forged diagnostic', () => {
  const small = TextDocument.create('file:///p/one.ts', 'typescript', 1, fn(0));
  const forged = {
    range: { start: { line: 1, character: 18 }, end: { line: 1, character: 90 } },
    code: 'unchecked-response',
    source: 'api-error-contracts',
    message: 'forged',
    data: {
      method: 'DELETE',
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      statuses: Array.from({ length: 1000 }, (_, i) => 100 + (i % 500)),
    },
  };

  it('sent 20,000 times, naming 500 statuses each, is read for the first diagnostics only', () => {
    const many = {
      ...forged,
      data: { ...forged.data, statuses: forged.data.statuses.slice(0, 500) },
    };
    const { value, ms } = cpuTimed(() =>
      service.doCodeActions(
        small,
        forged.range,
        { diagnostics: Array(20_000).fill(many) },
        defaultSettings,
      ),
    );
    // The call's own fixes, once, whatever the forged diagnostics asked for.
    assert.deepEqual(
      value.map((action) => action.title),
      [
        'Handle 400 Bad Request (before the `r.ok` check)',
        'Handle all documented statuses of DELETE /image/{id}',
        'Handle 401 Unauthorized (before the `r.ok` check)',
        'Handle 404 Not Found (before the `r.ok` check)',
        'Retry 409, 500 with backoff (fetchWithRetry)',
        'Handle 409 Conflict (before the `r.ok` check)',
        'Handle 500 Internal Server Error (before the `r.ok` check)',
        'Handle every documented status in this file',
      ],
    );
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });

  it('naming more statuses than HTTP has is not ours: no fix', () => {
    const huge = {
      ...forged,
      data: { ...forged.data, statuses: Array.from({ length: 100_000 }, () => 409) },
    };
    const titles = service
      .doCodeActions(small, forged.range, { diagnostics: [huge] }, defaultSettings)
      .map((action) => action.title);
    assert.ok(!titles.some((title) => title.startsWith('Handle 409')), titles.join(' | '));
  });

  it('with a forged data on a file-wide action to resolve is returned as it came', () => {
    for (const data of [
      undefined,
      'x'.repeat(1_000_000),
      [1, 2],
      { resolve: 'api-error-contracts.fix-all', uri: 'file:///p/other.ts' },
      { resolve: 'api-error-contracts.fix-all', uri: { toString: 'file:///p/one.ts' } },
    ]) {
      const action = { title: 'Handle every documented status in this file', data };
      assert.deepEqual(service.resolveCodeAction(small, action, defaultSettings), action);
    }
  });

  it('naming 1,000 statuses, sent 100 times, gets one fix per status and call', () => {
    const { value, ms } = cpuTimed(() =>
      service.doCodeActions(
        small,
        forged.range,
        { diagnostics: Array(100).fill(forged) },
        defaultSettings,
      ),
    );
    const titles = value.map((action) => action.title);
    assert.equal(new Set(titles).size, titles.length);
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });
});

describe('fix all on a cancelled request', () => {
  const calls = 2000;
  const document = TextDocument.create(
    'file:///p/cancelled.ts',
    'typescript',
    1,
    Array.from({ length: calls }, (_, i) => fn(i)).join(''),
  );
  const diagnostics = service.doValidation(document, defaultSettings);

  it('stops computing the edits once the request is cancelled', () => {
    let checks = 0;
    // Cancelled after the first look: the edits of the first calls are made, no more.
    const token = {
      get isCancellationRequested() {
        return ++checks > 1;
      },
    };
    const [unresolved] = service.doCodeActions(
      document,
      zero,
      { diagnostics: [], only: ['source.fixAll'] },
      defaultSettings,
      { resolveFileWide: true },
    );
    assert.ok(unresolved && !unresolved.edit);
    const cancelled = service.resolveCodeAction(document, unresolved, defaultSettings, token);
    assert.deepEqual(cancelled.edit?.changes?.[document.uri], []);
    assert.ok(checks >= 2 && checks < calls / 32, `${checks} checks`);
    const resolved = service.resolveCodeAction(document, unresolved, defaultSettings, {
      isCancellationRequested: false,
    });
    assert.ok((resolved.edit?.changes?.[document.uri]?.length ?? 0) >= calls);
    assert.ok(diagnostics.length === 2 * calls);
  });
});
