import { jsonApiDataAndErrors } from './rules/jsonApiDataAndErrors';
import { jsonApiEmptyError } from './rules/jsonApiEmptyError';
import { jsonApiErrorsNotArray } from './rules/jsonApiErrorsNotArray';
import { jsonApiSourcePointer } from './rules/jsonApiSourcePointer';
import { jsonApiStatusFormat } from './rules/jsonApiStatusFormat';
import type { PayloadRule } from './rules/payloadRule';
import { problemMemberType } from './rules/problemMemberType';
import { problemTitleMismatch } from './rules/problemTitleMismatch';
import { undocumentedStatus } from './rules/undocumentedStatus';
import { unknownErrorCode } from './rules/unknownErrorCode';

/** Every payload rule; each has its own stable diagnostic code. */
export const payloadRules: readonly PayloadRule[] = [
  problemMemberType,
  problemTitleMismatch,
  jsonApiErrorsNotArray,
  jsonApiDataAndErrors,
  jsonApiEmptyError,
  jsonApiStatusFormat,
  jsonApiSourcePointer,
  unknownErrorCode,
  undocumentedStatus,
];
