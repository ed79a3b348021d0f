import ts from 'typescript';
import type { TextEdit } from 'vscode-languageserver-types';
import { idempotentMethods } from '../idempotency';
import { helperNeverRetried, helperRetryable } from '../retryCoverage';
import type { CodeStyle } from './codeStyle';
import {
  createHelperText,
  retryAfterLines,
  retryPolicyDefaultLines,
  retryPolicyLines,
  wrapInHelper,
  type RetryFixInput,
} from './retryPolicy';
import { declaresTopLevel, insertAfterImports } from './handlerEdits';
import { requiredModule } from './fixSite';

/** The retry helper a fix wraps an axios call in when the file has no axios-retry. */
const axiosRetryHelperName = 'withRetry';

/** What an axios retry fix needs of the file and the call. */
export interface AxiosRetryInput extends RetryFixInput {
  /** An axios-retry plug-in is already registered on the call's client. */
  hasPlugin: boolean;
  /** The project's `package.json` lists axios-retry, so the file may import it. */
  projectHasPlugin: boolean;
}

/** The edits and the mechanism's name, for the action title. */
export interface AxiosRetryEdits {
  edits: TextEdit[];
  mechanism: string;
}

/**
 * The idiomatic retry for an axios call: when the project depends on axios-retry (the file
 * imports or requires it, or the nearest `package.json` lists it and the file gets the import,
 * or a CommonJS file the `require`), `axiosRetry(client, …)` registered once on the call's
 * client with a `retryCondition` listing the statuses and a `retryDelay` honouring
 * `Retry-After`; otherwise the call goes through a `withRetry` helper added once to the file.
 * Both send again only idempotent requests or POST/PATCH carrying an `Idempotency-Key`, as the
 * error's request config shows.
 */
export function getAxiosRetryEdits(
  input: AxiosRetryInput,
  statuses: readonly number[],
): AxiosRetryEdits | undefined {
  const plugin = axiosRetryImport(input.sourceFile);
  const existing = plugin ? importedNames(input, plugin) : requiredPlugin(input.sourceFile);
  if (existing) {
    // A second registration would stack its retries on the first one's.
    if (input.hasPlugin) return undefined;
    return registerPlugin(input, existing, statuses);
  }
  if (input.projectHasPlugin && !input.hasPlugin) {
    const added = addedImport(input) ?? addedRequire(input);
    const registered = added && registerPlugin(input, added, statuses);
    if (registered) return registered;
  }
  return getAxiosHelperEdits(input, statuses);
}

/** How the file names axios-retry and its `isNetworkError`, with the edits that import them. */
interface PluginNames {
  pluginName: string;
  isNetworkError: string;
  edits: TextEdit[];
  /** Where a `require` binding the plug-in ends: it is registered after, not before, that. */
  boundAt?: number;
}

/** The names an existing `import axiosRetry from 'axios-retry'` gives, `isNetworkError` added to it. */
function importedNames(input: AxiosRetryInput, declaration: ts.ImportDeclaration): PluginNames {
  const clause = declaration.importClause!;
  const named =
    clause.namedBindings && ts.isNamedImports(clause.namedBindings)
      ? clause.namedBindings
      : undefined;
  const existing = named?.elements.find(
    (element) => (element.propertyName ?? element.name).text === 'isNetworkError',
  );
  const edits: TextEdit[] = [];
  if (!existing) {
    if (named && named.elements.length > 0)
      edits.push(
        insertAt(input, named.elements[named.elements.length - 1].getEnd(), ', isNetworkError'),
      );
    else if (named)
      edits.push(insertAt(input, named.getStart(input.sourceFile) + 1, ' isNetworkError '));
    else edits.push(insertAt(input, clause.name!.getEnd(), ', { isNetworkError }'));
  }
  return {
    pluginName: clause.name!.text,
    isNetworkError: existing?.name.text ?? 'isNetworkError',
    edits,
  };
}

