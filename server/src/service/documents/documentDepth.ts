import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import { DiagnosticCode } from '../diagnostics';
import { maxCodeDepth, maxCodeLength } from './codeDepth';

/**
 * The deepest nesting of arrays and objects a JSON document is read to. The parser and every walk
 * over its tree recurse, and about 4,000 levels overflow the stack; real payloads nest a few dozen.
 */
const maxJsonDepth = 512;

/**
 * The JSON text with what lies deeper than {@link maxJsonDepth} blanked out (the innermost
 * brackets kept, as an empty array or object; line breaks kept, so every offset stays), and the
 * offset of the first bracket whose content was blanked.
 */
export function limitJsonDepth(text: string): { text: string; tooDeepAt?: number } {
  let depth = 0;
  let blankFrom = -1;
  let tooDeepAt: number | undefined;
  const blanked: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++)
        if (text[i] === '\\') i++;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth === maxJsonDepth + 1 && blankFrom < 0) {
        blankFrom = i + 1;
        tooDeepAt ??= i;
      }
    } else if (char === ']' || char === '}') {
      if (depth === maxJsonDepth + 1 && blankFrom >= 0) {
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
  return { text: result + text.slice(from), tooDeepAt };
}

/**
 * One information diagnostic when the document, or part of it, was too long or too deep to be
 * read; none otherwise.
 */
export function doDepthValidation(
  document: TextDocument,
  parsed: { kind: 'json' | 'code'; tooDeepAt?: number; tooLong?: number },
): Diagnostic[] {
  if (parsed.tooLong !== undefined) {
    const millions = (parsed.tooLong / 1_000_000).toFixed(1);
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        code: DiagnosticCode.documentTooLong,
        source: diagnosticSource,
        message: `This file has ${millions} million characters; TypeScript and JavaScript files over ${maxCodeLength / 1_000_000} million are not checked (they are nearly always generated or bundled code, and reading one takes seconds). Leave it out with the config's "ignore" to drop this notice.`,
      },
    ];
  }
  if (parsed.tooDeepAt === undefined) return [];
  const message =
    parsed.kind === 'json'
      ? `The document nests arrays and objects more than ${maxJsonDepth} deep; what lies deeper than this is not checked. The rest is.`
      : `The code nests more than ${maxCodeDepth} levels deep (expressions, statements, functions); what lies deeper than this is not checked. The rest is.`;
  const start = document.positionAt(parsed.tooDeepAt);
  return [
    {
      range: { start, end: document.positionAt(parsed.tooDeepAt + 1) },
      severity: DiagnosticSeverity.Information,
      code: DiagnosticCode.documentTooDeep,
      source: diagnosticSource,
      message,
    },
  ];
}
