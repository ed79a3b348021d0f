import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type PayloadReplacementData } from '../../diagnostics';

/**
 * A code the identified API does not document for that member — usually a typo, or a payload
 * pasted into the wrong API's fixtures. Only the members whose codes the catalog marks as a
 * complete reference are checked: codes a documentation page quotes as examples (Claid's `9000`
 * and `111`) say nothing about the codes it leaves out.
 */
export const unknownErrorCode: PayloadRule = {
  code: DiagnosticCode.unknownErrorCode,
  severity: DiagnosticSeverity.Warning,
  check({ payload, api }, report) {
    const fields = api?.api.exhaustiveCodeFields;
    if (!api || !fields?.length) return;
    for (const member of payload.members) {
      const value = member.value;
      if ((member.role !== 'code' && member.role !== 'error-type') || !value) continue;
      if (!fields.includes(member.name)) continue;
      if (value.type !== 'string' && value.type !== 'number') continue;
      const code = String(value.value);
      const documented = api.api.errorCodes
        .filter((entry) => entry.field === member.name)
        .map((entry) => entry.code);
      if (documented.length === 0 || documented.includes(code)) continue;
      const suggestion = findClosest(code, documented);
      const expected = suggestion
        ? `did you mean "${suggestion}"?`
        : `expected one of its documented codes, such as ${documented
            .slice(0, 3)
            .map((each) => `"${each}"`)
            .join(', ')}.`;
      report({
        node: value,
        message: `${api.api.name} does not document the \`${member.name}\` "${code}"; ${expected}`,
        data: {
          apiId: api.api.id,
          field: member.name,
          code,
          ...(suggestion ? ({ replacement: suggestion } satisfies PayloadReplacementData) : {}),
        },
        href: api.api.docs,
      });
    }
  },
};

function findClosest(code: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(code.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(code.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
