import ts from 'typescript';
import {
  constantMethod,
  isClientMethod,
  objectLiteral,
  readMethod,
  recogniseClientCall,
  type CallShape,
} from './callRecognition';
import type { ClientBinding, ClientBindingResolver } from './clientBindings';
import {
  findDeclaration,
  findLocalDeclaration,
  memberAssignmentsAt,
  type Declaration,
  type FileIndex,
} from './fileIndex';
import { resolveConstantExpression } from './constantValues';
import { importedModule } from './importedFunctions';
import { analyseHandling } from './statusHandling';
import {
  getEntityName,
  getObjectMember,
  getPropertyNameText,
  isInlineFunction,
  isWithin,
  returnedValues,
  skipOuterExpressions,
} from './syntax';

/**
 * What a function does with the response of the call it makes: hands it back (`returns-response`,
 * its caller checks it), never looks at its status (`unchecked`: nobody can, the caller gets a
 * body), or deals with the status itself (`handles`: it throws or retries, the caller sees that).
 */
export type WrapperOutcome = 'returns-response' | 'unchecked' | 'handles';

/**
 * A function of the project that makes one recognised HTTP call, summarised from its own code so
 * that a call of the function is analysed like a call of the client: with the URL and method its
 * arguments give, and what it does with the response.
 */
export interface FunctionSummary {
  /** The name it is called by in its file: `get`, or `api.get` for a member of a constant object. */
  name: string;
  /** The index of the file the function is in. */
  index: FileIndex;
  /** The function itself. */
  node: ts.SignatureDeclaration;
  /** The client call inside it. */
  inner: CallShape;
  /** Its parameters, for binding a call's arguments. */
  parameters: readonly ts.ParameterDeclaration[];
  /** The parameter the URL (or its path) comes from; the URL is fixed when undefined. */
  urlParameter?: number;
  /** The parameter the method comes from (`request(url, 'DELETE')`), when it does. */
  methodParameter?: number;
  /** The parameter passed on as the call's options (`call(url, init)` → `fetch(url, init)`), whose `method` a call gives. */
  optionsParameter?: number;
  /**
   * The project function this one makes its request through (a wrapper of a wrapper: `getIssues`
   * calling `fetchFromGithub(url)`); `inner` is then that call, with the method it fixes.
   */
  through?: { call: ts.CallExpression; summary: FunctionSummary };
  /**
   * The constructor parameter of the method's class that the client its call goes through comes
   * from (`constructor(client) { this.client = client }` and `this.client.delete(path)`): at each
   * call of the method whose instance's creation shows the client, the call is that client's
   * (`withHandedClient`). Until then `inner` is the call as its parameter's type tells it
   * (`http: AxiosInstance`), or, untyped, the bare call, and the summary has no outcome.
   */
  clientParameter?: ts.ParameterDeclaration;
  /** Whether the function gives back what its call gives (the response, its promise, a chain on it) rather than using it itself. */
  readonly handsBack: boolean;
  /**
   * What the function does with the response, followed on first read (most functions of a file
   * are never called in it); undefined when it hands the response unexamined to other code in
   * some other way than returning it, or when its URL is fixed and it handles the response itself:
   * then its calls owe nothing and are not analysed through it.
   */
  readonly outcome: WrapperOutcome | undefined;
}

/** What one module of the project exports that the analysis of its importers uses. */
export interface ModuleSummary {
  index: FileIndex;
  /** Exported constants' values (`export const API_BASE = '…'`), by export name (`default` too). */
  values: Map<string, ts.Expression>;
  /** Exported functions that make an HTTP call, by export name. */
  functions: Map<string, FunctionSummary>;
  /** Exported function declarations that make none (`export function imageUrl(id)`), by export name: URL builders. */
  builders: Map<string, ts.FunctionDeclaration>;
  /** What the module's names stand for as HTTP clients, for instances it exports. */
  clients: ClientBindingResolver;
}

/** What the project index holds of a module: the names of what it exports that its importers read, without its syntax. */
export interface ModuleIndex {
  /** The names its summary answers for (`BASE`, `api.get`, `Dam.prototype.remove`, `make().remove`) and each leading part of one (`api`, `Dam`, `make`). */
  readonly names: ReadonlySet<string>;
}

/** The project's modules as their importers see them: indexed once per text, summarised with their syntax when read. */
export interface ProjectModules {
  /** The index entry of the module `specifier` names from the file at `fromUri`, when it is a project file that parses. */
  getIndex(fromUri: string, specifier: string): ModuleIndex | undefined;
  /**
   * The summary of the module `specifier` names from the file at `fromUri`, when it is a project
   * file that parses; with `name`, only when it exports that name (or names under it), which its
   * index entry tells without parsing it again.
   */
  getModule(fromUri: string, specifier: string, name?: string): ModuleSummary | undefined;
}

/**
 * A file's function summaries by function node, with its methods' summaries also by name: a call
 * `api.get()` or `this.send()` is looked up by name, once per call of the file, and a scan of
 * every summary there made the analysis quadratic in the file's functions.
 */
export class FileSummaries {
  private readonly byNode = new Map<ts.Node, FunctionSummary>();
  /** Methods of constant objects by their name (`api.get`); the last of a name wins, as it does at run time. */
  private readonly objectMethods = new Map<string, FunctionSummary>();
  /** The methods of each class or constructor function, by member name (`send`, `#sign`). */
  private readonly byOwner = new Map<ts.Node, Map<string, FunctionSummary>>();

  get(node: ts.Node): FunctionSummary | undefined {
    return this.byNode.get(node);
  }

