import ts from 'typescript';
import {
  findDeclaration,
  memberAssignmentsAt,
  type FileIndex,
  type ImportBinding,
} from './fileIndex';
import {
  getObjectMember,
  getStringLiteralText,
  isInlineFunction,
  isWithin,
  returnedValues,
  skipOuterExpressions,
} from './syntax';

/** The HTTP client library a call goes through. */
export type HttpClientLibrary = 'fetch' | 'axios' | 'ky' | 'got' | 'openapi-fetch' | 'wrapper';

/** What a name in the file stands for: a client library, or an instance made from one. */
export interface ClientBinding {
  library: Exclude<HttpClientLibrary, 'wrapper'>;
  /** `openapi-fetch`'s `createClient`, which makes clients but is not one. */
  factory?: boolean;
  /** For a function of the project that returns an instance (`return axios.create({…})`): that instance. */
  makes?: ClientBinding;
  /** Base URL expressions of the instance chain (`baseURL`, `prefixUrl`, `baseUrl`), outermost first. */
  bases: ts.Expression[];
  /** Option objects of the instance chain (`axios.create({...})`, `ky.extend({...})`), outermost first. */
  options: ts.ObjectLiteralExpression[];
  /** The node that made the instance, for retry plug-ins registered on it (`axiosRetry(instance, …)`). */
  origin?: ts.Node;
  /**
   * The module the instance is made in, when it is imported from another
   * (`export const http = axios.create(…)`): its bases are read there, and the retry plug-ins and
   * interceptors registered there apply to it.
   */
  home?: ClientHome;
}

/** A module of the project as the clients it makes are read: its index and its own resolver. */
export interface ClientHome {
  index: FileIndex;
  clients: ClientBindingResolver;
}

/**
 * The client another module of the project exports under `name` (`default` too), for imports that
 * are no client library; supplied by whoever reads the project's modules.
 */
export type ImportedClients = (module: string, name: string) => ClientBinding | undefined;

const libraryModules: Record<string, ClientBinding['library']> = {
  axios: 'axios',
  ky: 'ky',
  'ky-universal': 'ky',
  got: 'got',
  'openapi-fetch': 'openapi-fetch',
  'node-fetch': 'fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  undici: 'fetch',
};

// Names usable without an import: the global fetch, and the libraries as their documentation names them.
const globalNames: Record<string, ClientBinding['library']> = {
  fetch: 'fetch',
  axios: 'axios',
  ky: 'ky',
  got: 'got',
};
const fetchHosts = new Set(['globalThis', 'window', 'self', 'global']);
const instanceFactories: Record<string, string[]> = {
  axios: ['create'],
  ky: ['create', 'extend'],
  got: ['extend'],
};
const baseMembers: Record<string, string> = {
  axios: 'baseURL',
  ky: 'prefixUrl',
  got: 'prefixUrl',
  'openapi-fetch': 'baseUrl',
};
// Type annotations that say a parameter or property holds a client (`http: AxiosInstance`).
const clientTypes: Record<string, ClientBinding['library']> = {
  AxiosInstance: 'axios',
  AxiosStatic: 'axios',
  KyInstance: 'ky',
  Got: 'got',
};

/** Resolves the names a file uses to reach HTTP clients, with a memo per expression text and scope. */
export interface ClientBindingResolver {
  /** The client `expression` stands for, or undefined when it is not one. */
  resolve(expression: ts.Expression): ClientBinding | undefined;
  /** The client a value makes or names: `axios.create({…})` as well as a name of one. */
  resolveValue(value: ts.Expression): ClientBinding | undefined;
}

