import ts from 'typescript';
import { getRegisteredStatuses } from '../contracts/httpStatusRegistry';
import { maxResolutionDepth, resolveConstantExpression } from './constantValues';
import type { FileIndex } from './fileIndex';
import { getAccessedName, getEntityName, skipOuterExpressions } from './syntax';

/** A value the evaluator could not work out. */
export const unknownValue: unique symbol = Symbol('unknown');

/** A run-time value as far as the evaluator models it. */
export type Value = number | string | boolean | null | undefined | readonly Value[] | ReadonlySet<Value> | typeof unknownValue;

/** Three-valued truth: a condition holds, does not, or depends on something other than the status. */
export type Truth = true | false | 'unknown';

/** What the evaluator needs to know about the expressions that stand for the response under test. */
export interface StatusSubject {
  /** Whether the expression reads the status under test (`res.status`, `e.response?.status`, `status`). */
  isStatus(expression: ts.Expression): boolean;
  /** Whether the expression reads the response's `ok` (`res.ok`, a destructured `ok`). */
  isOk(expression: ts.Expression): boolean;
  /** Whether the expression is set exactly when the request failed (openapi-fetch's `error`). */
  isFailureFlag(expression: ts.Expression): boolean;
  /** The truth of a call the subject knows about (a retry predicate such as `isRetryableError(e)`). */
  callTruth?(call: ts.CallExpression, status: number): Truth | undefined;
}

/**
 * Evaluates a condition for one status: which branch a response with that status takes. Terms
 * that do not depend on the status are unknown, and the logic is three-valued, so
 * `res.status === 409 && attempt < 3` is "maybe" for 409 and false for every other status.
 */
export function evaluateTruth(expression: ts.Expression, status: number, subject: StatusSubject, index: FileIndex): Truth {
  return toTruth(evaluate(expression, status, subject, index, 0));
}

/** The value of an expression for one status. */
export function evaluateValue(expression: ts.Expression, status: number, subject: StatusSubject, index: FileIndex): Value {
  return evaluate(expression, status, subject, index, 0);
}

/** Whether the expression mentions the subject at all (a condition about something else is no status check). */
export function mentionsSubject(expression: ts.Node, subject: StatusSubject): boolean {
  if (ts.isExpression(expression) && (subject.isStatus(expression) || subject.isOk(expression) || subject.isFailureFlag(expression))) return true;
  return ts.forEachChild(expression, (child) => (mentionsSubject(child, subject) ? true : undefined)) ?? false;
}

function toTruth(value: Value): Truth {
  if (value === unknownValue) return 'unknown';
  return !!value;
}

function fromTruth(truth: Truth): Value {
  return truth === 'unknown' ? unknownValue : truth;
}

const statusNamesByConstant = buildStatusConstantNames();
// Objects that conventionally hold status constants: http-status-codes, axios's HttpStatusCode, node's http2 constants.
const statusConstantObjects = new Set(['StatusCodes', 'HttpStatus', 'HttpStatusCode', 'HTTP_STATUS', 'HttpStatusCodes', 'Status', 'httpStatus', 'constants']);

