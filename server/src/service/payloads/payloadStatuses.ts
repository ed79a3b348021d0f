import type { ContractIndex } from '../contracts/contractIndex';
import type {
  ApiContract,
  ErrorCodeContract,
  OperationContract,
  StatusContract,
} from '../contracts/model';
import type { PayloadMember, RecognisedPayload } from './recognisedPayload';

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

/**
 * Whether what the contract documents for the operation (or the API) is every status it can
 * answer, so that any other status is one it never sends. An operation's responses are its
 * complete list; so is a whole OpenAPI description, which describes every operation. A catalog's
 * API-wide statuses are complete only when it says so: prose documentation usually describes
 * some statuses (or shows one in an example) without promising there are no others.
 */
export function isStatusListComplete(
  api: ApiContract,
  operation: OperationContract | undefined,
): boolean {
  return (
    operation !== undefined || api.statusesExhaustive === true || api.source.kind === 'openapi'
  );
}

/**
 * Whether the contract accounts for `status` at all: an entry of the operation or the API
 * (exact, range or `default`), or, with no operation known, an entry of any operation.
 */
export function isStatusDocumented(
  contracts: ContractIndex,
  api: ApiContract,
  operation: OperationContract | undefined,
  status: number,
): boolean {
  if (contracts.resolveStatus(api, operation, status)) return true;
  return (
    operation === undefined &&
    api.operations.some((each) => contracts.resolveStatus(api, each, status) !== undefined)
  );
}

/**
 * The documented error code that comes with `status` in the error object of `member` (Reactor's
 * `authentication-failure` is sent with 401): the code's own documentation accounts for the
 * status whatever the status lists say.
 */
export function findCodeDocumentingStatus(
  api: ApiContract,
  payload: RecognisedPayload,
  member: PayloadMember,
  status: number,
): ErrorCodeContract | undefined {
  for (const each of payload.members) {
    if (each.owner !== member.owner || (each.role !== 'code' && each.role !== 'error-type'))
      continue;
    const value = each.value;
    if (value?.type !== 'string' && value?.type !== 'number') continue;
    const code = String(value.value);
    const entry = api.errorCodes.find(
      (candidate) =>
        candidate.field === each.name && candidate.code === code && candidate.status === status,
    );
    if (entry) return entry;
  }
  return undefined;
}

/** The statuses the API's error codes are documented to come with, ascending. */
export function getCodeStatuses(api: ApiContract): number[] {
  const statuses = new Set<number>();
  for (const entry of api.errorCodes) if (entry.status !== undefined) statuses.add(entry.status);
  return [...statuses].sort((a, b) => a - b);
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
