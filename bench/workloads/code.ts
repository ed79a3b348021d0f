import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../common/settings';
import { doCodeValidation } from '../../server/src/service/code/codeValidation';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import {
  parseDocument,
  type CodeParsedDocument,
} from '../../server/src/service/documents/parsedDocument';
import {
  createParsedDocumentCache,
  type ParsedDocumentCache,
} from '../../server/src/service/documents/parsedDocumentCache';
import type { ServiceContext } from '../../server/src/service/serviceContext';
import type { Workload } from '../workload';

const callCount = 500;
const lineCount = 10_000;

/** One function of 20 lines around one call, in one of ten client and handling styles. */
function callSite(i: number): string[] {
  const url = `\`\${DAM_BASE}/image/\${id}\``;
  switch (i % 10) {
    case 0:
      return [
        `export async function remove${i}(id: string) {`,
        `  const res = await fetch(${url}, { method: 'DELETE' });`,
        `  if (!res.ok) throw new Error(\`failed \${res.status}\`);`,
        '}',
      ];
    case 1:
      return [
        `export async function remove${i}(id: string) {`,
        `  const res = await fetch(${url}, { method: 'DELETE' });`,
        '  switch (res.status) {',
        '    case 204: return;',
        '    case 409: await sleep(1000); return remove' + i + '(id);',
        '    default: throw new Error(String(res.status));',
        '  }',
        '}',
      ];
    case 2:
      return [
        `export async function remove${i}(id: string) {`,
        '  try {',
        `    await dam.delete(\`/image/\${id}\`);`,
        '  } catch (error) {',
        '    if (axios.isAxiosError(error) && error.response?.status === 409) return retryLater(id);',
        '    throw error;',
        '  }',
        '}',
      ];
    case 3:
      return [
        `export function remove${i}(id: string) {`,
        `  return fetch(${url}, { method: 'DELETE' });`,
        '}',
      ];
    case 4:
      return [
        `export async function remove${i}(id: string) {`,
        `  await ky.delete(\`https://api2.saleslayer.com/dam/image/\${id}\`);`,
        '}',
      ];
    case 5:
      return [
        `export async function remove${i}(id: string) {`,
        `  const { error, response } = await client.DELETE('/image/{id}', { params: { path: { id } } });`,
        '  if (response.status >= 500) return retryLater(id);',
        '  if (error) throw new Error(error.detail);',
        '}',
      ];
    case 6:
      return [
        `export async function remove${i}(id: string) {`,
        `  let res = await fetch(${url}, { method: 'DELETE' });`,
        '  for (let attempt = 0; attempt < 3 && RETRYABLE.has(res.status); attempt++) {',
        '    await sleep(attempt * 1000);',
        `    res = await fetch(${url}, { method: 'DELETE' });`,
        '  }',
        '  if (!res.ok) throw new Error(res.statusText);',
        '}',
      ];
    case 7:
      return [
        `export function remove${i}(id: string) {`,
        `  return fetch(${url}, { method: 'DELETE' }).then((res) => {`,
        '    if ([404, 409].includes(res.status)) return null;',
        '    if (!res.ok) throw new Error();',
        '    return res.json();',
        '  });',
        '}',
      ];
    case 8:
      return [
        `export async function list${i}() {`,
        "  const res = await fetch('https://images.example.com/image?top=10');",
        '  return res.json();',
        '}',
      ];
    default:
      return [
        `export async function remove${i}(id: string) {`,
        `  await got.delete(\`https://api2.saleslayer.com/dam/image/\${id}\`, { retry: { limit: 2, statusCodes: [409, 500] } });`,
        '}',
      ];
  }
}

/** A 10,000-line client module with 500 HTTP calls, padded with ordinary code between them. */
function buildClientFile(): string {
  const lines = [
    "import axios from 'axios';",
    "import ky from 'ky';",
    "import got from 'got';",
    "import createClient from 'openapi-fetch';",
    "const DAM_BASE = 'https://api2.saleslayer.com/dam';",
    'const dam = axios.create({ baseURL: DAM_BASE });',
    'const client = createClient({ baseUrl: DAM_BASE });',
    'const RETRYABLE = new Set([409, 500, 503]);',
    'declare function sleep(ms: number): Promise<void>;',
    'declare function retryLater(id: string): void;',
  ];
  const perCall = Math.floor((lineCount - lines.length) / callCount);
  for (let i = 0; i < callCount; i++) {
    const site = callSite(i);
    const padding = Math.max(0, perCall - site.length);
    lines.push(...site);
    for (let p = 0; p < padding; p++)
      lines.push(
        p % 3 === 0
          ? `const value${i}_${p} = compute(${p}, 'text', { key: ${i} });`
          : `// note ${i}.${p}: ordinary code between calls`,
      );
  }
  while (lines.length < lineCount) lines.push('// end');
  return lines.join('\n');
}

interface State {
  text: string;
  context: ServiceContext;
}

let version = 0;
const setup = (): State => ({
  text: buildClientFile(),
  context: {
    contracts: createContractIndex(getBuiltinContracts()),
    settings: normalizeSettings({}),
  },
});
// A new version each run: the parse and the analysis are cached per version.
const documentOf = (state: State) =>
  TextDocument.create('file:///bench/client.ts', 'typescript', ++version, state.text);

export const workloads: Workload[] = [
  {
    name: 'code: parse a 10,000-line TS file with 500 calls',
    // Many runs: collections of the previous runs' trees land in random iterations.
    iterations: 40,
    setup,
    run: (state: State) => parseDocument(documentOf(state)),
  },
  {
    name: 'code: parse + analyse + validate the same file',
    baseline: 'code: parse a 10,000-line TS file with 500 calls',
    iterations: 40,
    setup,
    run: (state: State) => {
      const document = documentOf(state);
      const parsed = parseDocument(document) as CodeParsedDocument;
      return doCodeValidation(document, parsed, state.context);
    },
  },
  {
    // What the editor does on each keystroke: the edited file parsed again (incrementally, reusing
    // what the edit did not touch), analysed and validated.
    name: 'code: edit → diagnostics of the same file (one character typed in a call)',
    baseline: 'code: parse a 10,000-line TS file with 500 calls',
    iterations: 40,
    setup: () => {
      const state = setup();
      const at = state.text.indexOf('remove250(');
      const documents = createParsedDocumentCache();
      documents.get(documentOf(state));
      return { ...state, at, documents, typed: false };
    },
    run: (state: State & { at: number; documents: ParsedDocumentCache; typed: boolean }) => {
      state.typed = !state.typed;
      const text = state.typed
        ? `${state.text.slice(0, state.at)}x${state.text.slice(state.at)}`
        : state.text;
      const document = TextDocument.create(
        'file:///bench/client.ts',
        'typescript',
        ++version,
        text,
      );
      const parsed = state.documents.get(document) as CodeParsedDocument;
      return doCodeValidation(document, parsed, state.context);
    },
  },
];
