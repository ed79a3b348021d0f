import ts from 'typescript';
import type { CallShape } from './callRecognition';
import type { ClientBindingResolver } from './clientBindings';
import { findDeclaration, getReferencesBetween, type FileIndex } from './fileIndex';
import type { ProjectModules } from './functionSummaries';
import { importedFunction } from './importedFunctions';
import { getClientHooks, isRetryWrapperCall, type ClientHook } from './retryCoverage';
import {
  compileCondition,
  evaluateValue,
  toTruth,
  unknownValue,
  type CompiledCondition,
  type StatusSubject,
  type Truth,
} from './statusCondition';
import {
  getAccessedName,
  getCalledName,
  getEntityName,
  getEnclosingFunction,
  getPropertyNameText,
  isInlineFunction,
  isTransparentWrapper,
  isWithin,
  returnedValues,
  skipOuterExpressions,
} from './syntax';

/** A construct of the code around a call that looks at its status: where a quick fix adds a branch. */
export type HandlingConstruct =
  /** `switch (res.status)` (or `switch (true)` with status cases): a new `case` goes in it. */
  | { kind: 'switch'; node: ts.SwitchStatement }
  /** An `if` testing the status; `generic` when it tests failure as a whole (`!res.ok`, `status >= 400`). */
  | { kind: 'if'; node: ts.IfStatement; generic: boolean }
  /** A `try`/`catch` around the call, `errorName` bound to the caught error when it has a binding. */
  | { kind: 'catch'; node: ts.CatchClause; errorName?: string }
  /** A `.catch(error => …)` (or a `.then`'s rejection handler) on the call's promise. */
  | { kind: 'promise-catch'; node: ts.CallExpression; errorName?: string }
  /** A status test elsewhere: a ternary, a loop condition, an assertion, a boolean kept in a variable. */
  | { kind: 'other'; node: ts.Node };

/** One test of the call's status, evaluable for any status. */
export interface StatusCheck {
  /** The condition, or the `case` expression, as written. */
  node: ts.Node;
  /** Which way the test goes for a response with `status`. */
  test(status: number): Truth;
  /** The test takes every failure alike (a `default:` clause): a generic failure branch. */
  generic?: boolean;
  construct: HandlingConstruct;
}

/** What happens to a call's response, as far as the code of its function shows. */
export interface CallHandling {
  /**
   * `local`: the function deals with the response itself; `returned`: it returns the response
   * or its promise; `passed-out`: it hands the response to other code. Only `local` calls are
   * held to their contract here: the others are their caller's to handle.
   */
  fate: 'local' | 'returned' | 'passed-out';
  /** The variables the response is bound to, in order of binding. */
  responseNames: string[];
  /** Whether anything looks at the status at all (`status`, `ok`, openapi-fetch's `error`). */
  examined: boolean;
  checks: StatusCheck[];
  /** The constructs the checks sit in, and `catch` clauses around the call, in source order. */
  constructs: HandlingConstruct[];
  /** A retry wrapper (p-retry, async-retry, …) the call runs inside. */
  retryWrapper?: ts.CallExpression;
  /**
   * The first handler of the call's rejection turns the failure into data and nothing tests
   * that data (`catch (e) { return e }`, `.catch(() => null)`): a throwing client's failures
   * are then handled nowhere, not by a generic failure branch.
   */
  failureAsData?: ts.Node;
  /** The expressions that stand for the response, its status, its `ok` and its caught error. */
  subject: StatusSubject;
}

/**
 * What a followed expression holds: the call's response, openapi-fetch's `{ data, error,
 * response }` result, a thrown error, the response or an error turned into data by a rejection
 * handler (`either`), a `Promise.allSettled` entry, the status, `ok`, the failure flag; or an
 * array of one of these.
 */
type Kind =
  'response' | 'result' | 'error' | 'either' | 'settled' | 'status' | 'ok' | 'failure' | Collection;

/**
 * An array of the call's values or of their promises (`[fetch(a), fetch(b)]`, `ids.map(…)`,
 * `await Promise.all(…)`): `index` is the call's position, undefined when any element may be it.
 */
interface Collection {
  element: Kind;
  index?: number;
}

const bodyReaders = new Set(['json', 'text', 'blob', 'arrayBuffer', 'formData', 'buffer']);
const loggerRoots = new Set(['console', 'logger', 'log', 'Logger']);
const statusNames = new Set(['status', 'statusCode']);
const numericFunctions = new Set([
  'Math.floor',
  'Math.trunc',
  'Math.round',
  'Math.ceil',
  'Number',
  'parseInt',
  'String',
  'Boolean',
]);
const collectionMethods = new Set(['includes', 'has', 'indexOf']);
// Array methods whose callback is given each element; `filter` and `find` hand elements on.
const elementCallbackMethods = new Set([
  'map',
  'forEach',
  'filter',
  'some',
  'every',
  'find',
  'findLast',
]);
/**
 * `all` and `race` reject with a call's rejection; `all` fulfils with every value, `race` and
 * `any` with one of them, `allSettled` with an outcome for each. `any` rejects only when every
 * call does, with an `AggregateError` that carries no status.
 */
type CombinatorKind = 'all' | 'allSettled' | 'race' | 'any';
const combinators: Record<string, CombinatorKind> = {
  'Promise.all': 'all',
  'Promise.allSettled': 'allSettled',
  'Promise.race': 'race',
  'Promise.any': 'any',
};
const stringMethods = new Set(['toString', 'startsWith', 'charAt']);
const assertionMatchers = new Set(['toBe', 'toEqual', 'toStrictEqual', 'equal', 'equals', 'eq']);
/** Methods setting the status of a server's own answer: Express's, Fastify's, Node's `http`. */
const relayMethods = new Set(['status', 'sendStatus', 'code', 'writeHead']);
/** What makes a server's own answer from a body and `{ status }`: `new Response`, `NextResponse.json`. */
const relayResponses = new Set(['Response', 'Response.json', 'NextResponse', 'NextResponse.json']);
const assertEquality = new Set([
  'assert.equal',
  'assert.strictEqual',
  'assert.deepEqual',
  'assert.deepStrictEqual',
  'assertEquals',
  'assertEqual',
]);

/**
 * Follows a call's response through the function it is made in: variables it is bound to
 * (reassignments and destructuring included), `.then` callbacks, `try`/`catch` and `.catch`
 * around it, and every test of its status. `library` tells which shape results and errors have.
 */
export function analyseHandling(
  index: FileIndex,
  call: ts.CallExpression,
  library: string,
  client?: { shape: CallShape; bindings: ClientBindingResolver },
  project?: ProjectModules,
): CallHandling {
  const follower = new ResponseFollower(index, library, project);
  return follower.analyse(call, client && getClientHooks(index, client.shape, client.bindings));
}

/**
 * The state of following one call's response. A class rather than closures: a file has hundreds
 * of calls, and its methods are created once instead of once per call. It is also the `subject`
 * its checks are compiled for: which expressions stand for the response, its status and its `ok`.
 */
