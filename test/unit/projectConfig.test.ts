import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, normalizeSettings } from '../../common/settings';
import { applyProjectConfig } from '../../server/src/service/config/applyProjectConfig';
import { parseProjectConfig } from '../../server/src/service/config/parseProjectConfig';
import { projectConfigKeys } from '../../server/src/service/config/projectConfig';
import { withFallbackApis } from '../../server/src/service/config/withFallbackApis';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { isOpenApiHead } from '../../server/src/workspace/discoverFiles';
import { createWorkspaceContracts } from '../../server/src/workspace/workspaceContracts';

const configUri = 'file:///project/api-error-contracts.json';

/** The text the range covers. */
function textAt(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const document = TextDocument.create(configUri, 'jsonc', 0, text);
  return document.getText(range);
}

describe('parsing api-error-contracts.json', () => {
  it('reads every key, with comments and trailing commas', () => {
    const text = `{
      // The spec of the orders service.
      "specs": ["openapi/*.yaml"],
      "catalogs": ["saleslayer-dam", "docs/billing.error-catalog.json"],
      "apis": { "DAM_BASE": "saleslayer-dam" },
      "wrappers": ["apiRequest", { "function": "api.del", "method": "DELETE" }],
      "payloads": { "test/fixtures/dam/**": "saleslayer-dam" },
      "rules": { "unchecked-response": "off" },
      "ignore": ["generated/**"],
    }`;
    const parsed = parseProjectConfig(text, configUri);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.config, {
      specs: ['openapi/*.yaml'],
      catalogs: ['saleslayer-dam', 'docs/billing.error-catalog.json'],
      apis: { DAM_BASE: 'saleslayer-dam' },
      wrappers: ['apiRequest', { function: 'api.del', method: 'DELETE' }],
      payloads: { 'test/fixtures/dam/**': 'saleslayer-dam' },
      rules: { 'unchecked-response': 'off' },
      ignore: ['generated/**'],
    });
  });

  it('puts each problem at the key or value concerned, and keeps the valid rest', () => {
    const text =
      '{\n  "spec": ["a.yaml"],\n  "rules": { "unhandled-status": "fatal", "unchecked-response": "off" },\n  "ignore": "dist/**"\n}';
    const parsed = parseProjectConfig(text, configUri);
    assert.deepEqual(
      parsed.diagnostics.map((each) => [each.code, textAt(text, each.range)]),
      [
        ['config-unknown-key', '"spec"'],
        ['config-invalid-value', '"fatal"'],
        ['config-invalid-value', '"dist/**"'],
      ],
    );
    assert.match(
      String(parsed.diagnostics[0]!.message),
      /`spec` is not a config key; the config knows `specs`/,
    );
    assert.deepEqual(parsed.config, { rules: { 'unchecked-response': 'off' } });
    assert.equal(parsed.parsed, true);
  });

  it('a text that does not parse says where, and is marked so the last good config is kept', () => {
    const parsed = parseProjectConfig('{ "specs": [ "a.yaml" ', configUri);
    assert.equal(parsed.parsed, false);
    assert.equal(parsed.diagnostics[0]!.code, 'config-syntax-error');
  });

  it('the shipped schema knows exactly the keys the parser knows', () => {
    const schema = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../schemas/config.schema.json'), 'utf8'),
    ) as { properties: Record<string, unknown> };
    assert.deepEqual(
      Object.keys(schema.properties)
        .filter((key) => key !== '$schema')
        .sort(),
      [...projectConfigKeys].sort(),
    );
    const manifest = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
    ) as { contributes: { jsonValidation: { fileMatch: string[]; url: string }[] } };
    assert.ok(
      manifest.contributes.jsonValidation.some(
        (entry) =>
          entry.url === './schemas/config.schema.json' &&
          entry.fileMatch.includes('api-error-contracts.json'),
      ),
    );
  });

  it('an open config is validated as typed by the language service', () => {
    const service = getLanguageService();
    const document = TextDocument.create(configUri, 'jsonc', 1, '{ "rulez": {} }');
    const diagnostics = service.doValidation(document, defaultSettings);
    assert.deepEqual(
      diagnostics.map((each) => [each.code, document.getText(each.range), each.source]),
      [['config-unknown-key', '"rulez"', 'api-error-contracts']],
    );
  });
});

