import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
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