class ResponseFollower implements StatusSubject {
  /** Inside the status of a caught fetch error (see `followMember`). */
  private errorStatusDepth = 0;
  private readonly handling: CallHandling = {
    fate: 'local',
    responseNames: [],
    examined: false,
    checks: [],
    constructs: [],
    subject: this,
  };
  private readonly errorsCarryStatus: boolean;
  /** What each expression followed holds: each is followed once, as the first kind it was reached as. */
  private readonly followed = new Map<ts.Node, Kind>();
  private readonly switches = new Set<ts.SwitchStatement>();
  private readonly constructs = new Map<ts.Node, HandlingConstruct>();
  /** Promises whose rejections have been followed: the call's, and a `Promise.all` it is in. */
  private readonly rejectionSources = new Set<ts.Node>();
  /** The first handler the call's rejection reaches: a `catch` clause or a rejection callback. */
  private firstHandler?: { handler: ts.Node; holder?: ts.Expression };
  /** Set while following an interceptor or hook: its tests count, what it returns does not. */
  private outside = false;
  private call?: ts.CallExpression;
  private readonly outsideConstructs = new Set<HandlingConstruct>();
  /** Calls of a status predicate of the file the response is given to (`failed(res)`). */
  private readonly predicates = new Map<ts.CallExpression, StatusPredicate>();
  /**
   * Functions the response was handed to (`handleErrors(res)`, `.then(checkStatus)`), of the file
   * or another module, each with what follows what it returns: the value at its call, or at the
   * `.then` it is given to, in the code of the call.
   */
  private readonly handlers = new Map<ts.SignatureDeclaration, (returned: Kind) => void>();
  /** How many such functions deep the response is being followed now. */
  private handlerDepth = 0;
  /** Functions of the file followed as a `.catch` handler (`.catch(logAndRethrow)`). */
  private readonly rejectionHandlers = new Set<ts.SignatureDeclaration>();

  constructor(
    private readonly index: FileIndex,
    private readonly library: string,
    /** The project's other modules, whose functions the response may be handed to. */
    private readonly project?: ProjectModules,
  ) {
    this.errorsCarryStatus = library !== 'fetch' && library !== 'openapi-fetch';
  }

