import ts from 'typescript';

/**
 * The deepest a TS/JS syntax tree is read to. The service's walks over the tree recurse (a few
 * frames a level), and so does the compiler's parser: about 1,100 nested arrows or calls, or a
 * 2,600-term `a+a+…` chain, overflow the stack. Real code nests a few dozen levels.
 */
export const maxCodeDepth = 300;

/**
 * The longest TS/JS text the service reads, in characters. Parsing and analysing a 5 MB file
 * takes seconds, in which a server answers nothing else; a hand-written module is rarely a tenth
 * of this, a generated client or a bundle often more.
 */
export const maxCodeLength = 1_000_000;

/**
 * How deep brackets may nest in the text given to the parser once it has overflowed the stack on
 * the text as written.
 */
const maxBracketDepth = 100;

/** A parse of code text, with what lies deeper than {@link maxCodeDepth} left out. */
export interface LimitedCodeParse {
  sourceFile: ts.SourceFile;
  /** Where the first part left out starts; undefined when nothing was. */
  tooDeepAt?: number;
}

/**
 * Parses `text` with `parse` so that the tree nests at most about {@link maxCodeDepth} deep:
 * each node at that depth is blanked out of the text (a `0` for an expression, so the rest still
 * parses as written; line breaks kept, so every offset stays) and the text parsed again. When the
 * parser itself overflows, the deepest brackets are blanked first, and failing that the text from
 * the first line the parser cannot get past. The tree returned has every node's parent set, so
 * `parse` need not set them.
 */
export function parseCodeLimited(
  text: string,
  parse: (text: string) => ts.SourceFile,
): LimitedCodeParse {
  let tooDeepAt: number | undefined;
  let sourceFile = tryParse(text, parse);
  let parsedText = text;
  if (!sourceFile) {
    const limited = limitBracketDepth(text);
    parsedText = limited.text;
    tooDeepAt = limited.tooDeepAt;
    sourceFile = tryParse(parsedText, parse);
    if (!sourceFile) {
      const prefix = parsePrefix(parsedText, parse);
      sourceFile = prefix.sourceFile;
      parsedText = sourceFile.text;
      tooDeepAt = Math.min(tooDeepAt ?? prefix.tooDeepAt, prefix.tooDeepAt);
    }
  }
  const deep = linkTree(sourceFile);
  if (deep.length === 0) return { sourceFile, ...(tooDeepAt !== undefined && { tooDeepAt }) };
  let result = '';
  let from = 0;
  for (const node of deep) {
    const start = node.getStart(sourceFile);
    result += parsedText.slice(from, start) + blank(node, parsedText.slice(start, node.end));
    from = node.end;
  }
  result += parsedText.slice(from);
  const first = deep[0]!.getStart(sourceFile);
  // The blanked text nests no deeper than the bound; should the parser still fail, the prefix does.
  const limited = tryParse(result, parse) ?? parsePrefix(result, parse).sourceFile;
  linkTree(limited);
  return { sourceFile: limited, tooDeepAt: Math.min(tooDeepAt ?? first, first) };
}

function tryParse(text: string, parse: (text: string) => ts.SourceFile): ts.SourceFile | undefined {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Sets the parent of every node, which the parser is asked not to do: this walk, which every parse
 * goes through anyway, does it in a fifth of the parse's time less than the parser's own pass.
 * Returns the nodes at depth {@link maxCodeDepth} that have children, in document order (so
 * disjoint).
 */
function linkTree(sourceFile: ts.SourceFile): ts.Node[] {
  const found: ts.Node[] = [];
  // An explicit stack (this walk is what keeps the recursive ones safe), in two arrays and with
  // one callback: every parse goes through this walk, so it allocates nothing per node.
  const nodes: ts.Node[] = [sourceFile];
  const depths: number[] = [0];
  let parent: ts.Node = sourceFile;
  let childDepth = 0;
  const push = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = parent;
    nodes.push(child);
    depths.push(childDepth);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    parent = node;
    childDepth = depth + 1;
    const before = nodes.length;
    ts.forEachChild(node, push);
    if (depth === maxCodeDepth && nodes.length > before) found.push(node);
  }
  // Children are pushed in order and popped in reverse.
  return found.sort((a, b) => a.pos - b.pos);
}

/** The node's text as spaces (line breaks kept), starting with what keeps its place in the syntax. */
function blank(node: ts.Node, text: string): string {
  const spaces = text.replace(/[^\r\n]/g, ' ');
  if (spaces.length === 0) return spaces;
  const keep = ts.isExpression(node)
    ? '0'
    : ts.isBlock(node)
      ? '{}'
      : ts.isStatement(node)
        ? ';'
        : '';
  return keep.length <= spaces.length && !/[\r\n]/.test(spaces.slice(0, keep.length))
    ? keep + spaces.slice(keep.length)
    : spaces;
}

/**
 * The text with what lies inside brackets nested deeper than {@link maxBracketDepth} blanked
 * (line breaks kept), skipping strings and comments, and where the first blanked part starts.
 */
function limitBracketDepth(text: string): { text: string; tooDeepAt?: number } {
  let depth = 0;
  let blankFrom = -1;
  const blanked: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      for (i++; i < text.length && text[i] !== char && (char === '`' || text[i] !== '\n'); i++)
        if (text[i] === '\\') i++;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (char === '(' || char === '[' || char === '{') {
      depth++;
      if (depth === maxBracketDepth + 1 && blankFrom < 0) blankFrom = i + 1;
    } else if (char === ')' || char === ']' || char === '}') {
      if (depth === maxBracketDepth + 1 && blankFrom >= 0) {
        blanked.push([blankFrom, i]);
        blankFrom = -1;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  if (blankFrom >= 0) blanked.push([blankFrom, text.length]);
  if (blanked.length === 0) return { text };
  let result = '';
  let from = 0;
  for (const [start, end] of blanked) {
    result += text.slice(from, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    from = end;
  }
  return { text: result + text.slice(from), tooDeepAt: blanked[0]![0] - 1 };
}

/**
 * The parse of the longest run of whole first lines the parser gets through, the rest blanked
 * (a bisection over the lines: a few parses, in the rare case where even limited brackets
 * overflow, such as a thousand nested arrows on one line).
 */
function parsePrefix(
  text: string,
  parse: (text: string) => ts.SourceFile,
): { sourceFile: ts.SourceFile; tooDeepAt: number } {
  const lineEnds: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineEnds.push(i + 1);
  const blankFrom = (offset: number) => text.slice(0, offset) + blankText(text.slice(offset));
  let best: { sourceFile: ts.SourceFile; tooDeepAt: number } | undefined;
  let low = 0;
  let high = lineEnds.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const end = lineEnds[middle]!;
    const sourceFile = tryParse(blankFrom(end), parse);
    if (sourceFile) {
      best = { sourceFile, tooDeepAt: end };
      low = middle + 1;
    } else high = middle - 1;
  }
  return best ?? { sourceFile: parse(blankText(text)), tooDeepAt: 0 };
}

function blankText(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
