import ts from 'typescript';
import { getRegisteredStatuses } from '../contracts/httpStatusRegistry';
import { maxResolutionDepth, resolveConstantExpression } from './constantValues';
import type { FileIndex } from './fileIndex';
import { getAccessedName, getEntityName, skipOuterExpressions } from './syntax';

/** A value the evaluator could not work out. */
export const unknownValue: unique symbol = Symbol('unknown');

/** A run-time value as far as the evaluator models it. */
export type Value =
  | number
  | string
  | boolean
  | null
  | undefined
  | readonly Value[]
  | ReadonlySet<Value>
  | typeof unknownValue;

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

/** A condition or value compiled for a subject: its value for any status. */
export type CompiledCondition = (status: number) => Value;

/**
 * Compiles a condition once for a subject: the work that does not depend on the status (which
 * expressions read the status, what constants hold) is done here, so evaluating it for each
 * documented status is a few closure calls. Terms that do not depend on the status are unknown,
 * and the logic is three-valued, so `res.status === 409 && attempt < 3` is "maybe" for 409 and
 * false for every other status.
 */
export function compileCondition(
  expression: ts.Expression,
  subject: StatusSubject,
  index: FileIndex,
): CompiledCondition {
  return compile(expression, subject, index, 0);
}

/** The value of an expression for one status. */
export function evaluateValue(
  expression: ts.Expression,
  status: number,
  subject: StatusSubject,
  index: FileIndex,
): Value {
  return compile(expression, subject, index, 0)(status);
}

/** The truth of a value: `unknown` when the evaluator could not work it out. */
export function toTruth(value: Value): Truth {
  if (value === unknownValue) return 'unknown';
  return !!value;
}

function fromTruth(truth: Truth): Value {
  return truth === 'unknown' ? unknownValue : truth;
}

const statusNamesByConstant = buildStatusConstantNames();
// Objects that conventionally hold status constants: http-status-codes, axios's HttpStatusCode, node's http2 constants.
const statusConstantObjects = new Set([
  'StatusCodes',
  'HttpStatus',
  'HttpStatusCode',
  'HTTP_STATUS',
  'HttpStatusCodes',
  'Status',
  'httpStatus',
  'constants',
]);

const unknown: CompiledCondition = () => unknownValue;
const constant =
  (value: Value): CompiledCondition =>
  () =>
    value;

