import ts from 'typescript';
import type { Settings } from '../../../../common/settings';
import type { OperationMatch } from '../contracts/contractIndex';
import type { StatusContract } from '../contracts/model';
import type { MemoSlot } from '../documents/parseMemo';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import {
  constantMethod,
  objectLiteral,
  readMethod,
  recogniseCalls,
  type CallShape,
} from './callRecognition';
import {
  createClientBindingResolver,
  type ClientBinding,
  type ClientBindingResolver,
  type HttpClientLibrary,
} from './clientBindings';
import {
  createFileIndex,
  findLocalDeclaration,
  memberAssignmentsAt,
  type FileIndex,
} from './fileIndex';
import {
  findCalledSummary,
  instanceOwner,
  passedOptions,
  summariseFunctions,
  withHandedClient,
  type FunctionSummary,
  type ProjectModules,
} from './functionSummaries';
import { mayResend } from './idempotency';
import { importedModule } from './importedFunctions';
import { findPollTimer } from './polling';
import { importedClients } from './projectModules';
import { getConfiguredRetries, responseRetryCoverage, type RetryCoverage } from './retryCoverage';
import { exactStatus } from '../contracts/statusKey';
import { compileCondition, toTruth, type StatusSubject } from './statusCondition';
import {
  analyseHandling,
  classifyStatus,
  type CallHandling,
  type StatusCheck,
} from './statusHandling';
import {
  getEntityName,
  getObjectMember,
  getStringLiteralText,
  isInlineFunction,
  isWithin,
  skipOuterExpressions,
} from './syntax';
import { bindArguments, resolveUrl, type ResolvedUrl, type UrlScope } from './urlResolution';

export type { HttpClientLibrary };

/**
 * How a call treats one status: `retry` (a retry mechanism sends the request again),
 * `specific` (a test singles it out), `range` (a test takes its class, `>= 500`), `generic`
 * (only a failure-as-a-whole test such as `!res.ok`, or the client throwing), or undefined.
 */
export type StatusTreatmentKind = 'retry' | 'specific' | 'range' | 'generic' | undefined;

/**
 * One recognised HTTP call with everything features need about it. Quick fixes find the call
 * by its `range`, the missing statuses in `documented` versus `treatment`, and where to add a
 * branch in `handling.constructs` (a `switch` for a `case`, an `if` whose `generic` test a new
 * `if` goes before, a `catch` clause, or none) and `handling.responseNames`.
 */
export interface AnalysedCall {
  /** The call expression. */
  node: ts.CallExpression;
  /** Offsets of what diagnostics underline: the callee through the URL argument. */
  range: { start: number; end: number };
  library: HttpClientLibrary;
  /** Upper-case HTTP method. */
  method: string;
  /** The expression holding the URL or path. */
  urlNode: ts.Expression;
  url: ResolvedUrl;
  /** The API the `apis` setting ties the call's base URL or variable to. */
  configuredApiId?: string;
  /** The API and operation the call goes to, when the contracts know it. */
  match?: OperationMatch;
  /** The operation's documented statuses (each merged over the API-wide entry); empty without an operation. */
  documented: StatusContract[];
  handling: CallHandling;
  /** Retry options, plug-ins and helpers configured for the call (a wrapper function is `handling.retryWrapper`). */
  retries: RetryCoverage[];
  /** Whether the client rejects for `status` instead of answering it (axios, ky, got unless told otherwise). */
  throwsFor(status: number): boolean;
  /** Whether the request may be sent again after a 5xx: an idempotent method, or an `Idempotency-Key` it carries. */
  readonly mayResend: boolean;
  /** How the call treats `status`. */
  treatment(status: number): StatusTreatmentKind;
  /** The project function the call goes through, when it is a call of one (`get('/users')` for `fetch(BASE + path)`). */
  via?: FunctionSummary;
}

/** Every recognised HTTP call of a document, in source order. */
export interface CodeAnalysis {
  calls: AnalysedCall[];
  index: FileIndex;
}

const analysisSlot: MemoSlot<CodeAnalysis> = {};

/**
 * The analysis of a parsed document, computed once per parse, contracts and call settings and
 * shared by validation, hover, code actions and completion.
 */
export function getCodeAnalysis(parsed: CodeParsedDocument, context: ServiceContext): CodeAnalysis {
  return parsed.memo.get(
    analysisSlot,
    [context.contracts, context.project, settingsKey(context.settings)],
    () => analyse(parsed.sourceFile, context),
  );
}

