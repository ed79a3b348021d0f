import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import type { ApiContract } from '../../server/src/service/contracts/model';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { codeDocument, validateSnippet } from '../helpers/codeTestSupport';

const DAM = 'https://api2.saleslayer.com/dam';

function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(
    (each) => `${each.code}:${(each.data as { status?: number }).status ?? '-'}:${each.severity}`,
  );
}

describe('unhandled-status and unchecked-response', () => {
  it('DELETE /image/{id} with only !res.ok: 409 warning, 500 information, 400/401/404 not reported', () => {
    const text = `async function remove(id: string) {\n  const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  if (!res.ok) throw new Error(\`delete failed: \${res.status}\`);\n}\n`;
    const diagnostics = validateSnippet(text);
    assert.deepEqual(summary(diagnostics), ['unhandled-status:409:2', 'unhandled-status:500:3']);
    const conflict = diagnostics[0]!;
    assert.equal(
      conflict.message,
      'DELETE /image/{id} can answer 409 Conflict (Sales Layer DAM: the image is being processed — retry later); this call does not handle it — its generic failure branch does not retry it.',
    );
    assert.equal(conflict.source, 'api-error-contracts');
    assert.equal(conflict.codeDescription?.href, 'https://docs.api.saleslayer.com/guides/errors');
    assert.deepEqual(
      { ...(conflict.data as object) },
      {
        status: 409,
        method: 'DELETE',
        path: '/image/{id}',
        apiId: 'saleslayer-dam',
        action: 'retry-later',
        title: 'Conflict',
        retryAfter: false,
        library: 'fetch',
        treatment: 'generic',
      },
    );
    // The callee and the URL argument, not the awaited expression or the init object.
    const document = codeDocument(text);
    assert.match(
      document.getText(conflict.range),
      /^fetch\(`https:\/\/api2\.saleslayer\.com\/dam\/image\/\$\{id\}`$/,
    );
  });

  it('a switch with case 409 that retries: no 409 diagnostic', () => {
    const text = `async function remove(id: string) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });
        switch (res.status) {
          case 204: return;
          case 409: await sleep(2 ** attempt * 1000); continue;
          case 500: case 502: await sleep(1000); continue;
          default: throw new Error(String(res.status));
        }
      }
    }`;
    assert.deepEqual(summary(validateSnippet(text)), []);
  });

  it('no status check and the response not returned: unchecked-response, once', () => {
    const diagnostics = validateSnippet(
      `async function remove(id: string) { await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }); }`,
    );
    assert.deepEqual(summary(diagnostics), ['unchecked-response:-:2']);
    assert.match(
      diagnostics[0]!.message as string,
      /^DELETE \/image\/\{id\} \(Sales Layer DAM\) can answer 400, 401, 404, 409, 500, but this call never looks at the response status/,
    );
  });

  it('the response returned to the caller: nothing', () => {
    assert.deepEqual(
      validateSnippet(
        `export function remove(id: string) { return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }); }`,
      ),
      [],
    );
  });

  it('statuses to fix the request are reported (information) when the code tests some statuses but has no failure branch', () => {
    const text = `const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }); if (res.status === 409) retry(); else if (res.status >= 500) backOff();`;
    assert.deepEqual(summary(validateSnippet(text)), [
      'unhandled-status:400:3',
      'unhandled-status:401:3',
      'unhandled-status:404:3',
    ]);
  });

  it('severity follows the action: documented back-off with Retry-After is a warning, a plain 502 information', () => {
    const text = `import axios from 'axios'; await axios.get(\`https://api.orders.test/v1/orders/\${orderId}\`);`;
    const diagnostics = validateSnippet(text);
    assert.deepEqual(summary(diagnostics), ['unhandled-status:502:3', 'unhandled-status:503:2']);
  });

  it('suppression comments for the next line and the same line, by status or rule', () => {
    const base = `const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });`;
    assert.deepEqual(
      summary(
        validateSnippet(
          `// api-error-contracts-ignore-next-line 409\n${base}\nif (!res.ok) throw new Error();`,
        ),
      ),
      ['unhandled-status:500:3'],
    );
    assert.deepEqual(
      summary(
        validateSnippet(
          `${base} // api-error-contracts-ignore 409, 500\nif (!res.ok) throw new Error();`,
        ),
      ),
      [],
    );
    assert.deepEqual(
      summary(validateSnippet(`// api-error-contracts-ignore-next-line\n${base}`)),
      [],
    );
    assert.deepEqual(
      summary(validateSnippet(`${base} // api-error-contracts-ignore unchecked-response`)),
      [],
    );
    // A marker inside a string is no comment.
    assert.deepEqual(
      summary(
        validateSnippet(
          `const s = "// api-error-contracts-ignore-next-line";\n${base}\nif (!res.ok) throw new Error();`,
        ),
      ),
      ['unhandled-status:409:2', 'unhandled-status:500:3'],
    );
  });

  it('the rules setting turns a rule off or sets its severity', () => {
    const text = `const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }); if (!res.ok) throw new Error();`;
    assert.deepEqual(validateSnippet(text, { rules: { 'unhandled-status': 'off' } }), []);
    assert.deepEqual(summary(validateSnippet(text, { rules: { 'unhandled-status': 'error' } })), [
      'unhandled-status:409:1',
      'unhandled-status:500:1',
    ]);
    assert.equal(
      validateSnippet(`await fetch("${DAM}/image/1", { method: 'DELETE' });`, {
        rules: { 'unchecked-response': 'off' },
      }).length,
      0,
    );
  });

  it('works in .js, .jsx and .tsx documents', () => {
    const text = `async function remove(id) { const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }); if (!res.ok) throw new Error(); }`;
    for (const extension of ['js', 'jsx', 'tsx']) {
      assert.deepEqual(
        summary(validateSnippet(text, {}, extension)),
        ['unhandled-status:409:2', 'unhandled-status:500:3'],
        extension,
      );
    }
    assert.equal(DiagnosticSeverity.Warning, 2);
  });
});

describe('a failure test against the success the operation documents', () => {
  const things: ApiContract = {
    id: 'things',
    name: 'Things',
    match: { hosts: ['api.things.example'], pathPrefixes: [], problemTypePrefixes: [] },
    payloadFormats: ['unknown'],
    statuses: [],
    operations: [
      {
        method: 'DELETE',
        path: '/things/{id}',
        statuses: [
          { key: '204', title: 'No Content', meaning: 'Deleted.', action: 'none' },
          { key: '404', title: 'Not Found', meaning: 'No such thing.', action: 'fix-request' },
          {
            key: '503',
            title: 'Service Unavailable',
            meaning: 'Down for maintenance.',
            action: 'back-off-and-retry',
          },
        ],
      },
    ],
    errorCodes: [],
    source: { kind: 'catalog' },
  };
  const service = getLanguageService({ contracts: createContractIndex([things]) });
  const check = (test: string) =>
    summary(
      service.doValidation(
        codeDocument(
          `export async function remove(id: string) {\n  const res = await fetch(\`https://api.things.example/things/\${id}\`, { method: 'DELETE' });\n  if (${test}) return 'failed';\n  return 'done';\n}\n`,
        ),
        defaultSettings,
      ),
    );

  it('`status !== 204` on a DELETE that answers 204 is a generic failure branch: 404 handled, 503 not retried', () => {
    assert.deepEqual(check('res.status !== 204'), ['unhandled-status:503:2']);
  });

  it('a test of another success tells no failure apart: every error status is unhandled', () => {
    assert.deepEqual(check('res.status === 201'), [
      'unhandled-status:404:3',
      'unhandled-status:503:2',
    ]);
  });
});
