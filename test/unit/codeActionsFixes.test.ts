import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../common/protocol';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { typeCheck } from '../helpers/inMemoryProgram';

// Each folder of test/fixtures/fixes holds input.ts (or .js), case.json naming the call, the
// status and the title of the fix to apply, and expected.ts: the whole document after the fix.
// UPDATE_FIXTURES=1 rewrites the expected files; review the diff.

interface FixCase {
  /** Text at the start of the call the diagnostic is on. */
  call: string;
  status: number;
  /** Further statuses of the same call without a handler. */
  also?: number[];
  /** The start of the title of the action to apply. */
  action: string;
}

const fixturesRoot = path.resolve(__dirname, '../fixtures/fixes');
const update = process.env.UPDATE_FIXTURES === '1';
const contracts = createContractIndex(getBuiltinContracts());
const service = getLanguageService({ contracts });
const dam = contracts.getApi('saleslayer-dam');
const stubs = readFileSync(
  path.resolve(__dirname, '../fixtures/snippets/httpClients.d.ts'),
  'utf8',
);
const log = readFileSync(path.join(fixturesRoot, 'log.ts'), 'utf8');

function applyEdits(document: TextDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits && edits.length > 0, `${action.title} has no edits`);
  return TextDocument.applyEdits(document, edits);
}

/** The diagnostic the code analysis reports on the call, with the quick-fix data it carries. */
function unhandled(document: TextDocument, call: string, status: number): Diagnostic {
  const start = document.getText().indexOf(call);
  assert.ok(start >= 0, `no ${call} in the input`);
  assert.ok(dam, 'the DAM catalog is built in');
  const operation = dam.operations.find(
    (candidate) => candidate.method === 'DELETE' && candidate.path === '/image/{id}',
  );
  const contract = contracts.resolveStatus(dam, operation, status);
  assert.ok(contract, `DELETE /image/{id} documents ${status}`);
  return {
    range: { start: document.positionAt(start), end: document.positionAt(start + call.length) },
    severity: 2,
    source: diagnosticSource,
    code: 'unhandled-status',
    message: `${status} is not handled`,
    data: {
      status,
      method: 'DELETE',
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      action: contract.action,
    },
  };
}

function realUnhandled(document: TextDocument): Diagnostic[] {
  return service
    .doValidation(document, defaultSettings)
    .filter((diagnostic) => diagnostic.code === 'unhandled-status');
}

describe('quick fixes for unhandled-status (fixtures)', () => {
  for (const name of readdirSync(fixturesRoot).filter((entry) =>
    existsSync(path.join(fixturesRoot, entry, 'case.json')),
  )) {
    it(name, () => {
      const folder = path.join(fixturesRoot, name);
      const javascript = existsSync(path.join(folder, 'input.js'));
      const extension = javascript ? 'js' : 'ts';
      const fixCase = JSON.parse(readFileSync(path.join(folder, 'case.json'), 'utf8')) as FixCase;
      const input = readFileSync(path.join(folder, `input.${extension}`), 'utf8');
      const document = TextDocument.create(
        `file:///work/fixes/${name}/input.${extension}`,
        javascript ? 'javascript' : 'typescript',
        1,
        input,
      );
      const diagnostics = [fixCase.status, ...(fixCase.also ?? [])].map((status) =>
        unhandled(document, fixCase.call, status),
      );
      const actions = service.doCodeActions(
        document,
        diagnostics[0].range,
        { diagnostics },
        defaultSettings,
      );
      const action = actions.find((candidate) => candidate.title.startsWith(fixCase.action));
      assert.ok(
        action,
        `no "${fixCase.action}…" among: ${actions.map((candidate) => candidate.title).join(' | ')}`,
      );
      const output = applyEdits(document, action);

      const expectedPath = path.join(folder, `expected.${extension}`);
      if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, output);
      assert.equal(output, readFileSync(expectedPath, 'utf8'));

      const files = {
        '/virtual/httpClients.d.ts': stubs,
        '/virtual/log.ts': log,
        [`/virtual/input.${extension}`]: output,
      };
      assert.deepEqual(typeCheck(files), [], 'the fixed file type-checks');

      // Once the code analysis reports the status on the input, the fix must make it go away.
      const before = realUnhandled(document).filter(
        (diagnostic) => (diagnostic.data as { status: number }).status === fixCase.status,
      );
      if (before.length > 0) {
        const after = realUnhandled(
          TextDocument.create(document.uri, document.languageId, 2, output),
        );
        assert.deepEqual(
          after.filter(
            (diagnostic) => (diagnostic.data as { status: number }).status === fixCase.status,
          ),
          [],
          `${fixCase.status} is still reported after "${action.title}"`,
        );
      }
    });
  }
});
