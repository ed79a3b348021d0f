import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { expandSnippet } from '../../server/src/service/code/codeActions/snippetText';
import { helperNeverRetried, helperRetryable } from '../../server/src/service/code/retryCoverage';
import { syntaxErrors, typeCheck } from '../helpers/inMemoryProgram';

const root = path.resolve(__dirname, '../..');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

interface SnippetContribution {
  language: string;
  path: string;
}

const contributions: SnippetContribution[] = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8'),
).contributes.snippets;

function readSnippets(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
}

function snippetsFor(language: string): Record<string, Snippet> {
  const contribution = contributions.find((entry) => entry.language === language);
  assert.ok(contribution, `no snippets contributed for ${language}`);
  return readSnippets(contribution.path);
}

function byPrefix(snippets: Record<string, Snippet>, prefix: string): Snippet {
  const snippet = Object.values(snippets).find((entry) => entry.prefix === prefix);
  assert.ok(snippet, `no snippet with prefix ${prefix}`);
  return snippet;
}

const stubs = readFileSync(path.join(root, 'test/fixtures/httpClients.d.ts'), 'utf8');

/** What a snippet needs around it to compile: declarations of the names its placeholders use. */
const contexts: Record<string, string> = {
  'fetch-retry':
    "import { fetchWithRetry } from './fetchWithRetry';\ndeclare const url: string;\nexport {};\n",
  'status-switch': 'declare const response: Response;\nexport {};\n',
};

