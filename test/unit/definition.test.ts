import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LocationLink } from 'vscode-languageserver-types';
import { normalizeSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { loadOpenApiDocument } from '../../server/src/service/openapi/loadOpenApiDocument';
import { toOpenApiContract } from '../../server/src/service/openapi/openApiContract';
import type { SpecFile } from '../../server/src/service/openapi/specFile';
import { documentWithCursor } from '../helpers/cursor';

const root = 'file:///work/project';
const specUri = `${root}/openapi/images.yaml`;
const problemUri = `${root}/openapi/shared/problem.yaml`;
const files: Record<string, string> = {
  [specUri]: `openapi: 3.0.3
info:
  title: Image Store
  version: "1.0"
servers:
  - url: https://images.example.com/v1
paths:
  /images/{id}:
    get:
      responses:
        "200":
          description: The image.
    delete:
      operationId: deleteImage
      responses:
        "204":
          description: Deleted.
        "409":
          description: Still being processed.
          content:
            application/problem+json:
              schema:
                $ref: "./shared/problem.yaml#/Problem"
        "500":
          $ref: "#/components/responses/ServerError"
components:
  responses:
    ServerError:
      description: Something broke.
`,
  [problemUri]: `Problem:
  type: object
  properties:
    title: { type: string }
`,
};

const settings = normalizeSettings(undefined);
let service: LanguageService;

before(async () => {
  const cache = new Map<string, SpecFile>();
  const loaded = await loadOpenApiDocument(
    specUri,
    {
      async readFile(uri) {
        const text = files[uri];
        if (text === undefined) throw new Error(`${uri} does not exist`);
        return text;
      },
    },
    { cache },
  );
  const contract = toOpenApiContract(loaded);
  assert.ok(contract);
  service = getLanguageService({
    contracts: createContractIndex([contract, ...getBuiltinContracts()]),
    specLocator: {
      locate(uri, pointer) {
        const file = cache.get(uri);
        const range = file?.rangeAt(pointer);
        return range && { range, selectionRange: file!.rangeAt(pointer, true) ?? range };
      },
    },
  });
});

let version = 0;

function definition(text: string, languageId: string, uri?: string): LocationLink[] | null {
  const { document, position } = documentWithCursor(text, languageId, uri);
  // Each call is a new version of the document, as an edit would be, so it is parsed afresh.
  const edited = TextDocument.create(document.uri, languageId, ++version, document.getText());
  return service.doDefinition(edited, position, settings);
}

/** The target's selection as `file line:column` (1-based) and the text of the line it starts on. */
function landing(link: LocationLink): string {
  const line = link.targetSelectionRange.start.line;
  const text = files[link.targetUri]?.split('\n')[line]?.trim() ?? '';
  return `${link.targetUri.slice(root.length + 1)} ${line + 1}:${link.targetSelectionRange.start.character + 1} ${text}`;
}

describe('go to definition', () => {
  it("from a call's URL to the operation's key in the spec, with the whole operation for peek", () => {
    const links = definition(
      "const res = await fetch(`https://images.example.com/v1/ima|ges/${id}`, { method: 'DELETE' });",
      'typescript',
    );
    assert.ok(links);
    assert.deepEqual(links.map(landing), ['openapi/images.yaml 13:5 delete:']);
    // Peek shows the operation object, which runs from operationId to its last response.
    assert.equal(links[0]!.targetRange.start.line, 13);
    assert.equal(links[0]!.targetRange.end.line, 25);
    assert.deepEqual(links[0]!.originSelectionRange, {
      start: { line: 0, character: 24 },
      end: { line: 0, character: 68 },
    });
  });

  it('the method picks the operation: a GET of the same URL lands on get:', () => {
    const links = definition(
      'const res = await fetch(`https://images.example.com/v1/images/${i|d}`);',
      'typescript',
    );
    assert.deepEqual(links?.map(landing), ['openapi/images.yaml 9:5 get:']);
  });

  it('nothing outside the URL, and nothing for a call no spec describes', () => {
    assert.equal(
      definition(
        "const res = await fe|tch(`https://images.example.com/v1/images/${id}`, { method: 'DELETE' });",
        'typescript',
      ),
      null,
    );
    assert.equal(
      definition("await fetch('https://elsewhere.example.org/x|y');", 'typescript'),
      null,
    );
  });

  it('from a $ref to a schema in another file of the description', () => {
    const text = files[specUri]!.replace('./shared/pro', './shared/pro|');
    assert.deepEqual(definition(text, 'yaml', specUri)?.map(landing), [
      'openapi/shared/problem.yaml 1:1 Problem:',
    ]);
  });

  it('from a local $ref to its target in the document as edited', () => {
    // An unsaved edit moves the target down two lines: the link follows the editor's text.
    const text = files[specUri]!.replace(
      '#/components/responses/Serv',
      '#/components/responses/Serv|',
    ).replace('components:\n', 'components:\n  # edited\n  # edited\n');
    const links = definition(text, 'yaml', specUri);
    assert.ok(links);
    const line = links[0]!.targetSelectionRange.start.line;
    assert.equal(text.replace('|', '').split('\n')[line]?.trim(), 'ServerError:');
  });

  it('from a $ref in a JSON document', () => {
    const text =
      '{ "components": { "schemas": { "A": { "$ref": "#/components/schemas/|B" }, "B": { "type": "string" } } } }';
    const links = definition(text, 'json', `${root}/openapi/api.json`);
    assert.equal(links?.[0]?.targetUri, `${root}/openapi/api.json`);
    // The cursor lands on the key "B", the whole schema is peeked.
    const key = text.replace('|', '').indexOf('"B": {');
    assert.deepEqual(links?.[0]?.targetSelectionRange, {
      start: { line: 0, character: key },
      end: { line: 0, character: key + 3 },
    });
    assert.equal(links?.[0]?.targetRange.start.character, key + 5);
  });

  it('from the config: a catalog file, a spec path, and the file of an API id', () => {
    const config = `${root}/api-error-contracts.json`;
    const at = (text: string) => definition(text, 'jsonc', config)?.map((link) => link.targetUri);
    assert.deepEqual(at('{ "catalogs": ["saleslayer-dam", "contracts/bil|ling.json"] }'), [
      `${root}/contracts/billing.json`,
    ]);
    assert.deepEqual(at('{ "specs": ["openapi/ima|ges.yaml"] }'), [specUri]);
    assert.deepEqual(at('{ "apis": { "IMAGES": "image-st|ore" } }'), [specUri]);
    assert.deepEqual(at('{ "apis": { "IMAGES": "./openapi/ima|ges.yaml" } }'), [specUri]);
    // A glob names many files and a built-in catalog none of the workspace's.
    assert.equal(at('{ "specs": ["openapi/*.ya|ml"] }'), undefined);
    assert.equal(at('{ "catalogs": ["saleslayer-d|am"] }'), undefined);
    assert.equal(at('{ "api|s": {} }'), undefined);
  });

  it('a JSON file that is not the config goes nowhere from a path-like value', () => {
    assert.equal(
      definition('{ "catalogs": ["contracts/bil|ling.json"] }', 'json', `${root}/other.json`),
      null,
    );
  });

  it('nothing when checks are off', () => {
    const { document, position } = documentWithCursor(
      "await fetch(`https://images.example.com/v1/ima|ges/${id}`, { method: 'DELETE' });",
      'typescript',
    );
    assert.equal(service.doDefinition(document, position, { ...settings, enable: false }), null);
  });
});
