/**
 * File globs in linear time. A backtracking matcher (a glob turned into a regular expression)
 * takes seconds to minutes on `*a*a*a*a*a*a*a*a*a*a*a*b` against a long file name; this one runs
 * the glob as a set of states over the path, one step per character, so a match costs at most
 * the path's length times the glob's.
 *
 * The syntax is the usual one, with dot files matched: `*` (within a folder name), `**` as a
 * whole segment (any number of folders, also none: `a/**` matches `a`), `?`, `[abc]`, `[a-z]`,
 * `[!a]` / `[^a]`, `{a,b}` (nested too), `\` escaping the next character, and a leading `!`
 * negating the whole glob.
 */

/** The longest glob accepted: a match costs the path's length times the glob's. */
export const maxGlobLength = 1024;

const maxBraceDepth = 10;

/** A compiled glob. */
export interface CompiledGlob {
  /** Whether `path` (`/`-separated) matches; always false for a glob with a problem. */
  matches(path: string): boolean;
  /** Why the glob cannot be used (unclosed `{`, a range `[z-a]`, over {@link maxGlobLength}); undefined when it can. */
  problem?: string;
}

/** Options of {@link compileGlob}. */
export interface GlobOptions {
  /** Let the glob match from the start of any folder name rather than only from the path's start. */
  anyDepth?: boolean;
}

type Node =
  | { kind: 'char'; test: (code: number) => boolean }
  | { kind: 'star'; nonEmpty: boolean }
  | { kind: 'any' }
  | { kind: 'folders' }
  | { kind: 'slashAny' }
  | { kind: 'alternatives'; branches: Node[][] };

interface State {
  eps: number[];
  edges: { test: (code: number) => boolean; to: number }[];
}

const slash = 47;
const notSlash = (code: number) => code !== slash;
const anything = () => true;

class GlobSyntaxError extends Error {}

const cache = new Map<string, CompiledGlob>();
const maxCached = 500;

/** Compiles `pattern` once (cached); never throws: a glob that cannot be used reports its problem and matches nothing. */
export function compileGlob(pattern: string, options: GlobOptions = {}): CompiledGlob {
  const key = `${options.anyDepth ? 'd' : 'r'}${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(pattern, options);
    if (cache.size >= maxCached) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** Why `pattern` cannot be used as a glob, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  return compileGlob(pattern).problem;
}

/** Whether `pattern` has any glob syntax, or names one path literally. */
export function isGlobPattern(pattern: string): boolean {
  return /^!|[*?[{\\]/.test(pattern);
}

function compile(pattern: string, options: GlobOptions): CompiledGlob {
  if (pattern.length > maxGlobLength)
    return {
      matches: () => false,
      problem: `The glob is ${pattern.length.toLocaleString('en')} characters long; a glob may have at most ${maxGlobLength.toLocaleString('en')}.`,
    };
  let source = pattern;
  let negated = false;
  if (source.startsWith('!') && !source.startsWith('!(')) {
    negated = true;
    source = source.slice(1);
  }
  let nodes: Node[];
  try {
    nodes = parse(source.replace(/^\.\//, ''));
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    return { matches: () => false, problem: error.message };
  }
  if (options.anyDepth && !source.startsWith('/')) nodes = [{ kind: 'folders' }, ...nodes];
  const automaton = build(nodes);
  return { matches: (path) => run(automaton, path) !== negated };
}

function parse(source: string): Node[] {
  let index = 0;
  const at = (offset = 0) => source[index + offset];
  const segmentStartsAt = (position: number) =>
    position === 0 || ['/', '{', ','].includes(source[position - 1]!);
  const segmentEndsAt = (position: number) =>
    position >= source.length || ['/', '}', ','].includes(source[position]!);

  const sequence = (depth: number): Node[] => {
    const nodes: Node[] = [];
    while (index < source.length) {
      const char = at()!;
      if (depth > 0 && (char === ',' || char === '}')) break;
      if (/[@!+*?]/.test(char) && at(1) === '(')
        throw new GlobSyntaxError(
          `Extended globs such as \`${char}(a|b)\` are not supported; use \`{a,b}\`.`,
        );
      if (char === '*') {
        const start = index;
        while (at() === '*') index++;
        const whole = index - start >= 2 && segmentStartsAt(start) && segmentEndsAt(index);
        // A `*` that is a whole folder name matches a non-empty one, as `a/*` does not match `a/`.
        if (!whole)
          nodes.push({
            kind: 'star',
            nonEmpty: index - start === 1 && segmentStartsAt(start) && segmentEndsAt(index),
          });
        else if (at() === '/') {
          index++;
          nodes.push({ kind: 'folders' });
        } else if (start > 0 && source[start - 1] === '/' && nodes.length > 0) {
          // `a/**` also matches `a` itself: the `/` before it becomes optional.
          nodes.pop();
          nodes.push({ kind: 'slashAny' });
        } else nodes.push({ kind: 'any' });
        continue;
      }
      if (char === '?') {
        index++;
        nodes.push({ kind: 'char', test: notSlash });
        continue;
      }
      if (char === '[') {
        nodes.push(characterClass());
        continue;
      }
      if (char === '{') {
        if (depth >= maxBraceDepth)
          throw new GlobSyntaxError(`The glob nests \`{\` more than ${maxBraceDepth} deep.`);
        const open = index;
        index++;
        const branches: Node[][] = [sequence(depth + 1)];
        while (at() === ',') {
          index++;
          branches.push(sequence(depth + 1));
        }
        if (at() !== '}')
          throw new GlobSyntaxError(
            `The \`{\` at column ${open + 1} is never closed; write \`\\{\` for a literal brace.`,
          );
        index++;
        nodes.push({ kind: 'alternatives', branches });
        continue;
      }
      if (char === '\\' && index + 1 < source.length) index++;
      const code = source.charCodeAt(index);
      index++;
      nodes.push({ kind: 'char', test: (each) => each === code });
    }
    return nodes;
  };

  const characterClass = (): Node => {
    const open = index;
    index++;
    let negate = false;
    if (at() === '!' || at() === '^') {
      negate = true;
      index++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    while (index < source.length && (at() !== ']' || first)) {
      first = false;
      let low = at()!;
      if (low === '\\' && index + 1 < source.length) low = source[++index]!;
      index++;
      let high = low;
      if (at() === '-' && at(1) !== undefined && at(1) !== ']') {
        index++;
        high = at()!;
        if (high === '\\' && index + 1 < source.length) high = source[++index]!;
        index++;
      }
      if (high.charCodeAt(0) < low.charCodeAt(0))
        throw new GlobSyntaxError(
          `\`[${low}-${high}]\` is an empty range: \`${high}\` comes before \`${low}\`.`,
        );
      ranges.push([low.charCodeAt(0), high.charCodeAt(0)]);
    }
    if (at() !== ']')
      throw new GlobSyntaxError(
        `The \`[\` at column ${open + 1} is never closed; write \`\\[\` for a literal bracket.`,
      );
    index++;
    const inRanges = (code: number) => ranges.some(([low, high]) => code >= low && code <= high);
    return { kind: 'char', test: (code) => code !== slash && inRanges(code) !== negate };
  };

  // At the top level `,` and `}` are ordinary characters, so this reads the whole glob.
  return sequence(0);
}

