import * as jsonc from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import {
  parseDocument,
  type JsonParsedDocument,
} from '../../server/src/service/documents/parsedDocument';
import { doPayloadValidation } from '../../server/src/service/payloads/payloadValidation';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { testApis } from '../../test/helpers/testApis';
import type { Workload } from '../workload';

const payloadCount = 20_000;

/** A fixture file of 20,000 error payloads of every shape, some of them broken, as an array of cases. */
function buildPayloadFile(): string {
  const cases: unknown[] = [];
  for (let i = 0; i < payloadCount; i++) {
    const id = i + 1;
    switch (i % 8) {
      case 0:
        cases.push({
          name: `delete ${id}`,
          response: {
            status: 409,
            body: {
              type: 'https://api.images.test/errors/conflict',
              title: 'Conflict',
              status: 409,
              detail: 'The image is being processed.',
              instance: `/images/${id}`,
            },
          },
        });
        break;
      case 1:
        cases.push({
          type: 'https://api.images.test/errors/forbidden',
          title: 'Forbidden',
          status: 403,
          instance: `/images/${id}`,
        });
        break;
      case 2:
        cases.push({
          errors: [
            {
              id: String(id),
              status: '404',
              code: 'not-found',
              title: 'Record Not Found',
              source: { pointer: '/data' },
            },
          ],
        });
        break;
      case 3:
        cases.push({
          data: null,
          errors: [{ status: 404, code: 'not-founds', source: { pointer: 'data' } }, {}],
        });
        break;
      case 4:
        cases.push({
          error_code: '111',
          error_type: 'auth',
          error_message: 'Authorization is required.',
          error_details: {},
        });
        break;
      case 5:
        cases.push({ type: 'about:blank', title: 'Busy', status: '409', detail: 'x' });
        break;
      case 6:
        cases.push({
          error: { code: 404, message: 'Not found.', status: 'NOT_FOUND', details: [] },
        });
        break;
      default:
        cases.push({ validationFailures: { name: ['is required'] }, meta: { case: id } });
    }
  }
  return JSON.stringify({ cases }, null, 2);
}

interface State {
  service: LanguageService;
  text: string;
  version: number;
  document: TextDocument;
}

function setup(): State {
  const text = buildPayloadFile();
  const service = getLanguageService({
    contracts: createContractIndex([...getBuiltinContracts(), ...testApis]),
  });
  const document = TextDocument.create('file:///bench/payloads.json', 'json', 1, text);
  return { service, text, version: 1, document };
}

// Each run sees a new version of the document, as after an edit: parse, recognise, identify, check.
function nextVersion(state: State): TextDocument {
  state.version++;
  return TextDocument.create(state.document.uri, 'json', state.version, state.text);
}

export const workloads: Workload[] = [
  {
    name: 'payloads: jsonc parseTree of 20,000 payloads (baseline)',
    iterations: 10,
    setup,
    run: (state: State) => jsonc.parseTree(state.text, [], { allowTrailingComma: true }),
  },
  {
    name: 'payloads: validation of 20,000 payloads after an edit (parse + recognise + rules)',
    baseline: 'payloads: jsonc parseTree of 20,000 payloads (baseline)',
    iterations: 10,
    setup,
    run: (state: State) => {
      const diagnostics = state.service.doValidation(nextVersion(state), defaultSettings);
      if (diagnostics.length === 0) throw new Error('expected diagnostics in the payload file');
      return diagnostics;
    },
  },
  {
    name: 'payloads: recognise + identify + rules on 20,000 payloads (parse excluded)',
    baseline: 'payloads: jsonc parseTree of 20,000 payloads (baseline)',
    iterations: 10,
    setup: () => {
      const state = setup();
      return { ...state, parsed: parseDocument(state.document) as JsonParsedDocument };
    },
    // A copy of the parse is a new cache key, so recognition runs again on the same tree.
    run: (state: State & { parsed: JsonParsedDocument }) =>
      doPayloadValidation(
        state.document,
        { ...state.parsed },
        {
          contracts: createContractIndex([...getBuiltinContracts(), ...testApis]),
          settings: defaultSettings,
        },
      ),
  },
  {
    name: 'payloads: hover on a status in the 20,000-payload file (parse cached)',
    iterations: 200,
    setup: () => {
      const state = setup();
      state.service.doValidation(state.document, defaultSettings);
      const offset = state.text.lastIndexOf('"status": 409') + '"status": '.length + 1;
      return { ...state, position: state.document.positionAt(offset) };
    },
    run: (state: State & { position: { line: number; character: number } }) => {
      const hover = state.service.doHover(state.document, state.position, defaultSettings);
      if (!hover) throw new Error('expected a hover');
      return hover;
    },
  },
  {
    name: 'payloads: completion after "status": in the 20,000-payload file (parse cached)',
    iterations: 200,
    setup: () => {
      const state = setup();
      const offset = state.text.lastIndexOf('"status": 409') + '"status": '.length;
      return { ...state, position: state.document.positionAt(offset) };
    },
    run: (state: State & { position: { line: number; character: number } }) =>
      state.service.doComplete(state.document, state.position, defaultSettings),
  },
];
