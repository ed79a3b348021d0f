import ts from 'typescript';
import type { CallShape } from './callRecognition';
import { objectLiteral, retryHelperName } from './callRecognition';
import type { ClientBinding, ClientBindingResolver, ClientHome } from './clientBindings';
import { resolveConstantExpression } from './constantValues';
import type { FileIndex } from './fileIndex';
import {
  compileCondition,
  evaluateValue,
  toTruth,
  unknownValue,
  type StatusSubject,
  type Truth,
  type Value,
} from './statusCondition';
import {
  getCalledName,
  getEntityName,
  getObjectMember,
  getPropertyNameText,
  isInlineFunction,
  skipOuterExpressions,
} from './syntax';

/** A retry mechanism that sends the request again for some statuses. */
export interface RetryCoverage {
  /**
   * `options`: ky/got `retry` option; `plugin`: axios-retry on the client; `helper`: the
   * project's `fetchWithRetry`; `wrapper`: p-retry, async-retry or a similar function around
   * the call, which retries whatever the wrapped code throws.
   */
  kind: 'options' | 'plugin' | 'helper' | 'wrapper';
  /** The node that sets it up (the option, the plug-in call, the wrapper call). */
  node: ts.Node;
  /**
   * Whether the mechanism retries `status`. A wrapper answers `thrown`: it retries the statuses
   * the wrapped code throws for, which the handling analysis knows.
   */
  covers(status: number): boolean | 'thrown';
}

// Library defaults, from their documentation.
const kyDefaults = {
  limit: 2,
  methods: ['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'],
  statusCodes: [408, 413, 429, 500, 502, 503, 504],
};
const gotDefaults = {
  limit: 2,
  methods: ['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'],
  statusCodes: [408, 413, 429, 500, 502, 503, 504, 521, 522, 524],
};
const axiosRetryIdempotent = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
/**
 * The statuses the project's retry helpers always retry: the snippet's (snippets/src/retryHelper.ts)
 * and those the quick fixes add print this list, and the analysis reads it.
 */
export const helperRetryable: readonly number[] = [408, 429, 500, 502, 503, 504];
/** The statuses those helpers never retry, whatever `retryOn` says: the request itself is wrong. */
export const helperNeverRetried: readonly number[] = [400, 401, 403, 404, 422];
const helperIdempotent = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

const retryModules = new Set([
  'p-retry',
  'async-retry',
  'promise-retry',
  'exponential-backoff',
  'retry',
  'ts-retry-promise',
  'p-retry-esm',
]);

/**
 * A function the call's client runs outside the call's own code: the rejection handler of an
 * axios response interceptor on the call's instance, or a ky/got `afterResponse` hook of its
 * options. The statuses it tests are handled for every call through that client.
 */
export interface ClientHook {
  /** The file it is registered in: the call's, or the module that makes an imported instance. */
  index: FileIndex;
  fn: ts.SignatureDeclaration;
  /** The parameter holding what it is given. */
  parameter: ts.ParameterDeclaration;
  /** What that is: the rejection's error (axios) or the response (ky, got). */
  holds: 'error' | 'response';
}

const noSubject: StatusSubject = {
  isStatus: () => false,
  isOk: () => false,
  isFailureFlag: () => false,
};

/** The retry mechanisms configured for a call through its options, its client or the helper it uses. */
export function getConfiguredRetries(
  index: FileIndex,
  shape: CallShape,
  method: string,
  bindings: ClientBindingResolver,
): RetryCoverage[] {
  const found: RetryCoverage[] = [];
  if (shape.library === 'ky' || shape.library === 'got') {
    const option = lastMember(shape.options, 'retry');
    const coverage = libraryRetry(
      index,
      option,
      method,
      shape.library === 'ky' ? kyDefaults : gotDefaults,
    );
    if (coverage) found.push({ kind: 'options', node: option ?? shape.node, covers: coverage });
  }
  if (shape.library === 'axios') {
    const plugin = findAxiosRetry(index, shape, bindings);
    if (plugin) found.push(plugin(method));
  }
  if (
    shape.retryHelperOptions !== undefined ||
    getEntityName(shape.node.expression) === retryHelperName
  ) {
    found.push(helperRetry(index, shape, method));
  }
  const retried = shape.wrapper?.retries;
  if (retried && retried.length > 0)
    found.push({ kind: 'wrapper', node: shape.node, covers: (status) => retried.includes(status) });
  return found;
}