  isStatus(expression: ts.Expression): boolean {
    if (this.followed.get(expression) === 'status') return true;
    if (!(ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)))
      return false;
    const name = getAccessedName(expression);
    return (
      name !== undefined &&
      statusNames.has(name) &&
      this.objectIs(expression.expression, 'response', 'error', 'either')
    );
  }

  isOk(expression: ts.Expression): boolean {
    if (this.followed.get(expression) === 'ok') return true;
    return (
      ts.isPropertyAccessExpression(expression) &&
      expression.name.text === 'ok' &&
      this.objectIs(expression.expression, 'response', 'either')
    );
  }

  isFailureFlag(expression: ts.Expression): boolean {
    if (this.followed.get(expression) === 'failure') return true;
    return (
      ts.isPropertyAccessExpression(expression) &&
      expression.name.text === 'error' &&
      this.objectIs(expression.expression, 'result')
    );
  }

  analyse(call: ts.CallExpression, hooks: readonly ClientHook[] = []): CallHandling {
    const handling = this.handling;
    this.call = call;
    const fn = getEnclosingFunction(call);
    if (
      fn &&
      isInlineFunction(fn) &&
      ts.isCallExpression(fn.parent) &&
      isRetryWrapperCall(this.index, fn.parent) &&
      fn.parent.arguments[0] === fn
    ) {
      handling.retryWrapper = fn.parent;
    }

    this.followRejections(call);
    this.follow(call, this.baseKind());
    // Interceptors and hooks of the call's client test its statuses away from the call.
    this.outside = true;
    for (const hook of hooks) {
      if (hook.index === this.index) {
        this.followBinding(hook.parameter.name, hook.holds, hook.parameter);
        continue;
      }
      // Registered in the module that makes the client: followed in that module's code.
      const there = new ResponseFollower(hook.index, this.library);
      there.outside = true;
      there.followBinding(hook.parameter.name, hook.holds, hook.parameter);
      for (const check of there.handling.checks) {
        handling.checks.push(check);
        this.outsideConstructs.add(check.construct);
      }
      if (there.handling.examined) handling.examined = true;
    }
    this.outside = false;
    const data = this.firstHandler;
    if (data && isDataHandler(data.handler) && !(data.holder && this.isTested(data.holder)))
      handling.failureAsData = data.handler;
    for (const check of handling.checks) {
      if (
        !handling.constructs.includes(check.construct) &&
        !this.outsideConstructs.has(check.construct)
      )
        handling.constructs.push(check.construct);
    }
    handling.constructs.sort((a, b) => a.node.pos - b.node.pos);
    for (const owner of handling.constructs) {
      if (owner.kind === 'if')
        owner.generic = handling.checks.some(
          (check) => check.construct === owner && isGenericCheck(check),
        );
    }
    return handling;
  }

  private baseKind(): Kind {
    return this.library === 'openapi-fetch' ? 'result' : 'response';
  }

  /**
   * Where the rejection of `source` (the call, or a `Promise.all` it is in) goes: the
   * `try`/`catch` around it in its function, and the rejection handlers of its promise chain.
   */
  private followRejections(source: ts.Expression): void {
    if (this.rejectionSources.has(source)) return;
    this.rejectionSources.add(source);
    let innermost: ts.CatchClause | undefined;
    const fn = getEnclosingFunction(source);
    for (
      let current: ts.Node = source;
      current.parent && current !== fn;
      current = current.parent
    ) {
      const parent = current.parent;
      if (ts.isTryStatement(parent) && parent.tryBlock === current && parent.catchClause) {
        const clause = parent.catchClause;
        innermost ??= clause;
        const binding = clause.variableDeclaration?.name;
        const owner = this.construct(clause, () => ({
          kind: 'catch',
          node: clause,
          errorName: binding && ts.isIdentifier(binding) ? binding.text : undefined,
        }));
        if (!this.handling.constructs.includes(owner)) this.handling.constructs.push(owner);
        if (binding) this.followBinding(binding, 'error', clause.variableDeclaration!);
      }
    }
    const chained = this.followChain(source);
    this.firstHandler ??= chained ?? (innermost && { handler: innermost });
  }

  /**
   * Rejection handlers on the promise chain of `source`, and the chain's own fate: a returned
   * promise hands its rejection (the error of a throwing client) to the caller; one in
   * `Promise.all([...])` rejects that promise. Returns the first handler, with the expression
   * holding what the chain settles to.
   */
  private followChain(
    source: ts.Expression,
  ): { handler: ts.Node; holder: ts.Expression } | undefined {
    let first: { handler: ts.Node; holder: ts.Expression } | undefined;
    let chain: ts.Expression = source;
    for (;;) {
      const parent = chain.parent;
      if (
        ts.isParenthesizedExpression(parent) ||
        ts.isAsExpression(parent) ||
        ts.isNonNullExpression(parent) ||
        ts.isSatisfiesExpression(parent)
      ) {
        chain = parent;
        continue;
      }
      const method =
        ts.isPropertyAccessExpression(parent) && parent.expression === chain
          ? parent.name.text
          : undefined;
      const next = parent.parent;
      if (
        method !== undefined &&
        this.errorsCarryStatus &&
        bodyReaders.has(method) &&
        ts.isCallExpression(next) &&
        next.expression === parent
      ) {
        // ky's and got's `.json()` on the request promise rejects as the request does.
        chain = next;
        continue;
      }
      if (
        (method === 'then' || method === 'catch' || method === 'finally') &&
        ts.isCallExpression(next) &&
        next.expression === parent
      ) {
        const handler =
          method === 'then'
            ? next.arguments[1]
            : method === 'catch'
              ? next.arguments[0]
              : undefined;
        if (handler) {
          first ??= { handler: skipOuterExpressions(handler), holder: next };
          this.followRejection(skipOuterExpressions(handler), next);
        }
        chain = next;
        continue;
      }
      const combined = enclosingPromiseAll(chain);
      if (combined) {
        this.followRejections(combined);
      } else if (
        // The call's own promise returned as it is is followed as its value.
        (chain !== source || source !== this.call) &&
        this.errorsCarryStatus &&
        (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === chain))
      ) {
        const fn = ts.isReturnStatement(parent) ? getEnclosingFunction(parent) : parent;
        const mapped = fn && mapCallOf(fn);
        const all = mapped && combinatorOf(mapped);
        if (all && rejectsWithCall(all.kind)) this.followRejections(all.call);
        else this.setFate('returned');
      }
      return first;
    }
  }

  private objectIs(expression: ts.Expression, ...kinds: Kind[]): boolean {
    const kind = this.followed.get(skipOuterExpressions(expression));
    return kind !== undefined && kinds.includes(kind);
  }

  private setFate(fate: 'returned' | 'passed-out'): void {
    if (this.outside) return;
    if (this.handling.fate === 'local' || fate === 'passed-out') this.handling.fate = fate;
  }

  private construct(node: ts.Node, make: () => HandlingConstruct): HandlingConstruct {
    let found = this.constructs.get(node);
    if (!found) {
      found = make();
      this.constructs.set(node, found);
      // A quick fix adds branches at the call, never in an interceptor or a handler function
      // elsewhere in the file, which other calls may share.
      if (this.outside || this.handlerDepth > 0) this.outsideConstructs.add(found);
    }
    return found;
  }

  private addCheck(condition: ts.Expression, owner: HandlingConstruct): void {
    const memo = new Map<number, Truth>();
    // Compiled on first use: the response's reads are all known by then.
    let compiled: CompiledCondition | undefined;
    this.handling.checks.push({
      node: condition,
      construct: owner,
      test: (status) => {
        let truth = memo.get(status);
        if (truth === undefined) {
          compiled ??= compileCondition(condition, this, this.index);
          memo.set(status, (truth = toTruth(compiled(status))));
        }
        return truth;
      },
    });
  }

  private addSwitch(statement: ts.SwitchStatement): void {
    if (this.switches.has(statement)) return;
    this.switches.add(statement);
    const owner = this.construct(statement, () => ({ kind: 'switch', node: statement }));
    let subjectValue: CompiledCondition | undefined;
    for (const clause of statement.caseBlock.clauses) {
      if (ts.isDefaultClause(clause)) {
        this.handling.checks.push({
          node: clause,
          construct: owner,
          generic: true,
          test: () => 'unknown',
        });
        continue;
      }
      const memo = new Map<number, Truth>();
      let caseValue: CompiledCondition | undefined;
      this.handling.checks.push({
        node: clause.expression,
        construct: owner,
        test: (status) => {
          let truth = memo.get(status);
          if (truth === undefined) {
            subjectValue ??= compileCondition(statement.expression, this, this.index);
            caseValue ??= compileCondition(clause.expression, this, this.index);
            const left = subjectValue(status);
            const right = caseValue(status);
            truth = left === unknownValue || right === unknownValue ? 'unknown' : left === right;
            memo.set(status, truth);
          }
          return truth;
        },
      });
    }
  }

  /** A read of the status, `ok` or failure flag: find the test it is part of. */
  private useStatus(node: ts.Expression, kind: Kind): void {
    if (this.errorStatusDepth === 0) this.handling.examined = true;
    const root = climbCondition(node);
    const parent = root.parent;
    // `Promise.all([res.ok, res.json()])`: the flag travels in the array to where it is unpacked.
    if (ts.isArrayLiteralExpression(parent) && root === node) {
      const position = parent.elements.indexOf(node);
      const spread = parent.elements.slice(0, position).some(ts.isSpreadElement);
      this.follow(parent, { element: kind, index: spread ? undefined : position });
      return;
    }
    if (ts.isIfStatement(parent) && parent.expression === root) {
      this.addCheck(
        root,
        this.construct(parent, () => ({ kind: 'if', node: parent, generic: false })),
      );
    } else if (
      ((ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === root) ||
      (ts.isForStatement(parent) && parent.condition === root) ||
      (ts.isConditionalExpression(parent) && parent.condition === root)
    ) {
      this.addCheck(
        root,
        this.construct(parent, () => ({ kind: 'other', node: parent })),
      );
    } else if (ts.isSwitchStatement(parent) && parent.expression === root) {
      this.addSwitch(parent);
    } else if (ts.isCaseClause(parent) && parent.expression === root) {
      this.addSwitch(parent.parent.parent);
    } else if (ts.isVariableDeclaration(parent) && parent.initializer === root && root === node) {
      // `const status = res.status`, `const ok = res.ok`: the alias stands for the same thing.
      this.followBinding(parent.name, kind, parent);
    } else if (ts.isCallExpression(parent) && parent.arguments.includes(root)) {
      this.useInCall(parent, root);
    } else if (root === node && isRelayedInAnswer(parent)) {
      // `new Response(body, { status: r.status })`: relayed to this server's own client, whose it
      // is to handle, as a response returned to a caller is.
      this.setFate('returned');
    } else if (kind === 'status' && root === node && isReturnedMember(node)) {
      // `return { statusCode: res.status, body }`, a serverless function's answer: the status
      // goes to the caller with the rest, as the response itself would.
      this.setFate('returned');
    } else if (kind === 'ok' && root === node && isReturnedMember(node)) {
      // `return { ok: res.ok }`: success or failure told to the caller as data, as
      // `if (!res.ok) return { error }` tells it: a generic failure branch.
      this.addCheck(
        root,
        this.construct(root, () => ({ kind: 'other', node: root })),
      );
    } else if (
      root !== node ||
      ts.isReturnStatement(parent) ||
      (ts.isArrowFunction(parent) && parent.body === root)
    ) {
      // A status test kept in a variable, returned from a predicate, or used as `res.ok || fail()`;
      // a status or `ok` returned as it is goes to the caller.
      if (root === node) this.setFate('returned');
      else
        this.addCheck(
          root,
          this.construct(root, () => ({ kind: 'other', node: root })),
        );
    }
  }

  /**
   * The status given to a call. An assertion on it (`expect(res.status).toBe(204)`,
   * `assert.equal(res.status, 409)`, `assert(res.ok)`) belongs to a test, which decides what
   * every status means: the call is left to it. Other calls (building an error from the status)
   * only read it.
   */
  private useInCall(call: ts.CallExpression, argument: ts.Expression): void {
    const callee = skipOuterExpressions(call.expression);
    const name = getEntityName(callee);
    const isExpect =
      name === 'expect' &&
      ts.isPropertyAccessExpression(call.parent) &&
      assertionMatchers.has(call.parent.name.text);
    const isAssert =
      name !== undefined &&
      (assertEquality.has(name) || name === 'assert' || name === 'assert.ok') &&
      call.arguments[0] === argument;
    if (isExpect || isAssert) this.setFate('passed-out');
    // `res.status(r.status)`, `reply.code(r.status)`: relayed to this server's own client.
    if (
      call.arguments[0] === argument &&
      ts.isPropertyAccessExpression(callee) &&
      relayMethods.has(callee.name.text)
    )
      this.setFate('returned');
  }

  /** The truth of a status predicate's call for a status: its test, read in the predicate. */
  callTruth(call: ts.CallExpression, status: number): Truth | undefined {
    const predicate = this.predicates.get(call);
    return predicate
      ? toTruth(evaluateValue(predicate.test, status, predicate.subject, this.index))
      : undefined;
  }

  /** Follows a value of `kind` from the expression holding it to where it goes. */
  private follow(node: ts.Expression, kind: Kind): void {
    if (this.followed.has(node)) return;
    this.followed.set(node, kind);
    if (kind === 'status' || kind === 'ok' || kind === 'failure') {
      this.useStatus(node, kind);
      return;
    }
    const parent = node.parent;
    if (!parent) return;
    if (isTransparentWrapper(parent)) {
      this.follow(parent, kind);
      return;
    }
    if (
      (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
      parent.expression === node
    ) {
      if (typeof kind === 'object') this.followElements(parent, kind);
      else this.followMember(parent, kind);
      return;
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(node)) {
      const combined = typeof kind === 'object' ? combinatorOf(node) : undefined;
      if (combined) {
        // Awaiting the combined promise awaits every call in it; its rejection is theirs.
        if (rejectsWithCall(combined.kind)) this.followRejections(combined.call);
        this.follow(
          combined.call,
          combined.kind === 'all'
            ? kind
            : combined.kind === 'allSettled'
              ? { element: 'settled', index: (kind as Collection).index }
              : (kind as Collection).element,
        );
        return;
      }
      // `if (failed(res))` where `failed` returns a test of its parameter's status: that test.
      const predicate = kind === 'response' ? statusPredicate(this.index, parent, node) : undefined;
      if (predicate) {
        this.predicates.set(parent, predicate);
        this.useStatus(parent, 'ok');
        return;
      }
      if (
        (kind === 'response' || (kind === 'error' && this.errorsCarryStatus)) &&
        this.followIntoHandler(parent, parent.arguments.indexOf(node), parent, kind)
      )
        return;
      // An error handed to a handler may be read there, but only errors of throwing clients carry the status.
      if (
        kind === 'error'
          ? this.errorsCarryStatus &&
            !isIgnoredErrorConsumer(parent) &&
            !isStateSetter(this.index, parent.expression)
          : kind === 'either'
            ? !isIgnoredErrorConsumer(parent) && !isStateSetter(this.index, parent.expression)
            : !isLoggerCall(parent)
      )
        this.setFate('passed-out');
      return;
    }
    if (ts.isArrayLiteralExpression(parent) && kind !== 'error') {
      if (typeof kind === 'object') {
        // An array of arrays is more than this follows.
        this.setFate('passed-out');
        return;
      }
      const position = parent.elements.indexOf(node);
      const spread = parent.elements.slice(0, position).some(ts.isSpreadElement);
      this.follow(parent, { element: kind, index: spread ? undefined : position });
      return;
    }
    if (
      ts.isSpreadElement(parent) &&
      typeof kind === 'object' &&
      ts.isArrayLiteralExpression(parent.parent)
    ) {
      this.follow(parent.parent, { element: kind.element });
      return;
    }
    if (ts.isForOfStatement(parent) && parent.expression === node && typeof kind === 'object') {
      const declaration = ts.isVariableDeclarationList(parent.initializer)
        ? parent.initializer.declarations[0]
        : undefined;
      if (declaration) this.followBinding(declaration.name, kind.element, declaration);
      else this.setFate('passed-out');
      return;
    }
    if (ts.isConditionalExpression(parent) && parent.condition !== node) {
      // `cond ? await fetch(a) : await fetch(b)`: the ternary holds the response.
      this.follow(parent, kind);
      return;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
      this.followBinding(parent.name, kind, parent);
      return;
    }
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      parent.right === node
    ) {
      if (ts.isIdentifier(parent.left)) this.followAssignment(parent.left, kind, parent);
      else this.setFate('passed-out');
      return;
    }
    if (ts.isReturnStatement(parent)) {
      this.followReturn(getEnclosingFunction(parent), kind);
      return;
    }
    if (ts.isArrowFunction(parent) && parent.body === node) {
      this.followReturn(parent, kind);
      return;
    }
    if (
      ts.isExpressionStatement(parent) ||
      ts.isVoidExpression(parent) ||
      ts.isBinaryExpression(parent) ||
      ts.isPrefixUnaryExpression(parent)
    )
      return;
    if (ts.isThrowStatement(parent) || ts.isYieldExpression(parent)) {
      // A rethrown error is a generic failure; a thrown response is someone else's to read.
      if (kind !== 'error' && kind !== 'either') this.setFate('passed-out');
      return;
    }
    // Anything else (an object literal, a spread, a template) hands it on to code we cannot follow.
    if (kind !== 'error') this.setFate('passed-out');
  }

  private followMember(
    access: ts.PropertyAccessExpression | ts.ElementAccessExpression,
    kind: Exclude<Kind, Collection>,
  ): void {
    const name = getAccessedName(access);
    if (name === undefined) return;
    const call =
      ts.isCallExpression(access.parent) && access.parent.expression === access
        ? access.parent
        : undefined;
    if (call && (name === 'then' || name === 'catch' || name === 'finally')) {
      this.followPromiseMethod(call, name, kind);
      return;
    }
    if (kind === 'response' || kind === 'either') {
      if (statusNames.has(name)) this.follow(access, 'status');
      else if (name === 'ok') this.follow(access, 'ok');
      else if (name === 'response' && kind === 'either') this.follow(access, 'response');
      else if (name === 'json' && call && kind === 'response') this.followBodyFlag(call);
    } else if (kind === 'result') {
      if (name === 'error') this.follow(access, 'failure');
      else if (name === 'response') this.follow(access, 'response');
    } else if (kind === 'error') {
      if (name === 'response') this.follow(access, 'response');
      else if (statusNames.has(name)) {
        // fetch rejects for network failures only: a caught error's status is one the code threw
        // itself after looking at the response, so reading it alone looks at no response.
        const quiet = this.library === 'fetch' || this.library === 'openapi-fetch';
        if (quiet) this.errorStatusDepth++;
        this.follow(access, 'status');
        if (quiet) this.errorStatusDepth--;
      }
    } else if (kind === 'settled') {
      // `{ status: 'fulfilled', value }` or `{ status: 'rejected', reason }`: that status is no HTTP status.
      if (name === 'value') this.follow(access, this.baseKind());
      else if (name === 'reason') this.follow(access, 'error');
    }
  }

  /**
   * The `ok` flag of the parsed body, where an API answers its errors in a 200 body (Slack's
   * `{ ok: false, error }`): `const data = await res.json(); if (!data.ok) …`, or the parameter
   * of the `.then` after `.then((res) => res.json())`. Its test is a generic failure branch, as
   * `!res.ok` is. Only that flag is read: the body going anywhere else hands on no status.
   */
  private followBodyFlag(json: ts.CallExpression): void {
    // `.then((res) => res.json())`: the chain holds the body from there on.
    const arrow = json.parent;
    let holder: ts.Expression =
      ts.isArrowFunction(arrow) && arrow.body === json && ts.isCallExpression(arrow.parent)
        ? arrow.parent
        : json;
    while (ts.isAwaitExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent))
      holder = holder.parent;
    const parent = holder.parent;
    let body: { name: ts.Identifier; declaration: ts.Node } | undefined;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
      body = { name: parent.name, declaration: parent };
    else if (
      ts.isPropertyAccessExpression(parent) &&
      parent.name.text === 'then' &&
      ts.isCallExpression(parent.parent)
    ) {
      const callback =
        parent.parent.arguments[0] && skipOuterExpressions(parent.parent.arguments[0]);
      const parameter = callback && isInlineFunction(callback) ? callback.parameters[0] : undefined;
      if (parameter && ts.isIdentifier(parameter.name))
        body = { name: parameter.name, declaration: parameter };
    }
    if (!body) return;
    for (const reference of referencesOfDeclaration(this.index, body.name, body.declaration)) {
      const member = reference.parent;
      if (
        ts.isPropertyAccessExpression(member) &&
        member.expression === reference &&
        member.name.text === 'ok'
      )
        this.follow(member, 'ok');
    }
  }

  /** A member of an array of the call's values: an element, a promise method, an array method's callback. */
  private followElements(
    access: ts.PropertyAccessExpression | ts.ElementAccessExpression,
    collection: Collection,
  ): void {
    if (ts.isElementAccessExpression(access)) {
      const position = skipOuterExpressions(access.argumentExpression);
      if (
        ts.isNumericLiteral(position) &&
        (collection.index === undefined || collection.index === Number(position.text))
      )
        this.follow(access, collection.element);
      else if (!ts.isNumericLiteral(position)) this.setFate('passed-out');
      return;
    }
    const name = access.name.text;
    const call =
      ts.isCallExpression(access.parent) && access.parent.expression === access
        ? access.parent
        : undefined;
    if (!call) return;
    if (name === 'then' || name === 'catch' || name === 'finally') {
      this.followPromiseMethod(call, name, collection);
      return;
    }
    if (!elementCallbackMethods.has(name)) {
      if (name !== 'push' && name !== 'includes' && name !== 'indexOf') this.setFate('passed-out');
      return;
    }
    const callback = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
    if (!callback || !isInlineFunction(callback)) {
      this.setFate('passed-out');
      return;
    }
    const parameter = callback.parameters[0];
    if (parameter) this.followBinding(parameter.name, collection.element, parameter);
    if (name === 'filter') this.follow(call, { element: collection.element });
    else if (name === 'find' || name === 'findLast') this.follow(call, collection.element);
    // What a `map` callback returns is followed from its return (followReturn).
  }

  private followPromiseMethod(call: ts.CallExpression, name: string, kind: Kind): void {
    if (name === 'then') {
      const onFulfilled = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
      if (onFulfilled && isInlineFunction(onFulfilled)) {
        const parameter = onFulfilled.parameters[0];
        if (parameter) this.followBinding(parameter.name, kind, parameter);
        // What the callback returns is what the chain holds next; followReturn continues from `call`.
      } else if (
        onFulfilled &&
        !(kind === 'response' && this.followIntoHandler(onFulfilled, 0, call))
      ) {
        this.setFate('passed-out');
      }
      return;
    }
    this.follow(call, kind);
  }

  /**
   * Follows the response into the function that `callee` names (`handleErrors`), of the file or
   * imported from another module of the project, as the parameter at `position`: its tests are
   * the call's, and what it returns is what `continuing` holds. False when `callee` is no such
   * function, or is too many deep.
   */
  private followIntoHandler(
    callee: ts.Expression,
    position: number,
    continuing: ts.Expression,
    kind: 'response' | 'error' = 'response',
    rejection?: ts.CallExpression,
  ): boolean {
    if (this.handlerDepth >= maxHandlerDepth) return false;
    const target = ts.isCallExpression(callee) ? callee.expression : callee;
    const local = fileFunction(this.index, target);
    const imported =
      local || !this.project
        ? undefined
        : importedFunction(this.index, this.project, skipOuterExpressions(target));
    const fn = local ?? imported?.fn;
    const parameter = fn?.parameters[position];
    if (!fn || !parameter || parameter.dotDotDotToken || this.handlers.has(fn)) return false;
    const continueWith = (returned: Kind) => this.follow(continuing, returned);
    this.handlers.set(fn, continueWith);
    if (rejection) {
      // Caught there, as an inline handler catches it; the catch is the shared function's.
      const errorName = ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
      const owner = this.construct(rejection, () => ({
        kind: 'promise-catch',
        node: rejection,
        errorName,
      }));
      if (!this.handling.constructs.includes(owner)) this.handling.constructs.push(owner);
    }
    if (imported) {
      // In its own module, read in that module's code, as an interceptor registered there is.
      const there = new ResponseFollower(imported.index, this.library, this.project);
      there.handlerDepth = this.handlerDepth + 1;
      there.handlers.set(fn, continueWith);
      if (rejection) there.rejectionHandlers.add(fn);
      there.followBinding(parameter.name, kind, parameter);
      for (const check of there.handling.checks) {
        this.handling.checks.push(check);
        this.outsideConstructs.add(check.construct);
      }
      if (there.handling.examined) this.handling.examined = true;
      if (there.handling.fate === 'passed-out') this.setFate('passed-out');
      return true;
    }
    if (rejection) this.rejectionHandlers.add(fn);
    this.handlerDepth++;
    try {
      this.followBinding(parameter.name, kind, parameter);
    } finally {
      this.handlerDepth--;
    }
    return true;
  }

  private followRejection(handler: ts.Expression, call: ts.CallExpression): void {
    if (!isInlineFunction(handler) && (isLogger(handler) || isStateSetter(this.index, handler))) {
      // `.catch(console.error)`, `.catch(setError)`: a catch that reports the failure, as
      // `(e) => console.error(e)` is.
      const owner = this.construct(call, () => ({ kind: 'promise-catch', node: call }));
      if (!this.handling.constructs.includes(owner)) this.handling.constructs.push(owner);
      return;
    }
    if (!isInlineFunction(handler)) {
      // `.catch(logAndRethrow)`: a function of the file, read as its own inline handler would be.
      if (!this.followIntoHandler(handler, 0, call, 'error', call)) this.setFate('passed-out');
      return;
    }
    const parameter = handler.parameters[0];
    const errorName =
      parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
    const owner = this.construct(call, () => ({ kind: 'promise-catch', node: call, errorName }));
    if (!this.handling.constructs.includes(owner)) this.handling.constructs.push(owner);
    if (parameter) this.followBinding(parameter.name, 'error', parameter);
  }

  private followBinding(name: ts.BindingName, kind: Kind, declaration: ts.Node): void {
    if (ts.isIdentifier(name)) {
      if (kind === 'response' || kind === 'result' || kind === 'either')
        this.handling.responseNames.push(name.text);
      for (const reference of referencesOfDeclaration(this.index, name, declaration))
        this.follow(reference, kind);
      return;
    }
    if (ts.isArrayBindingPattern(name)) {
      // `const [a, b] = await Promise.all([fetch(x), fetch(y)])`: the call's own position.
      if (typeof kind !== 'object') return;
      name.elements.forEach((element, position) => {
        if (ts.isOmittedExpression(element)) return;
        if (element.dotDotDotToken) {
          if (kind.index === undefined || kind.index >= position)
            this.followBinding(element.name, { element: kind.element }, element);
        } else if (kind.index === undefined || kind.index === position) {
          this.followBinding(element.name, kind.element, element);
        }
      });
      return;
    }
    for (const element of name.elements) {
      const property = getPropertyNameText(
        element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined),
      );
      if (property === undefined) continue;
      let target: Kind | undefined;
      if (kind === 'response' || kind === 'either')
        target = statusNames.has(property)
          ? 'status'
          : property === 'ok'
            ? 'ok'
            : property === 'response' && kind === 'either'
              ? 'response'
              : undefined;
      else if (kind === 'result')
        target =
          property === 'error' ? 'failure' : property === 'response' ? 'response' : undefined;
      else if (kind === 'error')
        target =
          property === 'response' ? 'response' : statusNames.has(property) ? 'status' : undefined;
      else if (kind === 'settled')
        target =
          property === 'value' ? this.baseKind() : property === 'reason' ? 'error' : undefined;
      if (!target) continue;
      if (ts.isIdentifier(element.name)) {
        for (const reference of referencesOfDeclaration(this.index, element.name, element))
          this.follow(reference, target);
      } else {
        this.followBinding(element.name, target, element);
      }
    }
  }

  private followAssignment(name: ts.Identifier, kind: Kind, assignment: ts.BinaryExpression): void {
    if (kind === 'response' || kind === 'result' || kind === 'either')
      this.handling.responseNames.push(name.text);
    for (const reference of referencesOfAssignment(this.index, name, assignment))
      this.follow(reference, kind);
  }

  /**
   * A value of `kind` returned from `fn`. An error returned is data, not the response handed to
   * the caller; one returned from a rejection handler makes the chain hold the response or it.
   */
  private followReturn(fn: ts.SignatureDeclaration | undefined, kind: Kind): void {
    if (!fn) return;
    // Returned from a handler function: its call holds it now.
    const continuing = this.handlers.get(fn);
    if (continuing) {
      // An error a rejection handler returns is the chain's value: the failure turned into data.
      continuing(kind === 'error' && this.rejectionHandlers.has(fn) ? 'either' : kind);
      return;
    }
    const parent = fn.parent;
    if (
      isInlineFunction(fn) &&
      ts.isCallExpression(parent) &&
      parent.arguments.includes(fn as ts.Expression)
    ) {
      const callee = skipOuterExpressions(parent.expression);
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      const rejection =
        method === 'catch' || (method === 'then' && parent.arguments[1] === (fn as ts.Node));
      if (rejection && kind === 'error') {
        this.follow(parent, 'either');
        return;
      }
      if (method === 'then' || method === 'catch' || method === 'finally') {
        this.follow(parent, kind);
        return;
      }
      if (isRetryWrapperCall(this.index, parent)) {
        this.handling.retryWrapper ??= parent;
        this.follow(parent, kind);
        return;
      }
      if (kind === 'error') return;
      if (mapCallOf(fn) && typeof kind !== 'object') {
        // `ids.map((id) => fetch(…))`: an array of the call's promises.
        this.follow(parent, { element: kind });
        return;
      }
      this.setFate('passed-out');
      return;
    }
    // An array of responses is not the response: no caller reads it as one.
    if (kind !== 'error') this.setFate(typeof kind === 'object' ? 'passed-out' : 'returned');
  }

  /**
   * Whether what a rejection handler turned the failure into is tested: `if (!res)`,
   * `res === null`, `res instanceof Error`, `isAxiosError(res)`, `if (result.error)`. Anything
   * the value goes to that this cannot see counts as a test.
   */
  private isTested(holder: ts.Expression): boolean {
    return isValueTested(this.index, holder, 0);
  }
}