/** The recognised call whose range or URL holds `offset`, innermost first. */
export function findCallAt(analysis: CodeAnalysis, offset: number): AnalysedCall | undefined {
  let found: AnalysedCall | undefined;
  for (const call of analysis.calls) {
    if (
      call.node.getStart() <= offset &&
      offset <= call.node.end &&
      (!found || call.node.pos >= found.node.pos)
    )
      found = call;
  }
  return found;
}

function settingsKey(settings: Settings): string {
  return JSON.stringify([settings.apis, settings.wrappers]);
}

function analyse(sourceFile: ts.SourceFile, context: ServiceContext): CodeAnalysis {
  const index = createFileIndex(sourceFile);
  const bindings = clientsOf(index, context);
  const scope: UrlScope = { index, ...(context.project && { project: context.project }) };
  const shapes = recogniseCalls(index, context.settings.wrappers, bindings);
  const calls: AnalysedCall[] = [];
  for (const shape of shapes) {
    if (!shape.url) continue;
    const url = resolveUrl(
      scope,
      shape.url,
      shape.wrapper?.baseUrl ? [shape.wrapper.baseUrl] : shape.bases,
      joinsWithSlash(shape),
      shape.binding?.home,
    );
    if (!url) continue;
    // Options passed in by a caller are the caller's to tell: the function's calls say it.
    const method =
      shape.method ??
      (optionsFromParameter(index, shape) ? undefined : onlyDocumentedMethod(url, context));
    if (!method) continue;
    calls.push(new RecognisedCall(index, shape, method, shape.url, url, bindings, context));
  }
  // Calls of the project's own functions that make a call: analysed as that call, made here.
  const summaries = summariseFunctions(index, shapes, context.project);
  const recognised = new Set(shapes.map((shape) => shape.node));
  for (const node of index.calls) {
    if (recognised.has(node)) continue;
    const summary = findCalledSummary(index, node, summaries, context.project);
    const call = summary && createWrapperCall(index, node, summary, bindings, context);
    if (call) calls.push(call);
  }
  calls.sort((a, b) => a.node.pos - b.node.pos);
  return { calls, index };
}

function clientsOf(index: FileIndex, context: ServiceContext): ClientBindingResolver {
  const project = context.project;
  return createClientBindingResolver(
    index,
    project && importedClients(project, index.sourceFile.fileName),
  );
}

const httpMethods = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/**
 * The method of a call whose options the code does not show (`fetch(url, helper())`): the one
 * its API documents for the path, when it documents exactly one; else none is guessed.
 */
function onlyDocumentedMethod(url: ResolvedUrl, context: ServiceContext): string | undefined {
  const found = httpMethods.filter(
    (method) =>
      context.contracts.matchCall(method, { host: url.host, path: url.path })?.operation?.method ===
      method,
  );
  return found.length === 1 ? found[0] : undefined;
}

/** Whether the options after the call's URL are a parameter of the function making it. */
function optionsFromParameter(index: FileIndex, shape: CallShape): boolean {
  const declaration = passedOptions(index, shape)?.declaration;
  return declaration !== undefined && ts.isParameter(declaration.node);
}

/** Whether the client puts a `/` between its base URL and a path that has none (axios's combineURLs, ky's and got's prefixUrl). */
function joinsWithSlash(shape: CallShape): boolean {
  return shape.library === 'axios' || shape.library === 'ky' || shape.library === 'got';
}

/**
 * A call of a summarised function, as the call it makes: its URL and method from the arguments.
 * `outer` is set for a wrapper a wrapper calls: its parameters stand for the outer call's
 * arguments, and the method is the outer call's.
 */