/**
 * `import axiosRetry, { isNetworkError } from 'axios-retry'` after the file's last import, for
 * an ES module whose project depends on the package; undefined for a file without imports (a
 * CommonJS one may `require` instead) or one already using either name.
 */
function addedImport(input: AxiosRetryInput): PluginNames | undefined {
  const { sourceFile, style } = input;
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const last = imports[imports.length - 1];
  if (!last) return undefined;
  if (declaresTopLevel(sourceFile, 'axiosRetry') || declaresTopLevel(sourceFile, 'isNetworkError'))
    return undefined;
  const text = `import axiosRetry, { isNetworkError } from ${style.quote}axios-retry${style.quote}${style.semicolons ? ';' : ''}`;
  return {
    pluginName: 'axiosRetry',
    isNetworkError: 'isNetworkError',
    edits: [insertAt(input, last.getEnd(), style.eol + text)],
  };
}

/**
 * `const axiosRetry = require('axios-retry').default` after the file's last top-level `require`,
 * for a CommonJS file (no imports) whose project depends on the package: axios-retry 4 exports
 * the plug-in as `default` to `require` (3 did too), and `isNetworkError` on the plug-in as well
 * as beside it. Undefined for a file without a top-level `require` or one using the name.
 */
function addedRequire(input: AxiosRetryInput): PluginNames | undefined {
  const { sourceFile, style } = input;
  if (sourceFile.statements.some(ts.isImportDeclaration)) return undefined;
  const requires = sourceFile.statements.filter(
    (statement) => requiredModule(statement) !== undefined,
  );
  const last = requires[requires.length - 1];
  if (!last || declaresTopLevel(sourceFile, 'axiosRetry')) return undefined;
  const text = `const axiosRetry = require(${q(style, 'axios-retry')}).default${style.semicolons ? ';' : ''}`;
  return {
    pluginName: 'axiosRetry',
    isNetworkError: 'axiosRetry.isNetworkError',
    edits: [insertAt(input, last.getEnd(), style.eol + text)],
    boundAt: last.getEnd(),
  };
}

/** The plug-in a CommonJS file already requires, `const name = require('axios-retry').default`. */
function requiredPlugin(sourceFile: ts.SourceFile): PluginNames | undefined {
  for (const statement of sourceFile.statements) {
    const required = requiredModule(statement);
    if (required?.name && required.module === 'axios-retry' && required.property === 'default')
      return {
        pluginName: required.name,
        isNetworkError: `${required.name}.isNetworkError`,
        edits: [],
        boundAt: statement.getEnd(),
      };
  }
  return undefined;
}

function axiosRetryImport(sourceFile: ts.SourceFile): ts.ImportDeclaration | undefined {
  return sourceFile.statements.find(
    (statement): statement is ts.ImportDeclaration =>
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text === 'axios-retry' &&
      statement.importClause?.name !== undefined,
  );
}

function q(style: CodeStyle, value: string): string {
  return style.quote + value + style.quote;
}

/** The plug-in registered on the call's client, after the client is made and the plug-in bound. */
function registerPlugin(
  input: AxiosRetryInput,
  names: PluginNames,
  statuses: readonly number[],
): AxiosRetryEdits | undefined {
  const { sourceFile, style } = input;
  const callee = input.call.expression;
  const client = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  if (!ts.isIdentifier(client)) return undefined;
  // Registered where the client is made: after a top-level `const client = axios.create(…)`, or
  // after the imports for the imported axios itself.
  const made = sourceFile.statements.find(
    (statement) =>
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.some(
        (each) => ts.isIdentifier(each.name) && each.name.text === client.text,
      ),
  );
  const imported = sourceFile.statements.some(
    (statement) =>
      ts.isImportDeclaration(statement) && statement.importClause?.name?.text === client.text,
  );
  if (!made && !imported) return undefined;
  const text = registrationText(style, names, client.text, statuses);
  const edits: TextEdit[] = [...names.edits];
  const after = Math.max(made?.getEnd() ?? 0, names.boundAt ?? 0);
  if (after > 0) edits.push(insertAt(input, after, style.eol + style.eol + text));
  else edits.push(insertAfterImports(input.document, sourceFile, style, text));
  return { edits, mechanism: 'axios-retry' };
}