/** How the checks of a call treat one status: singled out, covered by a class range, only by a generic failure test, or not at all. */
export type StatusTreatment = 'specific' | 'range' | 'generic' | undefined;

const successProbe = 200;
// Unassigned codes no code tests for by name: they stand for "any other status of the class".
const classProbes: Record<number, number> = { 1: 199, 2: 299, 3: 399, 4: 499, 5: 599 };

/**
 * How the checks treat `status`: `specific` when some test tells it apart from the other
 * statuses of its class (`=== 409`, `!== 409`, `[404, 409].includes`, `case 409:`); `range`
 * when a test takes its whole class apart from success and the other class (`>= 500`,
 * `Math.floor(s / 100) === 5`); `generic` when a test only tells failure from success
 * (`!res.ok`, `status >= 400`, a `default:` clause).
 */
export function classifyStatus(
  checks: readonly StatusCheck[],
  status: number,
  successes: readonly number[] = [successProbe],
): StatusTreatment {
  const statusClass = Math.floor(status / 100);
  const sameProbe = classProbes[statusClass] ?? 499;
  const otherProbe = statusClass === 5 ? 499 : 599;
  let best: StatusTreatment;
  for (const check of checks) {
    if (check.generic) {
      best ??= 'generic';
      continue;
    }
    const value = check.test(status);
    if (value !== check.test(sameProbe)) return 'specific';
    const success = check.test(successes[0] ?? successProbe);
    if (value !== success && value !== check.test(otherProbe)) best = 'range';
    else if (best === undefined && isGenericCheck(check, successes)) best = 'generic';
  }
  return best;
}