/** Creates a resolver over one file; `imported` reads instances that other modules export. */
export function createClientBindingResolver(
  index: FileIndex,
  imported?: ImportedClients,
): ClientBindingResolver {
  const memo = new Map<ts.Node, ClientBinding | null>();
  const importMemo = new Map<string, ClientBinding | null>();

  const resolveImport = (local: string, binding: ImportBinding): ClientBinding | undefined => {
    const library = bindingForImport(binding.module, binding.imported);
    if (library || !imported || binding.imported === '*') return library;
    const cached = importMemo.get(local);
    if (cached !== undefined) return cached ?? undefined;
    // Set before reading the other module, so that modules importing each other end.
    importMemo.set(local, null);
    const found = imported(binding.module, binding.imported);
    importMemo.set(local, found ?? null);
    return found;
  };

  const resolve = (expression: ts.Expression, depth: number): ClientBinding | undefined => {
    if (depth > 8) return undefined;
    const inner = skipOuterExpressions(expression);
    if (ts.isIdentifier(inner)) {
      const declaration = findDeclaration(index, inner.text, inner);
      // `const { http } = require('./http')`: what that module exports as `http`.
      const required = index.imports.get(inner.text);
      if (
        declaration &&
        required?.required &&
        declaration.scope === index.sourceFile &&
        ts.isBindingElement(declaration.node)
      )
        return resolveImport(inner.text, required);
      if (!declaration) {
        const binding = index.imports.get(inner.text);
        if (binding) return resolveImport(inner.text, binding);
        const library = globalNames[inner.text];
        return library ? { library, bases: [], options: [] } : undefined;
      }
      const cached = memo.get(declaration.node);
      if (cached !== undefined) return cached ?? undefined;
      memo.set(declaration.node, null);
      let binding: ClientBinding | undefined;
      if (declaration.initializer && declaration.constant)
        binding = resolveValue(declaration.initializer, depth + 1);
      else if (ts.isParameter(declaration.node) || ts.isVariableDeclaration(declaration.node))
        binding = bindingForType(declaration.node.type);
      else if (ts.isFunctionDeclaration(declaration.node))
        binding = factoryOf(declaration.node, depth + 1);
      // `const fetch = await proxyFetch(client)`: a fetch made by code the analysis does not
      // read (an SDK's proxy, a polyfill's factory) is called as fetch.
      if (
        !binding &&
        inner.text === 'fetch' &&
        declaration.constant &&
        declaration.initializer &&
        isMadeByCall(declaration.initializer)
      )
        binding = { library: 'fetch', bases: [], options: [] };
      memo.set(declaration.node, binding ?? null);
      return binding;
    }
    if (ts.isPropertyAccessExpression(inner)) {
      const object = skipOuterExpressions(inner.expression);
      if (ts.isIdentifier(object) && fetchHosts.has(object.text) && inner.name.text === 'fetch')
        return { library: 'fetch', bases: [], options: [] };
      if (object.kind === ts.SyntaxKind.ThisKeyword) {
        const values = memberAssignmentsAt(index, inner.name.text, inner);
        if (values?.length === 1) return resolveValue(values[0]!, depth + 1);
        if (values?.length) return undefined;
        // `this.getApi()`, where the class's own method returns `axios.create({…})`.
        const method = ownMethod(inner);
        return method ? factoryOf(method, depth + 1) : bindingForMemberType(inner);
      }
      // `axios.default` from a CommonJS require of an ES module.
      if (inner.name.text === 'default') return resolve(object, depth + 1);
    }
    // `this.client().delete(…)`, `axios.create({…}).get(…)`: the instance the call makes.
    if (ts.isCallExpression(inner) || ts.isAwaitExpression(inner))
      return resolveValue(inner, depth + 1);
    return undefined;
  };

  const resolveValue = (value: ts.Expression, depth: number): ClientBinding | undefined => {
    if (depth > 8) return undefined;
    const inner = skipOuterExpressions(value);
    // `const client = await createClient()`: an async factory's instance.
    if (ts.isAwaitExpression(inner)) return resolveValue(inner.expression, depth + 1);
    if (isInlineFunction(inner)) return factoryOf(inner, depth + 1);
    if (ts.isCallExpression(inner)) {
      const callee = skipOuterExpressions(inner.expression);
      if (ts.isIdentifier(callee) && callee.text === 'require') {
        const module = inner.arguments[0] && getStringLiteralText(inner.arguments[0]);
        // A library, or an instance a project module assigns to `module.exports`.
        return module === undefined
          ? undefined
          : (bindingForImport(module, 'default') ?? imported?.(module, 'module.exports'));
      }
      // `new`-less factories: axios.create(), ky.extend(), got.extend(), createClient().
      if (ts.isPropertyAccessExpression(callee)) {
        const parent = resolve(callee.expression, depth + 1);
        if (
          parent &&
          !parent.factory &&
          instanceFactories[parent.library]?.includes(callee.name.text)
        ) {
          return extend(parent, inner.arguments[0], inner);
        }
      }
      const factory = resolve(callee, depth + 1);
      if (factory?.makes) return factory.makes;
      if (factory?.factory)
        return extend(
          { library: 'openapi-fetch', bases: [], options: [] },
          inner.arguments[0],
          inner,
        );
      return undefined;
    }
    if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))
      return resolve(inner, depth + 1);
    return undefined;
  };

  // A function whose one returned value is an instance makes it, and is no client itself.
  const factoryOf = (fn: ts.SignatureDeclaration, depth: number): ClientBinding | undefined => {
    const returned = returnedValues(fn);
    const made = returned.length === 1 ? resolveValue(returned[0]!, depth + 1) : undefined;
    return made && !made.factory
      ? { library: made.library, factory: true, bases: [], options: [], makes: made }
      : undefined;
  };

  const extend = (
    parent: ClientBinding,
    argument: ts.Expression | undefined,
    origin: ts.Node,
  ): ClientBinding => {
    const options = argument && skipOuterExpressions(argument);
    if (!options || !ts.isObjectLiteralExpression(options)) return { ...parent, origin };
    const base = getObjectMember(options, baseMembers[parent.library] ?? 'baseURL');
    return {
      library: parent.library,
      bases: base ? [...parent.bases, base] : parent.bases,
      options: [...parent.options, options],
      origin,
    };
  };

  const bindingForMemberType = (access: ts.PropertyAccessExpression): ClientBinding | undefined => {
    // A constructor parameter property (`constructor(private http: AxiosInstance)`).
    let owner: ts.Node | undefined = access.parent;
    while (owner && !ts.isClassLike(owner)) owner = owner.parent;
    if (!owner) return undefined;
    const declaration = index.declarations
      .get(access.name.text)
      ?.find(
        (each) =>
          ts.isParameter(each.node) && !!each.node.modifiers?.length && isWithin(each.node, owner),
      );
    return declaration && ts.isParameter(declaration.node)
      ? bindingForType(declaration.node.type)
      : undefined;
  };

  return {
    resolve(expression) {
      return resolve(expression, 0);
    },
    resolveValue(value) {
      return resolveValue(value, 0);
    },
  };
}