  has(node: ts.Node): boolean {
    return this.byNode.has(node);
  }

  set(node: ts.Node, summary: FunctionSummary): void {
    this.byNode.set(node, summary);
    if (!summary.name.startsWith('this.')) {
      if (ts.isMethodDeclaration(summary.node)) this.objectMethods.set(summary.name, summary);
      return;
    }
    const owner = ownerOf(summary);
    if (!owner) return;
    let members = this.byOwner.get(owner);
    if (!members) this.byOwner.set(owner, (members = new Map()));
    members.set(summary.name.slice('this.'.length), summary);
  }

  values(): IterableIterator<FunctionSummary> {
    return this.byNode.values();
  }

  /** The summary of the method of a constant object named `name` (`api.get`). */
  objectMethod(name: string): FunctionSummary | undefined {
    return this.objectMethods.get(name);
  }

  /** The methods of the instances of `owner` (a class or a constructor function), by member name. */
  methodsOf(owner: ts.Node): ReadonlyMap<string, FunctionSummary> {
    return this.byOwner.get(owner) ?? new Map();
  }
}

/**
 * The summaries of the functions of one file that make a recognised call whose URL comes from a
 * parameter, or whose response they hand back; keyed by the function node.
 */
export function summariseFunctions(
  index: FileIndex,
  shapes: readonly CallShape[],
  project?: ProjectModules,
): FileSummaries {
  const summaries = new FileSummaries();
  for (const shape of shapes) {
    if (!shape.url || shape.library === 'wrapper') continue;
    const node = enclosingFunction(shape.node);
    const name = node && functionName(node);
    if (!node || name === undefined || summaries.has(node)) continue;
    // A client typed by a constructor parameter (`constructor(private http: AxiosInstance)`) is
    // the one the instance is made with, where its creation shows it.
    const summary = summariseShape(
      index,
      node,
      name,
      shape,
      project,
      handedClient(index, shape.node),
    );
    if (summary) summaries.set(node, summary);
  }
  composeSummaries(index, summaries, project);
  // Calls through a client the class's constructor is handed: what they are is told at each call
  // of the method whose instance's creation shows the client.
  const recognised = new Set(shapes.map((shape) => shape.node));
  for (const call of index.calls) {
    const parameter = recognised.has(call) ? undefined : handedClient(index, call);
    const node = parameter && enclosingFunction(call);
    const name = node && functionName(node);
    if (!node || !name?.startsWith('this.') || summaries.has(node)) continue;
    summaries.set(
      node,
      new LazyOutcomeSummary(
        {
          name,
          index,
          node,
          inner: { node: call, library: 'wrapper', bases: [], options: [] },
          parameters: node.parameters,
          clientParameter: parameter!,
        },
        () => ({ outcome: undefined, handsBack: false }),
      ),
    );
  }
  return summaries;
}

/** The summary of a function making the recognised call `shape`, unless its method cannot be known at its calls. */
function summariseShape(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  name: string,
  shape: CallShape,
  project: ProjectModules | undefined,
  clientParameter?: ts.ParameterDeclaration,
  outcomes?: Map<string, Outcome>,
): FunctionSummary | undefined {
  const urlParameter = shape.url && parameterUsedIn(index, node, shape.url);
  const methodParameter =
    shape.method === undefined ? methodParameterOf(index, node, shape) : undefined;
  const optionsParameter =
    shape.method === undefined ? optionsParameterOf(index, node, shape) : undefined;
  // A method neither written nor passed in cannot be known at the call either.
  if (shape.method === undefined && methodParameter === undefined && optionsParameter === undefined)
    return undefined;
  const follow = () => wrapperOutcome(index, node, shape, urlParameter !== undefined, project);
  return new LazyOutcomeSummary(
    {
      name,
      index,
      node,
      inner: shape,
      parameters: node.parameters,
      ...(urlParameter !== undefined && { urlParameter }),
      ...(methodParameter !== undefined && { methodParameter }),
      ...(optionsParameter !== undefined && { optionsParameter }),
      ...(clientParameter && { clientParameter }),
    },
    outcomes
      ? () => {
          let known = outcomes.get(shape.library);
          if (!known) outcomes.set(shape.library, (known = follow()));
          return known;
        }
      : follow,
  );
}

/** What a method through a handed client does with the response of its call, per method and client library. */
const handedOutcomes = new WeakMap<ts.Node, Map<string, Outcome>>();

/**
 * The summary of a method whose call goes through a client its class's constructor is handed
 * (`summary.clientParameter`), for an instance made with `client`: the method's call as if it were
 * written on that client, with its base, options and error shape.
 */
export function withHandedClient(
  summary: FunctionSummary,
  client: ClientBinding,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  const shape = recogniseClientCall(summary.index, summary.inner.node, client);
  if (!shape?.url) return undefined;
  let outcomes = handedOutcomes.get(summary.node);
  if (!outcomes) handedOutcomes.set(summary.node, (outcomes = new Map()));
  return summariseShape(
    summary.index,
    summary.node,
    summary.name,
    shape,
    project,
    undefined,
    outcomes,
  );
}

/**
 * The constructor parameter a call's client comes from, when the call goes through a member of its
 * class set from one and never set again: `this.client.delete(path)` with `constructor(client) {
 * this.client = client }` or `constructor(private client: HttpLike) {}`, or `this.fetch(url)` with
 * a `fetch` handed in.
 */
