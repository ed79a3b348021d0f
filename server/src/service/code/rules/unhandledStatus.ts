import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isRetryAction } from '../../contracts/clientActions';
import { getStatusTitle } from '../../contracts/httpStatusRegistry';
import type { StatusContract } from '../../contracts/model';
import { exactStatus } from '../../contracts/statusKey';
import { DiagnosticCode } from '../../diagnostics';
import type { AnalysedCall } from '../codeAnalysis';
import type { CodeRule } from './codeRule';
import { summariseStatus } from './statusWording';

/** Statuses an API asks clients to back off for, announced by `Retry-After`: worth a warning. */
const backOffStatuses = new Set([429, 503]);

/**
 * A status the call's operation documents that the code around the call does not handle.
 * A generic failure branch (`!res.ok`, the client throwing) handles the statuses that ask to
 * fix the request or re-authenticate, not those the contract says to retry; a class range
 * (`>= 500`) handles server errors. Only calls whose response stays in their function count.
 */
export const unhandledStatusRule: CodeRule<typeof DiagnosticCode.unhandledStatus> = {
  code: DiagnosticCode.unhandledStatus,
  check(call, _contracts, report) {
    const { match } = call;
    if (!match?.operation || call.documented.length === 0) return;
    const handling = call.handling;
    if (handling.fate !== 'local') return;
    // An unexamined response is reported once, as unchecked-response, rather than once per status.
    if (!handling.examined && !handling.retryWrapper && isUnchecked(call)) return;
    for (const entry of call.documented) {
      const status = exactStatus(entry);
      if (status === undefined || status < 400 || entry.action === 'none') continue;
      if (isStatusHandled(call, entry, status)) continue;
      const treatment = call.treatment(status);
      const retry = isRetryAction(entry.action) && !isUnsafeToResend(call, status);
      const operation = `${match.operation.method} ${match.operation.path}`;
      const tail = retry
        ? treatment !== undefined
          ? '; this call does not handle it — its generic failure branch does not retry it'
          : '; this call does not handle it'
        : isRetryAction(entry.action)
          ? `; this call does not handle it — a ${call.method} without an \`Idempotency-Key\` may have been acted on and is not sent again, so treat it as a failure`
          : '; this call does not handle it';
      report({
        status,
        message: `${operation} can answer ${status} ${entry.title || getStatusTitle(status)} (${match.api.name}: ${summariseStatus(entry, retry || !isRetryAction(entry.action))})${tail}.`,
        severity:
          retry || !isRetryAction(entry.action)
            ? severityFor(entry, status)
            : DiagnosticSeverity.Information,
        href: entry.docs ?? match.operation.docs ?? match.api.docs,
        data: {
          status,
          method: match.operation.method,
          path: match.operation.path,
          apiId: match.api.id,
          action: entry.action,
          title: entry.title || getStatusTitle(status),
          retryAfter: entry.retryAfter === true,
          library: call.library,
          treatment: treatment ?? 'none',
        },
      });
    }
  },
};

/**
 * Whether the call handles a documented status as its contract asks: retried or singled out; a
 * server error to retry by a `>= 500` range; a status to fix the request by any failure branch.
 */
export function isStatusHandled(
  call: AnalysedCall,
  entry: StatusContract,
  status: number,
): boolean {
  const treatment = call.treatment(status);
  if (treatment === 'retry' || treatment === 'specific') return true;
  // A 5xx on a request that may not be sent again is a failure like any other: a generic
  // failure branch is its handling. A 429 was not acted on, and is retried whatever the method.
  if (isRetryAction(entry.action) && !isUnsafeToResend(call, status))
    return treatment === 'range' && status >= 500;
  return treatment !== undefined;
}

/** A server error on a request that is not idempotent and carries no `Idempotency-Key`. */
function isUnsafeToResend(call: AnalysedCall, status: number): boolean {
  return status >= 500 && !call.mayResend;
}

/** Whether nothing could ever see the call's status: a client that answers every status and code that never reads it. */
export function isUnchecked(call: AnalysedCall): boolean {
  return !call.handling.examined && !call.throwsFor(500) && !call.throwsFor(400);
}

/**
 * A documented temporary state (retry later) or a back-off the API announces (429, 503,
 * `Retry-After`) is a warning; a generic transient server error is information; a status to
 * fix the request left to pass as success is information too.
 */
function severityFor(entry: StatusContract, status: number): DiagnosticSeverity {
  if (entry.action === 'retry-later') return DiagnosticSeverity.Warning;
  if (entry.action === 'back-off-and-retry') {
    return backOffStatuses.has(status) || entry.retryAfter
      ? DiagnosticSeverity.Warning
      : DiagnosticSeverity.Information;
  }
  return DiagnosticSeverity.Information;
}
