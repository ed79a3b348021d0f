import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DiagnosticCode } from '../../diagnostics';
import type { CodeRule } from './codeRule';
import { uriFileName } from '../../documents/uriFileName';

/**
 * A call with a bare path or a base the code does not show, which is exactly one operation of a
 * workspace spec whose servers are all absolute: nothing ties the call to that spec, so it is not
 * checked, but the config can say it is (the `apis` entry the hint names).
 */
export const untiedCallRule: CodeRule<typeof DiagnosticCode.untiedCall> = {
  code: DiagnosticCode.untiedCall,
  check(call, contracts, report) {
    if (call.match || call.url.host) return;
    const candidates = contracts.findUntiedOperations(call.method, call.url.path);
    if (candidates.length !== 1) return;
    const { api, operation } = candidates[0]!;
    if (!operation || api.source.kind !== 'openapi') return;
    const base = call.url.baseNames[0];
    const spec = api.source.uri ? uriFileName(api.source.uri) : api.id;
    report({
      message: base
        ? `\`${operation.method} ${operation.path}\` is an operation of ${api.name} (${spec}), but nothing ties \`${base}\` to it, so this call is not checked: add "${base}": "${api.id}" to \`apis\` in api-error-contracts.json.`
        : `\`${operation.method} ${operation.path}\` is an operation of ${api.name} (${spec}), whose servers are absolute, so this relative call is not checked against it: tie the call's base to "${api.id}" in \`apis\`.`,
      severity: DiagnosticSeverity.Hint,
      data: {
        apiId: api.id,
        method: operation.method,
        path: operation.path,
        ...(base !== undefined && { base }),
      },
    });
  },
};