/** The method with a body that the class around `this.name` declares under that name. */
function ownMethod(access: ts.PropertyAccessExpression): ts.MethodDeclaration | undefined {
  let owner: ts.Node | undefined = access.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  if (!owner) return undefined;
  const name = access.name.text;
  return owner.members.find(
    (member): member is ts.MethodDeclaration =>
      ts.isMethodDeclaration(member) &&
      !!member.body &&
      (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name)) &&
      member.name.text === name,
  );
}

function isMadeByCall(value: ts.Expression): boolean {
  const inner = skipOuterExpressions(value);
  return ts.isCallExpression(
    ts.isAwaitExpression(inner) ? skipOuterExpressions(inner.expression) : inner,
  );
}

function bindingForImport(module: string, imported: string): ClientBinding | undefined {
  const library = libraryModules[module];
  if (!library) return undefined;
  if (library === 'openapi-fetch')
    return imported === 'default' || imported === 'createClient'
      ? { library, factory: true, bases: [], options: [] }
      : undefined;
  if (library === 'fetch' && imported !== 'default' && imported !== 'fetch') return undefined;
  if (library !== 'fetch' && imported !== 'default' && imported !== '*' && imported !== library)
    return undefined;
  return { library, bases: [], options: [] };
}

function bindingForType(type: ts.TypeNode | undefined): ClientBinding | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  const library = clientTypes[name];
  return library ? { library, bases: [], options: [] } : undefined;
}