function handedClient(
  index: FileIndex,
  call: ts.CallExpression,
): ts.ParameterDeclaration | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuterExpressions(callee.expression);
  const member =
    ts.isPropertyAccessExpression(object) && isClientMethod(callee.name.text)
      ? object
      : callee.name.text === 'fetch'
        ? callee
        : undefined;
  if (!member || member.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const values = memberAssignmentsAt(index, member.name.text, member);
  const value = values?.length === 1 ? skipOuterExpressions(values[0]!) : undefined;
  if (!value || !ts.isIdentifier(value)) return undefined;
  const parameter =
    ts.isParameter(value.parent) && value.parent.name === value
      ? value.parent
      : findDeclaration(index, value.text, value)?.node;
  if (
    !parameter ||
    !ts.isParameter(parameter) ||
    parameter.dotDotDotToken ||
    !ts.isConstructorDeclaration(parameter.parent)
  )
    return undefined;
  const constructor = parameter.parent;
  // `client = client || axios` in the constructor: not what the instance was made with.
  if (index.assignments.get(value.text)?.some((each) => isWithin(each, constructor)))
    return undefined;
  // The call's `this` is an instance of the constructor's class.
  for (let current = call.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
    if (ts.isClassLike(current)) return current === constructor.parent ? parameter : undefined;
  }
  return undefined;
}

/** How many wrappers deep a function's request is followed (`a` calling `b` calling `c` calling `fetch`). */
const maxCompositionDepth = 4;

/**
 * Summarises the functions that make their request through another summarised function, of this
 * file or imported, as that function's call made with their arguments: a wrapper of a wrapper.
 */
function composeSummaries(
  index: FileIndex,
  summaries: FileSummaries,
  project: ProjectModules | undefined,
): void {
  for (let depth = 0; depth < maxCompositionDepth; depth++) {
    let added = false;
    for (const call of index.calls) {
      const node = enclosingFunction(call);
      if (!node || summaries.has(node)) continue;
      const name = functionName(node);
      const through =
        name === undefined ? undefined : findCalledSummary(index, call, summaries, project);
      // A method through a handed client makes a call only known at its own calls.
      const composed =
        through &&
        through.outcome !== undefined &&
        composeSummary(index, node, name!, call, through, project);
      if (!composed) continue;
      summaries.set(node, composed);
      added = true;
    }
    if (!added) return;
  }
}

function composeSummary(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  name: string,
  call: ts.CallExpression,
  through: FunctionSummary,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  const argument = (position: number | undefined) =>
    position === undefined ? undefined : call.arguments[position];
  const parameterOf = (position: number | undefined) => {
    const value = argument(position);
    return value && parameterUsedIn(index, node, value);
  };
  const urlArgument = argument(through.urlParameter);
  const urlParameter = parameterOf(through.urlParameter);
  // The method: fixed inside, written here, or passed on from a parameter of this function.
  let method = through.inner.method;
  let methodParameter: number | undefined;
  let optionsParameter: number | undefined;
  if (method === undefined && through.methodParameter !== undefined) {
    const value = argument(through.methodParameter);
    method = value && constantMethod(index, value);
    if (method === undefined) methodParameter = parameterOf(through.methodParameter);
  } else if (method === undefined && through.optionsParameter !== undefined) {
    const literal = objectLiteral(index, argument(through.optionsParameter));
    const written = literal && getObjectMember(literal, 'method');
    if (literal) method = readMethod(index, literal);
    if (literal && method === undefined && written)
      methodParameter = parameterUsedIn(index, node, written);
    else if (!literal) optionsParameter = parameterOf(through.optionsParameter);
  } else if (method === undefined) method = 'GET';
  if (method === undefined && methodParameter === undefined && optionsParameter === undefined)
    return undefined;
  const inner: CallShape = {
    ...through.inner,
    node: call,
    url: urlArgument ?? call.expression,
    bases: [],
    options: [],
    ...(method !== undefined && { method }),
  };
  return new LazyOutcomeSummary(
    {
      name,
      index,
      node,
      inner,
      parameters: node.parameters,
      through: { call, summary: through },
      ...(urlParameter !== undefined && { urlParameter }),
      ...(methodParameter !== undefined && { methodParameter }),
      ...(optionsParameter !== undefined && { optionsParameter }),
    },
    () => composedOutcome(index, call, through, project),
  );
}

type Outcome = { outcome: WrapperOutcome | undefined; handsBack: boolean };

/**
 * A summary whose outcome is followed on first read: most functions of a file are never called in
 * it. A class rather than an object literal with getters: V8 gives each such literal a hidden class
 * of its own, made in the old generation, and through its getters that kept the summarised file's
 * whole syntax tree alive in every young collection until a full one (the bench project's 1,800
 * feature modules: 150 MB promoted per pass, 4 MB without the summaries).
 */
class LazyOutcomeSummary implements FunctionSummary {
  readonly name: string;
  readonly index: FileIndex;
  readonly node: ts.SignatureDeclaration;
  readonly inner: CallShape;
  readonly parameters: readonly ts.ParameterDeclaration[];
  readonly urlParameter?: number;
  readonly methodParameter?: number;
  readonly optionsParameter?: number;
  readonly through?: { call: ts.CallExpression; summary: FunctionSummary };
  readonly clientParameter?: ts.ParameterDeclaration;
  private found: Outcome | undefined;

  constructor(
    fields: Omit<FunctionSummary, 'outcome' | 'handsBack'>,
    private readonly follow: () => Outcome,
  ) {
    this.name = fields.name;
    this.index = fields.index;
    this.node = fields.node;
    this.inner = fields.inner;
    this.parameters = fields.parameters;
    this.urlParameter = fields.urlParameter;
    this.methodParameter = fields.methodParameter;
    this.optionsParameter = fields.optionsParameter;
    this.through = fields.through;
    this.clientParameter = fields.clientParameter;
  }

