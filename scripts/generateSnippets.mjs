// Writes snippets/*.json. The retry helper and the problem-details parser are real modules under
// snippets/src (compiled and run by the tests); their snippet bodies are generated from them so
// the tested code is the inserted code. JavaScript bodies are the TypeScript ones with the types
// stripped. `--check` fails when a snippet file differs from what would be written.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Literal text in a module → the snippet placeholder replacing it; each must occur once. */
const retryHelperPlaceholders = [
  ['maxAttempts = 4,', 'maxAttempts = ${1:4},'],
  ['baseDelayMs = 250,', 'baseDelayMs = ${2:250},'],
  ['maxDelayMs = 10_000,', 'maxDelayMs = ${3:10_000},'],
  ['maxRetryAfterMs = 60_000,', 'maxRetryAfterMs = ${4:60_000},'],
];

/** Snippets whose body is written here; the same body serves TypeScript and JavaScript. */
const codeSnippets = {
  'Fetch with retry': {
    prefix: 'fetch-retry',
    description:
      'Calls fetchWithRetry (insert it with fetch-retry-helper) for a request whose documented temporary statuses are retried; POST and PATCH are retried only with an Idempotency-Key header.',
    body: [
      "const ${1:response} = await fetchWithRetry(${2:url}, { method: '${3:DELETE}', signal: ${4:AbortSignal.timeout(30_000)} }, {",
      '  // Statuses the API documents as temporary, retried besides 408, 429, 500, 502, 503 and 504.',
      '  retryOn: [${5:409}],',
      '});',
      'if (!${1:response}.ok) {',
      '  throw new Error(`${3:DELETE} \\${${1:response}.url} failed with \\${${1:response}.status}`);',
      '}',
      '$0',
    ],
  },
  'axios-retry configuration': {
    prefix: 'axios-retry',
    description:
      'axios-retry on an axios instance: bounded retries of idempotent requests on 408, 429, 5xx and the statuses you name, Retry-After honoured, full-jitter backoff otherwise.',
    body: [
      "import axios from 'axios';",
      "import axiosRetry, { isNetworkError } from 'axios-retry';",
      '',
      "const ${1:client} = axios.create({ baseURL: '${2:https://api.example.com}' });",
      'axiosRetry(${1:client}, {',
      '  retries: ${3:3},',
      '  retryCondition: (error) => {',
      "    const method = (error.config?.method ?? 'get').toUpperCase();",
      '    const idempotent =',
      "      ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method) ||",
      "      ((method === 'POST' || method === 'PATCH') && Boolean(error.config?.headers.has('Idempotency-Key')));",
      '    const status = error.response?.status;',
      '    if (!idempotent) return false;',
      '    if (status === undefined) return isNetworkError(error);',
      '    // Never 400, 401, 403, 404 or 422: the same request fails again.',
      '    return [408, 429, 500, 502, 503, 504, ${4:409}].includes(status);',
      '  },',
      '  retryDelay: (retryCount, error) => {',
      "    const header = String(error.response?.headers['retry-after'] ?? '').trim();",
      "    // Delay-seconds, or an HTTP-date, which starts with its day name: Date.parse takes even '1.5' for a day of 2001.",
      '    const retryAfterMs = /^\\\\d+\\$/.test(header)',
      '      ? Number(header) * 1000',
      '      : /^[A-Z]/.test(header)',
      '        ? Date.parse(header) - Date.now()',
      '        : Number.NaN;',
      '    // Retry-After is taken exactly (up to a minute); otherwise exponential backoff with full jitter, capped.',
      '    if (!Number.isNaN(retryAfterMs)) return Math.min(Math.max(0, retryAfterMs), ${5:60_000});',
      '    return Math.random() * Math.min(${6:10_000}, ${7:250} * 2 ** (retryCount - 1));',
      '  },',
      '});',
      '$0',
    ],
  },
  'ky retry configuration': {
    prefix: 'ky-retry',
    description:
      'A ky instance retrying idempotent requests on 408, 429, 5xx and the statuses you name, Retry-After honoured up to a maximum, full-jitter backoff otherwise.',
    body: [
      "import ky from 'ky';",
      '',
      'const ${1:api} = ky.create({',
      '  retry: {',
      '    limit: ${2:3},',
      "    // Idempotent methods only; a client for POSTs carrying an Idempotency-Key may add 'post'.",
      "    methods: ['get', 'head', 'options', 'put', 'delete'],",
      '    statusCodes: [408, 429, 500, 502, 503, 504, ${3:409}],',
      '    afterStatusCodes: [408, 429, 500, 502, 503, 504, ${3:409}],',
      '    maxRetryAfter: ${4:60_000},',
      '    backoffLimit: ${5:10_000},',
      '    delay: (attemptCount) => Math.random() * Math.min(${5:10_000}, ${6:250} * 2 ** (attemptCount - 1)),',
      '  },',
      '});',
      '$0',
    ],
  },
  'got retry configuration': {
    prefix: 'got-retry',
    description:
      'A got instance retrying idempotent requests on 408, 429, 5xx and the statuses you name, Retry-After honoured up to a maximum, full-jitter backoff otherwise.',
    body: [
      "import got from 'got';",
      '',
      'const ${1:client} = got.extend({',
      '  retry: {',
      '    limit: ${2:3},',
      "    // Idempotent methods only; a client for POSTs carrying an Idempotency-Key may add 'POST'.",
      "    methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],",
      '    statusCodes: [408, 429, 500, 502, 503, 504, ${3:409}],',
      '    maxRetryAfter: ${4:60_000},',
      '    backoffLimit: ${5:10_000},',
      '    // 0 means no retry; a Retry-After wait is kept exact; otherwise full jitter on the capped backoff.',
      '    calculateDelay: ({ attemptCount, computedValue, retryAfter }) =>',
      '      computedValue === 0 || retryAfter !== undefined',
      '        ? computedValue',
      '        : Math.max(1, Math.random() * Math.min(${5:10_000}, ${6:250} * 2 ** (attemptCount - 1))),',
      '  },',
      '});',
      '$0',
    ],
  },
  'Status switch': {
    prefix: 'status-switch',
    description: 'A switch on a response status with one branch per client action.',
    body: [
      'switch (${1:response}.status) {',
      '  case 400:',
      '  case 404:',
      '  case 422:',
      '    // Fix the request: the body says what is wrong; sending it again fails again.',
      '    throw new Error(`Request rejected (\\${${1:response}.status}): \\${await ${1:response}.text()}`);',
      '  case 401:',
      '    // Re-authenticate: obtain valid credentials, then retry once.',
      "    throw new Error('Not authenticated');",
      '  case 403:',
      '    // Check permissions: the credentials are valid but lack the right; do not retry.',
      "    throw new Error('Not allowed');",
      '  case ${2:409}:',
      '  case 429:',
      '  case 503:',
      '    // Temporary: retry later with bounded attempts, honouring Retry-After.',
      "    throw new Error(`Temporarily unavailable (\\${${1:response}.status}), retry after \\${${1:response}.headers.get('Retry-After') ?? 'a backoff'}`);",
      '  default:',
      '    if (!${1:response}.ok) {',
      '      throw new Error(`Unexpected status \\${${1:response}.status}`);',
      '    }',
      '}',
      '$0',
    ],
  },
};