interface Automaton {
  states: State[];
  start: number;
  accept: number;
}

function build(nodes: Node[]): Automaton {
  const states: State[] = [];
  const add = () => states.push({ eps: [], edges: [] }) - 1;
  const loop = (from: number, test: (code: number) => boolean) => {
    const state = add();
    states[from]!.eps.push(state);
    states[state]!.edges.push({ test, to: state });
    return state;
  };
  const sequence = (list: Node[], from: number): number => {
    let at = from;
    for (const node of list) at = single(node, at);
    return at;
  };
  const single = (node: Node, from: number): number => {
    switch (node.kind) {
      case 'char': {
        const to = add();
        states[from]!.edges.push({ test: node.test, to });
        return to;
      }
      case 'star': {
        if (!node.nonEmpty) return loop(from, notSlash);
        const to = add();
        states[from]!.edges.push({ test: notSlash, to });
        states[to]!.edges.push({ test: notSlash, to });
        return to;
      }
      case 'any':
        return loop(from, anything);
      case 'folders': {
        // Zero or more whole folders: nothing, or anything that ends with `/`.
        const to = add();
        states[from]!.eps.push(to);
        const inside = loop(from, anything);
        states[inside]!.edges.push({ test: (code) => code === slash, to });
        return to;
      }
      case 'slashAny': {
        // `/` and anything after it, or nothing.
        const to = add();
        states[from]!.eps.push(to);
        const inside = add();
        states[from]!.edges.push({ test: (code) => code === slash, to: inside });
        states[inside]!.edges.push({ test: anything, to: inside });
        states[inside]!.eps.push(to);
        return to;
      }
      case 'alternatives': {
        const join = add();
        for (const branch of node.branches) {
          const start = add();
          states[from]!.eps.push(start);
          states[sequence(branch, start)]!.eps.push(join);
        }
        return join;
      }
    }
  };
  const start = add();
  const accept = sequence(nodes, start);
  return { states, start, accept };
}

function run({ states, start, accept }: Automaton, path: string): boolean {
  const seen = new Uint32Array(states.length);
  let generation = 1;
  let current: number[] = [];
  const addClosed = (list: number[], state: number) => {
    const stack = [state];
    while (stack.length > 0) {
      const each = stack.pop()!;
      if (seen[each] === generation) continue;
      seen[each] = generation;
      list.push(each);
      for (const next of states[each]!.eps) stack.push(next);
    }
  };
  addClosed(current, start);
  for (let i = 0; i < path.length && current.length > 0; i++) {
    const code = path.charCodeAt(i);
    generation++;
    const next: number[] = [];
    for (const state of current)
      for (const edge of states[state]!.edges) if (edge.test(code)) addClosed(next, edge.to);
    current = next;
  }
  return current.includes(accept);
}