/** The interceptors and hooks that see the call's failures or responses. */
export function getClientHooks(
  index: FileIndex,
  shape: CallShape,
  bindings: ClientBindingResolver,
): ClientHook[] {
  const hooks: ClientHook[] = [];
  const add = (
    expression: ts.Expression | undefined,
    parameter: number,
    holds: ClientHook['holds'],
  ) => {
    const fn = expression && functionOf(index, expression);
    const declared = fn?.parameters[parameter];
    if (fn && declared) hooks.push({ index, fn, parameter: declared, holds });
  };
  if (shape.library === 'ky' || shape.library === 'got') {
    // ky calls `afterResponse(request, options, response)`, got `afterResponse(response, retry)`.
    const position = shape.library === 'ky' ? 2 : 0;
    for (const options of shape.options) {
      const hookOptions = objectLiteral(index, getObjectMember(options, 'hooks'));
      const list = hookOptions && getObjectMember(hookOptions, 'afterResponse');
      const array = list && arrayLiteral(index, list);
      for (const element of array?.elements ?? []) add(element, position, 'response');
    }
  }
  if (shape.library === 'axios') {
    for (const file of clientFiles(index, shape, bindings))
      for (const { call, target, client } of getInterceptorRegistrations(
        file.index,
        file.clients,
      )) {
        if (!sameClient(file.index, target, client, shape)) continue;
        const fn = call.arguments[1] && functionOf(file.index, call.arguments[1]);
        const declared = fn?.parameters[0];
        if (fn && declared)
          hooks.push({ index: file.index, fn, parameter: declared, holds: 'error' });
      }
  }
  return hooks;
}

/** Every `client.interceptors.response.use(onFulfilled, onRejected)` of the file on an axios client. */
function getInterceptorRegistrations(
  index: FileIndex,
  bindings: ClientBindingResolver,
): InterceptorRegistration[] {
  let registrations = interceptorRegistrations.get(index);
  if (registrations) return registrations;
  registrations = [];
  for (const call of index.calls) {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'use') continue;
    const response = skipOuterExpressions(callee.expression);
    if (!(ts.isPropertyAccessExpression(response) && response.name.text === 'response')) continue;
    const interceptors = skipOuterExpressions(response.expression);
    if (!ts.isPropertyAccessExpression(interceptors) || interceptors.name.text !== 'interceptors')
      continue;
    if (!call.arguments[1]) continue;
    const client = interceptors.expression;
    const target = bindings.resolve(client);
    if (target?.library === 'axios' && !target.factory)
      registrations.push({ call, target, client });
  }
  interceptorRegistrations.set(index, registrations);
  return registrations;
}

interface InterceptorRegistration {
  call: ts.CallExpression;
  target: ClientBinding;
  /** The expression the interceptor is registered on (`api` of `api.interceptors.response.use`). */
  client: ts.Expression;
}

const interceptorRegistrations = new WeakMap<FileIndex, InterceptorRegistration[]>();

/**
 * Whether an interceptor registered on `target` sees the call: the instance made by the same
 * `axios.create`, or the same default export by the same name (an instance typed `AxiosInstance`
 * and the default export both have no origin, and axios instances do not share interceptors).
 */
function sameClient(
  index: FileIndex,
  target: ClientBinding,
  registered: ts.Expression,
  shape: CallShape,
): boolean {
  if (target.origin || shape.binding?.origin) return target.origin === shape.binding?.origin;
  const callee = skipOuterExpressions(shape.node.expression);
  const client = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const name = getEntityName(client);
  if (name === undefined || name !== getEntityName(registered)) return false;
  const root = name.split('.')[0]!;
  return index.imports.has(root) || !index.declarations.has(root);
}

function arrayLiteral(
  index: FileIndex,
  expression: ts.Expression,
): ts.ArrayLiteralExpression | undefined {
  const inner = skipOuterExpressions(expression);
  if (ts.isArrayLiteralExpression(inner)) return inner;
  const constant = resolveConstantExpression(index, inner);
  return constant && ts.isArrayLiteralExpression(constant) ? constant : undefined;
}

/**
 * The helper the retry quick fix puts around a call whose failures resolve rather than throw (an
 * openapi-fetch request, a project function handing back its `Response`).
 */
export const responseRetryHelperName = 'withResponseRetry';

/**
 * What `withResponseRetry(() => call, { retryOn })` sends again: the statuses the resolved response
 * has, by the helper's own lists plus `retryOn`, for requests that may be resent; undefined when
 * `wrapper` is another function.
 */
