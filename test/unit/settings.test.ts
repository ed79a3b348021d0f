import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import manifest from '../../package.json';
import { defaultSettings, normalizeSettings } from '../../common/settings';

// Settings read only by the client (the language client reads trace.server itself).
const clientOnly = new Set(['trace.server']);

describe('settings', () => {
  const properties = manifest.contributes.configuration.properties as Record<
    string,
    { default: unknown; scope?: string }
  >;
  const declared = Object.entries(properties)
    .map(([key, value]) => [key.replace(/^apiErrorContracts\./, ''), value] as const)
    .filter(([key]) => !clientOnly.has(key));

  it('declares in package.json exactly the keys and defaults the server uses', () => {
    assert.deepEqual(
      Object.fromEntries(declared.map(([key, value]) => [key, value.default])),
      flatten(defaultSettings),
    );
  });

  it('reads a dotted setting as VS Code sends it, nested', () => {
    assert.equal(normalizeSettings({ codeLens: { enable: false } }).codeLens.enable, false);
    assert.equal(normalizeSettings({ codeLens: { enable: 'no' } }).codeLens.enable, true);
  });

  it('gives every setting an explicit scope', () => {
    for (const [key, value] of Object.entries(properties))
      assert.ok(value.scope, `${key} has a scope`);
  });

  it('fills defaults for missing or mistyped values', () => {
    assert.deepEqual(normalizeSettings(undefined), defaultSettings);
    assert.deepEqual(normalizeSettings({ enable: 'yes' }), defaultSettings);
    assert.equal(normalizeSettings({ enable: false }).enable, false);
  });

  it('keeps what a wrapper entry says that is well-formed, and drops the rest of it', () => {
    const { wrappers } = normalizeSettings({
      wrappers: [
        {
          function: ' request ',
          method: 'delete',
          methodArgument: -1,
          baseUrl: '',
          api: 'saleslayer-dam',
          throws: 'no',
          handles: [409, '429', 700],
          retries: [503],
        },
        { method: 'GET' },
      ],
    });
    assert.deepEqual(wrappers, [
      {
        function: 'request',
        method: 'DELETE',
        urlArgument: 0,
        api: 'saleslayer-dam',
        throws: true,
        handles: [409],
        retries: [503],
      },
    ]);
  });
});

/** `{ codeLens: { enable: true } }` → `{ 'codeLens.enable': true }`, as package.json names them; empty maps (`apis: {}`) stay. */
function flatten(value: object, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, each]) =>
      typeof each === 'object' &&
      each !== null &&
      !Array.isArray(each) &&
      Object.keys(each).length > 0
        ? Object.entries(flatten(each as object, `${prefix}${key}.`))
        : [[`${prefix}${key}`, each]],
    ),
  );
}
