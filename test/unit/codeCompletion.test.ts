import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  InsertTextMode,
  type CompletionItem,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getLanguageService } from '../../server/src/service/languageService';
import { documentWithCursor } from '../helpers/cursor';

const service = getLanguageService();
const damDelete =
  'const res = await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: "DELETE" });';

function complete(text: string): CompletionItem[] {
  const { document, position } = documentWithCursor(text, 'typescript');
  return service.doComplete(document, position, defaultSettings)?.items ?? [];
}

function apply(text: string, item: CompletionItem): string {
  const { document } = documentWithCursor(text, 'typescript');
  return TextDocument.applyEdits(document, [
    item.textEdit as TextEdit,
    ...(item.additionalTextEdits ?? []),
  ]);
}

const sorted = (items: CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

describe('status completions after `case `', () => {
  it('offers the statuses DELETE /image/{id} documents, the unhandled first, with the DAM meaning', () => {
    const items = complete(
      `export async function remove(id: string) {\n  ${damDelete}\n  switch (res.status) {\n    case 404:\n      return;\n    case |\n  }\n  if (!res.ok) throw new Error('failed');\n}\n`,
    );
    assert.deepEqual(
      sorted(items).map((item) => item.label),
      ['409', '500', '400', '401'],
    );
    const conflict = items.find((item) => item.label === '409')!;
    assert.equal(conflict.detail, 'Conflict — retry later (not handled)');
    assert.match(
      (conflict.documentation as MarkupContent).value,
      /\*\*409 Conflict\*\* · Sales Layer DAM · `DELETE \/image\/\{id\}`/,
    );
    assert.match((conflict.documentation as MarkupContent).value, /being processed/);
    // 400 and 401 are handled by the generic branch: listed, after the unhandled ones.
    assert.doesNotMatch(items.find((item) => item.label === '400')!.detail!, /not handled/);
  });

  it('replaces the digits already typed', () => {
    const text = `async function remove(id: string) {\n  ${damDelete}\n  switch (res.status) {\n    case 40|\n  }\n}\n`;
    const item = complete(text).find((each) => each.label === '409')!;
    assert.match(apply(text, item), /case 409:\n/);
    // A colon already typed after the cursor is not doubled.
    const typedColon = text.replace('case 40|', 'case 40|:');
    const withColon = complete(typedColon).find((each) => each.label === '409')!;
    assert.match(apply(typedColon, withColon), /case 409:\n/);
  });

  it('answers nothing outside a status switch or for a call no contract knows', () => {
    assert.deepEqual(
      complete(
        `async function f(id: string) {\n  ${damDelete}\n  switch (id) {\n    case |\n  }\n}\n`,
      ),
      [],
    );
    assert.deepEqual(
      complete(
        'async function f() {\n  const res = await fetch("/somewhere");\n  switch (res.status) {\n    case |\n  }\n}\n',
      ),
      [],
    );
  });

  it('works in the axios catch shape', () => {
    const items = complete(
      `import axios from 'axios';\nasync function remove(id: string) {\n  try {\n    await axios.delete(\`https://api2.saleslayer.com/dam/image/\${id}\`);\n  } catch (error) {\n    if (!axios.isAxiosError(error)) throw error;\n    switch (error.response?.status) {\n      case |\n    }\n  }\n}\n`,
    );
    assert.ok(items.some((item) => item.label === '409'));
  });

  it('never throws on broken code', () => {
    for (const text of ['switch (|', 'case |', `${damDelete}\nswitch (res.status) { case |`, '|'])
      assert.doesNotThrow(() => complete(text));
  });
});

describe('the handler switch completion', () => {
  const text = `export async function remove(id: string): Promise<void> {\n  ${damDelete}\n  sw|\n}\n`;

  it('inserts a switch with a case per documented status, each doing what the contract says', () => {
    const item = complete(text).find((each) => each.label === 'switch (res.status)');
    assert.ok(item, 'offered after the response');
    assert.equal(item.detail, 'Handle every status DELETE /image/{id} documents (Sales Layer DAM)');
    // Its lines carry their indentation: a client must not indent them again.
    assert.equal(item.insertTextMode, InsertTextMode.asIs);
    // The whole document after the insertion: the file's double quotes, semicolons and two-space indent.
    assert.equal(
      apply(text, item),
      [
        // The error classes the retryable cases and the 401 throw come with them.
        '/** A status the API asks to retry, with the wait its `Retry-After` asks for. */',
        'class RetryableStatusError extends Error {',
        '  readonly status: number;',
        '  readonly retryAfter: string | null;',
        '',
        '  constructor(message: string, status: number, retryAfter: string | null) {',
        '    super(message);',
        '    this.name = "RetryableStatusError";',
        '    this.status = status;',
        '    this.retryAfter = retryAfter;',
        '  }',
        '}',
        '',
        '/** The API asks for new credentials before the request is sent again. */',
        'class AuthenticationRequiredError extends Error {',
        '  readonly status: number;',
        '  readonly operation: string;',
        '',
        '  constructor(message: string, status: number, operation: string) {',
        '    super(message);',
        '    this.name = "AuthenticationRequiredError";',
        '    this.status = status;',
        '    this.operation = operation;',
        '  }',
        '}',
        '',
        'export async function remove(id: string): Promise<void> {',
        `  ${damDelete}`,
        '  switch (res.status) {',
        '    case 400:',
        '      // 400 Bad Request: the delete request cannot be processed as sent.',
        '      throw new Error(`DELETE /image/{id} answered 400 Bad Request: ${await res.text()}`);',
        '    case 401:',
        '      // 401 Unauthorized: the request did not carry a valid API key.',
        '      throw new AuthenticationRequiredError(',
        '        "DELETE /image/{id} answered 401 Unauthorized: re-authenticate, then retry once",',
        '        401,',
        '        "DELETE /image/{id}",',
        '      );',
        '    case 404:',
        '      // 404 Not Found: the image does not exist, or the current tenant cannot see it.',
        '      throw new Error(`DELETE /image/{id} answered 404 Not Found: ${await res.text()}`);',
        '    case 409:',
        '      // 409 Conflict: the image is being processed — retry later.',
        '      throw new RetryableStatusError(',
        '        "DELETE /image/{id} answered 409 Conflict: retry later",',
        '        409,',
        '        res.headers.get("Retry-After"),',
        '      );',
        '    case 500:',
        '      // 500 Internal Server Error: something unexpected failed on the server side; this',
        '      // usually points to a temporary server problem rather than to an invalid request.',
        '      throw new RetryableStatusError(',
        '        "DELETE /image/{id} answered 500 Internal Server Error: retry later",',
        '        500,',
        '        res.headers.get("Retry-After"),',
        '      );',
        '    default:',
        '      if (!res.ok) throw new Error(`DELETE /image/{id} failed: ${res.status}`);',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves no unhandled-status on the call once inserted', () => {
    const item = complete(text).find((each) => each.label === 'switch (res.status)')!;
    const document = TextDocument.create(
      'file:///work/fixed.ts',
      'typescript',
      1,
      apply(text, item),
    );
    const before = service.doValidation(
      documentWithCursor(text.replace('sw|', '|'), 'typescript').document,
      defaultSettings,
    );
    assert.ok(before.some((d) => d.code === 'unhandled-status' || d.code === 'unchecked-response'));
    assert.deepEqual(
      service.doValidation(document, defaultSettings).map((d) => d.code),
      [],
    );
  });

  it('is not offered once the response has a status switch, nor before the call', () => {
    assert.ok(
      !complete(
        `async function f(id: string) {\n  ${damDelete}\n  switch (res.status) { case 409: return; }\n  |\n}\n`,
      ).some((each) => each.label.startsWith('switch')),
    );
    assert.ok(
      !complete(`async function f(id: string) {\n  |\n  ${damDelete}\n}\n`).some((each) =>
        each.label.startsWith('switch'),
      ),
    );
  });
});

describe('the handler switch completion for each client', () => {
  const url = '`https://api2.saleslayer.com/dam/image/${id}`';
  /** The switch item at the cursor, the document after it and what is still reported on the call. */
  function inserted(text: string, label: string): { output: string; remaining: string[] } {
    const item = complete(text).find((each) => each.label === label);
    assert.ok(
      item,
      `${label} among ${complete(text)
        .map((each) => each.label)
        .join(', ')}`,
    );
    const output = apply(text, item);
    const document = TextDocument.create('file:///work/fixed.ts', 'typescript', 1, output);
    return {
      output,
      remaining: service
        .doValidation(document, defaultSettings)
        .filter((d) => d.code === 'unhandled-status' || d.code === 'unchecked-response')
        .map((d) => (typeof d.message === 'string' ? d.message : d.message.value)),
    };
  }

  it('switches on a destructured status, adding the headers a retried case reads', () => {
    const { output, remaining } = inserted(
      `export async function remove(id: string): Promise<void> {\n  const { status } = await fetch(${url}, { method: "DELETE" });\n  sw|\n}\n`,
      'switch (status)',
    );
    assert.match(output, /const \{ status, headers \} = await fetch\(/);
    assert.match(output, /case 409:[^]*headers\.get\("Retry-After"\)/);
    assert.match(output, /default:\n {6}if \(status >= 300\) throw/);
    assert.deepEqual(remaining, []);
  });

  it("switches on openapi-fetch's response, adding it to the destructuring", () => {
    const { output, remaining } = inserted(
      `import createClient from "openapi-fetch";\nconst client = createClient({ baseUrl: "https://api2.saleslayer.com/dam" });\nexport async function remove(id: string): Promise<void> {\n  const { error } = await client.DELETE("/image/{id}", { params: { path: { id } } });\n  sw|\n  if (error) throw new Error(error.detail);\n}\n`,
      'switch (response.status)',
    );
    assert.match(output, /const \{ error, response \} = await client\.DELETE\(/);
    assert.match(output, /case 409:[^]*response\.headers\.get\("Retry-After"\)/);
    assert.deepEqual(remaining, []);
  });

  for (const [library, imports, guard, status] of [
    ['axios', 'import axios from "axios";', 'axios.isAxiosError(error)', 'error.response?.status'],
    [
      'ky',
      'import ky, { HTTPError } from "ky";',
      'error instanceof HTTPError',
      'error.response.status',
    ],
    ['got', 'import got from "got";', 'error instanceof HTTPError', 'error.response.statusCode'],
  ] as const) {
    it(`switches on the caught ${library} error's status inside its catch`, () => {
      const { output, remaining } = inserted(
        `${imports}\nexport async function remove(id: string): Promise<void> {\n  try {\n    await ${library}.delete(${url});\n  } catch (error) {\n    sw|\n    throw error;\n  }\n}\n`,
        `switch (${status})`,
      );
      assert.ok(
        output.includes(`    if (${guard}) {\n      switch (${status}) {\n        case 400:`),
        output,
      );
      if (library === 'got') assert.match(output, /^import got, \{ HTTPError \} from "got";/);
      assert.deepEqual(remaining, []);
    });
  }
});
