import ts from 'typescript';
import {
  findDeclaration,
  findLocalDeclaration,
  memberAssignmentsAt,
  type FileIndex,
} from './fileIndex';
import {
  getAccessedName,
  getObjectMember,
  getPropertyNameText,
  skipOuterExpressions,
} from './syntax';

/** How deep constants may refer to constants before resolution gives up (and cycles end). */
export const maxResolutionDepth = 8;

/**
 * The expression a name stands for in this file: a `const` (or never reassigned `let`/`var`)
 * initializer, a member of a constant object literal (`ENDPOINTS.image`), an enum member, or the
 * single value ever assigned to `this.name`. Undefined when the value is not known statically.
 */
export function resolveConstantExpression(
  index: FileIndex,
  expression: ts.Expression,
  depth = 0,
): ts.Expression | undefined {
  if (depth > maxResolutionDepth) return undefined;
  const inner = skipOuterExpressions(expression);
  if (ts.isIdentifier(inner)) {
    // A `require` binding stands for another module's export, as an import does.
    const declaration = findLocalDeclaration(index, inner.text, inner);
    if (!declaration) return undefined;
    // A constructor's parameter default is what an instance gets unless told otherwise
    // (`constructor(base = DAM) { this.base = base }`, or an option of it:
    // `constructor({ base = DAM })`): the only value the code shows.
    const option = constructorOptionDefault(declaration.node);
    if (option) return skipOuterExpressions(option);
    if (!declaration.initializer) return undefined;
    const constructorDefault =
      ts.isParameter(declaration.node) && ts.isConstructorDeclaration(declaration.node.parent);
    if (!declaration.constant && !constructorDefault) return undefined;
    return skipOuterExpressions(declaration.initializer);
  }
  const member = getAccessedName(inner);
  if (
    member === undefined ||
    !(ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner))
  )
    return undefined;
  const object = skipOuterExpressions(inner.expression);
  if (object.kind === ts.SyntaxKind.ThisKeyword) {
    const values = memberAssignmentsAt(index, member, inner);
    return values?.length === 1 ? skipOuterExpressions(values[0]!) : undefined;
  }
  if (ts.isIdentifier(object)) {
    const declaration = findDeclaration(index, object.text, object);
    if (declaration && ts.isEnumDeclaration(declaration.node)) {
      return getEnumMemberValue(declaration.node, member);
    }
  }
  const target = ts.isObjectLiteralExpression(object)
    ? object
    : resolveConstantExpression(index, object, depth + 1);
  if (!target || !ts.isObjectLiteralExpression(target)) return undefined;
  const value = getObjectMember(target, member);
  return value && skipOuterExpressions(value);
}

/** The default of `base` in `constructor({ base = DAM })`. */
function constructorOptionDefault(node: ts.Node): ts.Expression | undefined {
  if (!ts.isBindingElement(node) || !node.initializer || node.dotDotDotToken) return undefined;
  const pattern = node.parent;
  const parameter = pattern.parent;
  return ts.isObjectBindingPattern(pattern) &&
    ts.isParameter(parameter) &&
    ts.isConstructorDeclaration(parameter.parent)
    ? node.initializer
    : undefined;
}

function getEnumMemberValue(
  declaration: ts.EnumDeclaration,
  name: string,
): ts.Expression | undefined {
  let next = 0;
  for (const member of declaration.members) {
    const initializer = member.initializer && skipOuterExpressions(member.initializer);
    if (initializer && ts.isNumericLiteral(initializer)) next = Number(initializer.text);
    else if (initializer) next = NaN;
    if (getPropertyNameText(member.name) === name) {
      if (initializer) return initializer;
      return Number.isNaN(next) ? undefined : ts.factory.createNumericLiteral(next);
    }
    next++;
  }
  return undefined;
}