function createWrapperCall(
  index: FileIndex,
  node: ts.CallExpression,
  summary: FunctionSummary,
  bindings: ClientBindingResolver,
  context: ServiceContext,
  outer?: { scope: UrlScope; method: string },
): AnalysedCall | undefined {
  const project = context.project;
  const callerScope = outer?.scope ?? { index, ...(project && { project }) };
  // A function that deals with the response of a call it can tie to an operation on its own is
  // held to the contract there, once, not again at each of its calls: it handles the status
  // without giving the response back, or it returns a body unchecked (whose status is lost at
  // its own call, or at the call of the function it makes the request through).
  const heldInside =
    summary.outcome === 'handles' ? !summary.handsBack : summary.outcome === 'unchecked';
  if (!outer && heldInside && ownsFindings(summary, context)) return undefined;
  // The instance the method is called on, where the call shows its creation: what it is made with.
  const creation = ownClassCreation(index, node, summary, callerScope);
  // A method whose client its class's constructor is handed: the client the instance is made with.
  if (summary.clientParameter) {
    const client = creation && handedClient(index, creation, summary, bindings, context);
    const known = client && withHandedClient(summary, client, project);
    if (known) summary = known;
    else if (summary.outcome === undefined) return undefined;
  }
  const inner = summary.inner;
  const argumentAt = (position: number | undefined) =>
    position === undefined ? undefined : node.arguments[position];
  const options = objectLiteral(index, argumentAt(summary.optionsParameter));
  const method =
    outer?.method ??
    inner.method ??
    (summary.optionsParameter !== undefined
      ? options
        ? readMethod(index, options)
        : 'GET'
      : methodArgument(index, argumentAt(summary.methodParameter), summary));
  if (!method) return undefined;
  const calleeScope: UrlScope = { index: summary.index, ...(project && { project }) };
  const scope: UrlScope = {
    ...calleeScope,
    bindings: new Map([
      // What the instance was made with, for the members its constructor sets: `new
      // Fetcher(DAM).del(path)` with `constructor(url) { this.http = axios.create({ baseURL: url }) }`.
      ...(creation
        ? bindArguments(creation.scope, creation.made, creation.constructor.parameters, calleeScope)
        : []),
      ...(outer?.scope.bindings ?? []),
      ...bindArguments(callerScope, node, summary.parameters, calleeScope),
    ]),
  };
  // The call inside the function, for what the function itself does with the response.
  const clients = clientsOf(summary.index, context);
  const through = summary.through;
  let delegate: AnalysedCall | undefined;
  if (through)
    delegate = createWrapperCall(summary.index, through.call, through.summary, clients, context, {
      scope,
      method,
    });
  else {
    const url =
      inner.url &&
      resolveUrl(scope, inner.url, inner.bases, joinsWithSlash(inner), inner.binding?.home);
    delegate =
      inner.url && url
        ? new RecognisedCall(summary.index, inner, method, inner.url, url, clients, context)
        : undefined;
  }
  if (!delegate) return undefined;
  const urlNode = argumentAt(summary.urlParameter) ?? node.expression;
  const shape: CallShape = { ...inner, node, url: urlNode, bases: [], options: [] };
  return new RecognisedCall(index, shape, method, urlNode, delegate.url, bindings, context, {
    summary,
    delegate,
  });
}

/**
 * The client a method's class's constructor is handed (`summary.clientParameter`) by the instance
 * the method is called on, where the call shows its creation and the argument is a client:
 * `new Contacts(http).remove(id)`, `contacts.remove(id)` with `const contacts = new
 * Contacts(http)` here or exported by another module, `this.contacts.remove(id)` with
 * `this.contacts = new Contacts(this.client)`. A client of a module other than the class's is read
 * in the module that passes it, with its interceptors and retry plug-ins.
 */
function handedClient(
  index: FileIndex,
  creation: InstanceCreation,
  summary: FunctionSummary,
  bindings: ClientBindingResolver,
  context: ServiceContext,
): ClientBinding | undefined {
  const parameter = summary.clientParameter;
  if (!parameter || parameter.parent !== creation.constructor) return undefined;
  const argument = creation.made.arguments?.[creation.constructor.parameters.indexOf(parameter)];
  const passed = argument && !ts.isSpreadElement(argument) && passedValue(creation.scope, argument);
  if (!passed) return undefined;
  const made = passed.scope.index;
  const clients = made === index ? bindings : clientsOf(made, context);
  const client = clients.resolveValue(passed.expression);
  if (!client || client.factory) return undefined;
  return client.home || made === summary.index
    ? client
    : { ...client, home: { index: made, clients } };
}

/**
 * What an argument a constructor is handed stands for: itself, or, where the instance is made by
 * a facade's constructor, what the facade was made with (`new Images(client)`, or `this.client`
 * set from `client`, with the facade made as `new Api(http)`).
 */
