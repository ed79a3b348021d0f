import ts from 'typescript';
import type { WrapperSetting } from '../../../../common/settings';
import type { ClientBinding, ClientBindingResolver, HttpClientLibrary } from './clientBindings';
import { resolveConstantExpression } from './constantValues';
import type { FileIndex } from './fileIndex';
import {
  getEntityName,
  getObjectMember,
  getStringLiteralText,
  skipOuterExpressions,
} from './syntax';

/** An HTTP call found in the code, before its URL is resolved or its handling looked at. */
export interface CallShape {
  node: ts.CallExpression;
  library: HttpClientLibrary;
  /** Upper-case method; undefined when the code does not tell it statically. */
  method?: string;
  /** The expression holding the URL or path. */
  url?: ts.Expression;
  /** Base URL expressions that apply (instance chain, then the call's own), outermost first. */
  bases: ts.Expression[];
  /** Option objects that apply (instance chain, then the call's own), outermost first. */
  options: ts.ObjectLiteralExpression[];
  /** The client instance or library the call goes through. */
  binding?: ClientBinding;
  /** The project's `fetchWithRetry` helper: its third argument says which statuses it retries. */
  retryHelperOptions?: ts.Expression;
  /** Request headers, when given as an object literal (an `Idempotency-Key` makes POST retryable). */
  headers?: ts.ObjectLiteralExpression;
  /** The configured wrapper the call is made through, with what it adds and does (base, API, handling). */
  wrapper?: WrapperSetting;
}

const axiosUrlMethods = new Set(['get', 'delete', 'head', 'options']);
const axiosDataMethods = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const kyGotMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
const openApiMethods = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
]);
/** Whether `member` is a method some client library sends a request with (`get`, `postForm`, `request`, openapi-fetch's `DELETE`). */
export function isClientMethod(member: string): boolean {
  return (
    axiosUrlMethods.has(member) ||
    axiosDataMethods.has(member) ||
    kyGotMethods.has(member) ||
    openApiMethods.has(member) ||
    member === 'request'
  );
}

/** The name of the retry helper the extension's snippets insert; its `retryOn` statuses count as handled. */
export const retryHelperName = 'fetchWithRetry';

/** Finds every HTTP call of the file. */
export function recogniseCalls(
  index: FileIndex,
  wrappers: readonly WrapperSetting[],
  bindings: ClientBindingResolver,
): CallShape[] {
  const wrappersByName = new Map(wrappers.map((wrapper) => [wrapper.function, wrapper]));
  const calls: CallShape[] = [];
  for (const call of index.calls) {
    const shape = recogniseCall(index, call, bindings.resolve, wrappersByName);
    if (shape) calls.push(shape);
  }
  return calls;
}

/**
 * `call` as a call of the client `binding` stands for, whatever its callee is named: a call through
 * a client handed to a class's constructor (`this.client.delete(path)`), read at the creation of an
 * instance that shows the client.
 */
export function recogniseClientCall(
  index: FileIndex,
  call: ts.CallExpression,
  binding: ClientBinding,
): CallShape | undefined {
  return recogniseCall(index, call, () => binding, new Map());
}

function recogniseCall(
  index: FileIndex,
  call: ts.CallExpression,
  resolveBinding: (expression: ts.Expression) => ClientBinding | undefined,
  wrappers: Map<string, WrapperSetting>,
): CallShape | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (wrappers.size > 0) {
    const name = getEntityName(callee);
    const wrapper = name === undefined ? undefined : wrappers.get(name);
    if (wrapper) return recogniseWrapper(index, call, wrapper);
  }
  if (ts.isIdentifier(callee) && callee.text === retryHelperName) {
    const shape = recogniseFetch(index, call, { library: 'fetch', bases: [], options: [] });
    return shape && { ...shape, retryHelperOptions: call.arguments[2] };
  }
  if (
    ts.isIdentifier(callee) ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch')
  ) {
    const binding = resolveBinding(callee);
    if (!binding || binding.factory) return undefined;
    switch (binding.library) {
      case 'fetch':
        return recogniseFetch(index, call, binding);
      case 'axios':
        return recogniseAxiosConfig(index, call, binding, call.arguments[0], call.arguments[1]);
      case 'ky':
      case 'got':
        return recogniseKyGot(index, call, binding, undefined);
      default:
        return undefined;
    }
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const member = callee.name.text;
  // Cheap test first: only member names a client has are worth resolving the object of.
  if (!isClientMethod(member)) return undefined;
  const binding = resolveBinding(callee.expression);
  if (!binding || binding.factory) return undefined;
  switch (binding.library) {
    case 'axios': {
      if (member === 'request')
        return recogniseAxiosConfig(index, call, binding, call.arguments[0], undefined);
      const config = axiosUrlMethods.has(member)
        ? call.arguments[1]
        : axiosDataMethods.has(member)
          ? call.arguments[2]
          : undefined;
      if (!axiosUrlMethods.has(member) && !axiosDataMethods.has(member)) return undefined;
      const options = objectLiteral(index, config);
      return {
        node: call,
        library: 'axios',
        method: member.replace(/Form$/, '').toUpperCase(),
        url: call.arguments[0],
        bases: withOwnBase(binding.bases, options, 'baseURL'),
        options: options ? [...binding.options, options] : binding.options,
        binding,
      };
    }
    case 'ky':
    case 'got':
      return kyGotMethods.has(member)
        ? recogniseKyGot(index, call, binding, member.toUpperCase())
        : undefined;
    case 'openapi-fetch': {
      if (!openApiMethods.has(member)) return undefined;
      return {
        node: call,
        library: 'openapi-fetch',
        method: member,
        url: call.arguments[0],
        bases: binding.bases,
        options: binding.options,
        binding,
      };
    }
    default:
      return undefined;
  }
}

