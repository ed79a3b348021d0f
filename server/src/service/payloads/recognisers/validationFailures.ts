import type * as jsonc from 'jsonc-parser';
import { getMemberValue } from '../jsonNodes';
import type { RecognisedPayload } from '../recognisedPayload';

/** Recognises `{ validationFailures: { field: [message] } }`. */
export function recogniseValidationFailures(object: jsonc.Node): RecognisedPayload | undefined {
  const failures = getMemberValue(object, 'validationFailures');
  if (failures?.type !== 'object') return undefined;
  return {
    shape: 'validation-failures',
    node: object,
    errorObjects: [object],
    members: [],
    facts: {},
  };
}