function compile(
  node: ts.Expression,
  subject: StatusSubject,
  index: FileIndex,
  depth: number,
): CompiledCondition {
  if (depth > maxResolutionDepth * 4) return unknown;
  const expression = skipOuterExpressions(node);
  if (subject.isStatus(expression)) return (status) => status;
  if (subject.isOk(expression)) return (status) => status >= 200 && status <= 299;
  if (subject.isFailureFlag(expression))
    return (status) => (status >= 200 && status <= 299 ? undefined : true);

  switch (expression.kind) {
    case ts.SyntaxKind.NumericLiteral:
      return constant(Number((expression as ts.NumericLiteral).text.replace(/_/g, '')));
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return constant((expression as ts.StringLiteral).text);
    case ts.SyntaxKind.TrueKeyword:
      return constant(true);
    case ts.SyntaxKind.FalseKeyword:
      return constant(false);
    case ts.SyntaxKind.NullKeyword:
      return constant(null);
    case ts.SyntaxKind.ArrayLiteralExpression: {
      const elements = (expression as ts.ArrayLiteralExpression).elements;
      if (elements.some(ts.isSpreadElement)) return unknown;
      const parts = elements.map((element) => compile(element, subject, index, depth + 1));
      return (status) => parts.map((part) => part(status));
    }
    case ts.SyntaxKind.NewExpression: {
      const created = expression as ts.NewExpression;
      if (getEntityName(created.expression) !== 'Set') return unknown;
      const source = created.arguments?.[0];
      if (!source) return () => new Set();
      const values = compile(source, subject, index, depth + 1);
      return (status) => {
        const value = values(status);
        return Array.isArray(value) ? new Set(value as Value[]) : unknownValue;
      };
    }
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const prefix = expression as ts.PrefixUnaryExpression;
      const operand = compile(prefix.operand, subject, index, depth + 1);
      switch (prefix.operator) {
        case ts.SyntaxKind.ExclamationToken:
          return (status) => {
            const truth = toTruth(operand(status));
            return truth === 'unknown' ? unknownValue : !truth;
          };
        case ts.SyntaxKind.MinusToken:
          return numeric(operand, (value) => -value);
        case ts.SyntaxKind.PlusToken:
          return numeric(operand, (value) => value);
        case ts.SyntaxKind.TildeToken:
          return numeric(operand, (value) => ~value);
        default:
          return unknown;
      }
    }
    case ts.SyntaxKind.BinaryExpression:
      return compileBinary(expression as ts.BinaryExpression, subject, index, depth + 1);
    case ts.SyntaxKind.ConditionalExpression: {
      const conditional = expression as ts.ConditionalExpression;
      const condition = compile(conditional.condition, subject, index, depth + 1);
      const whenTrue = compile(conditional.whenTrue, subject, index, depth + 1);
      const whenFalse = compile(conditional.whenFalse, subject, index, depth + 1);
      return (status) => {
        const truth = toTruth(condition(status));
        if (truth !== 'unknown') return truth ? whenTrue(status) : whenFalse(status);
        const a = whenTrue(status);
        const b = whenFalse(status);
        return a === b && typeof a !== 'object' ? a : unknownValue;
      };
    }
    case ts.SyntaxKind.CallExpression:
      return compileCall(expression as ts.CallExpression, subject, index, depth + 1);
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression: {
      if (ts.isIdentifier(expression) && expression.text === 'undefined')
        return constant(undefined);
      const resolved = resolveConstantExpression(index, expression);
      if (resolved) return compile(resolved, subject, index, depth + 1);
      return constant(getStatusConstant(expression) ?? unknownValue);
    }
    default:
      return unknown;
  }
}

function numeric(operand: CompiledCondition, apply: (value: number) => number): CompiledCondition {
  return (status) => {
    const value = operand(status);
    return typeof value === 'number' ? apply(value) : unknownValue;
  };
}

function compileBinary(
  binary: ts.BinaryExpression,
  subject: StatusSubject,
  index: FileIndex,
  depth: number,
): CompiledCondition {
  const operator = binary.operatorToken.kind;
  if (operator === ts.SyntaxKind.CommaToken) return compile(binary.right, subject, index, depth);
  const left = compile(binary.left, subject, index, depth);
  const right = compile(binary.right, subject, index, depth);
  switch (operator) {
    case ts.SyntaxKind.AmpersandAmpersandToken:
      return (status) => {
        const value = left(status);
        const truth = toTruth(value);
        if (truth === false) return value;
        if (truth === true) return right(status);
        return toTruth(right(status)) === false ? false : unknownValue;
      };
    case ts.SyntaxKind.BarBarToken:
      return (status) => {
        const value = left(status);
        const truth = toTruth(value);
        if (truth === true) return value;
        if (truth === false) return right(status);
        return toTruth(right(status)) === true ? true : unknownValue;
      };
    case ts.SyntaxKind.QuestionQuestionToken:
      return (status) => {
        const value = left(status);
        if (value === unknownValue) return unknownValue;
        return value === null || value === undefined ? right(status) : value;
      };
  }
  return (status) => {
    const a = left(status);
    const b = right(status);
    return a === unknownValue || b === unknownValue ? unknownValue : applyBinary(operator, a, b);
  };
}

