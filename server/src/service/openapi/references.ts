import type { SpecFile, ValuePath } from './specFile';

/** A `$ref` split into the file it names (absolute URI) and the JSON pointer inside it. */
export interface Reference {
  /** The URI of the target file; the referring file's URI for a local `#/…` reference. */
  uri: string;
  /** The pointer's segments, decoded (`~1` → `/`, `~0` → `~`, percent-escapes). */
  pointer: string[];
}

/** Why a `$ref` cannot be followed without reading the network or guessing. */
export type UnfollowableReason = 'remote' | 'unsupported';

/** A `$ref` resolved against its file, or why it is not followed. */
export type ParsedReference = Reference | { reason: UnfollowableReason; ref: string };

/** Resolves `ref` against the referring file, or says why it is not followed. */
export function parseReference(ref: string, baseUri: string): ParsedReference {
  const hash = ref.indexOf('#');
  const target = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  const pointer = parsePointer(fragment);
  if (target === '') return { uri: baseUri, pointer };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { reason: 'remote', ref };
  // A one-letter "scheme" is a Windows drive; other schemes (urn:, ftp:) name nothing a file reader serves.
  if (scheme && scheme !== 'file' && scheme.length > 1) return { reason: 'unsupported', ref };
  try {
    // `target` holds no fragment: it was split off above.
    return { uri: new URL(target.replace(/\\/g, '/'), baseUri).href, pointer };
  } catch {
    return { reason: 'unsupported', ref };
  }
}

function parsePointer(fragment: string): string[] {
  if (fragment === '' || fragment === '/') return fragment === '/' ? [''] : [];
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // A stray `%` is kept as written.
  }
  return decoded
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` inside `value`, or undefined when a segment is missing. */
export function resolvePointer(value: unknown, pointer: readonly string[]): unknown {
  let current = value;
  for (const segment of pointer) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A value reached by following `$ref`s, with the file it was found in (relative `$ref`s inside it resolve against that file). */
export interface Located<T = unknown> {
  value: T;
  uri: string;
  /** The segments of the pointer to the value in that file, when a `$ref` led to it. */
  pointer?: readonly string[];
}

/** Follows `$ref` chains over already-loaded files. */
export interface ReferenceResolver {
  /** The value itself when it is not a reference, else the end of its `$ref` chain; undefined when the chain breaks or loops. */
  deref(value: unknown, uri: string): Located | undefined;
}

/** A resolver over the files a load has read. */
export function createReferenceResolver(files: ReadonlyMap<string, SpecFile>): ReferenceResolver {
  return {
    deref(value, uri) {
      let current: Located = { value, uri };
      for (let hops = 0; hops < 32; hops++) {
        const ref = isObject(current.value) ? current.value.$ref : undefined;
        if (typeof ref !== 'string') return current;
        const reference = parseReference(ref, current.uri);
        if ('reason' in reference) return undefined;
        const file = files.get(reference.uri);
        if (!file) return undefined;
        const target = resolvePointer(file.value, reference.pointer);
        if (target === undefined) return undefined;
        current = { value: target, uri: reference.uri, pointer: reference.pointer };
      }
      return undefined;
    },
  };
}

/**
 * Every `$ref` string in a file with the path of the object holding it. Those inside example data
 * and `x-` extensions are values, not description: they are marked `inData` and never followed.
 */
export function collectReferences(
  file: SpecFile,
): { ref: string; path: ValuePath; inData: boolean }[] {
  const found: { ref: string; path: ValuePath; inData: boolean }[] = [];
  const path: (string | number)[] = [];
  const visit = (value: unknown, inData: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        path.push(index);
        visit(item, inData);
        path.pop();
      });
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.$ref === 'string') found.push({ ref: value.$ref, path: [...path], inData });
    const inExampleObject = path.length >= 2 && path[path.length - 2] === 'examples';
    for (const key of Object.keys(value)) {
      const data =
        inData || key === 'example' || key.startsWith('x-') || (key === 'value' && inExampleObject);
      path.push(key);
      visit(value[key], data);
      path.pop();
    }
  };
  visit(file.value, false);
  return found;
}

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
