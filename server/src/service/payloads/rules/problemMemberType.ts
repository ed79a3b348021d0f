import type * as jsonc from 'jsonc-parser';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type PayloadReplacementData } from '../../diagnostics';

// RFC 3986 never allows these characters unencoded in a URI reference.
const invalidUriCharacters = /[\s<>"{}|\\^`]/;

const expectations: Record<string, { expected: string; accepts(value: jsonc.Node): boolean }> = {
  status: {
    expected: 'a JSON number from 100 to 599',
    accepts: (value) =>
      value.type === 'number' &&
      Number.isInteger(value.value) &&
      value.value >= 100 &&
      value.value <= 599,
  },
  type: {
    expected: 'a string holding a URI reference',
    accepts: (value) =>
      value.type === 'string' && !invalidUriCharacters.test(value.value as string),
  },
  instance: {
    expected: 'a string holding a URI reference',
    accepts: (value) =>
      value.type === 'string' && !invalidUriCharacters.test(value.value as string),
  },
  title: { expected: 'a string', accepts: (value) => value.type === 'string' },
  detail: { expected: 'a string', accepts: (value) => value.type === 'string' },
};

/**
 * RFC 9457 §3.1: a problem member whose value has the wrong type is ignored by consumers, as if
 * it were absent — so the information it was meant to carry is lost.
 */
export const problemMemberType: PayloadRule = {
  code: DiagnosticCode.problemMemberType,
  severity: DiagnosticSeverity.Warning,
  href: 'https://www.rfc-editor.org/rfc/rfc9457#section-3.1',
  check({ payload }, report) {
    if (payload.shape !== 'problem-details' && payload.shape !== 'aspnet-validation-problem')
      return;
    for (const member of payload.members) {
      const expectation = expectations[member.name];
      const value = member.value;
      if (!expectation || !value || expectation.accepts(value)) continue;
      const statusText =
        member.name === 'status' && value.type === 'string' && /^\d{3}$/.test(value.value as string)
          ? Number(value.value)
          : undefined;
      report({
        node: value,
        message: `Problem member \`${member.name}\` is ${describeValue(value)}, which consumers ignore; RFC 9457 expects ${expectation.expected}.`,
        data: {
          member: member.name,
          expected: expectation.expected,
          ...(statusText !== undefined
            ? ({ replacement: statusText } satisfies PayloadReplacementData)
            : {}),
        },
      });
    }
  },
};

function describeValue(value: jsonc.Node): string {
  switch (value.type) {
    case 'string':
      return invalidUriCharacters.test(value.value as string)
        ? 'a string that is not a URI reference'
        : 'a string';
    case 'number':
      return Number.isInteger(value.value)
        ? `the number ${value.value as number}, outside 100–599`
        : 'a fractional number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    default:
      return 'an object';
  }
}
