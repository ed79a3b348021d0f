import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getMemberValue } from '../jsonNodes';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type JsonApiErrorsNotArrayData } from '../../diagnostics';

/** JSON:API: top-level `errors` must be an array of error objects, even for one error. */
export const jsonApiErrorsNotArray: PayloadRule = {
  code: DiagnosticCode.jsonApiErrorsNotArray,
  severity: DiagnosticSeverity.Error,
  href: 'https://jsonapi.org/format/#document-top-level',
  check({ payload }, report) {
    if (payload.shape !== 'json-api') return;
    const errors = getMemberValue(payload.node, 'errors');
    if (errors?.type !== 'object') return;
    report({
      node: errors,
      message:
        '`errors` is a single object; a JSON:API document must carry its error objects in an array, even when there is one.',
      data: { wrapInArray: true } satisfies JsonApiErrorsNotArrayData,
    });
  },
};