/** Whether a check tells failure from success and nothing more (`!res.ok`, `status >= 400`, `default:`). */
/**
 * Whether a test tells failure from success as a whole: from 200, or from the statuses the
 * operation documents for success (`status !== 204` on a DELETE that answers 204).
 */
function isGenericCheck(
  check: StatusCheck,
  successes: readonly number[] = [successProbe],
): boolean {
  if (check.generic) return true;
  const clientError = check.test(classProbes[4]!);
  return (
    clientError === check.test(classProbes[5]!) &&
    successes.every((success) => check.test(success) !== clientError)
  );
}

function rejectsWithCall(kind: CombinatorKind): boolean {
  return kind === 'all' || kind === 'race';
}

/** `Promise.all(x)`, `allSettled`, `race` or `any` taking `node` (through parentheses) as its argument. */
function combinatorOf(
  node: ts.Expression,
): { call: ts.CallExpression; kind: CombinatorKind } | undefined {
  let current: ts.Node = node;
  while (isTransparentWrapper(current.parent)) current = current.parent;
  const parent = current.parent;
  if (!ts.isCallExpression(parent) || parent.arguments[0] !== current) return undefined;
  const name = getEntityName(parent.expression);
  const kind = name === undefined ? undefined : combinators[name];
  return kind && { call: parent, kind };
}