/** `axiosRetry(client, { retries, retryCondition, retryDelay })` in the file's style. */
function registrationText(
  style: CodeStyle,
  { pluginName, isNetworkError }: PluginNames,
  client: string,
  statuses: readonly number[],
): string {
  const end = style.semicolons ? ';' : '';
  const comma = style.trailingCommas ? ',' : '';
  const i1 = style.indentUnit;
  const i2 = i1.repeat(2);
  const retried = [...new Set([...helperRetryable, ...statuses])].sort((a, b) => a - b);
  return [
    `${pluginName}(${client}, {`,
    `${i1}retries: 3,`,
    `${i1}retryCondition: (error) => {`,
    `${i2}const method = (error.config?.method ?? ${q(style, 'get')}).toUpperCase()${end}`,
    `${i2}const keyed = Boolean(error.config?.headers.has(${q(style, 'Idempotency-Key')}))${end}`,
    `${i2}const safe = [${idempotentList(style)}].includes(method)${end}`,
    `${i2}const unsafe = method === ${q(style, 'POST')} || method === ${q(style, 'PATCH')}${end}`,
    `${i2}if (!safe && !(unsafe && keyed)) return false${end}`,
    `${i2}const status = error.response?.status${end}`,
    `${i2}if (status === undefined) return ${isNetworkError}(error)${end}`,
    `${i2}return [${retried.join(', ')}].includes(status)${end}`,
    `${i1}},`,
    `${i1}retryDelay: (retryCount, error) => {`,
    `${i2}const raw = error.response?.headers[${q(style, 'retry-after')}] ?? ${q(style, '')}${end}`,
    `${i2}const text = String(raw).trim()${end}`,
    ...retryAfterLines(style, 'waitMs', 'Date.now()').map((line) => i2 + line),
    `${i2}// Retry-After is taken exactly, up to a minute; otherwise a capped`,
    `${i2}// exponential backoff with full jitter.`,
    `${i2}if (!Number.isNaN(waitMs)) return Math.min(Math.max(0, waitMs), 60_000)${end}`,
    `${i2}return Math.random() * Math.min(10_000, 250 * 2 ** (retryCount - 1))${end}`,
    `${i1}}${comma}`,
    `})${end}`,
  ].join(style.eol);
}

function idempotentList(style: CodeStyle): string {
  return idempotentMethods.map((method) => q(style, method)).join(', ');
}

