import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { toApiContract } from '../../server/src/service/contracts/catalogContract';
import type {
  CallUrl,
  ContractIndex,
  PayloadFacts,
} from '../../server/src/service/contracts/contractIndex';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import type { ApiContract } from '../../server/src/service/contracts/model';
import { parseCatalog } from '../../server/src/service/contracts/parseCatalog';
import type { Workload } from '../workload';

// A large workspace: 200 APIs of 60 operations each (12,000 operations), plus the built-ins.
const apiCount = 200;
const resourcesPerApi = 20;
const lookups = 10_000;

function generatedApis(): ApiContract[] {
  const apis: ApiContract[] = [];
  for (let a = 0; a < apiCount; a++) {
    const operations = [];
    for (let r = 0; r < resourcesPerApi; r++) {
      operations.push(
        { method: 'GET', path: `/v1/resource${r}`, statuses: { '400': {}, '401': {} } },
        { method: 'GET', path: `/v1/resource${r}/{id}`, statuses: { '404': {} } },
        {
          method: 'DELETE',
          path: `/v1/resource${r}/{id}/items/{item}`,
          statuses: { '409': { meaning: 'Busy.', action: 'retry-later' as const } },
        },
      );
    }
    apis.push(
      toApiContract(
        {
          id: `api-${a}`,
          name: `API ${a}`,
          match: {
            hosts: [`api${a}.example.com`, `*.api${a}.example.net`],
            pathPrefixes: ['/base'],
            problemTypePrefixes: [`https://api${a}.example.com/problems/`],
          },
          statuses: {
            '400': { title: 'Bad Request', meaning: 'Invalid.', action: 'fix-request' },
            '401': { title: 'Unauthorized', meaning: 'No key.', action: 're-authenticate' },
            '5XX': { title: 'Server Error', meaning: 'Failed.', action: 'back-off-and-retry' },
            default: { title: 'Other', meaning: 'Other.', action: 'fix-request' },
          },
          operations,
          errorCodes: [{ code: `code-${a}`, field: 'code', meaning: 'Something.' }],
        },
        { kind: 'catalog', uri: `file:///bench/api-${a}.error-catalog.json` },
      ),
    );
  }
  return [...apis, ...getBuiltinContracts()];
}

interface LookupState {
  index: ContractIndex;
  calls: { method: string; url: CallUrl }[];
  payloads: PayloadFacts[];
  statuses: { api: ApiContract; operation: ApiContract['operations'][number]; status: number }[];
}

function lookupState(): LookupState {
  const apis = generatedApis();
  const index = createContractIndex(apis);
  const calls: LookupState['calls'] = [];
  const payloads: PayloadFacts[] = [];
  for (let i = 0; i < lookups; i++) {
    const a = (i * 7919) % apiCount;
    const r = i % resourcesPerApi;
    const kind = i % 4;
    calls.push(
      kind === 0
        ? {
            method: 'GET',
            url: { host: `api${a}.example.com`, path: `/base/v1/resource${r}/${i}` },
          }
        : kind === 1
          ? {
              method: 'DELETE',
              url: {
                host: `eu.api${a}.example.net`,
                path: `/base/v1/resource${r}/{id}/items/${i}`,
              },
            }
          : kind === 2
            ? { method: 'DELETE', url: { host: 'api2.saleslayer.com', path: `/dam/image/${i}` } }
            : { method: 'GET', url: { host: 'unknown.example.org', path: `/v1/resource${r}` } },
    );
    payloads.push(
      kind === 0
        ? {
            problemType: `https://api${a}.example.com/problems/busy`,
            instance: `/base/v1/resource${r}/${i}/items/3`,
            status: 409,
          }
        : kind === 1
          ? {
              problemType: 'https://api2.saleslayer.com/errors/conflict',
              instance: `/image/${i}`,
              status: 409,
            }
          : kind === 2
            ? { codes: [{ field: 'code', code: 'environment-in-use' }] }
            : { problemType: 'https://elsewhere.example/errors/x', instance: '/x' },
    );
  }
  const statuses = calls
    .map((call) => ({
      match: index.matchCall(call.method, call.url),
      status: [409, 404, 503, 302][calls.indexOf(call) % 4]!,
    }))
    .filter((each) => each.match?.operation)
    .map((each) => ({
      api: each.match!.api,
      operation: each.match!.operation!,
      status: each.status,
    }));
  return { index, calls, payloads, statuses };
}

const damCatalog = readFileSync(
  join(__dirname, '..', '..', 'catalogs', 'saleslayer-dam.json'),
  'utf8',
);

export const workloads: Workload[] = [
  {
    name: `contracts: build the index of ${apiCount} APIs × ${resourcesPerApi * 3} operations + built-ins`,
    iterations: 10,
    setup: generatedApis,
    run: (apis: ApiContract[]) => createContractIndex(apis),
  },
  {
    name: `contracts: ${lookups} Map.get (baseline)`,
    setup: () => {
      const map = new Map(Array.from({ length: apiCount }, (_, a) => [`api${a}.example.com`, a]));
      return {
        map,
        keys: Array.from({ length: lookups }, (_, i) => `api${i % apiCount}.example.com`),
      };
    },
    run: ({ map, keys }: { map: Map<string, number>; keys: string[] }) => {
      let sum = 0;
      for (const key of keys) sum += map.get(key) ?? 0;
      return sum;
    },
  },
  {
    name: `contracts: ${lookups} matchCall`,
    baseline: `contracts: ${lookups} Map.get (baseline)`,
    setup: lookupState,
    run: ({ index, calls }: LookupState) => {
      let found = 0;
      for (const call of calls) if (index.matchCall(call.method, call.url)?.operation) found++;
      return found;
    },
  },
  {
    name: `contracts: ${lookups} matchPayload`,
    baseline: `contracts: ${lookups} Map.get (baseline)`,
    setup: lookupState,
    run: ({ index, payloads }: LookupState) => {
      let found = 0;
      for (const facts of payloads) if (index.matchPayload(facts)) found++;
      return found;
    },
  },
  {
    name: `contracts: ${lookups} resolveStatus`,
    baseline: `contracts: ${lookups} Map.get (baseline)`,
    setup: lookupState,
    run: ({ index, statuses }: LookupState) => {
      let found = 0;
      for (let i = 0; i < lookups; i++) {
        const { api, operation, status } = statuses[i % statuses.length]!;
        if (index.resolveStatus(api, operation, status)) found++;
      }
      return found;
    },
  },
  {
    name: 'contracts: parseCatalog of the DAM catalog (schema compiled already)',
    iterations: 50,
    setup: () => parseCatalog(damCatalog, 'file:///bench/warm-up.json'),
    run: () => parseCatalog(damCatalog, 'file:///bench/saleslayer-dam.json'),
  },
];