function passedValue(
  scope: UrlScope,
  argument: ts.Expression,
): { scope: UrlScope; expression: ts.Expression } | undefined {
  let current = { scope, expression: argument };
  for (let depth = 0; depth < 4 && current.scope.bindings; depth++) {
    let value = skipOuterExpressions(current.expression);
    if (
      ts.isPropertyAccessExpression(value) &&
      value.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      const assigned = memberAssignmentsAt(current.scope.index, value.name.text, value);
      if (assigned?.length !== 1) return current;
      value = skipOuterExpressions(assigned[0]!);
    }
    const declaration = ts.isIdentifier(value)
      ? findLocalDeclaration(current.scope.index, value.text, value)
      : undefined;
    const bound =
      declaration && ts.isParameter(declaration.node)
        ? current.scope.bindings.get(declaration.node)
        : undefined;
    if (!bound || bound.rest) return current;
    current = { scope: bound, expression: bound.expression };
  }
  return current;
}

/** A `new` making an instance of a class with a constructor, with the scope its arguments are read in. */
interface InstanceCreation {
  made: ts.NewExpression;
  scope: UrlScope;
  constructor: ts.ConstructorDeclaration;
}

/**
 * The creation of the instance a method is called on, where the call shows it and the instance is
 * of the method's own class (not of a subclass with a constructor of its own), with that
 * constructor.
 */
function ownClassCreation(
  index: FileIndex,
  call: ts.CallExpression,
  summary: FunctionSummary,
  caller: UrlScope,
): InstanceCreation | undefined {
  const creation = instanceCreation(index, call, caller);
  const made = creation?.made;
  const method = summary.node;
  const owner = ts.isMethodDeclaration(method)
    ? method.parent
    : ts.isPropertyDeclaration(method.parent)
      ? method.parent.parent
      : undefined;
  if (!creation || !made?.arguments || !owner || !ts.isClassLike(owner)) return undefined;
  const made0 = skipOuterExpressions(made.expression);
  if (!ts.isIdentifier(made0) || made0.text !== owner.name?.text) return undefined;
  const constructor = owner.members.find(ts.isConstructorDeclaration);
  return constructor && { ...creation, constructor };
}

/**
 * The `new` making the instance a method is called on, where the call shows it, with the scope
 * its arguments are read in: an instance another module exports (`export const dam = new
 * Api(DAM)`) is made there.
 */
function instanceCreation(
  index: FileIndex,
  call: ts.CallExpression,
  caller: UrlScope,
): { made: ts.NewExpression; scope: UrlScope } | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuterExpressions(callee.expression);
  if (ts.isIdentifier(object)) return heldInstance(index, object, caller);
  if (!ts.isPropertyAccessExpression(object)) return madeHere(object, caller);
  if (object.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const assigned = memberAssignmentsAt(index, object.name.text, object);
    return assigned?.length === 1 ? madeHere(assigned[0]!, caller) : undefined;
  }
  // `api.images.remove(id)`, with `const api = new Api()` (or `api` imported) and `this.images =
  // new Images(…)` in Api: made in that class, read in its module.
  const holder = skipOuterExpressions(object.expression);
  const instance = ts.isIdentifier(holder) ? heldInstance(index, holder, caller) : undefined;
  const made = instance && madeClass(instance.scope, instance.made);
  const inside = made?.owner.members[0];
  if (!made || !inside) return undefined;
  const assigned = memberAssignmentsAt(made.index, object.name.text, inside);
  const classScope: UrlScope = {
    index: made.index,
    ...(caller.project && { project: caller.project }),
  };
  // What the facade was made with, for a member made from it (`new Images(client)`).
  const constructor = made.owner.members.find(ts.isConstructorDeclaration);
  const scope: UrlScope = constructor
    ? {
        ...classScope,
        bindings: bindArguments(instance.scope, instance.made, constructor.parameters, classScope),
      }
    : classScope;
  return assigned?.length === 1 ? madeHere(assigned[0]!, scope) : undefined;
}

function madeHere(
  value: ts.Expression,
  scope: UrlScope,
): { made: ts.NewExpression; scope: UrlScope } | undefined {
  const made = skipOuterExpressions(value);
  return ts.isNewExpression(made) ? { made, scope } : undefined;
}

/** The `new` a name holds: a constant of the file, or an instance another module exports. */
function heldInstance(
  index: FileIndex,
  name: ts.Identifier,
  caller: UrlScope,
): { made: ts.NewExpression; scope: UrlScope } | undefined {
  const declaration = findLocalDeclaration(index, name.text, name);
  if (declaration)
    return declaration.constant && declaration.initializer
      ? madeHere(declaration.initializer, caller)
      : undefined;
  const project = caller.project;
  const found = project && importedModule(index, project, name);
  const exported = found?.module.values.get(found.imported);
  return found && exported ? madeHere(exported, { index: found.module.index, project }) : undefined;
}