describe('the config over the user settings', () => {
  it("wrappers named by the config join the user's (the config's entry wins for the same function), in the settings' shape", () => {
    const user = normalizeSettings({ wrappers: [{ function: 'getJson' }] });
    const merged = applyProjectConfig(
      user,
      {
        wrappers: ['api.del', { function: 'getJson', method: 'GET' }],
        rules: { 'unchecked-response': 'off' },
      },
      { folderPath: '/project' },
    );
    const described = { throws: true, handles: [], retries: [] };
    assert.deepEqual(merged.wrappers, [
      { function: 'api.del', urlArgument: 0, ...described },
      { function: 'getJson', method: 'GET', urlArgument: 0, ...described },
    ]);
    assert.deepEqual(merged.rules, { 'unchecked-response': 'off' });
  });

  it('a wrapper entry says what the function adds and does: its base, API, method argument, handling', () => {
    const text = `{
      "wrappers": [
        { "function": "request", "baseUrl": "https://api2.saleslayer.com/dam", "methodArgument": 1,
          "throws": false, "handles": [404], "retries": [409, 503] },
        { "function": "damClient.send", "api": "saleslayer-dam" },
        { "function": "broken", "handles": ["409"] },
        { "function": "typo", "retry": [503] },
        { "method": "GET" }
      ]
    }`;
    const parsed = parseProjectConfig(text, configUri);
    assert.deepEqual(
      parsed.diagnostics.map((each) => [each.code, textAt(text, each.range)]),
      [
        ['config-invalid-value', '{ "function": "broken", "handles": ["409"] }'],
        ['config-invalid-value', '{ "function": "typo", "retry": [503] }'],
        ['config-invalid-value', '{ "method": "GET" }'],
      ],
    );
    assert.deepEqual(
      parsed.diagnostics.map((each) => String(each.message).split('}`: ')[1]),
      [
        '`handles` must be a list of statuses (100 to 599).',
        '`retry` is not a member of one; it has `function`, `method`, `urlArgument`, `methodArgument`, `baseUrl`, `api`, `throws`, `handles`, `retries`.',
        '`function` is missing.',
      ],
    );
    const settings = applyProjectConfig(normalizeSettings({}), parsed.config, {
      folderPath: '/project',
    });
    assert.deepEqual(settings.wrappers, [
      {
        function: 'request',
        urlArgument: 0,
        methodArgument: 1,
        baseUrl: 'https://api2.saleslayer.com/dam',
        throws: false,
        handles: [404],
        retries: [409, 503],
      },
      {
        function: 'damClient.send',
        urlArgument: 0,
        api: 'saleslayer-dam',
        throws: true,
        handles: [],
        retries: [],
      },
    ]);
  });

  it('config values win per key, user keys survive, payload globs are anchored at the config folder', () => {
    const user = normalizeSettings({ payloads: { 'mocks/**': 'claid', 'shared/**': 'imagizer' } });
    const merged = applyProjectConfig(
      user,
      { payloads: { 'shared/**': 'saleslayer-dam' } },
      { folderPath: '/project' },
    );
    assert.deepEqual(merged.payloads, {
      'mocks/**': 'claid',
      'shared/**': 'imagizer',
      '/project/shared/**': 'saleslayer-dam',
    });
    assert.equal(merged.enable, true);
  });

  it("`apis` values naming a spec path become that spec's id ", () => {
    const merged = applyProjectConfig(
      defaultSettings,
      { apis: { ORDERS: 'openapi/orders.yaml' } },
      {
        folderPath: '/project',
        resolveApiId: (value) => (value === 'openapi/orders.yaml' ? 'orders-service' : value),
      },
    ) as unknown as Record<string, unknown>;
    assert.deepEqual(merged.apis, { ORDERS: 'orders-service' });
  });

  it("a wrapper's `api` naming a spec path becomes that spec's id, as an `apis` value does", () => {
    const merged = applyProjectConfig(
      defaultSettings,
      { wrappers: [{ function: 'orders.send', api: 'openapi/orders.yaml' }] },
      {
        folderPath: '/project',
        resolveApiId: (value) => (value === 'openapi/orders.yaml' ? 'orders-service' : value),
      },
    );
    assert.equal(merged.wrappers[0]?.api, 'orders-service');
  });
});