  get outcome(): WrapperOutcome | undefined {
    return (this.found ??= this.follow()).outcome;
  }

  get handsBack(): boolean {
    return (this.found ??= this.follow()).handsBack;
  }
}

/**
 * What a function that calls a summarised one does with what it gives: passes it on (the inner
 * function's outcome is its own), tests the response it was handed, or swallows the failures
 * the inner function throws (then its callers owe nothing).
 */
function composedOutcome(
  index: FileIndex,
  call: ts.CallExpression,
  through: FunctionSummary,
  project: ProjectModules | undefined,
): Outcome {
  const inner = through.outcome;
  if (inner === 'returns-response') {
    const node = enclosingFunction(call)!;
    return wrapperOutcome(index, node, { ...through.inner, node: call }, true, project);
  }
  const handling = analyseHandling(index, call, 'wrapper', undefined, project);
  const handsBack = handling.fate === 'returned';
  if (handling.fate === 'passed-out' && !handling.examined)
    return { outcome: undefined, handsBack };
  if (inner === 'unchecked') return { outcome: 'unchecked', handsBack };
  const catches = handling.constructs.some(
    (each) => each.kind === 'catch' || each.kind === 'promise-catch',
  );
  return { outcome: catches && handling.checks.length === 0 ? undefined : 'handles', handsBack };
}

function wrapperOutcome(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  shape: CallShape,
  urlFromParameter: boolean,
  project: ProjectModules | undefined,
): Outcome {
  // The project: the response may be handed to a function another module exports.
  const handling = analyseHandling(index, shape.node, shape.library, undefined, project);
  const handsBack = handling.fate === 'returned';
  // Handed unexamined to other code in some other way than returning it: not one we can read.
  if (handling.fate === 'passed-out' && !handling.examined)
    return { outcome: undefined, handsBack };
  const responses = new Set(handling.responseNames);
  // A function that tests the status hands it on only if what it gives back is the response
  // itself (a retry loop that ends in `return res`); a body built after the test, or a thrown
  // response (`throw res`), means it handles the status.
  // A client that throws on failure (axios, ky, got) looks at the status for the function: a
  // `catch` around the call in the function deals with the failure there.
  const caughtInside =
    shape.library !== 'fetch' &&
    shape.library !== 'openapi-fetch' &&
    handling.fate === 'local' &&
    !handling.failureAsData &&
    handling.constructs.some(
      (construct) => construct.kind === 'catch' && isWithin(construct.node, node),
    );
  // `if (!res.ok) throw ...; return res`: what it gives back has passed the test, and a failure
  // reaches its callers thrown, as from a client that throws.
  const throwsOnFailure = handling.constructs.some(
    (construct) =>
      construct.kind === 'if' &&
      construct.generic &&
      isWithin(construct.node, node) &&
      endsInThrow(construct.node.thenStatement),
  );
  const outcome: WrapperOutcome =
    handling.examined || caughtInside
      ? handling.fate === 'returned' &&
        !throwsOnFailure &&
        givesBackResponse(node, shape.node, responses)
        ? 'returns-response'
        : 'handles'
      : handling.fate === 'local'
        ? 'unchecked'
        : 'returns-response';
  // A fixed URL handled where it is written needs nothing from its callers.
  return {
    outcome: urlFromParameter || outcome === 'returns-response' ? outcome : undefined,
    handsBack,
  };
}

/**
 * Whether a branch ends by throwing, returning nothing before (`throw new Error(...)`, or reading
 * the problem body and logging it first): a failure never falls through to what follows it.
 * `return Promise.reject(error)` throws too, for the caller awaiting the function.
 */
function endsInThrow(statement: ts.Statement): boolean {
  if (!ts.isBlock(statement)) return throws(statement);
  const statements = statement.statements.filter((each) => !ts.isEmptyStatement(each));
  const last = statements[statements.length - 1];
  return (
    last !== undefined &&
    throws(last) &&
    statements.every((each) => each === last || !ts.isReturnStatement(each))
  );
}

function throws(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement)) return true;
  const returned = ts.isReturnStatement(statement) && statement.expression;
  const value = returned ? skipAwait(returned) : undefined;
  return (
    value !== undefined &&
    ts.isCallExpression(value) &&
    getEntityName(value.expression) === 'Promise.reject'
  );
}

/**
 * Whether some value a function returns is the response itself: the call, a name bound to it, or
 * the end of a `.then` chain whose callback returns one of those (`.catch`/`.finally` keep it).
 */
function givesBackResponse(
  fn: ts.SignatureDeclaration,
  call: ts.CallExpression,
  responses: ReadonlySet<string>,
): boolean {
  const isResponse = (expression: ts.Expression, depth: number): boolean => {
    const value = skipAwait(expression);
    if (value === call || (ts.isIdentifier(value) && responses.has(value.text))) return true;
    if (depth > 8 || !ts.isCallExpression(value)) return false;
    const callee = skipOuterExpressions(value.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const member = callee.name.text;
    if (member === 'catch' || member === 'finally') return isResponse(callee.expression, depth + 1);
    const callback = member === 'then' ? value.arguments[0] : undefined;
    return (
      callback !== undefined &&
      isInlineFunction(callback) &&
      returnedValues(callback).some((each) => isResponse(each, depth + 1))
    );
  };
  return returnedValues(fn).some((each) => isResponse(each, 0));
}

function skipAwait(expression: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(expression);
  while (ts.isAwaitExpression(current)) current = skipOuterExpressions(current.expression);
  return current;
}

/** The function a call is made directly in: a declaration, or an arrow or function expression. */
function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (
      ts.isFunctionDeclaration(current) ||
      ts.isArrowFunction(current) ||
      ts.isFunctionExpression(current) ||
      ts.isMethodDeclaration(current)
    )
      return current;
    if (ts.isFunctionLike(current)) return undefined;
  }
  return undefined;
}