/** The class a `new` makes an instance of, with its module: of the file, or exported by name by another. */
function madeClass(
  scope: UrlScope,
  made: ts.NewExpression,
): { index: FileIndex; owner: ts.ClassLikeDeclaration } | undefined {
  const owner = instanceOwner(scope.index, made);
  if (owner) return ts.isClassLike(owner) ? { index: scope.index, owner } : undefined;
  const ref = skipOuterExpressions(made.expression);
  const found =
    ts.isIdentifier(ref) && scope.project
      ? importedModule(scope.index, scope.project, ref)
      : undefined;
  const exported = found && exportedClass(found.module.index, found.imported);
  return found && exported ? { index: found.module.index, owner: exported } : undefined;
}

/**
 * The class a module exports as `name`: by its own name, as its default (`export default class`,
 * `export default Api`) or as `module.exports = Api`, which an import of its default gets too.
 */
function exportedClass(index: FileIndex, name: string): ts.ClassDeclaration | undefined {
  const sourceFile = index.sourceFile;
  const declared = (local: string) => {
    const node = index.scopes.get(sourceFile)?.get(local)?.node;
    return node && ts.isClassDeclaration(node) ? node : undefined;
  };
  if (name !== 'default' && name !== 'module.exports') return declared(name);
  for (const statement of sourceFile.statements) {
    if (
      name === 'default' &&
      ts.isClassDeclaration(statement) &&
      ts.getModifiers(statement)?.some((each) => each.kind === ts.SyntaxKind.DefaultKeyword)
    )
      return statement;
    const assigned =
      ts.isExportAssignment(statement) && !statement.isExportEquals
        ? statement.expression
        : ts.isExpressionStatement(statement) &&
            ts.isBinaryExpression(statement.expression) &&
            statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            getEntityName(statement.expression.left) === 'module.exports'
          ? statement.expression.right
          : undefined;
    const value = assigned && skipOuterExpressions(assigned);
    if (value && ts.isIdentifier(value)) return declared(value.text);
  }
  return undefined;
}

const ownedFindings = new WeakMap<FunctionSummary, { key: unknown[]; owns: boolean }>();

/** Whether the call a function makes, read in the function alone, is held to the contracts there. */
function ownsFindings(summary: FunctionSummary, context: ServiceContext): boolean {
  const key = [context.contracts, context.settings.apis];
  const known = ownedFindings.get(summary);
  if (known && known.key.every((each, i) => each === key[i])) return known.owns;
  const method = summary.inner.method;
  const project = context.project;
  const url = method
    ? ownUrl(summary, { index: summary.index, ...(project && { project }) })
    : undefined;
  const mapping = url ? mapConfiguredApi(url, context.settings.apis) : undefined;
  const match =
    method !== undefined && url !== undefined
      ? context.contracts.matchCall(
          method,
          {
            host: mapping?.host ?? url.host,
            path: mapping ? mapping.operationPath(url.path) : url.path,
          },
          mapping?.apiId,
        )
      : undefined;
  // A status test is held to an operation's statuses; a body returned unchecked is a finding
  // wherever the API is known.
  const owns =
    summary.outcome === 'unchecked' ? match !== undefined : match?.operation !== undefined;
  ownedFindings.set(summary, { key, owns });
  return owns;
}

/** The URL of a function's call as far as the function (and the wrappers it calls) shows it. */
function ownUrl(summary: FunctionSummary, scope: UrlScope): ResolvedUrl | undefined {
  const through = summary.through;
  if (!through) {
    const inner = summary.inner;
    return (
      inner.url &&
      resolveUrl(scope, inner.url, inner.bases, joinsWithSlash(inner), inner.binding?.home)
    );
  }
  const calleeScope: UrlScope = {
    index: through.summary.index,
    ...(scope.project && { project: scope.project }),
  };
  return ownUrl(through.summary, {
    ...calleeScope,
    bindings: bindArguments(scope, through.call, through.summary.parameters, calleeScope),
  });
}

/** The method a call passes to a wrapper's method parameter, or that parameter's default. */
function methodArgument(
  index: FileIndex,
  argument: ts.Expression | undefined,
  summary: FunctionSummary,
): string | undefined {
  const parameter =
    summary.methodParameter === undefined ? undefined : summary.parameters[summary.methodParameter];
  if (argument) return constantMethod(index, argument);
  return parameter?.initializer && getStringLiteralText(parameter.initializer)?.toUpperCase();
}