describe('snippet files', () => {
  it('are contributed for every language the server serves, TS and JS each with their own file', () => {
    assert.deepEqual(
      Object.fromEntries(contributions.map((entry) => [entry.language, entry.path])),
      {
        typescript: './snippets/typescript.json',
        typescriptreact: './snippets/typescript.json',
        javascript: './snippets/javascript.json',
        javascriptreact: './snippets/javascript.json',
        json: './snippets/json.json',
        jsonc: './snippets/json.json',
      },
    );
  });

  it('are valid JSON whose entries each have a prefix, a description and a body', () => {
    for (const file of new Set(contributions.map((entry) => entry.path))) {
      const snippets = readSnippets(file);
      assert.ok(Object.keys(snippets).length > 0, file);
      for (const [name, snippet] of Object.entries(snippets)) {
        assert.equal(typeof snippet.prefix, 'string', `${file} ${name}`);
        assert.ok(snippet.description.length > 20, `${file} ${name} needs a description`);
        assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, `${file} ${name}`);
      }
    }
  });

  it('have prefixes unique among the snippets of each language', () => {
    for (const { language } of contributions) {
      const files = new Set(
        contributions.filter((entry) => entry.language === language).map((entry) => entry.path),
      );
      const prefixes = [...files].flatMap((file) =>
        Object.values(readSnippets(file)).map((snippet) => snippet.prefix),
      );
      assert.deepEqual(prefixes, [...new Set(prefixes)], `duplicate prefix for ${language}`);
    }
  });

  it('are what scripts/generateSnippets.mjs writes (run it after changing snippets/src)', async () => {
    const { generateSnippets } = (await import(
      pathToFileURL(path.join(root, 'scripts/generateSnippets.mjs')).href
    )) as {
      generateSnippets(): Promise<Record<string, string>>;
    };
    for (const [file, text] of Object.entries(await generateSnippets())) {
      assert.equal(readFileSync(path.join(root, file), 'utf8'), text, `${file} is stale`);
    }
  });

  it('insert the tested modules verbatim when the placeholders keep their defaults', () => {
    const typescript = snippetsFor('typescript');
    assert.equal(
      expandSnippet(byPrefix(typescript, 'fetch-retry-helper').body),
      readFileSync(path.join(root, 'snippets/src/retryHelper.ts'), 'utf8').trimEnd(),
    );
    assert.equal(
      expandSnippet(byPrefix(typescript, 'problem-json').body),
      readFileSync(path.join(root, 'snippets/src/problemDetails.ts'), 'utf8').trimEnd(),
    );
  });

  it('retry the statuses the analysis counts the retry helper as retrying, and never the others', () => {
    for (const snippets of [snippetsFor('typescript'), snippetsFor('javascript')]) {
      const helper = expandSnippet(byPrefix(snippets, 'fetch-retry-helper').body);
      assert.ok(helper.includes(`RETRYABLE_STATUSES = [${helperRetryable.join(', ')}]`), helper);
      assert.ok(helper.includes(`NEVER_RETRIED_STATUSES = [${helperNeverRetried.join(', ')}]`));
    }
  });

  it('offer the retry helper, the client configurations, the switch and the problem parser in TS and JS', () => {
    const expected = [
      'fetch-retry-helper',
      'fetch-retry',
      'axios-retry',
      'ky-retry',
      'got-retry',
      'status-switch',
      'problem-json',
    ];
    for (const language of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']) {
      assert.deepEqual(
        Object.values(snippetsFor(language)).map((snippet) => snippet.prefix),
        expected,
        language,
      );
    }
    assert.deepEqual(
      Object.values(snippetsFor('jsonc')).map((snippet) => snippet.prefix),
      ['problem-details', 'jsonapi-errors'],
    );
  });

  it('have TypeScript bodies that type-check with their placeholders filled (lib es2022 + dom, strict)', () => {
    const typescript = snippetsFor('typescript');
    const helper = expandSnippet(byPrefix(typescript, 'fetch-retry-helper').body);
    for (const snippet of Object.values(typescript)) {
      const prefix = snippet.prefix as string;
      const files = {
        '/virtual/httpClients.d.ts': stubs,
        '/virtual/fetchWithRetry.ts': helper,
        '/virtual/snippet.ts': (contexts[prefix] ?? '') + expandSnippet(snippet.body),
      };
      assert.deepEqual(typeCheck(files), [], `snippet ${prefix}`);
    }
    // The check bites: a misuse of the helper is reported.
    const misuse =
      "import { fetchWithRetry } from './fetchWithRetry';\nawait fetchWithRetry('/x', {}, { retryOn: ['409'] });\n";
    assert.match(
      typeCheck({ '/virtual/fetchWithRetry.ts': helper, '/virtual/misuse.ts': misuse }).join('\n'),
      /misuse\.ts:2: .*not assignable to type 'number'/,
    );
  });

  it('wait, in the axios-retry configuration, Retry-After delay-seconds and HTTP-dates, and back off on anything else', () => {
    // The inserted code, run with stand-ins for its two imports.
    const body = expandSnippet(byPrefix(snippetsFor('javascript'), 'axios-retry').body)
      .split('\n')
      .filter((line) => !line.startsWith('import '))
      .join('\n');
    type Options = { retryDelay(retryCount: number, error: unknown): number };
    let options: Options | undefined;
    const configure = new Function('axios', 'axiosRetry', 'isNetworkError', body) as (
      ...stand: unknown[]
    ) => void;
    configure(
      { create: () => ({}) },
      (_client: unknown, given: Options) => (options = given),
      () => false,
    );
    const delay = (header: string | undefined, retryCount = 1) =>
      options!.retryDelay(retryCount, {
        response: { headers: header === undefined ? {} : { 'retry-after': header } },
      });
    const random = Math.random;
    Math.random = () => 1;
    try {
      assert.equal(delay('1'), 1000);
      assert.equal(delay('7200'), 60_000);
      const inHalfAMinute = delay(new Date(Date.now() + 30_000).toUTCString());
      assert.ok(inHalfAMinute > 28_000 && inHalfAMinute <= 30_000, String(inHalfAMinute));
      // Date.parse reads '1.5' and '-1' as days of 2001: no wait, where the backoff is due.
      assert.equal(delay('1.5'), 250);
      assert.equal(delay('-1', 2), 500);
      assert.equal(delay(undefined), 250);
    } finally {
      Math.random = random;
    }
  });

  it('have JavaScript bodies free of TypeScript-only syntax', () => {
    const typescript = snippetsFor('typescript');
    for (const snippet of Object.values(snippetsFor('javascript'))) {
      const body = expandSnippet(snippet.body);
      assert.deepEqual(syntaxErrors('/virtual/snippet.js', body), [], `snippet ${snippet.prefix}`);
      // Sanity check that the check bites: the TS helper is not valid JavaScript.
      if (snippet.prefix === 'fetch-retry-helper') {
        assert.notDeepEqual(
          syntaxErrors(
            '/virtual/typed.js',
            expandSnippet(byPrefix(typescript, snippet.prefix).body),
          ),
          [],
        );
      }
    }
  });

  it('have JSON bodies that parse to the documented error shapes', () => {
    const json = snippetsFor('json');
    const problem = JSON.parse(expandSnippet(byPrefix(json, 'problem-details').body));
    assert.deepEqual(Object.keys(problem), ['type', 'title', 'status', 'detail', 'instance']);
    assert.equal(problem.status, 409);
    const jsonApi = JSON.parse(expandSnippet(byPrefix(json, 'jsonapi-errors').body));
    assert.equal(jsonApi.errors[0].status, '409');
    assert.equal(jsonApi.errors[0].source.pointer, '/data/attributes/environment');
  });
});

describe('expandSnippet', () => {
  it('fills placeholders with defaults, mirrors tabstops, takes the first choice and unescapes', () => {
    assert.equal(
      expandSnippet('${1:res}.status; $1; ${2|a,b|}; \\$x \\} \\\\; $0'),
      'res.status; res; a; $x } \\; ',
    );
    assert.equal(
      expandSnippet(['`${1:url}: \\${${2:res}.status}`', '$2']),
      '`url: ${res.status}`\nres',
    );
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2'), 'outer inner inner');
  });
});