/**
 * The name a function is called by: a function declaration's, a `const` initialised with it, or
 * `object.member` (`api.images.remove` when nested) for a member of a `const` object literal.
 */
export function functionName(node: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(node)) return node.name?.text;
  const parent = node.parent;
  // A method of a class, or an arrow function property, is called by the class's own code as
  // `this.send()` (`this.#send()` when private).
  const classMember = ts.isMethodDeclaration(node)
    ? node
    : ts.isPropertyDeclaration(parent) && parent.initializer === node
      ? parent
      : undefined;
  if (classMember && ts.isClassLike(classMember.parent)) {
    const memberName = getPropertyNameText(classMember.name);
    return memberName === undefined ? undefined : `this.${memberName}`;
  }
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && isConst(parent))
    return parent.name.text;
  // `this.remove = function (id) { … }` in a constructor: a method of what it constructs.
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === node &&
    ts.isPropertyAccessExpression(parent.left) &&
    parent.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
    ts.isExpressionStatement(parent.parent)
  )
    return `this.${parent.left.name.text}`;
  // `module.exports.remove = async (id) => …`, `exports.remove = …`: what importers call.
  const exported =
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === node &&
    ts.isExpressionStatement(parent.parent)
      ? commonJsExportName(parent.left)
      : undefined;
  if (exported) return exported;
  const members: string[] = [];
  let member: ts.Node = ts.isMethodDeclaration(node) ? node : parent;
  for (let depth = 0; depth < 4; depth++) {
    if (!(ts.isMethodDeclaration(member) || ts.isPropertyAssignment(member))) return undefined;
    const memberName = getPropertyNameText(member.name);
    const object = member.parent;
    if (memberName === undefined || !ts.isObjectLiteralExpression(object)) return undefined;
    members.unshift(memberName);
    const holder = object.parent;
    // `module.exports = { remove(id) { … } }`.
    const exportedObject =
      ts.isBinaryExpression(holder) &&
      holder.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      holder.right === object
        ? commonJsExportName(holder.left)
        : undefined;
    if (exportedObject) return `${exportedObject}.${members.join('.')}`;
    // `export default { remove(id) { … } }`: its importers call it `api.remove`.
    if (ts.isExportAssignment(holder) && !holder.isExportEquals)
      return `default.${members.join('.')}`;
    // `function createClient(token) { return { remove(id) { … } } }`: a factory's API object,
    // reached through what the factory makes (`createClient(t).remove(id)`).
    const factory = returningFunction(object);
    if (factory) {
      const factoryName = functionName(factory);
      return factoryName === undefined ? undefined : `${factoryName}().${members.join('.')}`;
    }
    if (ts.isVariableDeclaration(holder))
      return ts.isIdentifier(holder.name) && isConst(holder)
        ? `${holder.name.text}.${members.join('.')}`
        : undefined;
    member = holder;
  }
  return undefined;
}

/** The function an object literal is returned from (`return { … }`, `=> ({ … })`), if any. */
function returningFunction(object: ts.Expression): ts.SignatureDeclaration | undefined {
  let current: ts.Node = object;
  while (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent))
    current = current.parent;
  const parent = current.parent;
  if (ts.isArrowFunction(parent) && parent.body === current) return parent;
  if (!ts.isReturnStatement(parent)) return undefined;
  for (let node: ts.Node | undefined = parent.parent; node; node = node.parent)
    if (ts.isFunctionLike(node)) return node as ts.SignatureDeclaration;
  return undefined;
}

/**
 * What a CommonJS module assigns to: `module.exports`, or one of its members
 * (`module.exports.remove`, `exports.remove`), named as importers reach it.
 */