function evaluate(node: ts.Expression, status: number, subject: StatusSubject, index: FileIndex, depth: number): Value {
  if (depth > maxResolutionDepth * 4) return unknownValue;
  const expression = skipOuterExpressions(node);
  if (subject.isStatus(expression)) return status;
  if (subject.isOk(expression)) return status >= 200 && status <= 299;
  if (subject.isFailureFlag(expression)) return status >= 200 && status <= 299 ? undefined : true;
  const next = (child: ts.Expression) => evaluate(child, status, subject, index, depth + 1);

  switch (expression.kind) {
    case ts.SyntaxKind.NumericLiteral:
      return Number((expression as ts.NumericLiteral).text.replace(/_/g, ''));
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return (expression as ts.StringLiteral).text;
    case ts.SyntaxKind.TrueKeyword:
      return true;
    case ts.SyntaxKind.FalseKeyword:
      return false;
    case ts.SyntaxKind.NullKeyword:
      return null;
    case ts.SyntaxKind.ArrayLiteralExpression: {
      const elements = (expression as ts.ArrayLiteralExpression).elements;
      if (elements.some(ts.isSpreadElement)) return unknownValue;
      return elements.map(next);
    }
    case ts.SyntaxKind.NewExpression: {
      const created = expression as ts.NewExpression;
      if (getEntityName(created.expression) !== 'Set') return unknownValue;
      const source = created.arguments?.[0];
      if (!source) return new Set();
      const values = next(source);
      return Array.isArray(values) ? new Set(values as Value[]) : unknownValue;
    }
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const prefix = expression as ts.PrefixUnaryExpression;
      const operand = next(prefix.operand);
      if (prefix.operator === ts.SyntaxKind.ExclamationToken) {
        const truth = toTruth(operand);
        return truth === 'unknown' ? unknownValue : !truth;
      }
      if (typeof operand !== 'number') return unknownValue;
      if (prefix.operator === ts.SyntaxKind.MinusToken) return -operand;
      if (prefix.operator === ts.SyntaxKind.PlusToken) return operand;
      if (prefix.operator === ts.SyntaxKind.TildeToken) return ~operand;
      return unknownValue;
    }
    case ts.SyntaxKind.BinaryExpression:
      return evaluateBinary(expression as ts.BinaryExpression, next);
    case ts.SyntaxKind.ConditionalExpression: {
      const conditional = expression as ts.ConditionalExpression;
      const truth = toTruth(next(conditional.condition));
      if (truth === 'unknown') {
        const whenTrue = next(conditional.whenTrue);
        const whenFalse = next(conditional.whenFalse);
        return whenTrue === whenFalse && typeof whenTrue !== 'object' ? whenTrue : unknownValue;
      }
      return next(truth ? conditional.whenTrue : conditional.whenFalse);
    }
    case ts.SyntaxKind.CallExpression:
      return evaluateCall(expression as ts.CallExpression, status, subject, next);
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression: {
      if (ts.isIdentifier(expression) && expression.text === 'undefined') return undefined;
      const constant = resolveConstantExpression(index, expression);
      if (constant) return next(constant);
      return getStatusConstant(expression) ?? unknownValue;
    }
    default:
      return unknownValue;
  }
}

function evaluateBinary(binary: ts.BinaryExpression, next: (expression: ts.Expression) => Value): Value {
  const operator = binary.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
    const left = next(binary.left);
    const truth = toTruth(left);
    if (truth === false) return left;
    if (truth === true) return next(binary.right);
    return toTruth(next(binary.right)) === false ? false : unknownValue;
  }
  if (operator === ts.SyntaxKind.BarBarToken) {
    const left = next(binary.left);
    const truth = toTruth(left);
    if (truth === true) return left;
    if (truth === false) return next(binary.right);
    return toTruth(next(binary.right)) === true ? true : unknownValue;
  }
  if (operator === ts.SyntaxKind.QuestionQuestionToken) {
    const left = next(binary.left);
    if (left === unknownValue) return unknownValue;
    return left === null || left === undefined ? next(binary.right) : left;
  }
  if (operator === ts.SyntaxKind.CommaToken) return next(binary.right);
  const left = next(binary.left);
  const right = next(binary.right);
  if (left === unknownValue || right === unknownValue) return unknownValue;
  switch (operator) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return left === right;
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return left !== right;
    case ts.SyntaxKind.EqualsEqualsToken:
      return isPrimitive(left) && isPrimitive(right) ? left == right : unknownValue;
    case ts.SyntaxKind.ExclamationEqualsToken:
      return isPrimitive(left) && isPrimitive(right) ? left != right : unknownValue;
  }
  if (typeof left === 'string' && typeof right === 'string' && operator === ts.SyntaxKind.PlusToken) return left + right;
  const a = typeof left === 'number' ? left : typeof left === 'string' && /^\d+$/.test(left) ? Number(left) : undefined;
  const b = typeof right === 'number' ? right : typeof right === 'string' && /^\d+$/.test(right) ? Number(right) : undefined;
  if (a === undefined || b === undefined) return unknownValue;
  switch (operator) {
    case ts.SyntaxKind.LessThanToken:
      return a < b;
    case ts.SyntaxKind.LessThanEqualsToken:
      return a <= b;
    case ts.SyntaxKind.GreaterThanToken:
      return a > b;
    case ts.SyntaxKind.GreaterThanEqualsToken:
      return a >= b;
    case ts.SyntaxKind.PlusToken:
      return typeof left === 'number' && typeof right === 'number' ? a + b : unknownValue;
    case ts.SyntaxKind.MinusToken:
      return a - b;
    case ts.SyntaxKind.AsteriskToken:
      return a * b;
    case ts.SyntaxKind.SlashToken:
      return a / b;
    case ts.SyntaxKind.PercentToken:
      return a % b;
    case ts.SyntaxKind.BarToken:
      return a | b;
    case ts.SyntaxKind.AmpersandToken:
      return a & b;
    case ts.SyntaxKind.GreaterThanGreaterThanToken:
      return a >> b;
    default:
      return unknownValue;
  }
}

