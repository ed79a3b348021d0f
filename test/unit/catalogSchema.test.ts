import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { isCatalogFileName } from '../../server/src/service/contracts/catalogDocumentValidation';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { parseCatalog } from '../../server/src/service/contracts/parseCatalog';
import { getLanguageService } from '../../server/src/service/languageService';

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'catalog.schema.json'), 'utf8'));
const catalogFiles = readdirSync(join(root, 'catalogs')).filter(
  (name) => name.endsWith('.json') && name !== 'http-statuses.json',
);

describe('catalog schema', () => {
  it('validates every built-in catalog, checked by a fresh validator of the shipped schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    assert.equal(catalogFiles.length, 5);
    for (const name of catalogFiles) {
      const valid = validate(JSON.parse(readFileSync(join(root, 'catalogs', name), 'utf8')));
      assert.ok(valid, `${name}: ${ajv.errorsText(validate.errors)}`);
      const parsed = parseCatalog(
        readFileSync(join(root, 'catalogs', name), 'utf8'),
        `file:///catalogs/${name}`,
      );
      assert.deepEqual(parsed.diagnostics, [], name);
      assert.equal(parsed.contract?.id, name.replace(/\.json$/, ''), 'file name and id agree');
    }
  });

  it('is registered in package.json for the file names the server recognises', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const [entry] = manifest.contributes.jsonValidation;
    assert.equal(entry.url, './schemas/catalog.schema.json');
    assert.deepEqual(entry.fileMatch, ['*.error-catalog.json', '**/error-catalogs/*.json']);
    assert.ok(isCatalogFileName('file:///w/payments.error-catalog.json'));
    assert.ok(isCatalogFileName('file:///w/docs/error-catalogs/payments.json'));
    assert.ok(!isCatalogFileName('file:///w/payments.json'));
    const vscodeignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    assert.match(vscodeignore, /^!schemas\/\*\.json$/m, 'the schema ships in the package');
  });
});

const service = getLanguageService();

function validateDocument(
  uri: string,
  text: string,
): { diagnostics: Diagnostic[]; at: (d: Diagnostic) => string } {
  const document = TextDocument.create(uri, 'json', 1, text);
  return {
    diagnostics: service.doValidation(document, defaultSettings),
    at: (d) => document.getText(d.range),
  };
}

const userCatalog = (statuses: string, extra = '') => `{
  "id": "payments",
  "name": "Payments",
  "match": { "hosts": ["api.payments.example"] },
  "payloadFormats": ["problem-details"],
  "statuses": ${statuses},
  "operations": [{ "method": "POST", "path": "/charges", "statuses": { "409": {}, "402": { "meaning": "The card was declined." } } }]${extra}
}`;