/** The `Promise.all([...])` or `Promise.race([...])` whose array literal holds `element`: its rejection is the element's. */
function enclosingPromiseAll(element: ts.Expression): ts.CallExpression | undefined {
  const parent = element.parent;
  if (!ts.isArrayLiteralExpression(parent)) return undefined;
  const combined = combinatorOf(parent);
  return combined && rejectsWithCall(combined.kind) ? combined.call : undefined;
}

/** The `xs.map(fn)` call whose callback `fn` is. */
function mapCallOf(fn: ts.Node): ts.CallExpression | undefined {
  const parent = fn.parent;
  if (!isInlineFunction(fn) || !ts.isCallExpression(parent) || parent.arguments[0] !== fn)
    return undefined;
  const callee = skipOuterExpressions(parent.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' ? parent : undefined;
}

/**
 * A `catch` clause or rejection callback that does nothing but turn the failure into data: it
 * is empty, or every statement returns the error, its message, a literal, or an object or array
 * of those (`return e`, `() => null`, `(e) => ({ err: e })`). One that throws, logs or hands the
 * error to other code is not.
 */
function isDataHandler(handler: ts.Node): boolean {
  let binding: ts.BindingName | undefined;
  let body: ts.ConciseBody;
  if (ts.isCatchClause(handler)) {
    binding = handler.variableDeclaration?.name;
    body = handler.block;
  } else if (isInlineFunction(handler)) {
    binding = handler.parameters[0]?.name;
    body = handler.body;
  } else {
    return false;
  }
  if (binding && !ts.isIdentifier(binding)) return false;
  const errorName = binding?.text;
  if (!ts.isBlock(body)) return isDataExpression(body, errorName);
  return body.statements.every(
    (statement) =>
      ts.isReturnStatement(statement) &&
      (!statement.expression || isDataExpression(statement.expression, errorName)),
  );
}

function isDataExpression(expression: ts.Expression, errorName: string | undefined): boolean {
  const inner = skipOuterExpressions(expression);
  switch (inner.kind) {
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return true;
  }
  if (ts.isIdentifier(inner)) return inner.text === 'undefined' || inner.text === errorName;
  if (ts.isVoidExpression(inner)) return ts.isLiteralExpression(inner.expression);
  if (ts.isPropertyAccessExpression(inner))
    return (
      errorName !== undefined &&
      ts.isIdentifier(inner.expression) &&
      inner.expression.text === errorName &&
      (inner.name.text === 'message' || inner.name.text === 'name')
    );
  if (ts.isArrayLiteralExpression(inner))
    return inner.elements.every((element) => isDataExpression(element, errorName));
  if (ts.isObjectLiteralExpression(inner))
    return inner.properties.every((property) =>
      ts.isPropertyAssignment(property)
        ? isDataExpression(property.initializer, errorName)
        : ts.isShorthandPropertyAssignment(property) && property.name.text === errorName,
    );
  return false;
}

/**
 * Whether the value at `node`, or a member of it, is tested where it is used: a condition, a
 * negation, a comparison, `instanceof`, `in`, `typeof`, a type guard (`isAxiosError(x)`).
 * Returned or handed on, it is not tested here.
 */
function isValueTested(index: FileIndex, node: ts.Expression, depth: number): boolean {
  if (depth > maxTestDepth) return false;
  let current: ts.Expression = node;
  while (isTransparentWrapper(current.parent)) current = current.parent;
  const parent = current.parent;
  if (
    ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) &&
      parent.expression === current) ||
    (ts.isConditionalExpression(parent) && parent.condition === current) ||
    (ts.isForStatement(parent) && parent.condition === current) ||
    (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
    ts.isTypeOfExpression(parent) ||
    (ts.isBinaryExpression(parent) && isTestOperator(parent.operatorToken.kind)) ||
    (ts.isCallExpression(parent) &&
      parent.arguments.includes(current) &&
      /^is[A-Z]/.test(getCalledName(parent)))
  )
    return true;
  if (
    ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
      parent.expression === current) ||
    // `res && res.data`, `res?.data ?? []`: a default is no test, but the whole may be one.
    (ts.isBinaryExpression(parent) && isLogicalOperator(parent.operatorToken.kind))
  )
    return isValueTested(index, parent, depth + 1);
  if (ts.isVariableDeclaration(parent) && parent.initializer === current)
    return isBindingTested(index, parent.name, parent, depth + 1);
  return false;
}

