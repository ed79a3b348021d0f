import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { listCheckedFiles } from '../../server/src/node/checkedFiles';
import { createWorkspaceContracts } from '../../server/src/workspace/workspaceContracts';
import { createWorkspaceFileSystem } from '../../server/src/workspace/workspaceFileSystem';

/** An OpenAPI document titled `title`, so that a loaded contract says which file it came from. */
const spec = (title: string) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title, version: '1' },
    paths: { '/things': { get: { responses: { 404: { description: 'No such thing.' } } } } },
  });

function writeFiles(folder: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  }
}

describe('the workspace file system', () => {
  let base: string;
  let workspace: string;
  const uri = (relative: string) => pathToFileURL(path.join(workspace, relative)).href;
  before(() => {
    base = mkdtempSync(path.join(tmpdir(), 'aec-fs-'));
    workspace = path.join(base, 'workspace');
    writeFiles(base, {
      'outside/secret.json': spec('Outside'),
      'workspace/api/openapi.json': spec('Inside'),
    });
    symlinkSync(path.join(base, 'outside/secret.json'), path.join(workspace, 'api/linked.json'));
    symlinkSync(path.join(base, 'outside'), path.join(workspace, 'linked-folder'), 'dir');
    symlinkSync(path.join(workspace, 'api/openapi.json'), path.join(workspace, 'alias.json'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a symbolic link inside the workspace that points outside it, for reading, sniffing, stat and walking', async () => {
    const fileSystem = createWorkspaceFileSystem([workspace]);
    const outside = /^it is outside the workspace, which is never read$/;
    await assert.rejects(fileSystem.readFile(uri('api/linked.json')), { message: outside });
    await assert.rejects(fileSystem.readHead(uri('api/linked.json'), 64), { message: outside });
    await assert.rejects(fileSystem.stat(uri('api/linked.json')), { message: outside });
    await assert.rejects(fileSystem.readFile(uri('linked-folder/secret.json')), {
      message: outside,
    });
    await assert.rejects(fileSystem.walk(uri('linked-folder'), { extensions: ['.json'] }), {
      message: outside,
    });
    await assert.rejects(fileSystem.readFile(uri('../outside/secret.json')), { message: outside });
    // The walk follows no symbolic link: neither the ones leading out nor the one within.
    assert.deepEqual(await fileSystem.walk(uri(''), { extensions: ['.json'] }), {
      files: ['api/openapi.json'],
      truncated: false,
    });
    // A link that stays inside the workspace is read like the file it names.
    assert.match(await fileSystem.readHead(uri('alias.json'), 64), /^\{"openapi":"3\.0\.3"/);
    assert.equal(await fileSystem.stat(uri('api')), 'folder');
    assert.equal(await fileSystem.stat(uri('api/missing.json')), undefined);
  });

  it('leaves the document behind the link out of the workspace contracts', async () => {
    const contracts = createWorkspaceContracts({ folders: [workspace] });
    await contracts.load();
    assert.deepEqual(
      contracts.getContracts().map((contract) => contract.name),
      ['Inside'],
    );
  });
});

describe('the CLI and the workspace loader', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-listing-'));
    writeFiles(folder, {
      'api-error-contracts.json': '{ "ignore": ["generated"] }',
      'api/openapi.json': spec('api/openapi.json'),
      'api/client.ts': "await fetch('https://api.example.com/things');\n",
      'api/v2/openapi.json': spec('api/v2/openapi.json'),
      'node_modules/some-lib/openapi.json': spec('node_modules/some-lib/openapi.json'),
      'node_modules/some-lib/index.js': "fetch('https://api.example.com/things');\n",
      '.cache/openapi.json': spec('.cache/openapi.json'),
      '.cache/client.ts': "await fetch('https://api.example.com/things');\n",
      'generated/openapi.json': spec('generated/openapi.json'),
      'generated/client.ts': "await fetch('https://api.example.com/things');\n",
    });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('see the same files: none in node_modules, dot-folders or folders the config ignores', async () => {
    const fileSystem = createWorkspaceFileSystem([folder]);
    const listed = await listCheckedFiles(fileSystem, folder, ['.']);
    assert.ok('files' in listed);
    const checked = listed.files.map((file) =>
      path.relative(folder, file).split(path.sep).join('/'),
    );
    assert.deepEqual(checked, [
      'api-error-contracts.json',
      'api/client.ts',
      'api/openapi.json',
      'api/v2/openapi.json',
    ]);
    const workspace = createWorkspaceContracts({ folders: [folder], fileSystem });
    await workspace.load();
    // Each spec is titled with its path: the loader discovered exactly the specs the CLI checks.
    assert.deepEqual(
      workspace
        .getContracts()
        .map((contract) => contract.name)
        .sort(),
      checked.filter((file) => file.endsWith('/openapi.json')),
    );
    const sub = await listCheckedFiles(fileSystem, folder, ['api/v2', 'generated']);
    assert.deepEqual('files' in sub && sub.files.map((file) => path.relative(folder, file)), [
      path.join('api', 'v2', 'openapi.json'),
    ]);
  });

  it('the CLI refuses a path outside the workspace and one that does not exist, and lists the rest', async () => {
    const fileSystem = createWorkspaceFileSystem([folder]);
    const listed = await listCheckedFiles(fileSystem, folder, ['..', 'missing', 'api/v2']);
    assert.deepEqual(listed.problems, [
      {
        path: '..',
        message:
          "it is outside the workspace, which is never read; run the CLI from the project's root",
      },
      { path: 'missing', message: 'no such file or folder' },
    ]);
    assert.deepEqual(
      listed.files.map((file) => path.relative(folder, file)),
      [path.join('api', 'v2', 'openapi.json')],
    );
  });
});
