import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * The checks of a request's params before any handler reads them: a client (or a forged message)
 * sending `position` missing or `context.diagnostics: null` gets `InvalidParams` with what is
 * wrong, instead of an exception in the handler, a stack trace in the log and an empty answer.
 */

/** The most diagnostics a code action request is read with; an editor sends those in the range. */
const maxActionDiagnostics = 1000;

/**
 * The most statuses the diagnostics of one code action request may name in their `data` (ours
 * name a few dozen at most); past it the rest are read without their data, so offer no fix.
 */
const maxActionStatuses = 2000;

type Params = Record<string, unknown>;

function isObject(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUinteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function positionProblem(value: unknown, name: string): string | undefined {
  if (!isObject(value)) return `${name} must be an object { line, character }`;
  if (!isUinteger(value.line)) return `${name}.line must be a non-negative integer`;
  if (!isUinteger(value.character)) return `${name}.character must be a non-negative integer`;
  return undefined;
}

function rangeProblem(value: unknown, name: string): string | undefined {
  if (!isObject(value)) return `${name} must be an object { start, end }`;
  return positionProblem(value.start, `${name}.start`) ?? positionProblem(value.end, `${name}.end`);
}

function documentProblem(params: unknown): string | undefined {
  if (!isObject(params)) return 'params must be an object';
  if (!isObject(params.textDocument) || typeof params.textDocument.uri !== 'string')
    return 'textDocument.uri must be a string';
  return undefined;
}

function invalid(problem: string | undefined): ResponseError<void> | undefined {
  return problem === undefined ? undefined : new ResponseError(ErrorCodes.InvalidParams, problem);
}

/** `InvalidParams` unless `params` names a document (`textDocument.uri`). */
export function checkDocumentParams(params: unknown): ResponseError<void> | undefined {
  return invalid(documentProblem(params));
}

/** `InvalidParams` unless `params` names a document and a position in it. */
export function checkPositionParams(params: unknown): ResponseError<void> | undefined {
  return invalid(
    documentProblem(params) ?? positionProblem((params as Params).position, 'position'),
  );
}

/** `InvalidParams` unless `params` is a code lens (its `range`). */
export function checkCodeLensParams(params: unknown): ResponseError<void> | undefined {
  if (!isObject(params)) return invalid('params must be a code lens');
  return invalid(rangeProblem(params.range, 'range'));
}

/** `InvalidParams` unless `params` lists URIs (`uris`: strings). */
export function checkUrisParams(params: unknown): ResponseError<void> | undefined {
  return invalid(
    isObject(params) &&
      Array.isArray(params.uris) &&
      params.uris.every((uri) => typeof uri === 'string')
      ? undefined
      : 'uris must be an array of strings',
  );
}

/**
 * `InvalidParams` unless `params` is a code action request with a range and a context whose
 * `diagnostics` is an array of diagnostics (each with a range) and whose `only`, if any, lists
 * kinds; past {@link maxActionDiagnostics} diagnostics the rest are not read.
 */
export function checkCodeActionParams(params: unknown): ResponseError<void> | undefined {
  const problem = documentProblem(params) ?? rangeProblem((params as Params).range, 'range');
  if (problem) return invalid(problem);
  const context = (params as Params).context;
  if (!isObject(context)) return invalid('context must be an object');
  if (!Array.isArray(context.diagnostics)) return invalid('context.diagnostics must be an array');
  if (
    context.only !== undefined &&
    !(Array.isArray(context.only) && context.only.every((kind) => typeof kind === 'string'))
  )
    return invalid('context.only must be an array of strings');
  const diagnostics: unknown[] = context.diagnostics.slice(0, maxActionDiagnostics);
  for (const [index, diagnostic] of diagnostics.entries()) {
    const name = `context.diagnostics[${index}]`;
    if (!isObject(diagnostic)) return invalid(`${name} must be a diagnostic`);
    const wrong = rangeProblem(diagnostic.range, `${name}.range`);
    if (wrong) return invalid(wrong);
  }
  // A diagnostic sent twice is read once; statuses past the budget are not read.
  const seen = new Set<string>();
  let statuses = 0;
  context.diagnostics = (diagnostics as Params[])
    .filter((diagnostic) => {
      const key = JSON.stringify(diagnostic);
      return !seen.has(key) && seen.add(key);
    })
    .map((diagnostic) => {
      const data = diagnostic.data;
      if (isObject(data) && Array.isArray(data.statuses)) statuses += data.statuses.length;
      return statuses > maxActionStatuses ? { ...diagnostic, data: undefined } : diagnostic;
    });
  return undefined;
}