const jsonSnippets = {
  'Problem details document': {
    prefix: 'problem-details',
    description: 'An RFC 9457 problem details error document (application/problem+json).',
    body: [
      '{',
      '  "type": "${1:https://api.example.com/problems/image-processing}",',
      '  "title": "${2:Conflict}",',
      '  "status": ${3:409},',
      '  "detail": "${4:The image is still being processed; retry later.}",',
      '  "instance": "${5:/image/123}"',
      '}',
    ],
  },
  'JSON:API error document': {
    prefix: 'jsonapi-errors',
    description: 'A JSON:API error document with one error object.',
    body: [
      '{',
      '  "errors": [',
      '    {',
      '      "status": "${1:409}",',
      '      "code": "${2:environment-in-use}",',
      '      "title": "${3:Conflict}",',
      '      "detail": "${4:The environment is in use by another build.}",',
      '      "source": { "pointer": "${5:/data/attributes/environment}" }',
      '    }',
      '  ]',
      '}',
    ],
  },
};

/** Escapes text so a snippet inserts it literally. */
function escapeSnippetText(text) {
  return text.replace(/[\\$]/g, (character) => `\\${character}`);
}

function moduleSource(name) {
  return readFileSync(join(root, 'snippets/src', name), 'utf8');
}

/** The module's text as a snippet body, with the placeholders substituted. */
function moduleBody(source, placeholders = []) {
  let body = escapeSnippetText(source.trimEnd());
  for (const [literal, placeholder] of placeholders) {
    const escaped = escapeSnippetText(literal);
    const first = body.indexOf(escaped);
    if (first < 0 || body.indexOf(escaped, first + 1) >= 0) {
      throw new Error(`placeholder text must occur exactly once: ${literal}`);
    }
    body = body.replace(escaped, () => placeholder);
  }
  return body.split('\n');
}

