import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getRegisteredStatus } from '../../contracts/httpStatusRegistry';
import { getMemberValue } from '../jsonNodes';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type ProblemTitleMismatchData } from '../../diagnostics';

// Reason phrases of earlier HTTP RFCs that are still in wide use.
const earlierPhrases: Record<number, string[]> = {
  302: ['Moved Temporarily'],
  408: ['Request Time-out'],
  413: ['Payload Too Large', 'Request Entity Too Large'],
  414: ['Request-URI Too Long', 'Request-URI Too Large'],
  416: ['Requested Range Not Satisfiable'],
  418: ["I'm a teapot"],
  422: ['Unprocessable Entity'],
  504: ['Gateway Time-out'],
};

/**
 * RFC 9457 §4.2.1: with `type` `about:blank` (or absent, which means the same) the `title`
 * should be the status's reason phrase, because the problem carries no meaning beyond the status.
 */
export const problemTitleMismatch: PayloadRule = {
  code: DiagnosticCode.problemTitleMismatch,
  severity: DiagnosticSeverity.Warning,
  href: 'https://www.rfc-editor.org/rfc/rfc9457#section-4.2.1',
  check({ payload }, report) {
    if (payload.shape !== 'problem-details' && payload.shape !== 'aspnet-validation-problem')
      return;
    const type = getMemberValue(payload.node, 'type');
    if (type && !(type.type === 'string' && type.value === 'about:blank')) return;
    const status = getMemberValue(payload.node, 'status');
    const title = getMemberValue(payload.node, 'title');
    if (status?.type !== 'number' || title?.type !== 'string') return;
    const registered = getRegisteredStatus(status.value as number);
    if (!registered || registered.title.startsWith('(')) return;
    const accepted = [registered.title, ...(earlierPhrases[registered.code] ?? [])].map(normalize);
    if (accepted.includes(normalize(title.value as string))) return;
    report({
      node: title,
      message: `\`title\` "${title.value as string}" does not name status ${registered.code}; a problem of type \`about:blank\` should carry its reason phrase "${registered.title}".`,
      data: { expected: registered.title } satisfies ProblemTitleMismatchData,
    });
  },
};

function normalize(phrase: string): string {
  return phrase.toLowerCase().replace(/[^a-z0-9]/g, '');
}