export function responseRetryCoverage(
  index: FileIndex,
  wrapper: ts.CallExpression,
  mayResendRequest: boolean,
): RetryCoverage | undefined {
  if (getCalledName(wrapper) !== responseRetryHelperName) return undefined;
  const options = objectLiteral(index, wrapper.arguments[1]);
  const retryOn =
    numberList(staticValue(index, options && getObjectMember(options, 'retryOn'))) ?? [];
  const statuses = new Set(
    [...helperRetryable, ...retryOn].filter((status) => !helperNeverRetried.includes(status)),
  );
  return {
    kind: 'wrapper',
    node: wrapper,
    covers: (status) => mayResendRequest && statuses.has(status),
  };
}

/** Whether `call` is a retry wrapper taking the function it retries (p-retry, async-retry, `withRetry`…). */
export function isRetryWrapperCall(index: FileIndex, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  const first = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
  if (!first || !(isInlineFunction(first) || ts.isIdentifier(first))) return false;
  const root = ts.isPropertyAccessExpression(callee)
    ? skipOuterExpressions(callee.expression)
    : callee;
  if (ts.isIdentifier(root)) {
    const imported = index.imports.get(root.text);
    if (imported && retryModules.has(imported.module)) return true;
  }
  const name = getCalledName(call);
  return name !== retryHelperName && /retry|backoff/i.test(name);
}

function lastMember(
  options: readonly ts.ObjectLiteralExpression[],
  name: string,
): ts.Expression | undefined {
  for (let i = options.length - 1; i >= 0; i--) {
    const value = getObjectMember(options[i]!, name);
    if (value) return value;
  }
  return undefined;
}

function staticValue(index: FileIndex, expression: ts.Expression | undefined): Value {
  return expression ? evaluateValue(expression, 0, noSubject, index) : unknownValue;
}

function numberList(value: Value): number[] | undefined {
  return Array.isArray(value) && value.every((each) => typeof each === 'number')
    ? (value as number[])
    : undefined;
}

/** ky and got: `retry: 0 | n | { limit, methods, statusCodes }` over the library's defaults. */
function libraryRetry(
  index: FileIndex,
  option: ts.Expression | undefined,
  method: string,
  defaults: typeof kyDefaults,
): RetryCoverage['covers'] | undefined {
  let { limit, methods, statusCodes } = defaults;
  if (option) {
    const value = staticValue(index, option);
    const object = objectLiteral(index, option);
    if (typeof value === 'number') limit = value;
    else if (object) {
      const limitValue = staticValue(index, getObjectMember(object, 'limit'));
      if (typeof limitValue === 'number') limit = limitValue;
      else if (getObjectMember(object, 'limit')) return undefined;
      const methodValue = staticValue(index, getObjectMember(object, 'methods'));
      if (Array.isArray(methodValue) && methodValue.every((each) => typeof each === 'string'))
        methods = (methodValue as string[]).map((each) => each.toUpperCase());
      else if (getObjectMember(object, 'methods')) return undefined;
      const statusValue = numberList(staticValue(index, getObjectMember(object, 'statusCodes')));
      if (statusValue) statusCodes = statusValue;
      else if (getObjectMember(object, 'statusCodes')) return undefined;
    } else {
      return undefined;
    }
  }
  if (limit <= 0 || !methods.includes(method)) return undefined;
  return (status) => statusCodes.includes(status);
}

/** `axiosRetry(client, options)` registered on the call's client (or on the axios default export it uses). */
function findAxiosRetry(
  index: FileIndex,
  shape: CallShape,
  bindings: ClientBindingResolver,
): ((method: string) => RetryCoverage) | undefined {
  for (const file of clientFiles(index, shape, bindings))
    for (const { call, target } of getAxiosRetryRegistrations(file.index, file.clients)) {
      if (target.origin !== shape.binding?.origin) continue;
      const options = objectLiteral(file.index, call.arguments[1]);
      const retries = options && staticValue(file.index, getObjectMember(options, 'retries'));
      if (retries === 0) continue;
      const condition = options && getObjectMember(options, 'retryCondition');
      return (method) => ({
        kind: 'plugin',
        node: call,
        covers: axiosRetryCondition(file.index, condition, method),
      });
    }
  return undefined;
}

/** Where what applies to the call's client is registered: this file, and the module that makes an imported instance. */
function clientFiles(
  index: FileIndex,
  shape: CallShape,
  clients: ClientBindingResolver,
): ClientHome[] {
  const home = shape.binding?.home;
  return home && home.index !== index ? [{ index, clients }, home] : [{ index, clients }];
}

