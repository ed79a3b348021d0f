import type { CatalogFile, CatalogStatus } from './catalogFile';
import { getGenericStatusContract, getStatusTitle } from './httpStatusRegistry';
import type { ApiContract, ContractSource, OperationContract, StatusContract } from './model';

/**
 * Turns a catalog file that passed the schema into the contract model: lists default to empty,
 * status keys are normalised (`4xx` → `4XX`), methods upper-cased, and every operation status
 * is completed from the API-wide entry (exact, then range, then `default`) or else from the
 * HTTP registry, so each {@link StatusContract} carries a title, a meaning and an action.
 */
export function toApiContract(catalog: CatalogFile, source: ContractSource): ApiContract {
  const statuses = Object.entries(catalog.statuses ?? {}).map(([key, entry]) =>
    completeStatus(normaliseStatusKey(key), entry, undefined),
  );
  const apiWide = new Map(statuses.map((status) => [status.key, status]));
  const operations: OperationContract[] = (catalog.operations ?? []).map((operation) => ({
    method: operation.method.toUpperCase(),
    path: operation.path,
    ...(operation.summary !== undefined && { summary: operation.summary }),
    ...(operation.docs !== undefined && { docs: operation.docs }),
    statuses: Object.entries(operation.statuses ?? {}).map(([rawKey, entry]) => {
      const key = normaliseStatusKey(rawKey);
      return completeStatus(key, entry, inheritedEntry(apiWide, key));
    }),
  }));
  return {
    id: catalog.id,
    name: catalog.name,
    ...(catalog.docs !== undefined && { docs: catalog.docs }),
    match: {
      hosts: (catalog.match?.hosts ?? []).map((host) => host.toLowerCase()),
      pathPrefixes: catalog.match?.pathPrefixes ?? [],
      problemTypePrefixes: catalog.match?.problemTypePrefixes ?? [],
    },
    payloadFormats: catalog.payloadFormats?.length ? catalog.payloadFormats : ['unknown'],
    ...(catalog.payloadFields !== undefined && { payloadFields: catalog.payloadFields }),
    statuses,
    ...(catalog.statusesExhaustive !== undefined && {
      statusesExhaustive: catalog.statusesExhaustive,
    }),
    operations,
    errorCodes: (catalog.errorCodes ?? []).map((code) => ({ ...code })),
    ...(catalog.exhaustiveCodeFields !== undefined && {
      exhaustiveCodeFields: catalog.exhaustiveCodeFields,
    }),
    ...(catalog.notes !== undefined && { notes: catalog.notes }),
    source,
  };
}

/** `4xx` → `4XX`, `Default` → `default`; exact codes unchanged. */
function normaliseStatusKey(key: string): string {
  const lower = key.toLowerCase();
  return lower === 'default' ? 'default' : key.toUpperCase();
}

function inheritedEntry(
  apiWide: Map<string, StatusContract>,
  key: string,
): StatusContract | undefined {
  if (apiWide.has(key)) return apiWide.get(key);
  if (/^\d{3}$/.test(key)) return apiWide.get(`${key[0]}XX`) ?? apiWide.get('default');
  return key === 'default' ? undefined : apiWide.get('default');
}

function completeStatus(
  key: string,
  entry: CatalogStatus,
  inherited: StatusContract | undefined,
): StatusContract {
  const code = /^\d{3}$/.test(key) ? Number(key) : undefined;
  const generic = code === undefined ? undefined : getGenericStatusContract(code);
  // An operation entry inheriting from a range or `default` keeps its own key and title.
  const sameKey = inherited?.key === key ? inherited : undefined;
  const status: StatusContract = {
    ...(sameKey ?? {}),
    key,
    title:
      entry.title ??
      sameKey?.title ??
      (code !== undefined ? getStatusTitle(code) : (inherited?.title ?? rangeTitle(key))),
    meaning: entry.meaning ?? inherited?.meaning ?? generic?.meaning ?? '',
    action: entry.action ?? inherited?.action ?? generic?.action ?? defaultAction(key),
  };
  for (const field of ['causes', 'remedy', 'retryAfter', 'docs', 'example'] as const) {
    if (entry[field] !== undefined)
      (status as unknown as Record<string, unknown>)[field] = entry[field];
  }
  return status;
}

function rangeTitle(key: string): string {
  const classes: Record<string, string> = {
    '1XX': 'Informational',
    '2XX': 'Success',
    '3XX': 'Redirection',
    '4XX': 'Client Error',
    '5XX': 'Server Error',
  };
  return classes[key] ?? 'Any other status';
}

function defaultAction(key: string): StatusContract['action'] {
  if (key.startsWith('5')) return 'back-off-and-retry';
  if (key.startsWith('4') || key === 'default') return 'fix-request';
  return 'none';
}
