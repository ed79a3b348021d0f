import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { createWorkspaceContracts } from '../../server/src/workspace/workspaceContracts';
import { getWorkspaceContractIndex } from '../../server/src/workspace/workspaceContractIndex';
import { createWorkspaceFileSystem } from '../../server/src/workspace/workspaceFileSystem';
import { documentWithCursor } from '../helpers/cursor';

// A copy of the split fixture (every operation a file of its own, shared responses two folders
// up), configured the way a new user does: by the root, or by a glob over the whole folder.
describe('a description split over many files, in a workspace', () => {
  let folder: string;
  const uri = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-split-'));
    cpSync(path.resolve(__dirname, '../fixtures/openapi/split'), path.join(folder, 'spec'), {
      recursive: true,
    });
    writeFileSync(path.join(folder, 'spec/notes.yml'), 'owner: fleet team\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function load(config: object) {
    writeFileSync(path.join(folder, 'api-error-contracts.json'), JSON.stringify(config));
    const lines: string[] = [];
    const workspace = createWorkspaceContracts({ folders: [folder], log: (l) => lines.push(l) });
    await workspace.load();
    return { workspace, lines };
  }

  it('a glob over the folder loads the root and leaves its fragments alone; a file nothing reaches gets one information line', async () => {
    const { workspace, lines } = await load({ specs: ['spec/**/*.yml', 'spec/**/*.yaml'] });
    assert.deepEqual(
      workspace.getContracts().map((contract) => contract.name),
      ['Fleet API'],
    );
    const problems = workspace
      .getProblemUris()
      .flatMap((each) => workspace.getProblems(each).map((problem) => [each, problem]))
      .map(([each, problem]) => {
        const diagnostic = problem as { code?: unknown; severity?: unknown };
        return [
          path.relative(folder, new URL(each as string).pathname),
          diagnostic.code,
          diagnostic.severity,
        ];
      });
    assert.deepEqual(problems, [['spec/notes.yml', 'not-openapi', 3]]);
    assert.ok(
      lines.some((line) =>
        /^spec\/fleet\.v2\.yaml: 4 operations, 9 documented error responses, 11 files, read in \d+ ms$/.test(
          line,
        ),
      ),
      lines.join('\n'),
    );
  });

  it('a DELETE that only checks !res.ok gets the 429 warning in the words of the description, and the URL hover shows where it is described', async () => {
    const { workspace } = await load({ specs: ['spec/fleet.v2.yaml'] });
    const service = getLanguageService({ contracts: getWorkspaceContractIndex(workspace) });
    const text =
      "export async function destroy(id: number) {\n  const res = await fetch(`https://api.fleet.example/v2/mach|ines/${id}`, { method: 'DELETE' });\n  if (!res.ok) throw new Error(`delete failed: ${res.status}`);\n}\n";
    const { document, position } = documentWithCursor(text, 'typescript');
    const diagnostics = service.doValidation(document, defaultSettings);
    assert.deepEqual(
      diagnostics.map((each) => [each.code, each.severity]),
      [['unhandled-status', 2]],
    );
    assert.match(
      String(diagnostics[0]!.message),
      /^DELETE \/v2\/machines\/\{machine_id\} can answer 429 Too Many Requests \(Fleet API: the fleet's rate limit has been exceeded — back off and retry\); this call does not handle it/,
    );
    const hover = service.doHover(document, position, defaultSettings);
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\| 429 Too Many Requests \| back off and retry \| not handled/);
    assert.match(value, /- `default` — Something unexpected went wrong\./);
    assert.match(
      value,
      new RegExp(
        `Described in \\[machines_destroy\\.yml\\]\\(${uri('spec/resources/machines/machines_destroy.yml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\.`,
      ),
    );
  });

  it('the URL hover of an operation documenting only `default` says so and shows it', async () => {
    const { workspace } = await load({ specs: ['spec/fleet.v2.yaml'] });
    const service = getLanguageService({ contracts: getWorkspaceContractIndex(workspace) });
    const { document, position } = documentWithCursor(
      "const res = await fetch('https://api.fleet.example/v2/st|atus');\nif (!res.ok) throw new Error();\n",
      'typescript',
    );
    const value = (service.doHover(document, position, defaultSettings)?.contents as MarkupContent)
      .value;
    assert.match(
      value,
      /The description documents no error status for `GET \/v2\/status`; only `default`:\n\n- `default` — Something unexpected went wrong\./,
    );
    assert.match(
      value,
      /Described in \[fleet\.v2\.yaml\]\(.*\) at `#\/paths\/~1v2~1status\/get`\./,
    );
  });

  it('an edit of one fragment re-reads that fragment only, and the contract follows it', async () => {
    writeFileSync(
      path.join(folder, 'api-error-contracts.json'),
      '{ "specs": ["spec/fleet.v2.yaml"] }',
    );
    const disk = createWorkspaceFileSystem([folder]);
    const read: string[] = [];
    const workspace = createWorkspaceContracts({
      folders: [folder],
      fileSystem: { ...disk, readFile: (each) => (read.push(each), disk.readFile(each)) },
    });
    await workspace.load();
    const fragment = 'spec/shared/responses/too_many_requests.yml';
    const original = readFileSync(path.join(folder, fragment), 'utf8');
    try {
      writeFileSync(
        path.join(folder, fragment),
        original.replace("The fleet's rate limit has been exceeded.", 'Slow down.'),
      );
      read.length = 0;
      assert.equal(await workspace.filesChanged([uri(fragment)]), true);
      assert.deepEqual(read, [uri(fragment)]);
      const destroy = workspace
        .getContracts()[0]!
        .operations.find((operation) => operation.method === 'DELETE')!;
      assert.equal(destroy.statuses.find((status) => status.key === '429')!.meaning, 'Slow down.');
    } finally {
      writeFileSync(path.join(folder, fragment), original);
    }
  });

  it('a description without any error response gets a hint on its paths', async () => {
    writeFileSync(
      path.join(folder, 'spec/health.yaml'),
      'openapi: 3.0.0\ninfo:\n  title: Health\n  version: "1"\npaths:\n  /health:\n    get:\n      responses:\n        "200":\n          description: Up.\n',
    );
    try {
      const { workspace } = await load({ specs: ['spec/health.yaml'] });
      const problems = workspace.getProblems(uri('spec/health.yaml'));
      assert.deepEqual(
        problems.map((each) => [each.code, each.severity, each.range.start.line]),
        [['spec-no-error-responses', 4, 4]],
      );
      assert.match(
        String(problems[0]!.message),
        /None of this description's 1 operation documents an error response/,
      );
    } finally {
      rmSync(path.join(folder, 'spec/health.yaml'));
    }
  });
});
