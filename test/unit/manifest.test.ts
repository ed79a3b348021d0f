import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  icon?: string;
  activationEvents: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited' };
    virtualWorkspaces?: { supported: boolean; description?: string };
  };
};

describe('the extension manifest', () => {
  it('works in Restricted Mode: nothing runs workspace code', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    // The server reads files from disk: a virtual workspace (GitHub repositories) has none.
    assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, false);
    assert.ok(manifest.capabilities?.virtualWorkspaces?.description);
  });

  it('does not start for every YAML file, only for workspaces with a config or an OpenAPI-looking file', () => {
    assert.ok(!manifest.activationEvents.includes('onLanguage:yaml'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:api-error-contracts.json'));
    assert.ok(
      manifest.activationEvents.some((event) => /^workspaceContains:.*openapi/.test(event)),
    );
  });

  it('has an icon the package ships', () => {
    assert.ok(manifest.icon && existsSync(path.join(root, manifest.icon)));
    assert.match(
      readFileSync(path.join(root, '.vscodeignore'), 'utf8'),
      new RegExp(`^!${manifest.icon}$`, 'm'),
    );
  });

  it('the example config keeps working when its folder is copied: no $schema outside it', () => {
    const config = parse(
      readFileSync(path.join(root, 'examples/api-error-contracts.json'), 'utf8'),
    ) as {
      $schema?: string;
    };
    assert.ok(config.$schema === undefined || !config.$schema.startsWith('..'), config.$schema);
  });
});
