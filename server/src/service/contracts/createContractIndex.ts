import type { ContractIndex, OperationMatch, PayloadFacts } from './contractIndex';
import type { ApiContract, OperationContract, StatusContract } from './model';
import {
  createPathTemplateTrie,
  hasSegmentPrefix,
  splitPath,
  type PathTemplateTrie,
} from './pathTemplate';

/** What the index keeps per API, computed once when the index is built. */
interface IndexedApi {
  api: ApiContract;
  /** Base paths as segments, longest first. */
  prefixes: string[][];
  operations: PathTemplateTrie<OperationContract>;
  statuses: Map<string, StatusContract>;
}

/**
 * Indexes the given contracts: hosts (exact and `*.` wildcards), base paths, a path-template
 * trie per API, problem `type` prefixes, application codes, and every operation's statuses
 * merged over the API-wide ones. Earlier contracts win ties, so workspace contracts listed
 * before the built-ins take precedence.
 */
export function createContractIndex(apis: readonly ApiContract[]): ContractIndex {
  const byId = new Map<string, IndexedApi>();
  const byApi = new Map<ApiContract, IndexedApi>();
  const exactHosts = new Map<string, IndexedApi[]>();
  const wildcardHosts = new Map<string, IndexedApi[]>();
  const problemTypePrefixes = createPrefixIndex<IndexedApi>();
  const codes = new Map<string, Set<IndexedApi>>();
  /** Workspace specs that answer relative URLs, and those whose servers are all absolute. */
  const workspaceSpecs: IndexedApi[] = [];
  const absoluteSpecs: IndexedApi[] = [];

  for (const api of apis) {
    const entry = indexApi(api);
    if (!byId.has(api.id)) byId.set(api.id, entry);
    byApi.set(api, entry);
    for (const rawHost of api.match.hosts) {
      const host = normaliseHost(rawHost);
      const [map, key] = host.startsWith('*.')
        ? [wildcardHosts, host.slice(2)]
        : [exactHosts, host];
      const list = map.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      map.set(key, list);
    }
    for (const prefix of api.match.problemTypePrefixes)
      if (prefix) problemTypePrefixes.add(prefix, entry);
    for (const { field, code } of api.errorCodes) {
      const key = codeKey(field, code);
      const set = codes.get(key) ?? new Set();
      set.add(entry);
      codes.set(key, set);
    }
    if (api.source.kind === 'openapi') {
      // A spec naming no host at all can only be reached by relative URLs.
      if (api.match.relativeUrls || api.match.hosts.length === 0) workspaceSpecs.push(entry);
      else absoluteSpecs.push(entry);
    }
  }

  const merged = new WeakMap<OperationContract, Map<string, StatusContract>>();
  const entryFor = (api: ApiContract): IndexedApi => {
    let entry = byApi.get(api);
    if (!entry) byApi.set(api, (entry = indexApi(api)));
    return entry;
  };
  const mergedStatuses = (
    api: ApiContract,
    operation: OperationContract,
  ): Map<string, StatusContract> => {
    let statuses = merged.get(operation);
    if (!statuses) {
      const apiWide = entryFor(api).statuses;
      statuses = new Map(
        operation.statuses.map((status) => [
          status.key,
          mergeStatus(apiWide.get(status.key), status),
        ]),
      );
      merged.set(operation, statuses);
    }
    return statuses;
  };

  const hostCandidates = (rawHost: string): IndexedApi[] => {
    const host = normaliseHost(rawHost);
    const found = [...(exactHosts.get(host) ?? [])];
    // Walk the parent domains: `a.b.example.com` is covered by `*.b.example.com` and `*.example.com`.
    for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      for (const entry of wildcardHosts.get(host.slice(dot + 1)) ?? [])
        if (!found.includes(entry)) found.push(entry);
    }
    return found;
  };

  return {
    apis,
    getApi: (id) => byId.get(id)?.api,

    matchCall(method, url, apiId) {
      const segments = splitPath(url.path);
      const lookup = (entry: IndexedApi, path: readonly string[]) =>
        entry.operations.find(method, path);
      if (apiId !== undefined) {
        const entry = byId.get(apiId);
        if (!entry) return undefined;
        return { api: entry.api, operation: findUnderBase(entry, segments, lookup).operation };
      }
      if (url.host)
        return pickByPath(hostCandidates(url.host), segments, lookup, {
          requireOperation: false,
          decisive: false,
        });
      // A bare path belongs to no third-party API; only a workspace spec that answers relative
      // URLs may claim it, by an operation.
      return pickByPath(workspaceSpecs, segments, lookup, {
        requireOperation: true,
        decisive: false,
      });
    },

    findUntiedOperations(method, path) {
      const segments = splitPath(path);
      const lookup = (entry: IndexedApi, path: readonly string[]) =>
        entry.operations.find(method, path);
      return absoluteSpecs.flatMap((entry) => {
        const { operation } = findUnderBase(entry, segments, lookup);
        return operation ? [{ api: entry.api, operation }] : [];
      });
    },

    matchPayload(facts) {
      const instance = facts.instance === undefined ? undefined : parseInstance(facts.instance);
      let candidates = facts.problemType
        ? problemTypePrefixes.longestMatches(facts.problemType)
        : [];
      if (candidates.length === 0 && instance?.host) candidates = hostCandidates(instance.host);
      candidates = narrowByCodes(candidates, facts.codes, codes);
      if (candidates.length === 0) return undefined;

      if (instance && instance.segments.length > 0) {
        const lookup = (
          entry: IndexedApi,
          path: readonly string[],
        ): OperationContract | undefined => {
          const found = entry.operations.findAnyMethod(path);
          if (found.length <= 1 || facts.status === undefined)
            return found.length === 1 ? found[0] : found.length > 1 ? ambiguous : undefined;
          // Several methods share the path: the one documenting the payload's status is the operation.
          const documenting = found.filter((operation) =>
            operationDocuments(operation, facts.status!),
          );
          return documenting.length === 1 ? documenting[0] : ambiguous;
        };
        const match = pickByPath(candidates, instance.segments, lookup, {
          requireOperation: false,
          decisive: true,
        });
        if (match) return match.operation === ambiguous ? { api: match.api } : match;
      }
      if (candidates.length > 1 && facts.status !== undefined) {
        // APIs sharing a `type` prefix differ in what they document (the Catalog's 403, the DAM's 409).
        candidates = candidates.filter((entry) => apiDocuments(entry, facts.status!));
      }
      return candidates.length === 1 ? { api: candidates[0]!.api } : undefined;
    },

    resolveStatus(api, operation, status) {
      if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
      const entry = entryFor(api);
      return resolve(entry, operation && mergedStatuses(api, operation), status);
    },

    documentedStatuses(api, operation) {
      return [...mergedStatuses(api, operation).values()];
    },
  };
}

