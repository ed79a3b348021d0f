import ts from 'typescript';
import { isTransparentWrapper } from '../syntax';

/** The HTTP client a call goes through: `fetch`-like ones answer a response, the others throw on errors. */
export type ClientLibrary = 'fetch' | 'axios' | 'ky' | 'got';

/** How the code after a call looks at its status: where a new branch belongs. */
export type StatusHandling =
  /** `switch (res.status)`: a new `case` goes in it. */
  | { kind: 'switch'; switchStatement: ts.SwitchStatement }
  /** An `if` testing `res.ok`: a new branch goes before it. */
  | { kind: 'if-ok'; ifStatement: ts.IfStatement }
  /** A `catch` around a throwing client: a new branch goes in it, like its existing status checks. */
  | {
      kind: 'catch';
      catchClause: ts.CatchClause;
      errorName: string;
      statusIf?: ts.IfStatement;
      switchStatement?: ts.SwitchStatement;
    }
  /** Nothing looks at the status. */
  | { kind: 'none' };

/** A recognised call and the code around it, found from the range of a diagnostic on it. */
export interface CallSite {
  call: ts.CallExpression;
  /** The statement holding the call. */
  statement: ts.Statement;
  library: ClientLibrary;
  /** The variable the response is bound to (`fetch`-like clients). */
  responseName?: string;
  /** The call is a bare `await call(...)` statement whose response is dropped. */
  bareAwait: boolean;
  handling: StatusHandling;
}

const libraryModules: Record<string, ClientLibrary> = { axios: 'axios', ky: 'ky', got: 'got' };

/** A recognised call and how its status is handled; undefined when it is not in a statement. */
export function findCallSite(
  call: ts.CallExpression,
  library: ClientLibrary,
): CallSite | undefined {
  const statement = enclosingStatement(call);
  if (!statement) return undefined;
  if (library !== 'fetch') {
    return {
      call,
      statement,
      library,
      bareAwait: false,
      handling: findCatchHandling(call) ?? { kind: 'none' },
    };
  }
  const responseName = responseBinding(statement, call);
  const bareAwait =
    !responseName && ts.isExpressionStatement(statement) && isAwaitOf(statement.expression, call);
  const handling = responseName
    ? findResponseHandling(statement, responseName)
    : { kind: 'none' as const };
  return { call, statement, library, responseName, bareAwait, handling };
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

/** The name a call's response is bound to: `const res = await call()`, `res = await call()`, `const { response } = await client.GET()`. */
function responseBinding(statement: ts.Statement, call: ts.CallExpression): string | undefined {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (!declaration.initializer || unwrap(declaration.initializer) !== call) continue;
      if (ts.isIdentifier(declaration.name)) return declaration.name.text;
      if (ts.isObjectBindingPattern(declaration.name)) {
        // openapi-fetch answers { data, error, response }.
        for (const element of declaration.name.elements) {
          const property = element.propertyName ?? element.name;
          if (
            ts.isIdentifier(property) &&
            property.text === 'response' &&
            ts.isIdentifier(element.name)
          )
            return element.name.text;
        }
      }
    }
  }
  if (ts.isExpressionStatement(statement)) {
    const expression = statement.expression;
    if (
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(expression.left) &&
      unwrap(expression.right) === call
    ) {
      return expression.left.text;
    }
  }
  return undefined;
}

function isMemberOf(node: ts.Node, objectName: string, member: string): boolean {
  return (
    (ts.isPropertyAccessExpression(node) || ts.isPropertyAccessChain(node)) &&
    node.name.text === member &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === objectName
  );
}

function mentions(node: ts.Node, test: (node: ts.Node) => boolean): boolean {
  if (test(node)) return true;
  return (
    ts.forEachChild(node, (child) =>
      ts.isFunctionLike(child) ? undefined : mentions(child, test) || undefined,
    ) ?? false
  );
}

/** The first `switch (res.status)` or `if (…res.ok…)` after the statement, in its block and the blocks nested in it. */
function findResponseHandling(statement: ts.Statement, responseName: string): StatusHandling {
  const container = statement.parent;
  const siblings: readonly ts.Statement[] =
    ts.isBlock(container) ||
    ts.isSourceFile(container) ||
    ts.isCaseClause(container) ||
    ts.isDefaultClause(container)
      ? container.statements
      : [];
  let handling: StatusHandling = { kind: 'none' };
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isSwitchStatement(node) && isMemberOf(unwrap(node.expression), responseName, 'status')) {
      handling = { kind: 'switch', switchStatement: node };
      return true;
    }
    if (
      ts.isIfStatement(node) &&
      mentions(node.expression, (child) => isMemberOf(child, responseName, 'ok'))
    ) {
      handling = { kind: 'if-ok', ifStatement: node };
      return true;
    }
    return ts.forEachChild(node, (child) => visit(child) || undefined) ?? false;
  };
  for (const sibling of siblings.slice(siblings.indexOf(statement) + 1)) {
    if (visit(sibling)) break;
  }
  return handling;
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

function findCatchHandling(call: ts.CallExpression): StatusHandling | undefined {
  let current: ts.Node = call;
  while (current.parent && !ts.isFunctionLike(current.parent)) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === current && parent.catchClause) {
      const declaration = parent.catchClause.variableDeclaration;
      if (!declaration || !ts.isIdentifier(declaration.name)) return undefined;
      const errorName = declaration.name.text;
      const handling: StatusHandling = {
        kind: 'catch',
        catchClause: parent.catchClause,
        errorName,
      };
      const visit = (node: ts.Node): boolean => {
        if (ts.isFunctionLike(node)) return false;
        if (ts.isSwitchStatement(node) && isErrorStatusAccess(unwrap(node.expression), errorName)) {
          handling.switchStatement = node;
          return true;
        }
        if (ts.isIfStatement(node) && findStatusComparison(node.expression, errorName)) {
          handling.statusIf = node;
          return true;
        }
        return ts.forEachChild(node, (child) => visit(child) || undefined) ?? false;
      };
      visit(parent.catchClause.block);
      return handling;
    }
    current = parent;
  }
  return undefined;
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
