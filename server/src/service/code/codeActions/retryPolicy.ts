import type ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { formatList } from '../../listWording';
import { helperRetryable } from '../retryCoverage';
import type { CodeStyle } from './codeStyle';
import { declaresTopLevel, insertAfterImports } from './handlerEdits';
import { layoutCall, nodeText, width, type LineContext } from './layout';

/** A helper's text being written: its lines, and what writes them in the file's style. */
export interface HelperText {
  lines: string[];
  /** Adds `line` indented `depth` levels; a blank line stays blank. */
  push(depth: number, line: string): void;
  /** The statement terminator, `;` or nothing. */
  end: string;
  /** `value` in the file's quotes. */
  q(value: string): string;
  /**
   * Adds `head tail` at `depth`, or, where that is wider than the file's width, `tail` on a line
   * of its own one level deeper, as Prettier breaks an `if` without braces or an assignment.
   */
  pushFitted(depth: number, head: string, tail: string): void;
}

/** An empty helper text in the file's style. */
export function createHelperText(style: CodeStyle): HelperText {
  const lines: string[] = [];
  const push = (depth: number, line: string): void => {
    lines.push(line === '' ? '' : style.indentUnit.repeat(depth) + line);
  };
  return {
    lines,
    push,
    end: style.semicolons ? ';' : '',
    q: (value) => style.quote + value + style.quote,
    pushFitted: (depth, head, tail) => {
      for (const line of fittedLines(style, depth, head, tail)) push(depth, line);
    },
  };
}

/** `head tail` where it fits at `depth`, else `head` and `tail` indented one level more. */
function fittedLines(style: CodeStyle, depth: number, head: string, tail: string): string[] {
  const oneLine = `${head} ${tail}`;
  return width(style.indentUnit.repeat(depth) + oneLine, style) <= style.printWidth
    ? [oneLine]
    : [head, style.indentUnit + tail];
}

/**
 * ky's and got's own `retry` defaults, from their documentation: a fix adds to them, it does not
 * narrow them, and a helper around a call of theirs leaves them to the client.
 */
export const libraryRetryDefaults = {
  ky: { statusCodes: [408, 413, 429, 500, 502, 503, 504], afterStatusCodes: [413, 429, 503] },
  got: { statusCodes: [408, 413, 429, 500, 502, 503, 504, 521, 522, 524] },
};

/** What a retry fix that puts a helper around a call needs of the file and the call. */
export interface RetryFixInput {
  /** The document the fix edits. */
  document: TextDocument;
  /** Its parse, for where the helper goes and whether the file has it already. */
  sourceFile: ts.SourceFile;
  /** How the file writes code: indentation, quotes, semicolons, width. */
  style: CodeStyle;
  /** The call sent again. */
  call: ts.CallExpression;
  /** The call's own line, for laying out its new text. */
  line: LineContext;
  /** The edit that puts `text` where the call is. */
  replaceCall(text: string): TextEdit;
}

/**
 * The options interface of a retry helper a quick fix adds (`withRetry`, `withResponseRetry`,
 * `withKyRetry`, `withGotRetry`), as lines at the file's top level in its style, with the blank
 * line after it. The helpers take the same options, so their interfaces read alike; `retryOnDoc`
 * says what `retryOn` adds to.
 */
export function retryPolicyLines(
  interfaceName: string,
  helperName: string,
  style: CodeStyle,
  retryOnDoc = `Statuses to retry besides ${formatList(helperRetryable)}.`,
): string[] {
  const end = style.semicolons ? ';' : '';
  const member = (line: string) => style.indentUnit + line;
  return [
    `/** Options of {@link ${helperName}}. */`,
    `interface ${interfaceName} {`,
    member(`/** ${retryOnDoc} */`),
    member(`retryOn?: readonly number[]${end}`),
    member('/** Attempts in all, the first one included. */'),
    member(`maxAttempts?: number${end}`),
    member('/** The backoff before the first retry, doubled for each further one. */'),
    member(`baseDelayMs?: number${end}`),
    member('/** The longest backoff between two attempts. */'),
    member(`maxDelayMs?: number${end}`),
    member('/** The longest `Retry-After` wait taken; a longer one is cut to this. */'),
    member(`maxRetryAfterMs?: number${end}`),
    member('/** Waits `ms` (replaceable in tests). */'),
    member(`sleep?: (ms: number) => Promise<void>${end}`),
    member('/** The current time in ms, to resolve a `Retry-After` HTTP-date. */'),
    member(`now?: () => number${end}`),
    member('/** A number in [0, 1), the jitter source. */'),
    member(`random?: () => number${end}`),
    '}',
    '',
  ];
}

