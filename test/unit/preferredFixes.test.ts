import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as prettier from 'prettier';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { applyFixes } from '../../server/src/cli/applyFixes';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { cpuTimed } from '../helpers/cpuTime';
import { typeCheck } from '../helpers/inMemoryProgram';
import {
  fixtureTypeErrors,
  prettierOptions,
  readFixFixtures,
  type FixFixture,
} from '../helpers/fixFixtures';

// What `--fix` writes: the preferred quick fix of each finding (the one the editor's Ctrl+. menu
// marks preferred), re-checked pass after pass, as the command line applies it.

const isCallFinding = (diagnostic: Diagnostic): boolean =>
  diagnostic.code === 'unhandled-status' || diagnostic.code === 'unchecked-response';

/** The editor's preferred fixes for the findings of the document, by finding. */
function preferredFixes(
  service: LanguageService,
  document: TextDocument,
): { diagnostic: Diagnostic; action: CodeAction }[] {
  return service
    .doValidation(document, defaultSettings)
    .filter(isCallFinding)
    .flatMap((diagnostic) =>
      service
        .doCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, defaultSettings)
        .filter((action) => action.isPreferred)
        .map((action) => ({ diagnostic, action })),
    );
}

const fixed = (fixture: FixFixture): string =>
  applyFixes(fixture.service, fixture.document, defaultSettings);

