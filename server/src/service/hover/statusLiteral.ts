import * as jsonc from 'jsonc-parser';
import ts from 'typescript';
import type { CodeParsedDocument, JsonParsedDocument } from '../documents/parsedDocument';

/** An HTTP status literal found in a status position. */
export interface StatusLiteral {
  code: number;
  /** Offsets of the literal in the document. */
  start: number;
  end: number;
}

/** Property names that hold an HTTP status in response payloads. */
const jsonStatusKeys = new Set([
  'status',
  'statusCode',
  'status_code',
  'httpStatus',
  'http_status',
  'httpStatusCode',
]);
/** Member and variable names that hold a response's HTTP status in client code. */
const codeStatusNames = new Set(['status', 'statusCode']);

/** The status literal at `offset` in JSON: a status-named property whose value is 100–599 (number or three-digit string). */
export function findJsonStatusLiteral(
  parsed: JsonParsedDocument,
  offset: number,
): StatusLiteral | undefined {
  if (!parsed.root) return undefined;
  const node = jsonc.findNodeAtOffset(parsed.root, offset, true);
  if (!node || (node.type !== 'number' && node.type !== 'string')) return undefined;
  const property = node.parent;
  if (property?.type !== 'property' || property.children?.[1] !== node) return undefined;
  const key = property.children[0]?.value;
  if (typeof key !== 'string' || !jsonStatusKeys.has(key)) return undefined;
  const code = toStatusCode(node.value);
  return code === undefined
    ? undefined
    : { code, start: node.offset, end: node.offset + node.length };
}

/** The status literal at `offset` in code: compared with, switched on, or listed against a response status. */
export function findCodeStatusLiteral(
  parsed: CodeParsedDocument,
  offset: number,
): StatusLiteral | undefined {
  const literal = findNumericLiteralAt(parsed.sourceFile, offset);
  if (!literal) return undefined;
  const code = toStatusCode(Number(literal.text));
  if (code === undefined || !isInStatusPosition(literal)) return undefined;
  return { code, start: literal.getStart(), end: literal.getEnd() };
}

/** Whether an expression reads a response status: `res.status`, `e.response?.statusCode`, `status`. */
function isStatusExpression(node: ts.Expression): boolean {
  const inner = skipParentheses(node);
  if (ts.isPropertyAccessExpression(inner)) return codeStatusNames.has(inner.name.text);
  if (ts.isIdentifier(inner)) return codeStatusNames.has(inner.text);
  if (ts.isElementAccessExpression(inner) && ts.isStringLiteral(inner.argumentExpression)) {
    return codeStatusNames.has(inner.argumentExpression.text);
  }
  return false;
}

function isInStatusPosition(literal: ts.NumericLiteral): boolean {
  const parent = literal.parent;
  if (ts.isBinaryExpression(parent) && isComparison(parent.operatorToken.kind)) {
    const other = parent.left === literal ? parent.right : parent.left;
    return isStatusExpression(other);
  }
  if (ts.isCaseClause(parent)) return isStatusExpression(parent.parent.parent.expression);
  if (ts.isArrayLiteralExpression(parent)) {
    // [404, 409].includes(res.status)
    const access = parent.parent;
    if (
      ts.isPropertyAccessExpression(access) &&
      access.name.text === 'includes' &&
      ts.isCallExpression(access.parent)
    ) {
      const argument = access.parent.arguments[0];
      return argument !== undefined && isStatusExpression(argument);
    }
  }
  return false;
}

function isComparison(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken ||
    kind === ts.SyntaxKind.GreaterThanToken ||
    kind === ts.SyntaxKind.GreaterThanEqualsToken ||
    kind === ts.SyntaxKind.LessThanToken ||
    kind === ts.SyntaxKind.LessThanEqualsToken
  );
}

function findNumericLiteralAt(
  sourceFile: ts.SourceFile,
  offset: number,
): ts.NumericLiteral | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = node.forEachChild((c) =>
      c.getStart(sourceFile) <= offset && offset <= c.getEnd() ? c : undefined,
    );
    if (!child) break;
    node = child;
  }
  return ts.isNumericLiteral(node) ? node : undefined;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node)
  )
    node = node.expression;
  return node;
}

function toStatusCode(value: unknown): number | undefined {
  const code = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599
    ? code
    : undefined;
}
