import type { ContractIndex } from './contractIndex';
import type { ApiContract } from './model';

/** Indexes the given contracts. */
export function createContractIndex(apis: readonly ApiContract[]): ContractIndex {
  const byId = new Map(apis.map((api) => [api.id, api]));
  return {
    apis,
    getApi: (id) => byId.get(id),
    matchCall: () => undefined,
    matchPayload: () => undefined,
    resolveStatus: () => undefined,
    documentedStatuses: () => [],
  };
}