describe('--fix on the fix fixtures: the preferred fix of each finding', () => {
  for (const fixture of readFixFixtures()) {
    it(fixture.name, async () => {
      const input = fixture.document.getText();
      const output = fixed(fixture);
      const before = preferredFixes(fixture.service, fixture.document);
      assert.ok(before.length > 0, 'the input has a finding with a preferred fix');
      assert.notEqual(output, input);

      // A status the editor prefers to retry is retried, not thrown as a RetryableStatusError.
      for (const { action } of before) {
        const retry = /^Retry ([\d, ]+) with backoff \((.+)\)$/.exec(action.title);
        if (!retry) continue;
        const mechanism = retry[2]!.replace(/'s retry option$/, '');
        assert.ok(output.includes(mechanism), `${action.title}: ${mechanism} is in the output`);
        for (const status of retry[1]!.split(', '))
          assert.doesNotMatch(output, new RegExp(`answered ${status} `), `${status} is retried`);
      }

      // A fixture whose case is that preferred retry gets exactly the editor's fix.
      const fixCase = JSON.parse(readFileSync(path.join(fixture.folder, 'case.json'), 'utf8')) as {
        action: string;
        preferred?: boolean;
      };
      if (fixCase.preferred === true && fixCase.action.startsWith('Retry')) {
        const expected = path.join(fixture.folder, `expected.${fixture.javascript ? 'js' : 'ts'}`);
        assert.ok(existsSync(expected));
        assert.equal(output, readFileSync(expected, 'utf8'));
      }

      // Re-checked, nothing is left that the editor would fix, and --fix again changes nothing.
      const document = TextDocument.create(
        fixture.document.uri,
        fixture.document.languageId,
        2,
        output,
      );
      assert.deepEqual(
        preferredFixes(fixture.service, document).map(
          ({ diagnostic, action }) => `${diagnostic.message} → ${action.title}`,
        ),
        [],
      );
      assert.equal(applyFixes(fixture.service, document, defaultSettings), output);

      assert.deepEqual(fixtureTypeErrors(fixture, output), [], 'the fixed file type-checks');
      const options = prettierOptions(input, fixture.javascript);
      assert.equal(
        await prettier.format(output, options),
        output,
        'the fixed file is Prettier-clean',
      );
    });
  }
});

/** `count` functions calling DELETE /image/{id} on the DAM, by fetch, axios and ky in turn, half never looking at the status. */
function manyCalls(count: number): string {
  const call = (i: number): string => {
    const url = `\`\${DAM_BASE}/image/\${id}\``;
    const head = `export async function remove${i}(id: string): Promise<`;
    switch (i % 4) {
      case 0:
        return `${head}void> {
  const res = await fetch(${url}, { method: 'DELETE' });
  if (!res.ok) throw new Error(\`delete failed: \${res.status}\`);
}
`;
      case 1:
        return `${head}string> {
  const res = await fetch(${url}, { method: 'DELETE' });
  return res.headers.get('Date') ?? '';
}
`;
      case 2:
        return `${head}void> {
  await axios.delete(${url});
}
`;
      default:
        return `${head}void> {
  await ky.delete(${url});
}
`;
    }
  };
  return `import axios from 'axios';
import ky from 'ky';

const DAM_BASE = 'https://api2.saleslayer.com/dam';

${Array.from({ length: count }, (_, i) => call(i)).join('\n')}`;
}

describe('--fix on a file of 1,000 calls', () => {
  it('retries the DAM 409 of every call, with each helper once, in one walk per pass', (t) => {
    const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
    const document = TextDocument.create('file:///work/many.ts', 'typescript', 1, manyCalls(1000));
    const before = service.doValidation(document, defaultSettings).filter(isCallFinding);
    assert.ok(before.length >= 1000);
    const { value: output, ms } = cpuTimed(() => applyFixes(service, document, defaultSettings));
    t.diagnostic(`1,000 calls (${before.length} findings) fixed in ${Math.round(ms)} ms of CPU`);

    assert.equal(output.match(/^async function fetchWithRetry\(/gm)?.length, 1);
    assert.equal(output.match(/^async function withRetry</gm)?.length, 1);
    assert.equal(output.match(/await fetchWithRetry\(/g)?.length, 500);
    assert.equal(output.match(/\{ retryOn: \[409, 500\] \}/g)?.length, 500);
    assert.equal(output.match(/await withRetry\(/g)?.length, 250);
    assert.equal(output.match(/retry: \{/g)?.length, 250, "ky's retry option");
    assert.doesNotMatch(output, /RetryableStatusError/);
    // The calls that never looked at the status get a branch for each status not retried.
    assert.equal(output.match(/if \(res\.status === 404\) \{/g)?.length, 250);

    const after = TextDocument.create(document.uri, document.languageId, 2, output);
    assert.deepEqual(service.doValidation(after, defaultSettings).filter(isCallFinding), []);
  });
});

describe('--fix on calls sharing a block', () => {
  const service = getLanguageService({ contracts: createContractIndex(getBuiltinContracts()) });
  const stubs = readFileSync(path.resolve(__dirname, '../fixtures/httpClients.d.ts'), 'utf8');
  const fix = (text: string): string =>
    applyFixes(
      service,
      TextDocument.create('file:///work/block.ts', 'typescript', 1, text),
      defaultSettings,
    );

  it('binds each dropped response to a name of its own', () => {
    const output = fix(`const DAM = 'https://api2.saleslayer.com/dam';

export async function removeBoth(): Promise<void> {
  await fetch(\`\${DAM}/image/1\`, { method: 'DELETE' });
  await fetch(\`\${DAM}/image/2\`, { method: 'DELETE' });
}
`);
    assert.match(output, /const response = await fetchWithRetry\(\n {4}`\$\{DAM\}\/image\/1`/);
    assert.match(output, /const response2 = await fetchWithRetry\(\n {4}`\$\{DAM\}\/image\/2`/);
    assert.match(output, /if \(response2\.status === 404\)/);
    assert.deepEqual(typeCheck({ '/virtual/block.ts': output }), []);
  });

  it("binds each openapi-fetch call's response and error to names of their own", () => {
    const output = fix(`import createClient from 'openapi-fetch';

const client = createClient({ baseUrl: 'https://api2.saleslayer.com/dam' });

export async function removeBoth(): Promise<void> {
  await client.DELETE('/image/{id}', { params: { path: { id: '1' } } });
  await client.DELETE('/image/{id}', { params: { path: { id: '2' } } });
}
`);
    assert.deepEqual(
      typeCheck({ '/virtual/httpClients.d.ts': stubs, '/virtual/block.ts': output }),
      [],
      output,
    );
    const after = TextDocument.create('file:///work/block.ts', 'typescript', 2, output);
    assert.deepEqual(
      service
        .doValidation(after, defaultSettings)
        .filter(isCallFinding)
        .map((d) => d.message),
      [],
    );
  });

  it('retries two calls of one statement, and a call in the URL of another, the outer first', () => {
    const output = fix(`const DAM = 'https://api2.saleslayer.com/dam';

export async function removeBoth(): Promise<void> {
  const [a, b] = await Promise.all([
    fetch(\`\${DAM}/image/1\`, { method: 'DELETE' }),
    fetch(\`\${DAM}/image/2\`, { method: 'DELETE' }),
  ]);
  if (!a.ok || !b.ok) throw new Error('failed');
}

export async function removeNested(): Promise<void> {
  const res = await fetch(
    \`\${DAM}/image/\${(await fetch(\`\${DAM}/image/x\`, { method: 'DELETE' })).status}\`,
    { method: 'DELETE' },
  );
  if (!res.ok) throw new Error('failed');
}
`);
    assert.equal(output.match(/fetchWithRetry\(/g)?.length, 5, output);
    assert.equal(output.match(/\{ retryOn: \[409, 500\] \}/g)?.length, 4);
    assert.deepEqual(typeCheck({ '/virtual/block.ts': output }), []);
  });
});