// Marks an instance path that several operations share, so the API is known but not the operation.
const ambiguous = { method: '', path: '', statuses: [] } as OperationContract;

function indexApi(api: ApiContract): IndexedApi {
  return {
    api,
    prefixes: api.match.pathPrefixes
      .map(splitPath)
      .filter((prefix) => prefix.length > 0)
      .sort((a, b) => b.length - a.length),
    operations: createPathTemplateTrie(
      api.operations.map((operation) => ({
        method: operation.method,
        path: operation.path,
        value: operation,
      })),
    ),
    statuses: new Map(api.statuses.map((status) => [status.key, status])),
  };
}

/**
 * Chooses among APIs for a path: the longest base path the path lies under wins; an API whose
 * base path does not hold the path stays in only by an operation matching the path as written
 * (DAM problem instances such as `/image/123` omit the `/dam` base path). An operation match
 * breaks a tie. A tie that remains goes to the first listed (workspace contracts come before
 * the built-ins), or to nobody when the answer must be decisive.
 */
function pickByPath(
  candidates: readonly IndexedApi[],
  segments: readonly string[],
  lookup: (entry: IndexedApi, path: readonly string[]) => OperationContract | undefined,
  options: { requireOperation: boolean; decisive: boolean },
): OperationMatch | undefined {
  let best: { entry: IndexedApi; operation?: OperationContract }[] = [];
  let bestScore = -Infinity;
  for (const entry of candidates) {
    const { base, operation } = findUnderBase(entry, segments, lookup);
    const baseLength = Array.isArray(base) ? base.length : entry.prefixes.length === 0 ? 0 : -1;
    if (!operation && (baseLength < 0 || options.requireOperation)) continue;
    // An operation under another version of the base path ranks below any other match.
    const score = base === 'other-version' ? 0.5 : baseLength * 2 + (operation ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = [{ entry, operation }];
    } else if (score === bestScore) {
      best.push({ entry, operation });
    }
  }
  if (best.length === 0 || (best.length > 1 && options.decisive)) return undefined;
  return { api: best[0]!.entry.api, operation: best[0]!.operation };
}