function evaluateCall(call: ts.CallExpression, status: number, subject: StatusSubject, next: (expression: ts.Expression) => Value): Value {
  const known = subject.callTruth?.(call, status);
  if (known !== undefined) return fromTruth(known);
  const callee = skipOuterExpressions(call.expression);
  const name = getEntityName(callee);
  const argument = call.arguments[0];
  switch (name) {
    case 'Math.floor':
    case 'Math.trunc':
    case 'Math.round':
    case 'Math.ceil': {
      const value = argument ? next(argument) : unknownValue;
      if (typeof value !== 'number') return unknownValue;
      return name === 'Math.floor' ? Math.floor(value) : name === 'Math.trunc' ? Math.trunc(value) : name === 'Math.round' ? Math.round(value) : Math.ceil(value);
    }
    case 'Number':
    case 'parseInt': {
      const value = argument ? next(argument) : unknownValue;
      return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)) ? Math.trunc(Number(value)) : unknownValue;
    }
    case 'String': {
      const value = argument ? next(argument) : unknownValue;
      return typeof value === 'number' || typeof value === 'string' ? String(value) : unknownValue;
    }
    case 'Boolean':
      return argument ? fromTruth(toTruth(next(argument))) : false;
  }
  if (!ts.isPropertyAccessExpression(callee)) return unknownValue;
  const method = getAccessedName(callee);
  const target = next(callee.expression);
  if (target === unknownValue) return unknownValue;
  const value = argument ? next(argument) : undefined;
  if (argument && value === unknownValue) return unknownValue;
  switch (method) {
    case 'includes':
      return Array.isArray(target) || typeof target === 'string' ? (target as string).includes(value as string) : unknownValue;
    case 'indexOf':
      return Array.isArray(target) || typeof target === 'string' ? (target as string).indexOf(value as string) : unknownValue;
    case 'has':
      return target instanceof Set ? target.has(value) : unknownValue;
    case 'startsWith':
      return typeof target === 'string' && typeof value === 'string' ? target.startsWith(value) : unknownValue;
    case 'toString':
      return typeof target === 'number' ? String(target) : unknownValue;
    case 'charAt':
      return typeof target === 'string' && typeof value === 'number' ? target.charAt(value) : unknownValue;
    default:
      return unknownValue;
  }
}

function isPrimitive(value: Value): boolean {
  return value === null || typeof value !== 'object';
}

/** `StatusCodes.CONFLICT`, `HttpStatusCode.Conflict`, `constants.HTTP_STATUS_CONFLICT`: the registered code named. */
function getStatusConstant(expression: ts.Expression): number | undefined {
  if (!ts.isPropertyAccessExpression(expression)) return undefined;
  const object = skipOuterExpressions(expression.expression);
  const objectName = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? object.name.text : undefined;
  if (objectName === undefined || !statusConstantObjects.has(objectName)) return undefined;
  return statusNamesByConstant.get(expression.name.text.replace(/^HTTP_STATUS_/, '').replace(/_/g, '').toLowerCase());
}

function buildStatusConstantNames(): Map<string, number> {
  const names = new Map<string, number>();
  for (const status of getRegisteredStatuses()) {
    names.set(status.title.replace(/[^A-Za-z0-9]/g, '').toLowerCase(), status.code);
  }
  // Names libraries kept from before RFC 9110 renamed them.
  const legacy: Record<string, number> = { payloadtoolarge: 413, requesttoolong: 413, requestentitytoolarge: 413, unprocessableentity: 422, requesturitoolong: 414, requestedrangenotsatisfiable: 416, toomanyrequests: 429 };
  for (const [name, code] of Object.entries(legacy)) if (!names.has(name)) names.set(name, code);
  return names;
}
