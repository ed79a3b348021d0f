import ts from 'typescript';
import type { AnalysedCall } from '../codeAnalysis';
import type { HandlingConstruct } from '../statusHandling';
import { isTransparentWrapper, isWithin } from '../syntax';

/** How a fix's code meets the call's result: fetch-like clients answer a response, the others throw. */
export type ClientLibrary = 'fetch' | 'openapi-fetch' | 'axios' | 'ky' | 'got';

/** Where a new branch goes, from the analysis's own handling constructs of the call. */
export type StatusHandling =
  /** A `switch` on the status: a new `case` goes in it. */
  | { kind: 'switch'; switchStatement: ts.SwitchStatement }
  /** An `if` testing the status or failure: a new branch goes before it. */
  | { kind: 'if'; ifStatement: ts.IfStatement }
  /**
   * A `catch` clause, or a `.catch(error => { … })` callback, around a throwing client: a new
   * branch goes in its block, like the status checks it has.
   */
  | {
      kind: 'catch';
      block: ts.Block;
      errorName: string;
      statusIf?: ts.IfStatement;
      switchStatement?: ts.SwitchStatement;
    }
  /** Nothing looks at the status. */
  | { kind: 'none' };

/**
 * How the branches of a fetch-like call read its response: `res.status` and `res.headers`, or
 * names destructured from it (`const { status } = await fetch(…)`), with the names a fix has to
 * add to a destructuring first.
 */
export interface ResponseAccess {
  status: string;
  headers: string;
  /** The response, for a message quoting its body; none when it is destructured or already read. */
  body?: string;
  /** The problem body the client has read already (openapi-fetch's `error`), for a message quoting it. */
  problem?: string;
  /**
   * Names to add to the call's destructuring: the status through `response`, the headers, and
   * openapi-fetch's `error` when a branch quotes it.
   */
  bind: { status?: string; headers?: string; problem?: string };
  pattern?: ts.ObjectBindingPattern;
}

/** A recognised call, the statement holding it and where its branches go. */
export interface FixSite {
  call: ts.CallExpression;
  /** The statement holding the call. */
  statement: ts.Statement;
  library: ClientLibrary;
  handling: StatusHandling;
  /** How branches read the response (fetch-like clients); undefined when nothing holds it. */
  response?: ResponseAccess;
  /** The call is a bare `await call(…)` statement whose response is dropped. */
  bareAwait: boolean;
}

/** The fix site of an analysed call; undefined when the call is in no statement of its own function. */
export function getFixSite(call: AnalysedCall, library: ClientLibrary): FixSite | undefined {
  const statement = enclosingStatement(call.node);
  if (!statement) return undefined;
  const constructs = call.handling.constructs;
  if (library === 'axios' || library === 'ky' || library === 'got') {
    return {
      call: call.node,
      statement,
      library,
      bareAwait: false,
      handling: catchHandling(constructs) ?? { kind: 'none' },
    };
  }
  const bareAwait =
    ts.isExpressionStatement(statement) && isAwaitOf(statement.expression, call.node);
  const pattern = destructuring(statement, call.node);
  // The first switch or failure test in source order (a case joins the switch, an if goes before
  // the test, in its else-if chain), else the first status test.
  type Branching = Extract<HandlingConstruct, { kind: 'switch' | 'if' }>;
  const first =
    constructs.find(
      (construct): construct is Branching =>
        construct.kind === 'switch' || (construct.kind === 'if' && construct.generic),
    ) ?? constructs.find((construct): construct is Branching => construct.kind === 'if');
  if (first) {
    const response =
      responseRead(first.node.expression, call.handling.responseNames) ??
      (pattern && destructuredAccess(pattern, library));
    if (response) {
      return {
        call: call.node,
        statement,
        library,
        bareAwait,
        response,
        handling:
          first.kind === 'switch'
            ? { kind: 'switch', switchStatement: first.node }
            : { kind: 'if', ifStatement: first.node },
      };
    }
  }
  const bound = boundName(statement, call.node);
  const response = bound
    ? boundAccess(bound, library)
    : pattern && destructuredAccess(pattern, library);
  return {
    call: call.node,
    statement,
    library,
    bareAwait,
    ...(response && { response }),
    handling: { kind: 'none' },
  };
}