function isBindingTested(
  index: FileIndex,
  name: ts.BindingName,
  declaration: ts.Node,
  depth: number,
): boolean {
  if (ts.isIdentifier(name))
    return referencesOfDeclaration(index, name, declaration).some((reference) =>
      isValueTested(index, reference, depth),
    );
  return name.elements.some(
    (element) =>
      !ts.isOmittedExpression(element) && isBindingTested(index, element.name, element, depth),
  );
}

const maxTestDepth = 6;
/** How many functions deep a response handed from function to function is followed. */
const maxHandlerDepth = 4;
function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

// Built on first use, like syntax.ts's kind sets: reading `ts.SyntaxKind` at load time loads the compiler.
let testOperators: ReadonlySet<ts.SyntaxKind> | undefined;
function isTestOperator(kind: ts.SyntaxKind): boolean {
  testOperators ??= new Set([
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.InstanceOfKeyword,
    ts.SyntaxKind.InKeyword,
  ]);
  return testOperators.has(kind);
}

/** Climbs from a status read to the whole test it is part of (`[404, 409].includes(res.status) && retry`). */
function climbCondition(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isPrefixUnaryExpression(parent)
    ) {
      current = parent;
    } else if (
      ts.isBinaryExpression(parent) &&
      !isAssignmentOperator(parent.operatorToken.kind) &&
      parent.operatorToken.kind !== ts.SyntaxKind.CommaToken
    ) {
      current = parent;
    } else if (ts.isConditionalExpression(parent) && parent.condition !== current) {
      current = parent;
    } else if (ts.isCallExpression(parent) && parent.arguments.includes(current)) {
      const callee = skipOuterExpressions(parent.expression);
      const name = getEntityName(callee);
      if (
        (name !== undefined && numericFunctions.has(name)) ||
        (ts.isPropertyAccessExpression(callee) && collectionMethods.has(callee.name.text))
      ) {
        current = parent;
      } else {
        return current;
      }
    } else if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === current &&
      stringMethods.has(parent.name.text) &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent
    ) {
      current = parent.parent;
    } else {
      return current;
    }
  }
}

/** A function of the file that returns a test of its parameter's status: the test, and what it reads. */
interface StatusPredicate {
  test: ts.Expression;
  subject: StatusSubject;
}

/** The function of the file an expression names: a function declaration, or a constant holding an arrow or function expression. */
function fileFunction(
  index: FileIndex,
  expression: ts.Expression,
): ts.SignatureDeclaration | undefined {
  const callee = skipOuterExpressions(expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = findDeclaration(index, callee.text, callee);
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration.node))
    return declaration.node.body ? declaration.node : undefined;
  const value = declaration.constant && declaration.initializer;
  const inner = value && skipOuterExpressions(value);
  return inner && isInlineFunction(inner) ? inner : undefined;
}

function statusPredicate(
  index: FileIndex,
  call: ts.CallExpression,
  argument: ts.Expression,
): StatusPredicate | undefined {
  const fn = fileFunction(index, call.expression);
  const returned = fn ? returnedValues(fn) : [];
  const parameter = fn?.parameters[call.arguments.indexOf(argument)];
  if (returned.length !== 1 || !parameter || !ts.isIdentifier(parameter.name)) return undefined;
  // A function giving back the status itself (`(res) => res.status`) is no yes-or-no test.
  if (!isYesOrNo(returned[0]!)) return undefined;
  const name = parameter.name.text;
  const reads = (expression: ts.Expression, members: ReadonlySet<string>) => {
    const inner = skipOuterExpressions(expression);
    if (!ts.isPropertyAccessExpression(inner) || !members.has(inner.name.text)) return false;
    const object = skipOuterExpressions(inner.expression);
    return ts.isIdentifier(object) && object.text === name;
  };
  const subject: StatusSubject = {
    isStatus: (expression) => reads(expression, statusNames),
    isOk: (expression) => reads(expression, okNames),
    isFailureFlag: () => false,
  };
  let readsStatus = false;
  const visit = (node: ts.Node): void => {
    if (readsStatus) return;
    if (ts.isExpression(node) && (subject.isStatus(node) || subject.isOk(node))) readsStatus = true;
    else ts.forEachChild(node, visit);
  };
  visit(returned[0]!);
  return readsStatus ? { test: returned[0]!, subject } : undefined;
}