export function commonJsExportName(target: ts.Expression): string | undefined {
  const name = ts.isPropertyAccessExpression(target) ? getEntityName(target) : undefined;
  if (name === 'module.exports') return name;
  const member = /^(?:module\.)?exports\.([^.]+)$/.exec(name ?? '');
  return member ? `module.exports.${member[1]}` : undefined;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/** The first parameter of `node` that `expression` refers to. */
function parameterUsedIn(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  expression: ts.Node,
): number | undefined {
  let found: number | undefined;
  // A constant of the function built from a parameter (`const url = \`${BASE}/${path}\``) counts.
  const seen = new Set<ts.Node>();
  const visit = (current: ts.Node): void => {
    if (found !== undefined) return;
    if (ts.isIdentifier(current)) {
      const declaration = findDeclaration(index, current.text, current);
      if (declaration && ts.isParameter(declaration.node) && declaration.node.parent === node)
        found = node.parameters.indexOf(declaration.node);
      else if (
        declaration?.constant &&
        declaration.initializer &&
        isWithin(declaration.node, node) &&
        !seen.has(declaration.node)
      ) {
        seen.add(declaration.node);
        visit(declaration.initializer);
      }
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(expression);
  return found;
}

/**
 * `fetch(url, init)` where `init`, the argument after the URL, is a parameter of the function, or
 * a copy of one (`const options = { ...init, headers }`).
 */
function optionsParameterOf(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  shape: CallShape,
): number | undefined {
  const passed = passedOptions(index, shape);
  if (!passed) return spreadParameterOf(index, node, shape);
  const { options, declaration } = passed;
  if (ts.isParameter(declaration.node)) return parameterUsedIn(index, node, options);
  const copy = declaration.initializer && skipOuterExpressions(declaration.initializer);
  const spread =
    copy && ts.isObjectLiteralExpression(copy)
      ? copy.properties.find(ts.isSpreadAssignment)
      : undefined;
  return spread ? parameterUsedIn(index, node, spread.expression) : undefined;
}

/**
 * `fetch(url, { headers, ...rest })` with no method of its own, where `rest` is a parameter or
 * what is left of one (`const { headers, ...rest } = options`): the caller's options give it.
 */
function spreadParameterOf(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  shape: CallShape,
): number | undefined {
  const options = shape.options.find((each) => isWithin(each, node));
  if (!options || getObjectMember(options, 'method')) return undefined;
  const spread = options.properties.filter(ts.isSpreadAssignment).pop();
  const value = spread && skipOuterExpressions(spread.expression);
  if (!value || !ts.isIdentifier(value)) return undefined;
  const declaration = findDeclaration(index, value.text, value);
  const element = declaration?.node;
  if (element && ts.isParameter(element)) return parameterUsedIn(index, node, value);
  // The rest element of a pattern destructuring a parameter.
  const holder =
    element && ts.isBindingElement(element) && element.dotDotDotToken
      ? element.parent.parent
      : undefined;
  return holder && ts.isVariableDeclaration(holder) && holder.initializer
    ? parameterUsedIn(index, node, holder.initializer)
    : undefined;
}

/** The options a call passes as a name (`fetch(url, init)`: the argument after the URL), with what declares it. */
export function passedOptions(
  index: FileIndex,
  shape: CallShape,
): { options: ts.Identifier; declaration: Declaration } | undefined {
  const position = shape.url ? shape.node.arguments.indexOf(shape.url) : -1;
  const argument = position < 0 ? undefined : shape.node.arguments[position + 1];
  const options = argument && skipOuterExpressions(argument);
  if (!options || !ts.isIdentifier(options)) return undefined;
  const declaration = findDeclaration(index, options.text, options);
  return declaration && { options, declaration };
}

/** `fetch(url, { method })` where `method` is a parameter of the function. */
function methodParameterOf(
  index: FileIndex,
  node: ts.SignatureDeclaration,
  shape: CallShape,
): number | undefined {
  for (const options of shape.options) {
    if (!isWithin(options, node)) continue;
    const value = getObjectMember(options, 'method');
    if (!value) continue;
    const inner = skipOuterExpressions(value);
    return ts.isIdentifier(inner) ? parameterUsedIn(index, node, inner) : undefined;
  }
  return undefined;
}

/**
 * The summary of the function a call calls, if it is one: a function of this file (by name, or
 * as a member of a constant object), or one another module of the project exports. A function's
 * calls of itself (a retry by recursion) are part of the function, not calls of it.
 */
export function findCalledSummary(
  index: FileIndex,
  call: ts.CallExpression,
  local: FileSummaries,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  const callee = skipOuterExpressions(call.expression);
  const name =
    ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)
      ? getEntityName(callee)
      : undefined;
  if (name === undefined) {
    // `new Dam(token).deleteImage(id)`: the method of the instance made there, or of the API
    // object a factory makes there (`createClient(token).remove(id)`).
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const made =
      classMethod(index, constructedClass(callee.expression), callee.name.text, local, project) ??
      factoryMember(index, callee.expression, callee.name.text, local, project);
    return !made || !isCallable(made) || (made.index === index && isWithin(call, made.node))
      ? undefined
      : made;
  }
  const dot = name.indexOf('.');
  const root = dot < 0 ? name : name.slice(0, dot);
  const members = dot < 0 ? undefined : name.slice(dot + 1);
  let summary: FunctionSummary | undefined;
  const declaration = root === 'this' ? undefined : findLocalDeclaration(index, root, callee);
  if (root === 'this') {
    summary = thisMember(index, call, members!, local, project);
    // `this.dam.remove(id)`: a method of the class the member holds an instance of.
    const [field, method, ...deeper] = members!.split('.');
    if (!summary && method !== undefined && deeper.length === 0)
      summary = classMethod(index, memberClass(index, call, field!), method, local, project);
  } else if (!declaration) summary = importedSummary(index, root, members, project);
  else if (members === undefined)
    summary =
      localSummary(declaration.node, declaration.initializer, local) ??
      destructuredFactoryMember(index, declaration.node, local, project);
  else if (classOf(declaration)) summary = staticMethod(classOf(declaration)!, members, local);
  else if (declaration.constant && declaration.initializer) {
    // A member of a constant object: an arrow or function value, or a method, at any depth.
    const value = resolveConstantExpression(index, callee);
    // The last method of a name wins, as the name resolves to it at run time.
    summary = value
      ? local.get(value)
      : (local.objectMethod(name) ??
        classMethod(index, constructedClass(declaration.initializer), members, local, project) ??
        factoryMember(index, declaration.initializer, members, local, project) ??
        memberInstanceMethod(index, declaration.initializer, members, local, project));
  }
  const recursive = summary?.index === index && isWithin(call, summary.node);
  return recursive || !summary || !isCallable(summary) ? undefined : summary;
}

/** Whether a call of the function is analysed through it: it has an outcome, or its client is told at its calls. */
function isCallable(summary: FunctionSummary): boolean {
  return summary.outcome !== undefined || summary.clientParameter !== undefined;
}

/** `this.send()`: the method `member` of the class the call's `this` is an instance of. */
function thisMember(
  index: FileIndex,
  call: ts.CallExpression,
  member: string,
  local: FileSummaries,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  for (let current = call.parent; current; current = current.parent) {
    // A function of its own has a `this` of its own; an arrow function keeps the method's.
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
    if (ts.isClassLike(current)) return ownOrInherited(index, current, member, local, project, 0);
  }
  return undefined;
}

/**
 * The method `member` of `owner`'s instances, its own or one it inherits: a client class
 * extending a base class of the file or imported (`class Images extends ApiClient` calling
 * `this.request(path)`) gets the base's request, up to 4 classes up.
 */
function ownOrInherited(
  index: FileIndex,
  owner: ts.Node,
  member: string,
  local: FileSummaries,
  project: ProjectModules | undefined,
  depth: number,
): FunctionSummary | undefined {
  const own = local.methodsOf(owner).get(member);
  if (own || !ts.isClassLike(owner) || member.startsWith('#') || depth >= 4) return own;
  // A member of the name the class declares itself, making no call, hides the base's.
  if (owner.members.some((each) => each.name && propertyNameText(each.name) === member))
    return undefined;
  const base = extendedClass(owner);
  if (!base) return undefined;
  const baseOwner = classOwner(index, base);
  if (baseOwner) return ownOrInherited(index, baseOwner, member, local, project, depth + 1);
  if (findLocalDeclaration(index, base.text, base)) return undefined;
  return importedSummary(index, base.text, `prototype.${member}`, project);
}

/** `Base` of `class X extends Base`. */
function extendedClass(owner: ts.ClassLikeDeclaration): ts.Identifier | undefined {
  const clause = owner.heritageClauses?.find((each) => each.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0] && skipOuterExpressions(clause.types[0].expression);
  return base && ts.isIdentifier(base) ? base : undefined;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name))
    return name.text;
  return undefined;
}