const axiosRetryRegistrations = new WeakMap<
  FileIndex,
  { call: ts.CallExpression; target: ClientBinding }[]
>();

/** Every `axiosRetry(client, …)` of the file, found once per file. */
function getAxiosRetryRegistrations(
  index: FileIndex,
  bindings: ClientBindingResolver,
): { call: ts.CallExpression; target: ClientBinding }[] {
  let registrations = axiosRetryRegistrations.get(index);
  if (registrations) return registrations;
  registrations = [];
  for (const call of index.calls) {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isIdentifier(callee) || !call.arguments[0]) continue;
    const imported = index.imports.get(callee.text);
    const isPlugin = imported ? imported.module === 'axios-retry' : callee.text === 'axiosRetry';
    if (!isPlugin) continue;
    const target = bindings.resolve(call.arguments[0]);
    if (target?.library === 'axios') registrations.push({ call, target });
  }
  axiosRetryRegistrations.set(index, registrations);
  return registrations;
}

function isAxiosRetryable(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** The statuses a `retryCondition` retries: evaluated with the error's status, library predicates at their documented defaults. */
function axiosRetryCondition(
  index: FileIndex,
  condition: ts.Expression | undefined,
  method: string,
): RetryCoverage['covers'] {
  const idempotent = axiosRetryIdempotent.includes(method);
  if (!condition) return (status) => idempotent && isAxiosRetryable(status);
  const fn = functionOf(index, condition);
  const parameter = fn?.parameters[0]?.name;
  const body = fn && returnedExpression(fn);
  if (!fn || !body) return () => true;
  const errorName = parameter && ts.isIdentifier(parameter) ? parameter.text : undefined;
  const subject: StatusSubject = {
    isStatus: (expression) => {
      const name = getEntityName(expression);
      return (
        errorName !== undefined &&
        (name === `${errorName}.response.status` || name === `${errorName}.status`)
      );
    },
    isOk: () => false,
    isFailureFlag: () => false,
    callTruth: (call, status): Truth | undefined => {
      const name = getCalledName(call);
      if (name === 'isNetworkOrIdempotentRequestError' || name === 'isIdempotentRequestError')
        return idempotent && isAxiosRetryable(status);
      if (name === 'isRetryableError' || name === 'isSafeRequestError')
        return isAxiosRetryable(status);
      if (name === 'isNetworkError') return false;
      return undefined;
    },
  };
  const retries = compileCondition(body, subject, index);
  return (status) => toTruth(retries(status)) !== false;
}

function functionOf(
  index: FileIndex,
  expression: ts.Expression,
): ts.SignatureDeclaration | undefined {
  const inner = skipOuterExpressions(expression);
  if (isInlineFunction(inner)) return inner;
  const constant = resolveConstantExpression(index, inner);
  if (constant && isInlineFunction(constant)) return constant;
  if (ts.isIdentifier(inner)) {
    const declaration = index.declarations
      .get(inner.text)
      ?.find((each) => ts.isFunctionDeclaration(each.node));
    if (declaration && ts.isFunctionDeclaration(declaration.node)) return declaration.node;
  }
  return undefined;
}

/** What a predicate function returns: its expression body, or its single `return`'s value (several are or-ed by the caller). */
function returnedExpression(fn: ts.SignatureDeclaration): ts.Expression | undefined {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return fn.body;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return undefined;
  const returns: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
    ts.forEachChild(node, visit);
  };
  body.statements.forEach(visit);
  if (returns.length === 0) return undefined;
  return returns.reduce((left, right) =>
    ts.factory.createBinaryExpression(left, ts.SyntaxKind.BarBarToken, right),
  );
}

/** `fetchWithRetry(url, init, { retryOn })`: the helper's transient statuses plus `retryOn`, for idempotent requests. */
function helperRetry(index: FileIndex, shape: CallShape, method: string): RetryCoverage {
  const options = objectLiteral(index, shape.retryHelperOptions);
  const retryOn =
    numberList(staticValue(index, options && getObjectMember(options, 'retryOn'))) ?? [];
  const hasKey = !!shape.headers?.properties.some(
    (property) => getPropertyNameText(property.name)?.toLowerCase() === 'idempotency-key',
  );
  const idempotent =
    helperIdempotent.includes(method) || ((method === 'POST' || method === 'PATCH') && hasKey);
  const statuses = new Set(
    [...helperRetryable, ...retryOn].filter((status) => !helperNeverRetried.includes(status)),
  );
  return {
    kind: 'helper',
    node: shape.node,
    covers: (status) => idempotent && statuses.has(status),
  };
}
