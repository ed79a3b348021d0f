import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit } from 'vscode-languageserver-types';

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

/** A suppression comment found on a line. */
export interface SuppressionComment {
  /** The statuses and rule codes it names; empty for every finding. */
  items: string[];
  /** The offset just after its last item (or its marker), where another item is appended. */
  end: number;
}

/**
 * The suppression comment on `line` that covers its own line (`nextLine` false) or the next one;
 * undefined when there is none. Only real comments count, never the marker inside a string.
 */
export function findSuppressionComment(
  sourceFile: ts.SourceFile,
  line: number,
  nextLine: boolean,
): SuppressionComment | undefined {
  const text = sourceFile.text;
  const lineStarts = sourceFile.getLineStarts();
  if (line < 0 || line >= lineStarts.length) return undefined;
  const start = lineStarts[line]!;
  const end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
  const lineText = text.slice(start, end);
  let from = 0;
  for (;;) {
    const at = lineText.indexOf(marker, from);
    if (at < 0) return undefined;
    from = at + marker.length;
    const isNextLine = lineText.startsWith('-next-line', from);
    if (isNextLine !== nextLine || !isInComment(sourceFile, start + at)) continue;
    const listStart = from + (isNextLine ? '-next-line'.length : 0);
    const list = lineText
      .slice(listStart)
      .replace(/\*\/.*$/s, '')
      .trimEnd();
    const items = list.split(/[\s,]+/).filter((item) => /^(\d{3}|[a-z]+(-[a-z]+)+)$/.test(item));
    return { items, end: start + listStart + list.length };
  }
}

/** Reads suppression comments lazily, for the lines findings are on. */
export function getSuppressions(sourceFile: ts.SourceFile): Suppressions {
  if (!sourceFile.text.includes(marker)) return { isSuppressed: () => false };
  const memo = new Map<number, 'all' | Set<string> | undefined>();
  const read = (line: number, nextLine: boolean): 'all' | Set<string> | undefined => {
    const comment = findSuppressionComment(sourceFile, line, nextLine);
    if (!comment) return undefined;
    return comment.items.length === 0 ? 'all' : new Set(comment.items);
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

/**
 * The edit that suppresses `status` for the finding at `position`: the status added to the
 * next-line suppression above it, or a new one; undefined when that comment already covers it.
 */
export function getSuppressionEdit(
  document: TextDocument,
  sourceFile: ts.SourceFile,
  position: Position,
  status: number,
  eol: string,
): TextEdit | undefined {
  const previous = findSuppressionComment(sourceFile, position.line - 1, true);
  if (previous) {
    if (previous.items.length === 0 || previous.items.includes(String(status))) return undefined;
    // Added to, not pushed off its call: what the comment suppressed stays suppressed.
    const end = document.positionAt(previous.end);
    return {
      range: { start: end, end },
      newText: `, ${status}`,
    };
  }
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const indent = /^[ \t]*/.exec(document.getText().slice(lineStart))?.[0] ?? '';
  const start = document.positionAt(lineStart);
  return {
    range: { start, end: start },
    newText: `${indent}// ${marker}-next-line ${status}${eol}`,
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