/**
 * A recognised call. A class rather than an object of closures: a file has hundreds of calls,
 * and each would make its own. Following the response costs more than everything else: done
 * only when a feature asks, which validation does only for calls the contracts know.
 */
class RecognisedCall implements AnalysedCall {
  readonly node: ts.CallExpression;
  readonly range: { start: number; end: number };
  readonly library: HttpClientLibrary;
  readonly configuredApiId?: string;
  readonly match?: OperationMatch;
  readonly documented: StatusContract[];
  readonly mayResend: boolean;
  private readonly clientThrows: (status: number) => boolean;
  private readonly treatments = new Map<number, StatusTreatmentKind>();
  private followed?: CallHandling;
  private configuredRetries?: RetryCoverage[];
  private wrappedChecks?: StatusCheck[];
  private documentedSuccesses?: readonly number[];
  private polled?: boolean;
  /** The project's other modules, whose functions the response may be handed to. */
  private readonly project?: ProjectModules;

  constructor(
    private readonly index: FileIndex,
    private readonly shape: CallShape,
    readonly method: string,
    readonly urlNode: ts.Expression,
    readonly url: ResolvedUrl,
    private readonly bindings: ClientBindingResolver,
    context: ServiceContext,
    private readonly wrapped?: { summary: FunctionSummary; delegate: AnalysedCall },
  ) {
    // A configured wrapper's API is the one its entry names, whatever the URL looks like.
    const api = shape.wrapper?.api;
    const mapping: ConfiguredApi | undefined = api
      ? { apiId: api, operationPath: (path) => path }
      : mapConfiguredApi(url, context.settings.apis);
    if (context.project) this.project = context.project;
    this.node = shape.node;
    this.library = shape.library;
    this.configuredApiId = mapping?.apiId;
    const matchPath = (path: string) =>
      context.contracts.matchCall(
        method,
        { host: mapping?.host ?? url.host, path: mapping ? mapping.operationPath(path) : path },
        mapping?.apiId,
      );
    this.match = matchPath(url.path);
    this.documented = this.match?.operation
      ? context.contracts.documentedStatuses(this.match.api, this.match.operation)
      : [];
    if (!this.match?.operation && url.alternatives) {
      const choices = matchAlternatives(url.alternatives, matchPath, context);
      if (choices) ({ match: this.match, documented: this.documented } = choices);
    }
    this.clientThrows = createThrowsFor(index, shape);
    this.mayResend = mayResend(method, shape.options, shape.headers);
    const directArgument = shape.node.arguments.find(
      (argument) =>
        argument === urlNode || (urlNode.pos >= argument.pos && urlNode.end <= argument.end),
    );
    const end =
      directArgument === urlNode
        ? urlNode.end
        : ((directArgument ?? shape.node.arguments[0])?.end ?? shape.node.end);
    this.range = { start: shape.node.expression.getStart(), end };
  }

  /** The success statuses the operation documents (2xx), else 200: what a failure test is told from. */
  private get successes(): readonly number[] {
    if (!this.documentedSuccesses) {
      const documented = this.documented
        .map((entry) => exactStatus(entry))
        .filter((code): code is number => code !== undefined && code >= 200 && code < 300);
      this.documentedSuccesses = documented.length > 0 ? documented : [200];
    }
    return this.documentedSuccesses;
  }

  get via(): FunctionSummary | undefined {
    return this.wrapped?.summary;
  }

  get handling(): CallHandling {
    return (this.followed ??= this.followResponse());
  }

  /**
   * What the code around the call does with its result. A function that hands the response back
   * is called like the client; one that handles the status itself throws what it does not want;
   * one that never looks at it gives its caller a body, whose members are no status.
   */
  private followResponse(): CallHandling {
    const outcome = this.wrapped?.summary.outcome;
    const library = outcome === 'handles' ? 'wrapper' : this.shape.library;
    const handling = analyseHandling(
      this.index,
      this.shape.node,
      library,
      { shape: this.shape, bindings: this.bindings },
      this.project,
    );
    if (outcome === undefined || outcome === 'returns-response') return handling;
    // What such a function gives back is a body: handing it to other code hands on no status.
    const fate = handling.fate === 'passed-out' ? 'local' : handling.fate;
    if (outcome === 'handles' || this.clientThrows(500)) return { ...handling, fate };
    // Returned or not, nobody can look at the status of a body: it is lost here, where the call is.
    return { ...handling, fate: 'local', examined: false, checks: [], constructs: [] };
  }

