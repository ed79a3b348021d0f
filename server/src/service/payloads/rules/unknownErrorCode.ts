import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode } from '../../diagnostics';

// Below this many documented codes for a member, the catalog more likely quotes examples (Claid
// shows two `error_code`s in its docs) than a complete reference table (Reactor lists 49).
const minimumCodesForACompleteList = 5;

/**
 * A code the identified API does not document for that member — usually a typo, or a payload
 * pasted into the wrong API's fixtures. Only members for which the API documents a reference
 * table of codes are checked, so that codes a catalog merely quotes as examples raise nothing.
 */
export const unknownErrorCode: PayloadRule = {
  code: DiagnosticCode.unknownErrorCode,
  severity: DiagnosticSeverity.Warning,
  check({ payload, api }, report) {
    if (!api) return;
    for (const member of payload.members) {
      const value = member.value;
      if ((member.role !== 'code' && member.role !== 'error-type') || !value) continue;
      if (value.type !== 'string' && value.type !== 'number') continue;
      const code = String(value.value);
      const documented = api.api.errorCodes
        .filter((entry) => entry.field === member.name)
        .map((entry) => entry.code);
      if (documented.length < minimumCodesForACompleteList || documented.includes(code)) continue;
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
          ...(suggestion ? { replacement: suggestion } : {}),
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