async function toJavaScript(source) {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      removeComments: false,
    },
  });
  const config = (await prettier.resolveConfig(join(root, 'snippets/src/retryHelper.ts'))) ?? {};
  const formatted = await prettier.format(outputText, { ...config, parser: 'babel' });
  // The emitter drops blank lines; put one back between top-level declarations.
  const lines = formatted.split('\n');
  return lines
    .map((line, index) => {
      const previous = lines[index - 1];
      const separate =
        index > 0 && previous !== '' && line !== '' && (previous === '}' || line.startsWith('/**'));
      return separate ? `\n${line}` : line;
    })
    .join('\n');
}

function format(snippets) {
  return prettier.format(JSON.stringify(snippets, null, 2), { parser: 'json' });
}

/** The text of every snippet file, by path relative to the repository root. */
export async function generateSnippets() {
  const retryHelper = moduleSource('retryHelper.ts');
  const problemDetails = moduleSource('problemDetails.ts');
  const helperDescription =
    'fetchWithRetry: bounded retries of idempotent requests (POST/PATCH only with an Idempotency-Key) on 408, 429, 500, 502, 503, 504 and the statuses in retryOn, never 400/401/403/404/422; Retry-After honoured exactly up to a maximum, else exponential backoff with full jitter and a cap; honours the AbortSignal.';
  const problemDescription =
    'ProblemDetails type, isProblemDetails guard and readProblemDetails(response) for RFC 9457 application/problem+json bodies.';
  const typescript = {
    'Fetch retry helper': {
      prefix: 'fetch-retry-helper',
      description: helperDescription,
      body: moduleBody(retryHelper, retryHelperPlaceholders),
    },
    ...codeSnippets,
    'Problem details parser': {
      prefix: 'problem-json',
      description: problemDescription,
      body: moduleBody(problemDetails),
    },
  };
  const javascript = {
    'Fetch retry helper': {
      prefix: 'fetch-retry-helper',
      description: helperDescription,
      body: moduleBody(await toJavaScript(retryHelper), retryHelperPlaceholders),
    },
    ...codeSnippets,
    'Problem details parser': {
      prefix: 'problem-json',
      description: problemDescription,
      body: moduleBody(await toJavaScript(problemDetails)),
    },
  };
  return {
    'snippets/typescript.json': await format(typescript),
    'snippets/javascript.json': await format(javascript),
    'snippets/json.json': await format(jsonSnippets),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, text] of Object.entries(await generateSnippets())) {
    const file = join(root, path);
    let current;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      console.error(`${path} is out of date: run node scripts/generateSnippets.mjs`);
      stale++;
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${path}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