  get retries(): RetryCoverage[] {
    if (this.wrapped) return this.wrapped.delegate.retries;
    return (this.configuredRetries ??= getConfiguredRetries(
      this.index,
      this.shape,
      this.method,
      this.bindings,
    ));
  }

  throwsFor(status: number): boolean {
    // A function that handles the status throws for what it does not return.
    if (this.wrapped?.summary.outcome === 'handles') {
      const delegate = this.wrapped.delegate;
      // It looks at the status in a way no test here reads (`const [ok] = await Promise.all([res.ok, …])`):
      // taken to fail for what is not a success, rather than to let failures through.
      if (delegate.handling.checks.length === 0) return status < 200 || status > 299;
      return delegate.treatment(status) !== undefined;
    }
    return this.clientThrows(status);
  }

  treatment(status: number): StatusTreatmentKind {
    if (this.treatments.has(status)) return this.treatments.get(status);
    let result: StatusTreatmentKind;
    const checked = classifyStatus(this.handling.checks, status, this.successes);
    const inside = this.wrapped?.delegate.treatment(status);
    if (this.retries.some((retry) => retry.covers(status) === true)) result = 'retry';
    else if (this.shape.wrapper?.handles.includes(status)) result = 'specific';
    else if (this.isRetriedByWrapper(status) || inside === 'retry') result = 'retry';
    else if (
      this.wrapped?.summary.outcome === 'handles' &&
      (inside === 'specific' || inside === 'range')
    )
      result = checked === 'specific' ? checked : inside;
    else
      result =
        checked ?? (this.throwsFor(status) && !this.handling.failureAsData ? 'generic' : undefined);
    // A poll sends the request again on its next tick whatever failed.
    if ((result === 'generic' || result === 'range') && this.isPolled()) result = 'retry';
    this.treatments.set(status, result);
    return result;
  }

  private isPolled(): boolean {
    return (this.polled ??=
      findPollTimer(this.index, this.shape.node, this.handling) !== undefined);
  }

  /**
   * A wrapper retries what its function throws: the client's own rejections, and the statuses
   * tested inside the wrapped function (a test after the wrapper returns cannot make it retry).
   */
  private isRetriedByWrapper(status: number): boolean {
    const wrapper = this.handling.retryWrapper;
    const wrapped = wrapper?.arguments[0];
    if (!wrapper || !wrapped) return false;
    const helper = responseRetryCoverage(
      this.index,
      wrapper,
      mayResend(this.method, this.shape.options, this.shape.headers),
    );
    if (helper) return helper.covers(status) === true;
    this.wrappedChecks ??= this.handling.checks.filter((check) => isWithin(check.node, wrapped));
    return (
      this.throwsFor(status) ||
      classifyStatus(this.wrappedChecks, status, this.successes) !== undefined
    );
  }
}

/**
 * A URL with segments that are one of a few literals (`/player/${paused ? 'play' : 'pause'}`): when
 * each path it may take is an operation of the same API, the call is held to what they all
 * document (the statuses each documents, as the first describes them), named as the first.
 */
function matchAlternatives(
  paths: readonly string[],
  matchPath: (path: string) => OperationMatch | undefined,
  context: ServiceContext,
): { match: OperationMatch; documented: StatusContract[] } | undefined {
  const matches = paths.map(matchPath);
  const first = matches[0];
  if (!first?.operation || matches.some((each) => !each?.operation || each.api !== first.api))
    return undefined;
  const [documented, ...others] = matches.map((each) =>
    context.contracts.documentedStatuses(each!.api, each!.operation!),
  );
  const shared = documented!.filter((entry) =>
    others.every((list) => list.some((other) => other.key === entry.key)),
  );
  return { match: first, documented: shared };
}

/**
 * What the `apis` setting says of a call's URL: the API it goes to, by the name of its base, its
 * base URL or its host; or, for a base name given a URL (`"process.env.GITHUB_URL":
 * "https://api.github.com/search"`), the host the call goes to. `operationPath` turns a path of
 * the call (its own, or one of its alternatives) into the path its operation has.
 */
interface ConfiguredApi {
  apiId?: string;
  host?: string;
  operationPath(path: string): string;
}