function applyBinary(operator: ts.BinaryOperator, left: Value, right: Value): Value {
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
  if (typeof left === 'string' && typeof right === 'string' && operator === ts.SyntaxKind.PlusToken)
    return left + right;
  const a =
    typeof left === 'number'
      ? left
      : typeof left === 'string' && /^\d+$/.test(left)
        ? Number(left)
        : undefined;
  const b =
    typeof right === 'number'
      ? right
      : typeof right === 'string' && /^\d+$/.test(right)
        ? Number(right)
        : undefined;
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

const roundings: Record<string, (value: number) => number> = {
  'Math.floor': Math.floor,
  'Math.trunc': Math.trunc,
  'Math.round': Math.round,
  'Math.ceil': Math.ceil,
};

function compileCall(
  call: ts.CallExpression,
  subject: StatusSubject,
  index: FileIndex,
  depth: number,
): CompiledCondition {
  const generic = compileKnownCall(call, subject, index, depth);
  const callTruth = subject.callTruth;
  if (!callTruth) return generic;
  return (status) => {
    const known = callTruth.call(subject, call, status);
    return known !== undefined ? fromTruth(known) : generic(status);
  };
}

function compileKnownCall(
  call: ts.CallExpression,
  subject: StatusSubject,
  index: FileIndex,
  depth: number,
): CompiledCondition {
  const callee = skipOuterExpressions(call.expression);
  const name = getEntityName(callee);
  const argument = call.arguments[0]
    ? compile(call.arguments[0], subject, index, depth)
    : undefined;
  switch (name) {
    case 'Math.floor':
    case 'Math.trunc':
    case 'Math.round':
    case 'Math.ceil':
      return argument ? numeric(argument, roundings[name]!) : unknown;
    case 'Number':
    case 'parseInt':
      return argument
        ? (status) => {
            const value = argument(status);
            return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
              ? Math.trunc(Number(value))
              : unknownValue;
          }
        : unknown;
    case 'String':
      return argument
        ? (status) => {
            const value = argument(status);
            return typeof value === 'number' || typeof value === 'string'
              ? String(value)
              : unknownValue;
          }
        : unknown;
    case 'Boolean':
      return argument ? (status) => fromTruth(toTruth(argument(status))) : constant(false);
  }
  if (!ts.isPropertyAccessExpression(callee)) return unknown;
  const method = getAccessedName(callee);
  const target = compile(callee.expression, subject, index, depth);
  return (status) => {
    const object = target(status);
    if (object === unknownValue) return unknownValue;
    const value = argument ? argument(status) : undefined;
    if (argument && value === unknownValue) return unknownValue;
    return applyMethod(method, object, value);
  };
}

function applyMethod(method: string | undefined, target: Value, value: Value): Value {
  switch (method) {
    case 'includes':
      return Array.isArray(target) || typeof target === 'string'
        ? (target as string).includes(value as string)
        : unknownValue;
    case 'indexOf':
      return Array.isArray(target) || typeof target === 'string'
        ? (target as string).indexOf(value as string)
        : unknownValue;
    case 'has':
      return target instanceof Set ? target.has(value) : unknownValue;
    case 'startsWith':
      return typeof target === 'string' && typeof value === 'string'
        ? target.startsWith(value)
        : unknownValue;
    case 'toString':
      return typeof target === 'number' ? String(target) : unknownValue;
    case 'charAt':
      return typeof target === 'string' && typeof value === 'number'
        ? target.charAt(value)
        : unknownValue;
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
  const objectName = ts.isIdentifier(object)
    ? object.text
    : ts.isPropertyAccessExpression(object)
      ? object.name.text
      : undefined;
  if (objectName === undefined || !statusConstantObjects.has(objectName)) return undefined;
  return statusNamesByConstant.get(
    expression.name.text
      .replace(/^HTTP_STATUS_/, '')
      .replace(/_/g, '')
      .toLowerCase(),
  );
}

function buildStatusConstantNames(): Map<string, number> {
  const names = new Map<string, number>();
  for (const status of getRegisteredStatuses()) {
    names.set(status.title.replace(/[^A-Za-z0-9]/g, '').toLowerCase(), status.code);
  }
  // Names libraries kept from before RFC 9110 renamed them.
  const legacy: Record<string, number> = {
    payloadtoolarge: 413,
    requesttoolong: 413,
    requestentitytoolarge: 413,
    unprocessableentity: 422,
    requesturitoolong: 414,
    requestedrangenotsatisfiable: 416,
    toomanyrequests: 429,
  };
  for (const [name, code] of Object.entries(legacy)) if (!names.has(name)) names.set(name, code);
  return names;
}
