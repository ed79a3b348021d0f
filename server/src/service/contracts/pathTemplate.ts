/**
 * Path templates matched segment by segment: `/image/123` and `/image/{id}` both match the
 * template `/image/{id}`, a literal segment beats a parameter, and a parameter in the call
 * (`{id}`, from `${id}` in code) matches only a parameter of the template.
 */

/** The segments of a path: query and fragment dropped, empty segments (`//`, trailing `/`) ignored. */
export function splitPath(path: string): string[] {
  const end = path.search(/[?#]/);
  const bare = end < 0 ? path : path.slice(0, end);
  return bare.split('/').filter((segment) => segment.length > 0);
}

/** Whether a segment is a whole parameter, `{id}`. */
function isParameterSegment(segment: string): boolean {
  return (
    segment.length > 2 &&
    segment.startsWith('{') &&
    segment.endsWith('}') &&
    segment.indexOf('{', 1) < 0
  );
}

/** Whether `segments` start with `prefix`, segment by segment (`/rest/Catalog` is not a prefix of `/rest/CatalogX`). */
export function hasSegmentPrefix(segments: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > segments.length) return false;
  for (let i = 0; i < prefix.length; i++) if (segments[i] !== prefix[i]) return false;
  return true;
}

interface TrieNode<T> {
  literals: Map<string, TrieNode<T>>;
  /** Segments mixing literal text and parameters, such as `report.{format}`. */
  patterns: { regex: RegExp; node: TrieNode<T> }[];
  parameter?: TrieNode<T>;
  /** What ends here, by upper-case method. */
  values?: Map<string, T>;
}

/** Values (operations) stored by method and path template, looked up by concrete or templated paths. */
export interface PathTemplateTrie<T> {
  /** The value for `method` whose template matches best, preferring literal segments left to right. */
  find(method: string, segments: readonly string[]): T | undefined;
  /** Every value, whatever its method, on the best-matching template that has any. */
  findAnyMethod(segments: readonly string[]): T[];
}

/** Builds a trie of `{ method, path }` entries. */
export function createPathTemplateTrie<T>(
  entries: Iterable<{ method: string; path: string; value: T }>,
): PathTemplateTrie<T> {
  const root = newNode<T>();
  for (const { method, path, value } of entries) {
    let node = root;
    for (const segment of splitPath(path)) node = childFor(node, segment);
    node.values ??= new Map();
    const key = method.toUpperCase();
    // The first entry of a method and path wins, as in a router.
    if (!node.values.has(key)) node.values.set(key, value);
  }
  return {
    find(method, segments) {
      const key = method.toUpperCase();
      const accept = (node: TrieNode<T>) => node.values?.get(key);
      // Only when no template matches segment for segment: a value known at run time only may hold
      // a slash (`${repo}` for `owner/name` against `/repos/{owner}/{repo}`).
      return search(root, segments, 0, accept, false) ?? search(root, segments, 0, accept, true);
    },
    findAnyMethod(segments) {
      return (
        search(root, segments, 0, (node) =>
          node.values?.size ? [...node.values.values()] : undefined,
        ) ?? []
      );
    },
  };
}

function newNode<T>(): TrieNode<T> {
  return { literals: new Map(), patterns: [] };
}

function childFor<T>(node: TrieNode<T>, segment: string): TrieNode<T> {
  if (isParameterSegment(segment)) return (node.parameter ??= newNode());
  if (segment.includes('{')) {
    const source = segment
      .split(/(\{[^{}]*\})/)
      .map((part) =>
        isParameterSegment(part) ? '[^/]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    let pattern = node.patterns.find((each) => each.regex.source === `^${source}$`);
    if (!pattern)
      node.patterns.push((pattern = { regex: new RegExp(`^${source}$`), node: newNode() }));
    return pattern.node;
  }
  let child = node.literals.get(segment);
  if (!child) node.literals.set(segment, (child = newNode()));
  return child;
}

function search<T, R>(
  node: TrieNode<T>,
  segments: readonly string[],
  index: number,
  accept: (node: TrieNode<T>) => R | undefined,
  spanning = false,
): R | undefined {
  if (index === segments.length) return accept(node);
  const segment = segments[index]!;
  // A templated call segment stands for any value, so only a template parameter is sure to match it.
  if (!isParameterSegment(segment)) {
    const literal = node.literals.get(segment);
    if (literal) {
      const found = search(literal, segments, index + 1, accept, spanning);
      if (found !== undefined) return found;
    }
    for (const pattern of node.patterns) {
      if (pattern.regex.test(segment)) {
        const found = search(pattern.node, segments, index + 1, accept, spanning);
        if (found !== undefined) return found;
      }
    }
  }
  if (!node.parameter) return undefined;
  const found = search(node.parameter, segments, index + 1, accept, spanning);
  if (found !== undefined || !spanning || !isParameterSegment(segment)) return found;
  // One run-time value standing for two parameters of the template.
  return node.parameter.parameter
    ? search(node.parameter.parameter, segments, index + 1, accept, spanning)
    : undefined;
}