/** How branches read the result bound to `name`: openapi-fetch's holds the response, and the problem body it has read. */
function boundAccess(name: string, library: ClientLibrary): ResponseAccess {
  return library === 'openapi-fetch'
    ? {
        status: `${name}.response.status`,
        headers: `${name}.response.headers`,
        problem: `${name}.error`,
        bind: {},
      }
    : { status: `${name}.status`, headers: `${name}.headers`, body: name, bind: {} };
}

/** A `catch` construct of the call, with the status `switch` or `if` inside it. */
function catchHandling(constructs: readonly HandlingConstruct[]): StatusHandling | undefined {
  for (const construct of constructs) {
    let block: ts.Block | undefined;
    if (construct.kind === 'catch') block = construct.node.block;
    else if (construct.kind === 'promise-catch') {
      // `.catch(fn)` or `.then(ok, fn)`: the rejection handler is the last argument.
      const handler = construct.node.arguments[construct.node.arguments.length - 1];
      if (handler && (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)))
        block = ts.isBlock(handler.body) ? handler.body : undefined;
    } else continue;
    if (!block || !construct.errorName) return undefined;
    const inside = constructs.filter((other) => other !== construct && isWithin(other.node, block));
    const switchConstruct = inside.find((other) => other.kind === 'switch');
    const ifConstruct = inside.find((other) => other.kind === 'if' && !other.generic);
    return {
      kind: 'catch',
      block,
      errorName: construct.errorName,
      ...(switchConstruct?.kind === 'switch' && { switchStatement: switchConstruct.node }),
      ...(ifConstruct?.kind === 'if' && { statusIf: ifConstruct.node }),
    };
  }
  return undefined;
}

/** `res` of a `res.status` or `res.ok` the test reads, when `res` holds the call's response. */
function responseRead(
  tested: ts.Expression,
  responseNames: readonly string[],
): ResponseAccess | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      (ts.isPropertyAccessExpression(node) || ts.isPropertyAccessChain(node)) &&
      (node.name.text === 'status' || node.name.text === 'ok') &&
      ts.isIdentifier(node.expression) &&
      responseNames.includes(node.expression.text)
    )
      found = node.expression.text;
    else ts.forEachChild(node, visit);
  };
  visit(tested);
  return found === undefined
    ? undefined
    : { status: `${found}.status`, headers: `${found}.headers`, body: found, bind: {} };
}

/**
 * `const { status, headers } = await fetch(…)`: the destructured names, the missing ones to add;
 * openapi-fetch's `{ data, error, response }`: its `response`, added when absent.
 */
function destructuredAccess(
  pattern: ts.ObjectBindingPattern,
  library: ClientLibrary,
): ResponseAccess | undefined {
  const local = (name: string): string | undefined => {
    for (const element of pattern.elements) {
      const property = element.propertyName ?? element.name;
      if (
        !element.dotDotDotToken &&
        ts.isIdentifier(property) &&
        property.text === name &&
        ts.isIdentifier(element.name)
      )
        return element.name.text;
    }
    return undefined;
  };
  if (pattern.elements.some((element) => element.dotDotDotToken)) return undefined;
  if (library === 'openapi-fetch') {
    // openapi-fetch has read the body already: a failure's is `error`.
    const response = local('response');
    const error = local('error');
    return {
      status: `${response ?? 'response'}.status`,
      headers: `${response ?? 'response'}.headers`,
      problem: error ?? 'error',
      bind: { ...(!response && { status: 'response' }), ...(!error && { problem: 'error' }) },
      pattern,
    };
  }
  const status = local('status');
  if (!status) return undefined;
  const headers = local('headers');
  return {
    status,
    headers: headers ?? 'headers',
    bind: headers ? {} : { headers: 'headers' },
    pattern,
  };
}

function destructuring(
  statement: ts.Statement,
  call: ts.CallExpression,
): ts.ObjectBindingPattern | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  for (const declaration of statement.declarationList.declarations) {
    if (
      declaration.initializer &&
      unwrap(declaration.initializer) === call &&
      ts.isObjectBindingPattern(declaration.name)
    )
      return declaration.name;
  }
  return undefined;
}