const okNames = new Set(['ok']);

/** Whether an expression reads as yes or no: a comparison, a negation, `.ok`, an `includes`/`has`. */
function isYesOrNo(expression: ts.Expression): boolean {
  const inner = skipOuterExpressions(expression);
  if (ts.isPrefixUnaryExpression(inner)) return inner.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(inner)) {
    const kind = inner.operatorToken.kind;
    return (
      isTestOperator(kind) ||
      kind === ts.SyntaxKind.LessThanToken ||
      kind === ts.SyntaxKind.LessThanEqualsToken ||
      kind === ts.SyntaxKind.GreaterThanToken ||
      kind === ts.SyntaxKind.GreaterThanEqualsToken ||
      kind === ts.SyntaxKind.AmpersandAmpersandToken ||
      kind === ts.SyntaxKind.BarBarToken
    );
  }
  if (ts.isPropertyAccessExpression(inner)) return okNames.has(inner.name.text);
  if (ts.isCallExpression(inner)) {
    const callee = skipOuterExpressions(inner.expression);
    return ts.isPropertyAccessExpression(callee) && ['includes', 'has'].includes(callee.name.text);
  }
  return false;
}

/** A member of an object literal, nested or not, that the function returns (`return { body: { ok } }`). */
function isReturnedMember(node: ts.Expression): boolean {
  let current: ts.Node = node;
  for (;;) {
    const member = current.parent;
    const isMember =
      (ts.isPropertyAssignment(member) && member.initializer === current) ||
      (ts.isShorthandPropertyAssignment(member) && member.name === current);
    if (!isMember || !ts.isObjectLiteralExpression(member.parent)) return false;
    current = member.parent;
    while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
    const holder = current.parent;
    if (ts.isReturnStatement(holder) || (ts.isArrowFunction(holder) && holder.body === current))
      return true;
  }
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isLoggerCall(call: ts.CallExpression): boolean {
  return isLogger(call.expression);
}

/** `status: r.status` in the options of `new Response(body, …)` or `NextResponse.json(data, …)`. */
function isRelayedInAnswer(parent: ts.Node): boolean {
  if (!ts.isPropertyAssignment(parent) || getPropertyNameText(parent.name) !== 'status')
    return false;
  const options = parent.parent;
  const made = options.parent;
  return (
    (ts.isNewExpression(made) || ts.isCallExpression(made)) &&
    made.arguments?.[1] === options &&
    relayResponses.has(getEntityName(made.expression) ?? '')
  );
}

/** `console.error`, `logger.warn`: a function that only logs what it is given. */
function isLogger(expression: ts.Expression): boolean {
  let callee = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(callee)) callee = skipOuterExpressions(callee.expression);
  return ts.isIdentifier(callee) && loggerRoots.has(callee.text);
}

/**
 * The setter of a React state (`const [error, setError] = useState()`): an error stored there is
 * shown, as a logged one is written, and read by no code that would retry it.
 */
function isStateSetter(index: FileIndex, expression: ts.Expression): boolean {
  const callee = skipOuterExpressions(expression);
  if (!ts.isIdentifier(callee)) return false;
  const declaration = findDeclaration(index, callee.text, callee)?.node;
  if (!declaration || !ts.isBindingElement(declaration)) return false;
  const pattern = declaration.parent;
  if (!ts.isArrayBindingPattern(pattern) || pattern.elements.indexOf(declaration) !== 1)
    return false;
  const made = ts.isVariableDeclaration(pattern.parent) ? pattern.parent.initializer : undefined;
  const hook = made && skipOuterExpressions(made);
  return (
    !!hook &&
    ts.isCallExpression(hook) &&
    /^(React\.)?useState$/.test(getEntityName(hook.expression) ?? '')
  );
}

/** Calls that only inspect an error (type guards such as `axios.isAxiosError(e)`), or log it. */
function isIgnoredErrorConsumer(call: ts.CallExpression): boolean {
  if (isLoggerCall(call)) return true;
  const name = getCalledName(call);
  return /^is[A-Z]/.test(name) || name === 'assert' || name === 'String';
}

/** References to a declared name from its declaration on, while the declared value may still be there. */
function referencesOfDeclaration(
  index: FileIndex,
  name: ts.Identifier,
  declaration: ts.Node,
): ts.Identifier[] {
  const declared = findDeclaration(index, name.text, name);
  const scope = declared?.scope ?? name.getSourceFile();
  return referencesUntilReassigned(index, name.text, declaration.end, bodyOf(scope));
}

/** References after an assignment while its value may be there; inside a loop, the loop's earlier references too. */
function referencesOfAssignment(
  index: FileIndex,
  name: ts.Identifier,
  assignment: ts.BinaryExpression,
): ts.Identifier[] {
  const declared = findDeclaration(index, name.text, name);
  const scope = bodyOf(declared?.scope ?? name.getSourceFile());
  const references = referencesUntilReassigned(index, name.text, assignment.end, scope).filter(
    (reference) => reference !== name,
  );
  for (
    let current: ts.Node = assignment;
    current !== scope && current.parent;
    current = current.parent
  ) {
    if (ts.isIterationStatement(current, false)) {
      for (const reference of getReferencesBetween(index, name.text, current.pos, assignment.pos)) {
        if (!references.includes(reference) && reference !== name && !isAssignmentTarget(reference))
          references.push(reference);
      }
      break;
    }
  }
  return references;
}

/**
 * References in `scope` from `from` up to the next assignment of the name. An assignment nested
 * in a loop, a branch or a block may not run, so references after that statement can still see
 * the earlier value.
 */
function referencesUntilReassigned(
  index: FileIndex,
  name: string,
  from: number,
  scope: ts.Node,
): ts.Identifier[] {
  const next = nextAssignment(index, name, from, scope);
  if (!next) return getReferencesBetween(index, name, from, scope.end);
  const references = getReferencesBetween(index, name, from, next.pos);
  let statement: ts.Node = next;
  while (statement.parent && statement.parent !== scope) statement = statement.parent;
  const unconditional =
    ts.isExpressionStatement(statement) && skipOuterExpressions(statement.expression) === next;
  if (!unconditional && statement.end > from)
    references.push(...referencesUntilReassigned(index, name, statement.end, scope));
  return references;
}

/** A function's body stands for its parameters' scope. */
function bodyOf(scope: ts.Node): ts.Node {
  return ts.isFunctionLike(scope) && (scope as ts.FunctionLikeDeclaration).body
    ? (scope as ts.FunctionLikeDeclaration).body!
    : scope;
}

function isAssignmentTarget(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === identifier &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  );
}

function nextAssignment(
  index: FileIndex,
  name: string,
  after: number,
  scope: ts.Node,
): ts.BinaryExpression | undefined {
  return index.assignments
    .get(name)
    ?.find((assignment) => assignment.pos >= after && isWithin(assignment, scope));
}
