import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import javascriptSnippets from '../../../../../snippets/javascript.json';
import typescriptSnippets from '../../../../../snippets/typescript.json';
import { retryHelperName } from '../callRecognition';
import { hasIdempotencyKey, idempotentMethods } from '../idempotency';
import { helperNeverRetried, helperRetryable } from '../retryCoverage';
import { getObjectMember } from '../syntax';
import { indentationAt, type CodeStyle } from './codeStyle';
import { getAxiosHelperEdits, getAxiosRetryEdits } from './axiosRetry';
import { getResponseRetryEdits } from './responseRetry';
import { libraryRetryDefaults, type RetryFixInput } from './retryPolicy';
import { getThrownRetryEdits } from './thrownRetry';
import { declaresTopLevel, insertAfterImports } from './handlerEdits';
import { layoutCall, nodeText, sourceArguments, type LayoutMember } from './layout';
import { expandSnippet } from './snippetText';

/** A call a retry fix is for. */
export interface RetryTarget {
  document: TextDocument;
  sourceFile: ts.SourceFile;
  style: CodeStyle;
  call: ts.CallExpression;
  /**
   * The call's client; `wrapper` for a project function handing back its `Response` (or an
   * openapi-fetch result), `axios-wrapper`, `ky-wrapper` and `got-wrapper` for one handing back
   * that client's promise.
   */
  library: string;
  /** Upper-case HTTP method. */
  method: string;
  /** An axios-retry plug-in is registered on the call's client already. */
  hasPlugin?: boolean;
  /** Whether the project depends on axios-retry (asked only for an axios call). */
  projectHasAxiosRetry?: () => boolean;
  /** Whether the call's client sends the request again for a status by itself (ky's and got's `retry`). */
  retriedByClient?: (status: number) => boolean;
}

/** A fix making a call retry statuses, and what it uses, for the action title. */
export interface RetryFix {
  edits: TextEdit[];
  /** `fetchWithRetry`, `ky's retry option`, … */
  mechanism: string;
}

/**
 * Edits making the call send the request again for `statuses` with bounded, backed-off attempts
 * that honour `Retry-After`: `fetch` goes through the project's retry helper (added to the file
 * when it neither declares nor imports it); ky and got get their own `retry` option; axios gets
 * axios-retry when the project depends on it, else the `withRetry` helper around the call; an
 * openapi-fetch call or a wrapper handing back a `Response` goes through `withResponseRetry`,
 * one handing back an axios, ky or got promise through `withRetry`, `withKyRetry` or
 * `withGotRetry`. Undefined when the method may not be retried (not idempotent and no
 * `Idempotency-Key`), a status is one no retry can fix, or the call has no shape the fix knows.
 */
export function getRetryFix(
  target: RetryTarget,
  statuses: readonly number[],
): RetryFix | undefined {
  if (statuses.length === 0 || statuses.some((status) => helperNeverRetried.includes(status)))
    return undefined;
  const sorted = [...new Set(statuses)].sort((a, b) => a - b);
  const options = optionsArgument(target);
  const hasKey = options !== undefined && hasIdempotencyKey(getObjectMember(options, 'headers'));
  const keyed = (target.method === 'POST' || target.method === 'PATCH') && hasKey;
  if (!idempotentMethods.includes(target.method) && !keyed) return undefined;
  if (target.library === 'fetch') return wrapFetch(target, sorted);
  if (target.library === 'ky' || target.library === 'got')
    return libraryRetry(target, target.library, sorted, keyed);
  const input: RetryFixInput = {
    document: target.document,
    sourceFile: target.sourceFile,
    style: target.style,
    call: target.call,
    line: lineAround(target),
    replaceCall: (text) => replaceCall(target, text),
  };
  if (target.library === 'openapi-fetch' || target.library === 'wrapper')
    return getResponseRetryEdits(input, sorted);
  if (target.library === 'axios-wrapper') return getAxiosHelperEdits(input, sorted);
  if (target.library === 'ky-wrapper' || target.library === 'got-wrapper') {
    // The helper retries only what it is told: the transient statuses the other helpers always
    // retry are added where the client does not retry them itself, and are not retried twice.
    const retriedByClient = target.retriedByClient ?? (() => false);
    const retryOn = [
      ...new Set([...sorted, ...helperRetryable.filter((status) => !retriedByClient(status))]),
    ].sort((a, b) => a - b);
    return getThrownRetryEdits(input, target.library === 'ky-wrapper' ? 'ky' : 'got', retryOn);
  }
  if (target.library === 'axios') {
    const plugin = {
      hasPlugin: target.hasPlugin ?? false,
      projectHasPlugin: target.projectHasAxiosRetry?.() ?? false,
    };
    return getAxiosRetryEdits({ ...input, ...plugin }, sorted);
  }
  return undefined;
}

function isFetchCallee(callee: ts.Expression): boolean {
  return (
    (ts.isIdentifier(callee) && callee.text === 'fetch') ||
    (ts.isPropertyAccessExpression(callee) &&
      callee.name.text === 'fetch' &&
      ts.isIdentifier(callee.expression) &&
      ['globalThis', 'window', 'self'].includes(callee.expression.text))
  );
}