function mapConfiguredApi(
  url: ResolvedUrl,
  apis: Record<string, string>,
): ConfiguredApi | undefined {
  let best: { apiId: string; basePath: string; length: number } | undefined;
  for (const [key, value] of Object.entries(apis)) {
    if (url.baseNames.includes(key)) {
      const base = value.includes('://') ? splitBaseUrl(value) : undefined;
      if (!base) return { apiId: value, operationPath: (path) => path };
      // The name stands for that URL: the call is matched as if the URL were written there.
      const host = base.origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/:\d+$/, '');
      return {
        host,
        operationPath: (path) => `${base.path}${path.startsWith('/') ? '' : '/'}${path}`,
      };
    }
    if (key.includes('://')) {
      if (!url.origin) continue;
      const { origin, path: basePath } = splitBaseUrl(key);
      const candidate = origin.replace(/^https?:/, '');
      if (url.origin.replace(/^https?:/, '') !== candidate) continue;
      if (basePath && url.path !== basePath && !url.path.startsWith(`${basePath}/`)) continue;
      if (!best || basePath.length > best.length)
        best = { apiId: value, basePath, length: basePath.length };
    } else if (url.host && url.host === key.toLowerCase()) {
      best ??= { apiId: value, basePath: '', length: -1 };
    }
  }
  if (!best) return undefined;
  const { apiId, basePath } = best;
  // A configured base URL's path is not part of the operation's.
  return { apiId, operationPath: (path) => path.slice(basePath.length) || '/' };
}

/** `https://API.example.com/v2/` → origin `https://api.example.com`, path `/v2`. */
function splitBaseUrl(baseUrl: string): { origin: string; path: string } {
  const base = baseUrl.replace(/\/+$/, '');
  const slash = base.indexOf('/', base.indexOf('://') + 3);
  return {
    origin: (slash < 0 ? base : base.slice(0, slash)).toLowerCase(),
    path: slash < 0 ? '' : base.slice(slash),
  };
}

/** Whether the call's client rejects for a status: axios `validateStatus`, ky/got `throwHttpErrors`. */
function outside2xx(status: number): boolean {
  return status < 200 || status > 299;
}

function neverThrows(): boolean {
  return false;
}

function createThrowsFor(index: FileIndex, shape: CallShape): (status: number) => boolean {
  switch (shape.library) {
    case 'fetch':
    case 'openapi-fetch':
      return neverThrows;
    case 'wrapper':
      // A configured HTTP helper is taken to throw on failure, as nearly all do, unless its entry
      // says it hands back the response.
      return shape.wrapper?.throws === false ? neverThrows : outside2xx;
    case 'axios': {
      const option = lastOption(shape, 'validateStatus');
      if (!option) return outside2xx;
      const value = skipOuterExpressions(option);
      if (
        value.kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(value) && value.text === 'undefined')
      )
        return neverThrows;
      const predicate = isInlineFunction(value) ? value : undefined;
      const parameter = predicate?.parameters[0]?.name;
      const body =
        predicate && !ts.isBlock(predicate.body)
          ? predicate.body
          : predicate && singleReturn(predicate.body as ts.Block);
      if (!predicate || !body) return outside2xx;
      const name = parameter && ts.isIdentifier(parameter) ? parameter.text : undefined;
      const subject: StatusSubject = {
        isStatus: (expression) =>
          name !== undefined && ts.isIdentifier(expression) && expression.text === name,
        isOk: () => false,
        isFailureFlag: () => false,
      };
      const accepts = compileCondition(body, subject, index);
      return (status) => toTruth(accepts(status)) !== true;
    }
    case 'ky':
    case 'got': {
      const option = lastOption(shape, 'throwHttpErrors');
      if (option && skipOuterExpressions(option).kind === ts.SyntaxKind.FalseKeyword)
        return neverThrows;
      return shape.library === 'got' ? (status) => status >= 400 : outside2xx;
    }
  }
}

function lastOption(shape: CallShape, name: string): ts.Expression | undefined {
  for (let i = shape.options.length - 1; i >= 0; i--) {
    const value = getObjectMember(shape.options[i]!, name);
    if (value) return value;
  }
  return undefined;
}

function singleReturn(block: ts.Block): ts.Expression | undefined {
  const statement = block.statements.length === 1 ? block.statements[0] : undefined;
  return statement && ts.isReturnStatement(statement) ? statement.expression : undefined;
}
