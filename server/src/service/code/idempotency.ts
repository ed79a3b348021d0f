import ts from 'typescript';
import { getObjectMember, getPropertyNameText, skipOuterExpressions } from './syntax';

/** Methods a request may be sent again with unasked (RFC 9110 §9.2.2); POST and PATCH need an `Idempotency-Key`. */
export const idempotentMethods: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

/** Whether request headers written as an object literal carry an `Idempotency-Key`. */
export function hasIdempotencyKey(headers: ts.Expression | undefined): boolean {
  const object = headers && skipOuterExpressions(headers);
  return (
    !!object &&
    ts.isObjectLiteralExpression(object) &&
    object.properties.some(
      (property) =>
        property.name !== undefined &&
        getPropertyNameText(property.name)?.toLowerCase() === 'idempotency-key',
    )
  );
}

/**
 * Whether a request may be sent again after a failure the server may have acted on (a 5xx):
 * an idempotent method, or one carrying an `Idempotency-Key` in the headers its options write.
 */
export function mayResend(
  method: string,
  options: readonly ts.ObjectLiteralExpression[],
  headers?: ts.ObjectLiteralExpression,
): boolean {
  if (idempotentMethods.includes(method)) return true;
  if (hasIdempotencyKey(headers)) return true;
  return options.some((each) => hasIdempotencyKey(getObjectMember(each, 'headers')));
}