/** `fetch(input, init)`, where `input` may be a `new Request(url, init)`. */
function recogniseFetch(
  index: FileIndex,
  call: ts.CallExpression,
  binding: ClientBinding,
): CallShape | undefined {
  let url: ts.Expression | undefined = call.arguments[0];
  if (!url) return undefined;
  let init: ts.Expression | undefined = call.arguments[1];
  // `fetch(new Request(url, init))`, or a constant holding that Request.
  const written = skipOuterExpressions(url);
  const input = ts.isNewExpression(written)
    ? written
    : (resolveConstantExpression(index, written) ?? written);
  if (ts.isNewExpression(input) && getEntityName(input.expression) === 'Request') {
    url = input.arguments?.[0];
    init ??= input.arguments?.[1];
    if (!url) return undefined;
  }
  const options = objectLiteral(index, init);
  if (init && !options)
    return { node: call, library: 'fetch', url, bases: [], options: [], binding };
  return {
    node: call,
    library: 'fetch',
    method: options ? readMethod(index, options) : 'GET',
    url,
    bases: [],
    options: options ? [options] : [],
    binding,
    headers: options && objectLiteral(index, getObjectMember(options, 'headers')),
  };
}

/** `axios(config)`, `axios(url, config)`, `axios.request(config)`. */
function recogniseAxiosConfig(
  index: FileIndex,
  call: ts.CallExpression,
  binding: ClientBinding,
  first: ts.Expression | undefined,
  second: ts.Expression | undefined,
): CallShape | undefined {
  if (!first) return undefined;
  const firstObject = objectLiteral(index, first);
  const config = firstObject ?? objectLiteral(index, second);
  const url = firstObject ? getObjectMember(firstObject, 'url') : first;
  if (!url) return undefined;
  return {
    node: call,
    library: 'axios',
    // A config that is not a literal here may hold any method.
    method: config ? readMethod(index, config) : second ? undefined : 'GET',
    url,
    bases: withOwnBase(binding.bases, config, 'baseURL'),
    options: config ? [...binding.options, config] : binding.options,
    binding,
  };
}

/** `ky(url, options)`, `ky.delete(url, options)`, `got(url, options)`, `got({ url, method })`. */
function recogniseKyGot(
  index: FileIndex,
  call: ts.CallExpression,
  binding: ClientBinding,
  method: string | undefined,
): CallShape | undefined {
  const first = call.arguments[0];
  if (!first) return undefined;
  const firstObject = binding.library === 'got' ? objectLiteral(index, first) : undefined;
  const options = firstObject ?? objectLiteral(index, call.arguments[1]);
  const url = firstObject ? getObjectMember(firstObject, 'url') : first;
  if (!url) return undefined;
  // Options that are not a literal here may hold any method.
  const unknownOptions = !options && call.arguments[1] !== undefined && !firstObject;
  return {
    node: call,
    library: binding.library,
    method: method ?? (options ? readMethod(index, options) : unknownOptions ? undefined : 'GET'),
    url,
    bases: withOwnBase(binding.bases, options, 'prefixUrl'),
    options: options ? [...binding.options, options] : binding.options,
    binding,
  };
}

/**
 * A configured wrapper: the URL from its argument, the method from the setting, its method
 * argument or an options argument (undefined when that argument is not a constant).
 */
function recogniseWrapper(
  index: FileIndex,
  call: ts.CallExpression,
  wrapper: WrapperSetting,
): CallShape | undefined {
  const url = call.arguments[wrapper.urlArgument];
  if (!url) return undefined;
  let method = wrapper.method;
  if (!method && wrapper.methodArgument !== undefined) {
    const argument = call.arguments[wrapper.methodArgument];
    method = argument ? constantMethod(index, argument) : 'GET';
  } else if (!method) {
    const options = call.arguments
      .map((argument) => objectLiteral(index, argument))
      .find((object) => object && getObjectMember(object, 'method'));
    method = options ? readMethod(index, options) : 'GET';
  }
  return {
    node: call,
    library: 'wrapper',
    ...(method !== undefined && { method }),
    url,
    bases: [],
    options: [],
    wrapper,
  };
}

function withOwnBase(
  bases: ts.Expression[],
  options: ts.ObjectLiteralExpression | undefined,
  member: string,
): ts.Expression[] {
  const own = options && getObjectMember(options, member);
  return own ? [...bases, own] : bases;
}

/** The `method` member of an options object: GET when absent, undefined when not static. */
export function readMethod(
  index: FileIndex,
  options: ts.ObjectLiteralExpression,
): string | undefined {
  const value = getObjectMember(options, 'method');
  if (!value) return options.properties.some(ts.isSpreadAssignment) ? undefined : 'GET';
  return constantMethod(index, value);
}

/** The upper-case method an expression spells: a string literal, or a same-file constant holding one. */
export function constantMethod(index: FileIndex, expression: ts.Expression): string | undefined {
  const text =
    getStringLiteralText(expression) ??
    getStringLiteralText(resolveConstantExpression(index, expression) ?? expression);
  return text?.toUpperCase();
}

/** An object literal given inline or through a same-file constant. */
export function objectLiteral(
  index: FileIndex,
  expression: ts.Expression | undefined,
): ts.ObjectLiteralExpression | undefined {
  if (!expression) return undefined;
  const inner = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(inner)) return inner;
  const constant = resolveConstantExpression(index, inner);
  return constant && ts.isObjectLiteralExpression(constant) ? constant : undefined;
}
