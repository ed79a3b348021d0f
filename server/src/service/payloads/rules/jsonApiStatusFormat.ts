import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type PayloadReplacementData } from '../../diagnostics';

/** JSON:API: an error's `status` is the HTTP status code as a string value. */
export const jsonApiStatusFormat: PayloadRule = {
  code: DiagnosticCode.jsonApiStatusFormat,
  severity: DiagnosticSeverity.Warning,
  href: 'https://jsonapi.org/format/#error-objects',
  check({ payload }, report) {
    if (payload.shape !== 'json-api') return;
    for (const member of payload.members) {
      const value = member.value;
      if (member.role !== 'status' || !value) continue;
      if (value.type === 'string' && /^[1-5]\d\d$/.test(value.value as string)) continue;
      const isStatusNumber =
        value.type === 'number' &&
        Number.isInteger(value.value) &&
        value.value >= 100 &&
        value.value <= 599;
      report({
        node: value,
        message: isStatusNumber
          ? `JSON:API error \`status\` is the number ${value.value as number}; it must be a string, "${value.value as number}".`
          : 'JSON:API error `status` must be an HTTP status code as a string of three digits, such as "404".',
        data: isStatusNumber
          ? ({ replacement: String(value.value) } satisfies PayloadReplacementData)
          : undefined,
      });
    }
  },
};