/**
 * The API's operation for a call's path segments: under the longest base path the path lies
 * under; else as written (DAM problem instances omit the `/dam` base path); else under a base
 * path that differs from the path's only in its version segment: `/api/v9/channels/1/messages`
 * for a server at `https://discord.com/api/v10`, which answers both with the same operations.
 * `base` is the base path the operation was found under, or the one the path lies under.
 */
function findUnderBase(
  entry: IndexedApi,
  segments: readonly string[],
  lookup: (entry: IndexedApi, path: readonly string[]) => OperationContract | undefined,
): { base?: readonly string[] | 'other-version'; operation?: OperationContract } {
  const base = entry.prefixes.find((prefix) => hasSegmentPrefix(segments, prefix));
  const operation = (base && lookup(entry, segments.slice(base.length))) || lookup(entry, segments);
  if (operation || base) return { ...(base && { base }), ...(operation && { operation }) };
  for (const prefix of entry.prefixes) {
    if (!differsInVersionOnly(segments, prefix)) continue;
    const versioned = lookup(entry, segments.slice(prefix.length));
    if (versioned) return { base: 'other-version', operation: versioned };
  }
  return {};
}

/** A path segment naming an API version: `v10`, `v2.1`, `2.0`, `2010-04-01`. */
function versionShape(segment: string): string | undefined {
  if (/^v\d+(?:\.\d+)*$/i.test(segment)) return 'v';
  if (/^\d+\.\d+$/.test(segment)) return 'dotted';
  if (/^\d{4}-\d{2}-\d{2}$/.test(segment)) return 'date';
  return undefined;
}

/** Whether the path starts with the base path but for one version segment written alike (`v9`, `v10`). */
function differsInVersionOnly(segments: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > segments.length) return false;
  let versions = 0;
  for (let i = 0; i < prefix.length; i++) {
    if (segments[i] === prefix[i]) continue;
    const shape = versionShape(prefix[i]!);
    if (!shape || versionShape(segments[i]!) !== shape || ++versions > 1) return false;
  }
  return versions === 1;
}

/** Exact before range before `default`; at each step the operation's entry before the API-wide one. */
function resolve(
  entry: IndexedApi,
  operationStatuses: Map<string, StatusContract> | undefined,
  status: number,
): StatusContract | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return (
    operationStatuses?.get(exact) ??
    entry.statuses.get(exact) ??
    operationStatuses?.get(range) ??
    entry.statuses.get(range) ??
    operationStatuses?.get('default') ??
    entry.statuses.get('default')
  );
}

/** Whether the operation documents the status by its exact code or its class range (not `default`). */
function operationDocuments(operation: OperationContract, status: number): boolean {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return operation.statuses.some((entry) => entry.key === exact || entry.key === range);
}

