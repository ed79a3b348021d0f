import type { ContractIndex } from '../contracts/contractIndex';

/**
 * The index with the config's enabled built-in catalogs standing in for calls no API claims:
 * a relative URL or an unknown host (a gateway, a proxy) goes to the first enabled API that
 * documents the operation. Without an operation match nothing is claimed, so an unrelated call
 * never picks up an API's statuses.
 */
export function withFallbackApis(index: ContractIndex, apiIds: readonly string[]): ContractIndex {
  const fallbacks = apiIds.filter((id) => index.getApi(id) !== undefined);
  if (fallbacks.length === 0) return index;
  return {
    apis: index.apis,
    getApi: (id) => index.getApi(id),
    matchCall(method, url, apiId) {
      const match = index.matchCall(method, url, apiId);
      if (match || apiId !== undefined) return match;
      for (const id of fallbacks) {
        const fallback = index.matchCall(method, url, id);
        if (fallback?.operation) return fallback;
      }
      return undefined;
    },
    findUntiedOperations: (method, path) => index.findUntiedOperations(method, path),
    matchPayload: (facts) => index.matchPayload(facts),
    resolveStatus: (api, operation, status) => index.resolveStatus(api, operation, status),
    documentedStatuses: (api, operation) => index.documentedStatuses(api, operation),
  };
}