/** What a method's `this` is an instance of: its class, or the constructor function assigning it. */
function ownerOf(summary: FunctionSummary): ts.Node | undefined {
  const node = summary.node;
  if (ts.isMethodDeclaration(node)) return node.parent;
  if (ts.isPropertyDeclaration(node.parent)) return node.parent.parent;
  for (let current = node.parent.parent; current; current = current.parent)
    if (
      ts.isClassLike(current) ||
      ts.isFunctionDeclaration(current) ||
      ts.isFunctionExpression(current)
    )
      return current;
  return undefined;
}

/**
 * The method `member` of the instances of the class (or constructor function) `classRef` names:
 * `dam.remove(id)` where `const dam = new Dam()`, with `Dam` of this file or exported by another
 * module.
 */
function classMethod(
  index: FileIndex,
  classRef: ts.Identifier | undefined,
  member: string,
  local: FileSummaries,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  // A member of a member (`images.remove`) only of a class another module exports (a facade's).
  if (!classRef || member.split('.').length > 2) return undefined;
  const owner = classOwner(index, classRef);
  if (owner)
    return member.includes('.')
      ? undefined
      : ownOrInherited(index, owner, member, local, project, 0);
  if (findLocalDeclaration(index, classRef.text, classRef)) return undefined;
  return importedSummary(index, classRef.text, `prototype.${member}`, project);
}

/**
 * `api.images.remove(id)` where `const api = new Api()` and the class of the file sets
 * `this.images = new Images(…)` (or a field `images = new Images(…)`): the method of the instance
 * the member holds.
 */
function memberInstanceMethod(
  index: FileIndex,
  created: ts.Expression,
  members: string,
  local: FileSummaries,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  const [field, method, ...deeper] = members.split('.');
  const owner = instanceOwner(index, created);
  const inside = owner && ts.isClassLike(owner) ? owner.members[0] : undefined;
  if (!inside || method === undefined || deeper.length > 0) return undefined;
  return classMethod(index, memberClass(index, inside, field!), method, local, project);
}

/** The class a declaration names: `class Dam {}`, or `const Dam = class {}`. */
function classOf(declaration: Declaration): ts.ClassLikeDeclaration | undefined {
  if (ts.isClassDeclaration(declaration.node)) return declaration.node;
  const value = declaration.initializer && skipOuterExpressions(declaration.initializer);
  return declaration.constant && value && ts.isClassExpression(value) ? value : undefined;
}

/** `Dam.deleteImage(id)`: a static method of the class. */
function staticMethod(
  owner: ts.ClassLikeDeclaration,
  member: string,
  local: FileSummaries,
): FunctionSummary | undefined {
  const summary = local.methodsOf(owner).get(member);
  return summary && isStatic(summary) ? summary : undefined;
}

/** Whether a method's summary is of a `static` member, called on the class rather than an instance. */
export function isStatic(summary: FunctionSummary): boolean {
  const member = ts.isMethodDeclaration(summary.node) ? summary.node : summary.node.parent;
  return (
    (ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) &&
    !!ts.getModifiers(member)?.some((each) => each.kind === ts.SyntaxKind.StaticKeyword)
  );
}

/**
 * The method `member` of the API object a function of the file returns, at a call of it:
 * `createClient(token)` where `function createClient(token) { return { remove(id) { … } } }`, or a
 * hook's `return { remove }`.
 */
