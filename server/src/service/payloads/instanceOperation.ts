import type { ApiContract, OperationContract } from '../contracts/model';

/**
 * The operation a problem `instance` names within a known API: the path (of an absolute URI or a
 * reference) with the API's base path dropped, matched against the operations' templates. Only
 * an unambiguous answer counts: several methods on the matching path leave the operation unknown.
 */
export function findOperationForInstance(
  api: ApiContract,
  instance: string,
): OperationContract | undefined {
  const path = stripBasePath(api, instancePath(instance));
  if (path === undefined) return undefined;
  const segments = splitPath(path);
  const matches = api.operations.filter((operation) =>
    templateMatches(splitPath(operation.path), segments),
  );
  if (matches.length === 0) return undefined;
  // A literal segment beats a parameter: `/image/export` over `/image/{id}`.
  const best = Math.min(...matches.map(parameterCount));
  const preferred = matches.filter((operation) => parameterCount(operation) === best);
  return preferred.length === 1 ? preferred[0] : undefined;
}

function instancePath(instance: string): string | undefined {
  if (instance.startsWith('/')) return instance.replace(/[?#].*$/, '');
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(instance);
  return match ? (match[1] ?? '/') : undefined;
}

function stripBasePath(api: ApiContract, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  for (const prefix of api.match.pathPrefixes) {
    const base = prefix.replace(/\/+$/, '');
    if (base && (path === base || path.startsWith(`${base}/`)))
      return path.slice(base.length) || '/';
  }
  return path;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function templateMatches(template: string[], segments: string[]): boolean {
  return (
    template.length === segments.length &&
    template.every((part, i) => /^\{[^}]+\}$/.test(part) || part === segments[i])
  );
}

function parameterCount(operation: OperationContract): number {
  return splitPath(operation.path).filter((part) => part.startsWith('{')).length;
}
