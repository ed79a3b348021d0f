// The public OpenAPI descriptions in ../shared/data/openapi (not shipped, not in the repository),
// loaded by the product and by a maintained resolver: for every operation, the documented response
// keys must agree. Run by `npm run test:specs`, which says when it skipped.
import SwaggerParser from '@apidevtools/swagger-parser';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import { loadOpenApiDocument } from '../../server/src/service/openapi/loadOpenApiDocument';
import { toOpenApiContract } from '../../server/src/service/openapi/openApiContract';
import { createWorkspaceFileSystem } from '../../server/src/workspace/workspaceFileSystem';
import { documentWithCursor } from '../helpers/cursor';
import { sharedOpenApiFolder } from '../helpers/sharedData';

const data = sharedOpenApiFolder()!;
const descriptions = [
  'digitalocean/specification/DigitalOcean-public.v2.yaml',
  'discord/openapi.json',
  'openai/openapi.json',
  'spotify/fixed-spotify-open-api.yml',
  'twilio/twilio_api_v2010.json',
  ...readdirSync(path.join(data, 'oai-3.0-examples'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `oai-3.0-examples/${name}`),
];
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** What the oracle documents per operation: `METHOD path` → sorted status keys. */
async function oracleResponses(file: string): Promise<Map<string, string[]>> {
  // Remote references are never followed by the product; the oracle is held to the same files.
  const api = (await SwaggerParser.dereference(file, {
    resolve: { http: false },
  })) as { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  const found = new Map<string, string[]>();
  for (const [route, item] of Object.entries(api.paths ?? {}))
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      found.set(
        `${method.toUpperCase()} ${route}`,
        Object.keys(operation.responses ?? {})
          .filter((key) => /^([1-5](\d\d|xx)|default)$/i.test(key))
          .map((key) => (/xx$/i.test(key) ? key.toUpperCase() : key))
          .sort(),
      );
    }
  return found;
}

async function loadContract(relative: string) {
  const uri = pathToFileURL(path.join(data, relative)).href;
  const loaded = await loadOpenApiDocument(uri, createWorkspaceFileSystem([data]));
  const contract = toOpenApiContract(loaded);
  assert.ok(contract, `${relative} is an OpenAPI document`);
  return { loaded, contract };
}

describe('real OpenAPI descriptions agree with a maintained resolver (swagger-parser)', () => {
  for (const relative of descriptions) {
    it(`${relative}: every operation documents the same response keys`, async () => {
      const oracle = await oracleResponses(path.join(data, relative));
      const { loaded, contract } = await loadContract(relative);
      assert.deepEqual([...loaded.problems.values()].flat(), []);
      const ours = new Map(
        contract.operations.map((operation) => [
          `${operation.method} ${operation.path}`,
          operation.statuses.map((status) => status.key).sort(),
        ]),
      );
      assert.ok(oracle.size > 0);
      assert.deepEqual(Object.fromEntries(ours), Object.fromEntries(oracle));
    });
  }

  it('DigitalOcean: 659 operations and 3,885 documented responses, as the resolver finds', async () => {
    const { contract } = await loadContract(descriptions[0]!);
    assert.equal(contract.operations.length, 659);
    assert.equal(
      contract.operations.reduce((sum, operation) => sum + operation.statuses.length, 0),
      3885,
    );
  });
});

describe('a call against the DigitalOcean description', () => {
  it('DELETE /v2/droplets/{droplet_id} with only `if (!res.ok) throw` gets the 429 warning in its words', async () => {
    const { contract } = await loadContract(descriptions[0]!);
    const service = getLanguageService({ contracts: createContractIndex([contract]) });
    const { document, position } = documentWithCursor(
      "export async function destroyDroplet(id: number, token: string) {\n  const res = await fetch(`https://api.digitalocean.com/v2/drop|lets/${id}`, {\n    method: 'DELETE',\n    headers: { Authorization: `Bearer ${token}` },\n  });\n  if (!res.ok) throw new Error(`DigitalOcean answered ${res.status}`);\n}\n",
      'typescript',
    );
    const diagnostics = service.doValidation(document, defaultSettings);
    const limited = diagnostics.find((each) => /can answer 429/.test(String(each.message)));
    assert.ok(limited, diagnostics.map((each) => each.message).join('\n'));
    assert.equal(limited.code, 'unhandled-status');
    assert.equal(limited.severity, 2);
    assert.match(
      String(limited.message),
      /^DELETE \/v2\/droplets\/\{droplet_id\} can answer 429 Too Many Requests \(DigitalOcean API: the API rate limit has been exceeded/,
    );
    const hover = (service.doHover(document, position, defaultSettings)?.contents as MarkupContent)
      .value;
    assert.match(
      hover,
      /^\*\*`DELETE \/v2\/droplets\/\{droplet_id\}`\*\* · DigitalOcean API — droplets_destroy/,
    );
    assert.match(hover, /\| 429 Too Many Requests \| back off and retry \| not handled/);
    assert.match(hover, /- `default` — There was an unexpected error\./);
    assert.match(
      hover,
      /Described in \[droplets_destroy\.yml\]\(file:\/\/.*\/resources\/droplets\/droplets_destroy\.yml\)\./,
    );
  });
});

describe('real descriptions in the contract index', () => {
  it('the Twilio 2010 API (1.8 MB, 197 operations, success responses only): calls match by host and path', async () => {
    const { contract } = await loadContract('twilio/twilio_api_v2010.json');
    assert.equal(contract.operations.length, 197);
    assert.deepEqual(contract.match.hosts, ['api.twilio.com']);
    const match = createContractIndex([contract]).matchCall('GET', {
      host: 'api.twilio.com',
      path: '/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json',
    });
    assert.equal(match?.operation?.summary, 'FetchCall');
  });

  it('the OpenAPI Initiative petstore documents `default` errors, with their descriptions', async () => {
    const { contract } = await loadContract('oai-3.0-examples/petstore.yaml');
    const list = contract.operations.find((operation) => operation.summary === 'listPets')!;
    assert.deepEqual(
      list.statuses.map((status) => [status.key, status.meaning]),
      [
        ['200', 'A paged array of pets'],
        ['default', 'unexpected error'],
      ],
    );
  });
});
