import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit } from 'vscode-languageserver-types';

/**
 * The comment that silences `unhandled-status` for the call starting on the next line:
 * `// api-error-contracts-ignore-next-line 409, 503` (no status: every status).
 */
const suppressionMarker = 'api-error-contracts-ignore-next-line';

/** The statuses a suppression comment line names: undefined when the line is none, empty for "all". */
export function parseSuppression(line: string): number[] | undefined {
  const match = /^\s*\/\/\s*api-error-contracts-ignore-next-line\b(.*)$/.exec(line);
  if (!match) return undefined;
  return (match[1].match(/\b\d{3}\b/g) ?? []).map(Number);
}

/** The edit adding `status` to the suppression comment above the line of `position`, or a new comment. */
export function getSuppressionEdit(
  document: TextDocument,
  position: Position,
  status: number,
  eol: string,
): TextEdit {
  const text = document.getText();
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  if (position.line > 0) {
    const previousStart = document.offsetAt({ line: position.line - 1, character: 0 });
    const previous = text.slice(previousStart, lineStart).replace(/\r?\n$/, '');
    const statuses = parseSuppression(previous);
    if (statuses && statuses.length > 0 && !statuses.includes(status)) {
      const end = document.positionAt(previousStart + previous.trimEnd().length);
      return { range: { start: end, end }, newText: `, ${status}` };
    }
  }
  const start = document.positionAt(lineStart);
  return {
    range: { start, end: start },
    newText: `${indent}// ${suppressionMarker} ${status}${eol}`,
  };
}
