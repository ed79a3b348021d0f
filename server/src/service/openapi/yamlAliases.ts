import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * The most nodes the aliases of one file may add to it. js-yaml shares an alias's node, but every
 * walk over the value walks the expansion: nine levels of ten aliases (583 bytes) expand to a
 * billion nodes. A real description's shared blocks add a few thousand.
 */
const maxAliasExpansion = 100_000;

/**
 * Whether the value js-yaml built contains itself (a recursive alias) or expands to more than
 * {@link maxAliasExpansion} nodes beyond those written: then {@link toValueWithinBudget} builds it again.
 * Linear in the distinct nodes, since shared nodes are measured once.
 */
export function exceedsAliasBudget(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const sizes = new Map<object, number>();
  const active = new Set<object>();
  // Each distinct container is entered once: what it holds as written.
  let written = 0;
  const frames: { node: object; children: unknown[]; next: number; size: number }[] = [];
  const enter = (node: object) => {
    active.add(node);
    const children = Array.isArray(node) ? (node as unknown[]) : Object.values(node);
    frames.push({ node, children, next: 0, size: 1 });
    written += 1 + children.filter((child) => typeof child !== 'object' || child === null).length;
  };
  enter(value);
  let total = 0;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (typeof child !== 'object' || child === null) frame.size++;
      else if (active.has(child)) return true;
      else {
        const known = sizes.get(child);
        if (known !== undefined) frame.size += known;
        else enter(child);
      }
      continue;
    }
    frames.pop();
    active.delete(frame.node);
    sizes.set(frame.node, frame.size);
    const parent = frames[frames.length - 1];
    if (parent) parent.size += frame.size;
    else total = frame.size;
  }
  return total - written > maxAliasExpansion;
}

/** An alias left out of the value, and why. */
export interface AliasProblem {
  /** The alias as written: offsets of `*name` in the text. */
  range: [number, number];
  message: string;
}

/**
 * The value of a `yaml` document, expanding each alias only while the expansions stay within
 * {@link maxAliasExpansion} nodes and never into the node that contains it: an alias over the
 * budget or recursive becomes `null` and is reported where it is written.
 */
export function toValueWithinBudget(document: Document): {
  value: unknown;
  problems: AliasProblem[];
} {
  const problems: AliasProblem[] = [];
  const reported = new Set<Node>();
  const sizes = new Map<Node, number>();
  let remaining = maxAliasExpansion;
  let overBudget: { alias: Node; more: number } | undefined;
  const report = (alias: Node & { source: string }, message: string) => {
    if (reported.has(alias) || !alias.range) return;
    reported.add(alias);
    problems.push({ range: [alias.range[0], alias.range[1]], message });
  };
  const expandedSize = (node: unknown, path: Set<unknown>): number => {
    if (isAlias(node)) return expandedSize(node.resolve(document), path);
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (path.has(node)) return Infinity;
    path.add(node);
    let size = 1;
    for (const item of node.items) {
      size += isPair(item) ? expandedSize(item.value, path) + 1 : expandedSize(item, path);
      if (size === Infinity) break;
    }
    path.delete(node);
    sizes.set(node, size);
    return size;
  };
  const ancestors = new Set<unknown>();
  const convert = (node: unknown): unknown => {
    if (isAlias(node)) {
      const target = node.resolve(document);
      if (target === undefined) return null;
      if (ancestors.has(target)) {
        report(
          node,
          `\`*${node.source}\` refers to the node that contains it, so the value would never end; it is left out.`,
        );
        return null;
      }
      const size = expandedSize(target, new Set());
      if (size === Infinity) {
        report(node, `\`*${node.source}\` refers to a node that contains itself; it is left out.`);
        return null;
      }
      if (size > remaining) {
        // One diagnostic, at the first alias over the budget, counts the others left out.
        if (!overBudget) {
          overBudget = { alias: node, more: 0 };
          report(node, '');
        } else if (!reported.has(node)) {
          reported.add(node);
          overBudget.more++;
        }
        return null;
      }
      remaining -= size;
      return convert(target);
    }
    if (isMap(node)) {
      ancestors.add(node);
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const name = key === null || typeof key !== 'object' ? String(key) : JSON.stringify(key);
        Object.defineProperty(object, name, {
          value: convert(pair.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      ancestors.delete(node);
      return object;
    }
    if (isSeq(node)) {
      ancestors.add(node);
      const list = node.items.map(convert);
      ancestors.delete(node);
      return list;
    }
    if (isScalar(node)) return node.value ?? null;
    return null;
  };
  const value = convert(document.contents);
  const first = overBudget && problems.find((problem) => problem.message === '');
  if (first && overBudget) {
    const name = (overBudget.alias as Node & { source: string }).source;
    const others =
      overBudget.more === 0
        ? 'it is left out'
        : `it and the ${overBudget.more.toLocaleString('en')} aliases after it are left out`;
    first.message = `\`*${name}\` would expand the file past ${maxAliasExpansion.toLocaleString('en')} nodes beyond those written (an alias bomb?); ${others}.`;
  }
  return { value, problems };
}