function insertAt(input: RetryFixInput, offset: number, newText: string): TextEdit {
  const position = input.document.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

/**
 * `axios.delete(url)` → `withRetry(() => axios.delete(url), { retryOn: [409] })`, the helper
 * added once to the file; also a project function's call that hands back an axios promise.
 */
export function getAxiosHelperEdits(
  input: RetryFixInput,
  statuses: readonly number[],
): AxiosRetryEdits {
  return wrapInHelper(input, axiosRetryHelperName, statuses, getHelperText);
}

/**
 * The helper's text in the file's style. Every line is short of 80 columns and no construct is
 * one Prettier would join on a wider line, so it is Prettier-clean at any width from 80 up.
 */
function getHelperText(style: CodeStyle): string {
  const typed = style.typescript;
  const { lines, push, pushFitted, end } = createHelperText(style);
  if (typed) {
    lines.push(...retryPolicyLines('RetryPolicy', axiosRetryHelperName, style));
    push(0, '/** The parts of a rejected axios request the retry reads. */');
    push(0, 'interface FailedRequest {');
    push(1, `code?: string${end}`);
    push(1, `config?: { method?: string; headers?: { has(name: string): boolean } }${end}`);
    push(1, `response?: { status: number; headers?: Record<string, unknown> }${end}`);
    push(0, '}');
    push(0, '');
  }
  push(0, `const ALWAYS_RETRIED = [${helperRetryable.join(', ')}]${end}`);
  push(0, '/** The request itself is wrong: sending it again cannot succeed. */');
  push(0, `const NEVER_RETRIED = [${helperNeverRetried.join(', ')}]${end}`);
  push(0, `const IDEMPOTENT = [${idempotentList(style)}]${end}`);
  push(0, '');
  push(0, '/**');
  push(0, ' * Runs `send` (an axios request) again when it fails with a status worth');
  push(0, ' * retrying or a network error, at most `maxAttempts` times in all. Only');
  push(0, ' * idempotent requests are retried: GET, HEAD, OPTIONS, PUT and DELETE, or');
  push(0, ' * POST and PATCH carrying an `Idempotency-Key`. Between attempts it waits');
  push(0, ' * `Retry-After` exactly when the response has one (up to `maxRetryAfterMs`),');
  push(0, ' * else an exponential backoff with full jitter capped at `maxDelayMs`. The');
  push(0, " * last failure is rethrown as it is: its status is still the caller's.");
  push(0, ' */');
  push(
    0,
    typed
      ? `async function ${axiosRetryHelperName}<T>(send: () => Promise<T>, policy: RetryPolicy = {}) {`
      : `async function ${axiosRetryHelperName}(send, policy = {}) {`,
  );
  lines.push(...retryPolicyDefaultLines(style));
  push(1, `const retried = new Set([...ALWAYS_RETRIED, ...retryOn])${end}`);
  push(1, 'for (let attempt = 1; ; attempt++) {');
  push(2, 'try {');
  push(3, `return await send()${end}`);
  push(2, '} catch (error) {');
  push(3, `const failed = ${typed ? '(error ?? {}) as FailedRequest' : 'error ?? {}'}${end}`);
  pushFitted(3, 'if (attempt >= maxAttempts || !mayRetry(failed, retried))', `throw error${end}`);
  push(3, `const header = failed.response?.headers?.[${q(style, 'retry-after')}]${end}`);
  push(3, `const retryAfter = retryAfterMs(header, now())${end}`);
  push(3, `const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))${end}`);
  push(3, `const wait = retryAfter ?? random() * cap${end}`);
  push(3, `await sleep(Math.min(wait, maxRetryAfterMs))${end}`);
  push(2, '}');
  push(1, '}');
  push(0, '}');
  push(0, '');
  push(
    0,
    typed
      ? 'function mayRetry(failed: FailedRequest, retried: Set<number>): boolean {'
      : 'function mayRetry(failed, retried) {',
  );
  push(1, `if (!failed.config) return false${end}`);
  push(1, `const method = (failed.config.method ?? ${q(style, 'get')}).toUpperCase()${end}`);
  push(
    1,
    `const keyed = Boolean(failed.config.headers?.has(${q(style, 'Idempotency-Key')}))${end}`,
  );
  push(1, `const unsafe = method === ${q(style, 'POST')} || method === ${q(style, 'PATCH')}${end}`);
  push(1, `if (!IDEMPOTENT.includes(method) && !(unsafe && keyed)) return false${end}`);
  push(1, `const status = failed.response?.status${end}`);
  push(1, '// Without a response the network failed, unless the request was cancelled.');
  push(1, `if (status === undefined) return failed.code !== ${q(style, 'ERR_CANCELED')}${end}`);
  push(1, `return retried.has(status) && !NEVER_RETRIED.includes(status)${end}`);
  push(0, '}');
  push(0, '');
  push(0, '/** A `Retry-After` value in ms from `now`: delay-seconds or an HTTP-date. */');
  push(
    0,
    typed
      ? 'function retryAfterMs(header: unknown, now: number): number | undefined {'
      : 'function retryAfterMs(header, now) {',
  );
  push(1, `if (header === undefined || header === null) return undefined${end}`);
  push(1, `const text = String(header).trim()${end}`);
  for (const line of retryAfterLines(style, 'ms', 'now')) push(1, line);
  push(1, `return Number.isNaN(ms) ? undefined : Math.max(0, ms)${end}`);
  push(0, '}');
  return lines.join(style.eol);
}
