import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getProperties } from '../jsonNodes';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode } from '../../diagnostics';

/** An error object with no members tells the client nothing. */
export const jsonApiEmptyError: PayloadRule = {
  code: DiagnosticCode.jsonApiEmptyError,
  severity: DiagnosticSeverity.Warning,
  href: 'https://jsonapi.org/format/#error-objects',
  check({ payload }, report) {
    if (payload.shape !== 'json-api') return;
    for (const error of payload.errorObjects) {
      if (getProperties(error).length > 0) continue;
      report({
        node: error,
        message:
          'This JSON:API error object is empty; give it at least a `status`, `code`, `title` or `detail`.',
      });
    }
  },
};