/** The call's `init`/options object literal, when it writes one. */
function optionsArgument(target: RetryTarget): ts.ObjectLiteralExpression | undefined {
  const last = target.call.arguments[target.call.arguments.length - 1];
  return target.call.arguments.length >= 2 && last && ts.isObjectLiteralExpression(last)
    ? last
    : undefined;
}

/** The line around the call, for laying out its new text. */
function lineAround(target: RetryTarget): { prefix: string; suffix: string; indent: string } {
  const text = target.document.getText();
  const start = target.call.getStart(target.sourceFile);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', target.call.getEnd());
  return {
    prefix: text.slice(lineStart, start),
    suffix: text.slice(target.call.getEnd(), lineEnd < 0 ? text.length : lineEnd).trimEnd(),
    indent: indentationAt(text, start),
  };
}

function replaceCall(target: RetryTarget, newText: string): TextEdit {
  return {
    range: {
      start: target.document.positionAt(target.call.getStart(target.sourceFile)),
      end: target.document.positionAt(target.call.getEnd()),
    },
    newText,
  };
}

/** `fetch(url, init)` → `fetchWithRetry(url, init, { retryOn: [...] })`: the statuses it retries are written out. */
function wrapFetch(target: RetryTarget, statuses: readonly number[]): RetryFix | undefined {
  const { call, style } = target;
  if (!isFetchCallee(call.expression) || call.arguments.length === 0 || call.arguments.length > 2)
    return undefined;
  const line = lineAround(target);
  const args = sourceArguments(call, target.sourceFile);
  if (args.length === 1) args.push('{}');
  const text = layoutCall(
    retryHelperName,
    [...args, { members: [`retryOn: [${statuses.join(', ')}]`] }],
    line,
    style,
  );
  const edits = [replaceCall(target, text)];
  if (!declaresTopLevel(target.sourceFile, retryHelperName))
    edits.push(
      insertAfterImports(target.document, target.sourceFile, style, getRetryHelperText(style)),
    );
  return { edits, mechanism: retryHelperName };
}

/** ky's and got's `retry` option: attempts, statuses over the defaults, and the longest `Retry-After` taken. */
function libraryRetry(
  target: RetryTarget,
  library: 'ky' | 'got',
  statuses: readonly number[],
  keyed: boolean,
): RetryFix | undefined {
  const { call, style } = target;
  const options = optionsArgument(target);
  if (options && getObjectMember(options, 'retry')) return undefined;
  if (!options && call.arguments.length !== 1) return undefined;
  const union = (defaults: readonly number[]) =>
    [...new Set([...defaults, ...statuses])].sort((a, b) => a - b).join(', ');
  const method = library === 'ky' ? target.method.toLowerCase() : target.method;
  const retry: LayoutMember[] = [
    'limit: 3',
    ...(keyed ? [`methods: [${quote(style, method)}]`] : []),
    `statusCodes: [${union(libraryRetryDefaults[library].statusCodes)}]`,
    ...(library === 'ky'
      ? [`afterStatusCodes: [${union(libraryRetryDefaults.ky.afterStatusCodes)}]`]
      : []),
    // A longer `Retry-After` is not waited out: ky and got give up on the request instead.
    'maxRetryAfter: 60_000',
    'backoffLimit: 10_000',
  ];
  const line = lineAround(target);
  const url = nodeText(call.arguments[0]!, target.sourceFile);
  const existing = options
    ? options.properties.map((property) => nodeText(property, target.sourceFile))
    : [];
  const expanded = !!options && /^\{[ \t]*\r?\n/.test(options.getText(target.sourceFile));
  const text = layoutCall(
    call.expression.getText(target.sourceFile),
    [url, { members: [...existing, { key: 'retry', members: retry }], expanded }],
    line,
    style,
  );
  return { edits: [replaceCall(target, text)], mechanism: `${library}'s retry option` };
}

function quote(style: CodeStyle, value: string): string {
  return style.quote + value + style.quote;
}

const retryHelperTexts = new Map<string, string>();

/**
 * The helper's text as the snippet inserts it, without `export`: the file keeps its own exports.
 * Written once per style: every call of a file that fix all or --fix retries asks for it.
 */
function getRetryHelperText(style: CodeStyle): string {
  const key = JSON.stringify([
    style.typescript,
    style.semicolons,
    style.quote,
    style.indentUnit,
    style.eol,
  ]);
  let text = retryHelperTexts.get(key);
  if (text === undefined) retryHelperTexts.set(key, (text = writeRetryHelperText(style)));
  return text;
}

function writeRetryHelperText(style: CodeStyle): string {
  const snippets: Record<string, { prefix: string; body: string[] }> = style.typescript
    ? typescriptSnippets
    : javascriptSnippets;
  const helper = Object.values(snippets).find((snippet) => snippet.prefix === 'fetch-retry-helper');
  if (!helper) throw new Error('the fetch-retry-helper snippet is missing');
  let text = expandSnippet(helper.body).replace(/^export /gm, '');
  if (!style.semicolons) text = text.replace(/;$/gm, '');
  if (style.quote === '"') text = text.replace(/'([^'"\\\n]*)'/g, '"$1"');
  if (style.indentUnit !== '  ')
    text = text.replace(/^((?: {2})+)/gm, (indent) => style.indentUnit.repeat(indent.length / 2));
  return text.replace(/\n/g, style.eol);
}
