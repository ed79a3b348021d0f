import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import {
  loadOpenApiDocument,
  type SpecFileReader,
} from '../../server/src/service/openapi/loadOpenApiDocument';
import { toOpenApiContract } from '../../server/src/service/openapi/openApiContract';
import { sharedOpenApiFolder } from '../../test/helpers/sharedData';
import type { Workload } from '../workload';

/** A 3.0 description of `count` operations over `count / 4` resources, errors through shared responses and schemas. */
function generateSpec(count: number): object {
  const paths: Record<string, Record<string, unknown>> = {};
  const methods = ['get', 'put', 'delete', 'post'];
  for (let i = 0; i < count; i++) {
    const resource = Math.floor(i / methods.length);
    const method = methods[i % methods.length]!;
    const path = method === 'post' ? `/resources${resource}` : `/resources${resource}/{id}`;
    paths[path] ??= {};
    paths[path][method] = {
      operationId: `${method}Resource${resource}`,
      responses: {
        [method === 'post' ? '201' : '200']: {
          description: 'Done.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Resource' } } },
        },
        '404': { $ref: '#/components/responses/NotFound' },
        '409': {
          description: `Resource ${resource} is locked by another request; retry later.`,
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          },
        },
        '429': { $ref: '#/components/responses/TooManyRequests' },
        '5XX': { description: 'The service failed.' },
        default: { $ref: '#/components/responses/Error' },
      },
    };
  }
  const problem = {
    type: 'object',
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
    },
  };
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  return {
    openapi: '3.0.3',
    info: { title: 'Generated', version: '1' },
    servers: [{ url: 'https://generated.example.com/v1' }],
    paths,
    components: {
      responses: {
        NotFound: errorResponse('No resource has this id.'),
        TooManyRequests: errorResponse('Rate limited.'),
        Error: errorResponse('Any other failure.'),
      },
      schemas: {
        Problem: problem,
        Resource: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' } },
        },
      },
    },
  };
}

const memoryReader = (files: Record<string, string>): SpecFileReader => ({
  readFile: async (uri) => {
    const text = files[uri];
    if (text === undefined) throw new Error('no such file');
    return text;
  },
});

async function loadToIndex(uri: string, reader: SpecFileReader): Promise<number> {
  const contract = toOpenApiContract(await loadOpenApiDocument(uri, reader));
  if (!contract) throw new Error(`${uri} did not load`);
  return createContractIndex([contract]).apis[0]!.operations.length;
}

const spec = generateSpec(2000);
const jsonReader = memoryReader({ 'file:///bench/generated.json': JSON.stringify(spec, null, 2) });
const yamlReader = memoryReader({ 'file:///bench/generated.yaml': stringify(spec) });
// ../shared beside the checkout holds the public descriptions; without it, their workloads are left out.
const shared = sharedOpenApiFolder();
const twilioPath = shared && path.join(shared, 'twilio/twilio_api_v2010.json');
const digitalOcean = shared && {
  workspace: path.join(shared, 'digitalocean'),
  root: path.join(shared, 'digitalocean/specification/DigitalOcean-public.v2.yaml'),
};

/** Runs a script in a fresh node process; fails loudly, so a broken load is not timed as a fast one. */
function runFresh(args: string[]): void {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
}

export const workloads: Workload[] = [
  {
    name: 'OpenAPI: generated spec of 2,000 operations, JSON → contract index',
    iterations: 15,
    run: () => loadToIndex('file:///bench/generated.json', jsonReader),
  },
  {
    name: 'OpenAPI: generated spec of 2,000 operations, YAML → contract index',
    baseline: 'OpenAPI: generated spec of 2,000 operations, JSON → contract index',
    iterations: 10,
    run: () => loadToIndex('file:///bench/generated.yaml', yamlReader),
  },
];
if (twilioPath)
  workloads.push({
    name: 'OpenAPI: Twilio 2010 API (1.8 MB JSON, 197 operations) → contract index',
    iterations: 10,
    setup: () => memoryReader({ 'file:///bench/twilio.json': readFileSync(twilioPath, 'utf8') }),
    run: (reader: SpecFileReader) => loadToIndex('file:///bench/twilio.json', reader),
  });
if (digitalOcean)
  workloads.push(
    {
      name: 'OpenAPI: DigitalOcean (2,907 files), swagger-parser dereference, fresh process',
      iterations: 5,
      run: () => runFresh(['bench/swaggerParserLoad.mjs', digitalOcean.root]),
    },
    {
      name: 'OpenAPI: DigitalOcean (2,907 files) → contract index, fresh process',
      baseline: 'OpenAPI: DigitalOcean (2,907 files), swagger-parser dereference, fresh process',
      iterations: 5,
      run: () => runFresh(['out/bench/coldLoad.js', digitalOcean.workspace, digitalOcean.root]),
    },
  );
else
  process.stderr.write(
    'the DigitalOcean and Twilio workloads need ../shared/data/openapi; left out\n',
  );