/** The name the statement binds the response to: `const res = await call()`, `res = await call()`. */
function boundName(statement: ts.Statement, call: ts.CallExpression): string | undefined {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (
        declaration.initializer &&
        unwrap(declaration.initializer) === call &&
        ts.isIdentifier(declaration.name)
      )
        return declaration.name.text;
    }
  }
  if (ts.isExpressionStatement(statement)) {
    const expression = statement.expression;
    if (
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(expression.left) &&
      unwrap(expression.right) === call
    )
      return expression.left.text;
  }
  return undefined;
}

/** Strips parentheses, `await`, `as`/`!`/`satisfies` around an expression. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

function isAwaitOf(expression: ts.Expression, call: ts.CallExpression): boolean {
  let current = expression;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return ts.isAwaitExpression(current) && unwrap(current) === call;
}

function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  let current: ts.Node = node;
  while (
    current.parent &&
    !ts.isBlock(current.parent) &&
    !ts.isSourceFile(current.parent) &&
    !ts.isCaseClause(current.parent) &&
    !ts.isDefaultClause(current.parent)
  ) {
    if (ts.isFunctionLike(current.parent)) return undefined;
    current = current.parent;
  }
  return current.parent ? (current as ts.Statement) : undefined;
}

/** A status read from a caught client error: `err.response?.status`, `error.response.statusCode`. */
function isErrorStatusAccess(node: ts.Node, errorName: string): boolean {
  if (!(ts.isPropertyAccessExpression(node) || ts.isPropertyAccessChain(node))) return false;
  if (node.name.text !== 'status' && node.name.text !== 'statusCode') return false;
  const response = node.expression;
  return (
    (ts.isPropertyAccessExpression(response) || ts.isPropertyAccessChain(response)) &&
    response.name.text === 'response' &&
    ts.isIdentifier(response.expression) &&
    response.expression.text === errorName
  );
}

/** The numeric literal of `err.response?.status === 404` (either side) inside a condition. */
export function findStatusComparison(
  condition: ts.Expression,
  errorName: string,
): ts.NumericLiteral | undefined {
  let literal: ts.NumericLiteral | undefined;
  const visit = (node: ts.Node): void => {
    if (literal) return;
    if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)
    ) {
      if (isErrorStatusAccess(unwrap(node.left), errorName) && ts.isNumericLiteral(node.right))
        literal = node.right;
      else if (isErrorStatusAccess(unwrap(node.right), errorName) && ts.isNumericLiteral(node.left))
        literal = node.left;
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return literal;
}

const libraryModules: Record<string, ClientLibrary> = { axios: 'axios', ky: 'ky', got: 'got' };

/** Local names a client library is imported under (default or namespace imports), with their import. */
export function getLibraryImports(
  sourceFile: ts.SourceFile,
): Map<string, { library: ClientLibrary; importDeclaration: ts.ImportDeclaration }> {
  const imports = new Map<
    string,
    { library: ClientLibrary; importDeclaration: ts.ImportDeclaration }
  >();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    const library = libraryModules[statement.moduleSpecifier.text];
    const clause = statement.importClause;
    if (!library || !clause) continue;
    if (clause.name) imports.set(clause.name.text, { library, importDeclaration: statement });
    if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings))
      imports.set(clause.namedBindings.name.text, { library, importDeclaration: statement });
  }
  return imports;
}

/**
 * What a top-level `const name = require('module')` (or `require('module').property`, or a
 * destructuring of either, which binds no one name) declares.
 */
export function requiredModule(
  statement: ts.Statement,
): { name?: string; module: string; property?: string } | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  const [declaration, ...others] = statement.declarationList.declarations;
  if (!declaration || others.length > 0) return undefined;
  let value = declaration.initializer;
  let property: string | undefined;
  if (value && ts.isPropertyAccessExpression(value)) {
    property = value.name.text;
    value = value.expression;
  }
  if (
    !value ||
    !ts.isCallExpression(value) ||
    !ts.isIdentifier(value.expression) ||
    value.expression.text !== 'require' ||
    value.arguments.length !== 1 ||
    !ts.isStringLiteral(value.arguments[0]!)
  )
    return undefined;
  const name = ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  return { name, module: value.arguments[0].text, property };
}
