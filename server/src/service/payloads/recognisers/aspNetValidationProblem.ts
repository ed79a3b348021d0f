import type * as jsonc from 'jsonc-parser';
import { getMemberValue, getProperties } from '../jsonNodes';
import type { RecognisedPayload } from '../recognisedPayload';
import { createProblemPayload, hasProblemSignature } from './problemDetails';

/** Recognises ASP.NET's validation problem: problem details with `errors: { field: [message] }`. */
export function recogniseAspNetValidationProblem(
  object: jsonc.Node,
): RecognisedPayload | undefined {
  const errors = getMemberValue(object, 'errors');
  if (errors?.type !== 'object' || !hasProblemSignature(object)) return undefined;
  const fields = getProperties(errors);
  if (fields.length === 0 || !fields.every((field) => field.children?.[1]?.type === 'array'))
    return undefined;
  return createProblemPayload('aspnet-validation-problem', object);
}