/** Whether the API documents the status, API-wide or for any operation (not by `default`). */
function apiDocuments(entry: IndexedApi, status: number): boolean {
  const exact = String(status);
  return (
    entry.statuses.has(exact) ||
    entry.statuses.has(`${exact[0]}XX`) ||
    entry.api.operations.some((operation) => operationDocuments(operation, status))
  );
}

/** The operation's entry over the API-wide entry of the same key: fields it leaves out are inherited. */
function mergeStatus(
  apiWide: StatusContract | undefined,
  operation: StatusContract,
): StatusContract {
  if (!apiWide) return operation;
  const merged: StatusContract = { ...apiWide };
  for (const [field, value] of Object.entries(operation)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  return merged;
}

/** String prefixes grouped by their `scheme://host` part, so a lookup compares only the prefixes of one origin. */
interface PrefixIndex<T> {
  add(prefix: string, value: T): void;
  /** The values of the longest prefixes of `text` (several when APIs share a prefix). */
  longestMatches(text: string): T[];
}

function createPrefixIndex<T>(): PrefixIndex<T> {
  const byOrigin = new Map<string, { prefix: string; value: T }[]>();
  const originOf = (text: string): string =>
    /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(text)?.[0].toLowerCase() ?? '';
  return {
    add(prefix, value) {
      // A prefix that ends inside the host (`https://api.`) cannot be grouped by origin.
      const origin = prefix.length > originOf(prefix).length ? originOf(prefix) : '';
      const list = byOrigin.get(origin) ?? [];
      list.push({ prefix, value });
      // Longest first, so the first hit is the most specific.
      list.sort((a, b) => b.prefix.length - a.prefix.length);
      byOrigin.set(origin, list);
    },
    longestMatches(text) {
      const found: T[] = [];
      let length = -1;
      for (const list of [byOrigin.get(originOf(text)), byOrigin.get('')]) {
        for (const { prefix, value } of list ?? []) {
          if (prefix.length < length) break;
          if (text.startsWith(prefix)) {
            if (prefix.length > length) found.length = 0;
            length = prefix.length;
            if (!found.includes(value)) found.push(value);
          }
        }
      }
      return found;
    },
  };
}

/**
 * Codes known to exactly one API name it. With candidates from the `type` URI, codes only narrow
 * them; codes of several APIs, or none, leave the candidates as they were.
 */
function narrowByCodes(
  candidates: IndexedApi[],
  payloadCodes: PayloadFacts['codes'],
  codes: Map<string, Set<IndexedApi>>,
): IndexedApi[] {
  if (!payloadCodes?.length) return candidates;
  const knowing = new Set<IndexedApi>();
  for (const { field, code } of payloadCodes)
    for (const entry of codes.get(codeKey(field, code)) ?? []) knowing.add(entry);
  if (candidates.length === 0) return knowing.size === 1 ? [...knowing] : [];
  const narrowed = candidates.filter((entry) => knowing.has(entry));
  return narrowed.length > 0 ? narrowed : candidates;
}

function codeKey(field: string, code: string): string {
  return `${field}\u0000${code}`;
}

function normaliseHost(host: string): string {
  let result = host.toLowerCase();
  if (result.includes(':')) result = result.replace(/:\d*$/, '');
  return result.endsWith('.') ? result.slice(0, -1) : result;
}

/** An `instance` member: a path, or an absolute URI whose host and path both count. */
function parseInstance(instance: string): { host?: string; segments: string[] } | undefined {
  if (instance.startsWith('/'))
    return instance.startsWith('//') ? undefined : { segments: splitPath(instance) };
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*@)?([^/?#:]*)(:\d+)?([^?#]*)/i.exec(instance);
  if (!match) return undefined;
  return { host: match[2], segments: splitPath(match[4] ?? '') };
}
