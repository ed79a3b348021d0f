import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode } from '../../diagnostics';
import type { CodeRule } from './codeRule';
import { exactStatus } from '../../contracts/statusKey';
import { isUnchecked } from './unhandledStatus';

/**
 * A call to a known API whose response status is never looked at: no `ok`, no `status`, no
 * openapi-fetch `error`, and a client that answers failures instead of throwing them. The
 * response's fate must be the function's own (not returned or handed on).
 */
export const uncheckedResponseRule: CodeRule<typeof DiagnosticCode.uncheckedResponse> = {
  code: DiagnosticCode.uncheckedResponse,
  check(call, _contracts, report) {
    const { match } = call;
    if (!match) return;
    const handling = call.handling;
    if (handling.fate !== 'local' || handling.retryWrapper || !isUnchecked(call)) return;
    const statuses = call.documented
      .map(exactStatus)
      .filter((status): status is number => status !== undefined && status >= 400)
      .sort((a, b) => a - b);
    const operation = match.operation
      ? `${match.operation.method} ${match.operation.path}`
      : `${call.method} ${call.url.path}`;
    const answers =
      statuses.length > 0 ? ` can answer ${statuses.join(', ')}, but` : ' is called, but';
    report({
      message: `${operation} (${match.api.name})${answers} this call never looks at the response status; check \`ok\` or \`status\` before using the response.`,
      severity: DiagnosticSeverity.Warning,
      href: match.operation?.docs ?? match.api.docs,
      data: {
        method: match.operation?.method ?? call.method,
        path: match.operation?.path ?? call.url.path,
        apiId: match.api.id,
        statuses,
        library: call.library,
        ...(handling.responseNames[0] !== undefined && { responseName: handling.responseNames[0] }),
      },
    });
  },
};
