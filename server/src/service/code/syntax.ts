import ts from 'typescript';

// Built on first use: reading `ts.SyntaxKind` at load time would load the compiler at start-up.
let outerExpressionKinds: ReadonlySet<ts.SyntaxKind> | undefined;
let transparentWrapperKinds: ReadonlySet<ts.SyntaxKind> | undefined;

/** Strips what does not change a value at run time: parentheses, `as`, `!`, `satisfies`, `<T>x`. */
export function skipOuterExpressions(expression: ts.Expression): ts.Expression {
  // One set lookup per step: this runs for nearly every expression the analysis looks at.
  const kinds = (outerExpressionKinds ??= new Set([
    ts.SyntaxKind.ParenthesizedExpression,
    ts.SyntaxKind.AsExpression,
    ts.SyntaxKind.NonNullExpression,
    ts.SyntaxKind.SatisfiesExpression,
    ts.SyntaxKind.TypeAssertionExpression,
  ]));
  let current = expression;
  while (kinds.has(current.kind)) current = (current as ts.ParenthesizedExpression).expression;
  return current;
}

/** Whether `node` is a wrapper that passes its operand's value through unchanged (await included). */
export function isTransparentWrapper(
  node: ts.Node,
): node is ts.Expression & { expression: ts.Expression } {
  transparentWrapperKinds ??= new Set([
    ts.SyntaxKind.ParenthesizedExpression,
    ts.SyntaxKind.AsExpression,
    ts.SyntaxKind.NonNullExpression,
    ts.SyntaxKind.SatisfiesExpression,
    ts.SyntaxKind.TypeAssertionExpression,
    ts.SyntaxKind.AwaitExpression,
  ]);
  return transparentWrapperKinds.has(node.kind);
}

/**
 * The dotted text of a name-like expression: `fetch`, `axios.create`, `this.http`,
 * `process.env.DAM_URL`, `cfg['base']`; undefined for anything else (calls, literals).
 */
export function getEntityName(expression: ts.Expression): string | undefined {
  const inner = skipOuterExpressions(expression);
  if (ts.isIdentifier(inner)) return inner.text;
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(inner)) {
    const object = getEntityName(inner.expression);
    return object === undefined ? undefined : `${object}.${inner.name.text}`;
  }
  if (ts.isElementAccessExpression(inner) && ts.isStringLiteralLike(inner.argumentExpression)) {
    const object = getEntityName(inner.expression);
    return object === undefined ? undefined : `${object}.${inner.argumentExpression.text}`;
  }
  return undefined;
}

/** The name a call is made by: `f` of `f()`, `isRetryableError` of `axiosRetry.isRetryableError()`; '' for anything else. */
export function getCalledName(call: ts.CallExpression): string {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** The property name of a member access (`a.b`, `a?.b`, `a['b']`), else undefined. */
export function getAccessedName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
    return node.argumentExpression.text;
  return undefined;
}

/** The text of a property name (`a`, `'a'`, `1`); undefined for computed names. */
export function getPropertyNameText(
  name: ts.PropertyName | ts.BindingName | undefined,
): string | undefined {
  if (!name) return undefined;
  if (
    ts.isIdentifier(name) ||
    ts.isStringLiteralLike(name) ||
    ts.isNumericLiteral(name) ||
    ts.isPrivateIdentifier(name)
  )
    return name.text;
  return undefined;
}

/** The initializer of a property `name` in an object literal (shorthand properties give the identifier). */
export function getObjectMember(
  object: ts.ObjectLiteralExpression,
  name: string,
): ts.Expression | undefined {
  // The last occurrence wins, as at run time; spreads before it are overridden, after it unknown.
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!;
    if (ts.isPropertyAssignment(property) && getPropertyNameText(property.name) === name)
      return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name)
      return property.name;
    if (ts.isMethodDeclaration(property) && getPropertyNameText(property.name) === name)
      return undefined;
  }
  return undefined;
}

/** The function-like node whose body holds `node` (not counting `node` itself), or undefined at top level. */
export function getEnclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** What a function returns: its expression body, or the `return`s of its own body (not of nested functions). */
export function returnedValues(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const found: ts.Expression[] = [];
  const visit = (current: ts.Node): void => {
    if (ts.isFunctionLike(current)) return;
    if (ts.isReturnStatement(current) && current.expression) found.push(current.expression);
    ts.forEachChild(current, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Whether `node` lies within `container` (inclusive). */
export function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

/** Function expressions and arrows, the only functions a value can be passed to inline. */
export function isInlineFunction(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** The text of a string-like constant expression (literal or template without substitutions). */
export function getStringLiteralText(expression: ts.Expression): string | undefined {
  const inner = skipOuterExpressions(expression);
  return ts.isStringLiteralLike(inner) ? inner.text : undefined;
}