/**
 * The first statement of a retry helper's body: its options read from `policy`, with the defaults
 * the helpers share, indented one level.
 */
export function retryPolicyDefaultLines(style: CodeStyle): string[] {
  const end = style.semicolons ? ';' : '';
  const comma = style.trailingCommas ? ',' : '';
  const [one, two] = [style.indentUnit, style.indentUnit.repeat(2)];
  // Prettier breaks the default after `=>` where it does not fit (four spaces a level).
  const sleepLines = style.typescript
    ? fittedLines(
        style,
        2,
        'sleep = (ms: number) =>',
        'new Promise<void>((done) => setTimeout(done, ms)),',
      )
    : fittedLines(style, 2, 'sleep = (ms) =>', 'new Promise((done) => setTimeout(done, ms)),');
  return [
    `${one}const {`,
    ...[
      'retryOn = [],',
      'maxAttempts = 4,',
      'baseDelayMs = 250,',
      'maxDelayMs = 10_000,',
      'maxRetryAfterMs = 60_000,',
      ...sleepLines,
      'now = Date.now,',
      `random = Math.random${comma}`,
    ].map((line) => two + line),
    `${one}} = policy${end}`,
  ];
}

/**
 * Lines reading a trimmed `Retry-After` value, in `text`, into `variable` as the ms to wait:
 * delay-seconds, or the time from `now` to an HTTP-date (negative for a past one); NaN for
 * anything else, which the helpers answer with their backoff. Unindented; the longest is 69
 * columns, so that they stay within 80 where the helpers put them, even at four spaces a level.
 */
export function retryAfterLines(style: CodeStyle, variable: string, now: string): string[] {
  const end = style.semicolons ? ';' : '';
  return [
    '// Delay-seconds, or an HTTP-date, which starts with its day:',
    "// Date.parse takes even '1.5' for a day of 2001, not waiting.",
    `let ${variable} = NaN${end}`,
    `if (/^\\d+$/.test(text)) ${variable} = Number(text) * 1000${end}`,
    `else if (/^[A-Z]/.test(text)) ${variable} = Date.parse(text) - ${now}${end}`,
  ];
}

/**
 * `async function name(params): returned {` as Prettier lays it out: on one line where it fits
 * the file's width, else one parameter a line.
 */
export function helperSignatureLines(
  name: string,
  params: readonly string[],
  returned: string,
  style: CodeStyle,
): string[] {
  const head = `async function ${name}(`;
  const tail = `)${returned} {`;
  const oneLine = head + params.join(', ') + tail;
  if (width(oneLine, style) <= style.printWidth) return [oneLine];
  const comma = style.trailingCommas ? ',' : '';
  return [
    head,
    ...params.map((param, i) => style.indentUnit + param + (i < params.length - 1 ? ',' : comma)),
    tail,
  ];
}

/**
 * The call sent again through a helper of the file, `helperName(() => call, { retryOn: […] })`,
 * and the helper (`helperText` in the file's style) added once to the file: the edits, and the
 * helper's name for the action's title.
 */
export function wrapInHelper(
  input: RetryFixInput,
  helperName: string,
  statuses: readonly number[],
  helperText: (style: CodeStyle) => string,
): { edits: TextEdit[]; mechanism: string } {
  const { sourceFile, style, call } = input;
  const text = layoutCall(
    helperName,
    [`() => ${nodeText(call, sourceFile)}`, { members: [`retryOn: [${statuses.join(', ')}]`] }],
    input.line,
    style,
  );
  const edits = [input.replaceCall(text)];
  if (!declaresTopLevel(sourceFile, helperName))
    edits.push(insertAfterImports(input.document, sourceFile, style, helperText(style)));
  return { edits, mechanism: helperName };
}