function factoryMember(
  index: FileIndex,
  made: ts.Expression,
  member: string,
  local: FileSummaries,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  let value = skipOuterExpressions(made);
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  if (!ts.isCallExpression(value) || member.includes('.')) return undefined;
  const callee = skipOuterExpressions(value.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = findLocalDeclaration(index, callee.text, callee);
  if (!declaration) {
    // A factory another module exports: its API object's methods are exported as `make().remove`.
    const found = project && importedModule(index, project, callee);
    return found?.module.functions.get(`${found.imported}().${member}`);
  }
  const initializer =
    declaration.constant && declaration.initializer
      ? skipOuterExpressions(declaration.initializer)
      : undefined;
  const factory = ts.isFunctionDeclaration(declaration.node)
    ? declaration.node
    : initializer && isInlineFunction(initializer)
      ? initializer
      : undefined;
  if (!factory) return undefined;
  for (const returned of returnedValues(factory)) {
    const object = skipOuterExpressions(returned);
    if (!ts.isObjectLiteralExpression(object)) continue;
    for (const property of object.properties) {
      if (!property.name || getPropertyNameText(property.name) !== member) continue;
      if (ts.isMethodDeclaration(property)) return local.get(property);
      // `remove: (id) => …`, `remove: removeImage`, or `{ remove }`.
      const value = ts.isPropertyAssignment(property)
        ? skipOuterExpressions(property.initializer)
        : ts.isShorthandPropertyAssignment(property)
          ? property.name
          : undefined;
      if (!value) continue;
      if (isInlineFunction(value)) return local.get(value);
      if (!ts.isIdentifier(value)) return undefined;
      const named = findDeclaration(index, value.text, value);
      return named && localSummary(named.node, named.initializer, local);
    }
  }
  return undefined;
}

/** `const { remove } = useDam()`: the member of the API object the function returns. */
function destructuredFactoryMember(
  index: FileIndex,
  node: ts.Node,
  local: FileSummaries,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  if (!ts.isBindingElement(node) || !ts.isObjectBindingPattern(node.parent)) return undefined;
  const declaration = node.parent.parent;
  const property = getPropertyNameText(
    node.propertyName ?? (ts.isIdentifier(node.name) ? node.name : undefined),
  );
  return ts.isVariableDeclaration(declaration) && declaration.initializer && property
    ? factoryMember(index, declaration.initializer, property, local, project)
    : undefined;
}

/** `Dam` of `new Dam(…)`. */
function constructedClass(created: ts.Expression): ts.Identifier | undefined {
  const value = skipOuterExpressions(created);
  if (!ts.isNewExpression(value)) return undefined;
  const constructor = skipOuterExpressions(value.expression);
  return ts.isIdentifier(constructor) ? constructor : undefined;
}

/**
 * The class a member of the class around `at` holds an instance of: one assigned `new Dam()`
 * (`this.dam = new Dam()`, a field `dam = new Dam()`), or a constructor parameter property typed
 * with it (`constructor(private readonly dam: Dam)`, as dependency injection passes it).
 */
function memberClass(index: FileIndex, at: ts.Node, field: string): ts.Identifier | undefined {
  const assigned = memberAssignmentsAt(index, field, at);
  const value = assigned?.length === 1 ? skipOuterExpressions(assigned[0]!) : undefined;
  // A parameter property (`constructor(private readonly dam: Dam)`) is known by its type, below.
  const property = value && ts.isIdentifier(value) && ts.isParameter(value.parent);
  if (value && !property) return constructedClass(value);
  if (assigned && !property) return undefined;
  for (let current = at.parent; current; current = current.parent) {
    if (!ts.isClassLike(current)) continue;
    const constructor = current.members.find(ts.isConstructorDeclaration);
    const parameter = constructor?.parameters.find(
      (each) =>
        ts.isIdentifier(each.name) && each.name.text === field && !!ts.getModifiers(each)?.length,
    );
    const type = parameter?.type;
    return type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)
      ? type.typeName
      : undefined;
  }
  return undefined;
}

/** The class or constructor function of the file that `new X()` makes an instance of. */
export function instanceOwner(index: FileIndex, created: ts.Expression): ts.Node | undefined {
  const classRef = constructedClass(created);
  return classRef && classOwner(index, classRef);
}

/** The class or constructor function of the file that `classRef` names. */
function classOwner(index: FileIndex, classRef: ts.Identifier): ts.Node | undefined {
  const declaration = findDeclaration(index, classRef.text, classRef);
  if (!declaration) return undefined;
  if (ts.isClassDeclaration(declaration.node) || ts.isFunctionDeclaration(declaration.node))
    return declaration.node;
  const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
  return declaration.constant && initializer && ts.isClassExpression(initializer)
    ? initializer
    : undefined;
}

function localSummary(
  node: ts.Node,
  initializer: ts.Expression | undefined,
  local: FileSummaries,
): FunctionSummary | undefined {
  return (
    local.get(node) ?? (initializer ? local.get(skipOuterExpressions(initializer)) : undefined)
  );
}

/** `get` imported by name (or as the default), or `api.get` / `http.get` through an imported object or namespace. */
function importedSummary(
  index: FileIndex,
  local: string,
  member: string | undefined,
  project: ProjectModules | undefined,
): FunctionSummary | undefined {
  const binding = index.imports.get(local);
  if (!binding || !project) return undefined;
  if (binding.imported === '*')
    return member === undefined
      ? undefined
      : project.getModule(index.sourceFile.fileName, binding.module, member)?.functions.get(member);
  return project
    .getModule(index.sourceFile.fileName, binding.module, binding.imported)
    ?.functions.get(member === undefined ? binding.imported : `${binding.imported}.${member}`);
}
