import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getStatusTitle } from '../../contracts/httpStatusRegistry';
import { formatList } from '../../listWording';
import { toStatusCode } from '../jsonNodes';
import {
  findCodeDocumentingStatus,
  formatOperation,
  getDocumentedStatuses,
  isStatusDocumented,
  isStatusListComplete,
  sortStatusKeys,
} from '../payloadStatuses';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode } from '../../diagnostics';

/**
 * An error status the identified operation (or, without one, the API) never answers: a mock or
 * fixture built on it tests a response that cannot happen, and misses the ones that can. Only a
 * complete list of statuses can say a status never happens (see {@link isStatusListComplete}),
 * and a status the payload's own error code is documented with is never undocumented.
 */
export const undocumentedStatus: PayloadRule = {
  code: DiagnosticCode.undocumentedStatus,
  severity: DiagnosticSeverity.Warning,
  check({ payload, api, contracts }, report) {
    if (!api || !isStatusListComplete(api.api, api.operation)) return;
    let documentedKeys: string[] | undefined;
    for (const member of payload.members) {
      if (member.role !== 'status') continue;
      const status = toStatusCode(member.value);
      if (status === undefined || status < 400 || !member.value) continue;
      if (isStatusDocumented(contracts, api.api, api.operation, status)) continue;
      if (findCodeDocumentingStatus(api.api, payload, member, status)) continue;
      documentedKeys ??= sortStatusKeys(
        getDocumentedStatuses(contracts, api.api, api.operation).map((entry) => entry.key),
      );
      if (documentedKeys.length === 0) return;
      const where = api.operation ? ` for \`${formatOperation(api.operation)}\`` : '';
      report({
        node: member.value,
        message: `${api.api.name} does not document ${status} ${getStatusTitle(status)}${where}; it documents ${formatList(documentedKeys)}.`,
        data: {
          apiId: api.api.id,
          status,
          documented: documentedKeys,
          ...(api.operation ? { method: api.operation.method, path: api.operation.path } : {}),
        },
        href: api.operation?.docs ?? api.api.docs,
      });
    }
  },
};