describe('catalogs enabled for calls no API claims', () => {
  const index = withFallbackApis(createContractIndex(getBuiltinContracts()), [
    'saleslayer-dam',
    'no-such-api',
  ]);
  it('a relative URL goes to the enabled catalog that documents the operation', () => {
    const match = index.matchCall('DELETE', { path: '/image/{id}' });
    assert.equal(match?.api.id, 'saleslayer-dam');
    assert.equal(match?.operation?.path, '/image/{id}');
  });
  it('an unknown host with an undocumented path claims nothing', () => {
    assert.equal(
      index.matchCall('GET', { host: 'gateway.internal', path: '/totally/elsewhere' }),
      undefined,
    );
  });
});

describe('discovering specs in a workspace folder', () => {
  let folder: string;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  };
  const petstore =
    'openapi: 3.0.0\ninfo:\n  title: Pets\n  version: "1"\npaths:\n  /pets:\n    get:\n      responses:\n        "404":\n          description: No pets.\n';
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-discovery-'));
    write('api/pets.yaml', petstore);
    write(
      'api/orders.json',
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'Orders', version: '1' },
        paths: { '/orders': { get: { responses: { 429: { description: 'Slow down.' } } } } },
      }),
    );
    write('node_modules/some-lib/openapi.yaml', petstore.replace('Pets', 'Vendored'));
    write('generated/copy.yaml', petstore.replace('Pets', 'Generated'));
    write('config/settings.yaml', 'server:\n  openapi: 3.0.0\n');
    write('package.json', '{ "name": "x", "openapi": "3.0.0" }');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('finds files whose top level has openapi or swagger, skipping node_modules and ignored folders', async () => {
    write('api-error-contracts.json', '{ "ignore": ["generated/**"] }');
    const workspace = createWorkspaceContracts({ folders: [folder] });
    await workspace.load();
    // package.json has a top-level `openapi` but is no OpenAPI document: the loader confirms by parsing.
    assert.deepEqual(
      workspace
        .getContracts()
        .map((contract) => contract.name)
        .sort(),
      ['Orders', 'Pets'],
    );
    const ignored = workspace.applyConfig(
      pathToFileURL(path.join(folder, 'generated/copy.yaml')).href,
      defaultSettings,
    );
    assert.equal(ignored.enable, false);
  });

  it('with `specs`, loads exactly what the globs match and reports a glob that matches nothing', async () => {
    write(
      'api-error-contracts.json',
      '{\n  "specs": ["api/*.yaml", "missing/*.yaml"],\n  "apis": { "PETS_URL": "./api/pets.yaml", "DAM_BASE": "saleslayer-dam" }\n}',
    );
    const workspace = createWorkspaceContracts({ folders: [folder] });
    await workspace.load();
    assert.deepEqual(
      workspace.getContracts().map((contract) => contract.name),
      ['Pets'],
    );
    const problems = workspace.getProblems(
      pathToFileURL(path.join(folder, 'api-error-contracts.json')).href,
    );
    assert.deepEqual(
      problems.map((each) => [each.code, each.range.start.line]),
      [['config-no-match', 1]],
    );
    // An `apis` value naming a spec by its path reaches the call matching as that spec's id.
    const settings = workspace.applyConfig(
      pathToFileURL(path.join(folder, 'src/client.ts')).href,
      defaultSettings,
    );
    assert.deepEqual(settings.apis, { PETS_URL: 'pets', DAM_BASE: 'saleslayer-dam' });
  });

  it('recognises the top level only', () => {
    assert.equal(isOpenApiHead('{ "info": { "openapi": "3.0.0" } }', true), false);
    assert.equal(isOpenApiHead('{ "info": {}, "openapi": "3.0.0" }', true), true);
    assert.equal(isOpenApiHead('# comment\nopenapi: 3.1.0\n', false), true);
    assert.equal(isOpenApiHead('server:\n  openapi: 3.0.0\n', false), false);
  });
});
