import type * as jsonc from 'jsonc-parser';
import { getMemberValue } from '../jsonNodes';

/** The object under `error` when the payload wraps its error in one (Google, Stripe, vendor shapes). */
export function getErrorEnvelope(object: jsonc.Node): jsonc.Node | undefined {
  const error = getMemberValue(object, 'error');
  return error?.type === 'object' ? error : undefined;
}
