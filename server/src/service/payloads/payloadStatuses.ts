import type { ContractIndex } from '../contracts/contractIndex';
import type { ApiContract, OperationContract, StatusContract } from '../contracts/model';

/**
 * The statuses an operation documents, or, when only the API is known, everything the API
 * documents anywhere (API-wide entries first, then each operation's).
 */
export function getDocumentedStatuses(
  contracts: ContractIndex,
  api: ApiContract,
  operation: OperationContract | undefined,
): StatusContract[] {
  if (operation) return contracts.documentedStatuses(api, operation);
  const byKey = new Map<string, StatusContract>();
  for (const status of api.statuses) byKey.set(status.key, status);
  for (const each of api.operations) {
    for (const status of contracts.documentedStatuses(api, each))
      if (!byKey.has(status.key)) byKey.set(status.key, status);
  }
  return [...byKey.values()];
}

/** What the API (or operation) says about `status`: exact, then range, then `default`; undefined when it says nothing. */
export function resolvePayloadStatus(
  contracts: ContractIndex,
  api: ApiContract,
  operation: OperationContract | undefined,
  status: number,
): StatusContract | undefined {
  const resolved = contracts.resolveStatus(api, operation, status);
  if (resolved || operation) return resolved;
  for (const each of api.operations) {
    const fromOperation = contracts.resolveStatus(api, each, status);
    if (fromOperation && fromOperation.key === String(status)) return fromOperation;
  }
  return undefined;
}

/** `DELETE /image/{id}`. */
export function formatOperation(operation: OperationContract): string {
  return `${operation.method} ${operation.path}`;
}

/** The documented status keys, exact codes ascending, then ranges, then `default`. */
export function sortStatusKeys(keys: Iterable<string>): string[] {
  const rank = (key: string): number =>
    /^\d{3}$/.test(key) ? Number(key) : /^\dXX$/i.test(key) ? Number(key[0]) * 100 + 99.5 : 1000;
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b));
}
