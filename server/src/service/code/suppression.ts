import ts from 'typescript';

const marker = 'api-error-contracts-ignore';

/**
 * Suppression comments: `// api-error-contracts-ignore-next-line 409` covers the next line,
 * `// api-error-contracts-ignore 409 unchecked-response` its own line. Without a list they cover
 * every finding of ours on that line.
 */
export interface Suppressions {
  /** Whether a finding (its rule code, its status) on `line` is suppressed. */
  isSuppressed(line: number, code: string, status?: number): boolean;
}

/** Reads suppression comments lazily, for the lines findings are on. */
export function getSuppressions(sourceFile: ts.SourceFile): Suppressions {
  const text = sourceFile.text;
  if (!text.includes(marker)) return { isSuppressed: () => false };
  const lineStarts = sourceFile.getLineStarts();
  const memo = new Map<number, 'all' | Set<string> | undefined>();

  /** The suppression a comment on `line` declares for `target` (its own line or the next). */
  const read = (line: number, nextLine: boolean): 'all' | Set<string> | undefined => {
    if (line < 0 || line >= lineStarts.length) return undefined;
    const start = lineStarts[line]!;
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
    const lineText = text.slice(start, end);
    let from = 0;
    for (;;) {
      const at = lineText.indexOf(marker, from);
      if (at < 0) return undefined;
      from = at + marker.length;
      const rest = lineText.slice(from);
      const isNextLine = rest.startsWith('-next-line');
      if (isNextLine !== nextLine || !isInComment(sourceFile, start + at)) continue;
      const items = rest
        .slice(isNextLine ? '-next-line'.length : 0)
        .replace(/\*\/.*$/s, '')
        .split(/[\s,]+/)
        .filter((item) => /^(\d{3}|[a-z]+(-[a-z]+)+)$/.test(item));
      return items.length === 0 ? 'all' : new Set(items);
    }
  };

  return {
    isSuppressed(line, code, status) {
      if (!memo.has(line)) {
        const own = read(line, false);
        const previous = read(line - 1, true);
        memo.set(
          line,
          own === 'all' || previous === 'all'
            ? 'all'
            : own || previous
              ? new Set([...(own ?? []), ...(previous ?? [])])
              : undefined,
        );
      }
      const entry = memo.get(line);
      if (!entry) return false;
      return (
        entry === 'all' || entry.has(code) || (status !== undefined && entry.has(String(status)))
      );
    },
  };
}

/** Whether an offset lies in a comment: in the trivia before a token, never inside a string, template or regex. */
function isInComment(sourceFile: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sourceFile;
  for (;;) {
    const children = node.getChildren(sourceFile);
    const child = children.find((each) => each.pos <= offset && offset < each.end);
    if (!child) break;
    node = child;
    if (children.length === 0 || node.getChildCount(sourceFile) === 0) break;
  }
  if (offset >= node.getStart(sourceFile)) return false;
  // Comments on the line of the previous token are its trailing comments, the rest leading ones.
  const comments = [
    ...(ts.getTrailingCommentRanges(sourceFile.text, node.pos) ?? []),
    ...(ts.getLeadingCommentRanges(sourceFile.text, node.pos) ?? []),
  ];
  return comments.some((range) => range.pos <= offset && offset < range.end);
}