describe('user catalogs', () => {
  it('puts a schema error at the offending member of a *.error-catalog.json document', () => {
    const { diagnostics, at } = validateDocument(
      'file:///work/payments.error-catalog.json',
      userCatalog(
        '{ "409": { "title": "Conflict", "meaning": "Charge in progress.", "action": "retry-soon" } }',
      ),
    );
    assert.equal(diagnostics.length, 1);
    const [problem] = diagnostics;
    assert.equal(problem!.code, 'catalog-schema');
    assert.equal(problem!.source, 'api-error-contracts');
    assert.equal(problem!.severity, DiagnosticSeverity.Error);
    assert.equal(at(problem!), '"retry-soon"');
    assert.match(
      problem!.message as string,
      /expected one of "fix-request", .*"back-off-and-retry"/,
    );
  });

  it('underlines a misspelt key, a bad status key and the object missing a member', () => {
    const { diagnostics, at } = validateDocument(
      'file:///work/catalog.json',
      `{ "$schema": "./node_modules/api-error-contracts/schemas/catalog.schema.json",${userCatalog(
        '{ "40": { "title": "x", "meaning": "y", "action": "fix-request" }, "500": { "title": "Server Error", "meaning": "m", "acton": "back-off-and-retry" } }',
      ).slice(1)}`,
    );
    const found = diagnostics.map((d) => `${at(d)}: ${d.message}`).sort();
    assert.deepEqual(found, [
      '"40": "40" is not a status key; use a three-digit code ("409"), a class range ("4XX") or "default".',
      '"500": Missing required property "action".',
      '"acton": Property "acton" is not allowed here.',
    ]);
  });

  it('reports invalid JSON and warns about a repeated operation, without throwing', () => {
    const duplicated = validateDocument(
      'file:///work/error-catalogs/payments.json',
      userCatalog(
        '{}',
        ',\n  "errorCodes": [{ "code": "a", "field": "code", "meaning": "m" }, { "code": "a", "field": "code", "meaning": "again" }]',
      ),
    );
    assert.deepEqual(
      duplicated.diagnostics.map((d) => [d.code, d.severity]),
      [['catalog-duplicate', DiagnosticSeverity.Warning]],
    );
    assert.match(duplicated.at(duplicated.diagnostics[0]!), /"again"/);
    const broken = validateDocument('file:///work/x.error-catalog.json', '{ "id": "x", "name": ');
    assert.ok(broken.diagnostics.some((d) => d.code === 'catalog-syntax'));
  });

  it('checks a file the project config names as a catalog, whatever its name', () => {
    const uri = 'file:///work/contracts/payments.json';
    const text = userCatalog(
      '{ "409": { "title": "Conflict", "meaning": "Charge in progress.", "action": "retry-soon" } }',
    );
    const document = TextDocument.create(uri, 'json', 1, text);
    const diagnostics = getLanguageService({ catalogUris: new Set([uri]) }).doValidation(
      document,
      defaultSettings,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, document.getText(d.range)]),
      [['catalog-schema', '"retry-soon"']],
    );
  });

  it('leaves JSON that is not a catalog to the payload checks', () => {
    const { diagnostics } = validateDocument(
      'file:///work/response.json',
      '{ "id": "My API", "name": 1 }',
    );
    assert.ok(!diagnostics.some((d) => String(d.code).startsWith('catalog-')));
  });

  it('never throws on broken input, and yields a contract only when the file is valid', () => {
    for (const text of [
      '',
      'null',
      '[]',
      '"x"',
      '{',
      '{"id": 1}',
      '{"id":"a","name":"b","match":{"hosts":[1]}}',
      '{"id":"a","name":"b","match":{},"statuses":{"409":null}}',
      '\u0000',
    ]) {
      const parsed = parseCatalog(text, 'file:///work/x.error-catalog.json');
      assert.equal(parsed.contract, undefined, text);
      assert.ok(parsed.diagnostics.length > 0, text);
    }
  });

  it('loads a valid user catalog into a contract used like a built-in one', () => {
    const parsed = parseCatalog(
      userCatalog(
        '{ "409": { "title": "Conflict", "meaning": "A charge for this order is in progress.", "action": "retry-later" } }',
      ),
      'file:///work/payments.error-catalog.json',
    );
    assert.deepEqual(parsed.diagnostics, []);
    const contract = parsed.contract!;
    assert.deepEqual(contract.source, {
      kind: 'catalog',
      uri: 'file:///work/payments.error-catalog.json',
    });
    const index = createContractIndex([contract, ...getBuiltinContracts()]);
    const match = index.matchCall('POST', { host: 'api.payments.example', path: '/charges' })!;
    assert.equal(match.api, contract);
    const documented = index.documentedStatuses(contract, match.operation!);
    const conflict = documented.find((status) => status.key === '409');
    const declined = documented.find((status) => status.key === '402');
    // `{}` takes the API-wide entry; an entry with no API-wide counterpart gets the registered title.
    assert.deepEqual(
      [conflict!.key, conflict!.action, conflict!.meaning],
      ['409', 'retry-later', 'A charge for this order is in progress.'],
    );
    assert.deepEqual(
      [declined!.key, declined!.title, declined!.meaning],
      ['402', 'Payment Required', 'The card was declined.'],
    );
  });
});

describe('catalog completeness marks', () => {
  it('reads statusesExhaustive and exhaustiveCodeFields, and rejects a wrong type', () => {
    const parsed = parseCatalog(
      userCatalog(
        '{ "409": { "title": "Conflict", "meaning": "In progress.", "action": "retry-later" } }',
        ', "statusesExhaustive": true, "exhaustiveCodeFields": ["code"]',
      ),
      'file:///work/marked.error-catalog.json',
    );
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.contract?.statusesExhaustive, true);
    assert.deepEqual(parsed.contract?.exhaustiveCodeFields, ['code']);
    const unmarked = parseCatalog(userCatalog('{}'), 'file:///work/plain.error-catalog.json');
    assert.equal(unmarked.contract?.statusesExhaustive, undefined);
    const wrong = parseCatalog(
      userCatalog('{}', ', "statusesExhaustive": "yes", "exhaustiveCodeFields": "code"'),
      'file:///work/wrong.error-catalog.json',
    );
    assert.equal(wrong.contract, undefined);
    assert.deepEqual(
      wrong.diagnostics.map((diagnostic) => (diagnostic.data as { pointer: string }).pointer),
      ['/statusesExhaustive', '/exhaustiveCodeFields'],
    );
  });
});
