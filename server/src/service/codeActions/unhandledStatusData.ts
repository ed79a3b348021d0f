import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import type { ClientAction } from '../contracts/model';

/** The diagnostic code of a documented status the code around a call does not handle. */
const unhandledStatusCode = 'unhandled-status';

/** The `data` of an `unhandled-status` diagnostic: what its quick fixes need. */
export interface UnhandledStatusData {
  /** The status not handled, e.g. 409. */
  status: number;
  /** Upper-case HTTP method of the call. */
  method: string;
  /** The operation's path template, e.g. `/image/{id}`. */
  path: string;
  /** The API the call was matched to. */
  apiId: string;
  /** What the contract asks a client to do about the status. */
  action: ClientAction;
}

const actions = new Set<string>([
  'fix-request',
  're-authenticate',
  'check-permissions',
  'retry-later',
  'back-off-and-retry',
  'none',
]);

/** The quick-fix data of an `unhandled-status` diagnostic of ours; undefined for any other diagnostic. */
export function getUnhandledStatusData(diagnostic: Diagnostic): UnhandledStatusData | undefined {
  if (diagnostic.code !== unhandledStatusCode || diagnostic.source !== diagnosticSource)
    return undefined;
  const data = diagnostic.data as Partial<UnhandledStatusData> | undefined;
  if (
    !data ||
    typeof data.status !== 'number' ||
    !Number.isInteger(data.status) ||
    data.status < 100 ||
    data.status > 599 ||
    typeof data.method !== 'string' ||
    typeof data.path !== 'string' ||
    typeof data.apiId !== 'string' ||
    typeof data.action !== 'string' ||
    !actions.has(data.action)
  ) {
    return undefined;
  }
  return {
    status: data.status,
    method: data.method,
    path: data.path,
    apiId: data.apiId,
    action: data.action,
  };
}
