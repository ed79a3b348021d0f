import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getProperty } from '../jsonNodes';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type JsonApiDataAndErrorsData } from '../../diagnostics';

/** JSON:API: `data` and `errors` must not coexist in the same document. */
export const jsonApiDataAndErrors: PayloadRule = {
  code: DiagnosticCode.jsonApiDataAndErrors,
  severity: DiagnosticSeverity.Error,
  href: 'https://jsonapi.org/format/#document-top-level',
  check({ payload }, report) {
    if (payload.shape !== 'json-api') return;
    const data = getProperty(payload.node, 'data');
    if (!data?.children?.[0]) return;
    report({
      node: data.children[0],
      message:
        'A JSON:API document must not contain both `data` and `errors`; an error response carries `errors` only.',
      data: { member: 'data' } satisfies JsonApiDataAndErrorsData,
    });
  },
};
