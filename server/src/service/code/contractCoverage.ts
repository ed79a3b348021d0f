import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getStatusTitle } from '../contracts/httpStatusRegistry';
import { exactStatus } from '../contracts/statusKey';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { getCodeAnalysis, type AnalysedCall } from './codeAnalysis';
import { isStatusHandled, isUnchecked } from './rules/unhandledStatus';

/**
 * What one call does with one documented status: `retried` (a retry mechanism sends the request
 * again), `handled` (handled as the contract asks, as the unhandled-status rule judges it),
 * `passed-on` (the response goes back to the caller, whose job it is), or `missed`.
 */
export type CoverageOutcome = 'retried' | 'handled' | 'passed-on' | 'missed';

/** One call to a documented operation and what it does with each documented status. */
export interface CallCoverage {
  apiId: string;
  /** The API's display name, e.g. `Sales Layer DAM`. */
  apiName: string;
  /** Upper-case method of the operation. */
  method: string;
  /** The operation's path template, e.g. `/image/{id}`. */
  path: string;
  /** Zero-based line and character of the call. */
  line: number;
  character: number;
  /** Each documented error status (400 and up, in the contract's order) with its outcome at this call. */
  statuses: { status: number; title: string; outcome: CoverageOutcome }[];
}

/**
 * The contract coverage of a document's calls: for each call tied to an operation with
 * documented statuses, what it does with each of them. A pure reading of the code analysis;
 * calls without an operation or documented statuses are not in it.
 */
export function getContractCoverage(
  document: TextDocument,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): CallCoverage[] {
  const coverage: CallCoverage[] = [];
  for (const call of getCodeAnalysis(parsed, context).calls) {
    const { match } = call;
    if (!match?.operation || call.documented.length === 0) continue;
    const statuses: CallCoverage['statuses'] = [];
    for (const entry of call.documented) {
      const status = exactStatus(entry);
      if (status === undefined || status < 400 || entry.action === 'none') continue;
      statuses.push({
        status,
        title: entry.title || getStatusTitle(status),
        outcome: outcomeOf(call, entry, status),
      });
    }
    if (statuses.length === 0) continue;
    const { line, character } = document.positionAt(call.range.start);
    coverage.push({
      apiId: match.api.id,
      apiName: match.api.name,
      method: match.operation.method,
      path: match.operation.path,
      line,
      character,
      statuses,
    });
  }
  return coverage;
}

function outcomeOf(
  call: AnalysedCall,
  entry: AnalysedCall['documented'][number],
  status: number,
): CoverageOutcome {
  if (call.treatment(status) === 'retry') return 'retried';
  if (call.handling.fate !== 'local') return 'passed-on';
  // A response nothing reads handles nothing, whatever a generic branch elsewhere would say.
  if (!call.handling.examined && !call.handling.retryWrapper && isUnchecked(call)) return 'missed';
  return isStatusHandled(call, entry, status) ? 'handled' : 'missed';
}

/** The totals of one documented status of one operation over every call to it. */
export interface StatusCoverage {
  status: number;
  title: string;
  calls: number;
  handled: number;
  retried: number;
  passedOn: number;
  missed: number;
  /** Where it is missed: `path:line` (one-based), in the order the calls were given. */
  missedAt: string[];
}

/** One operation's calls and the coverage of each of its documented statuses. */
export interface OperationCoverage {
  apiId: string;
  apiName: string;
  method: string;
  path: string;
  calls: number;
  statuses: StatusCoverage[];
}

/** The coverage of a whole run: per operation, and the totals over every call and status. */
export interface CoverageSummary {
  operations: OperationCoverage[];
  totals: {
    calls: number;
    /** Call and status pairs, and how many of them each outcome has. */
    checks: number;
    handled: number;
    retried: number;
    passedOn: number;
    missed: number;
  };
}

/**
 * Sums the calls of many files (`path` as it is to be shown) per API and operation, sorted by
 * API name, path and method; statuses in ascending order.
 */
export function summariseCoverage(
  files: readonly { path: string; calls: readonly CallCoverage[] }[],
): CoverageSummary {
  const operations = new Map<
    string,
    OperationCoverage & { byStatus: Map<number, StatusCoverage> }
  >();
  const totals = { calls: 0, checks: 0, handled: 0, retried: 0, passedOn: 0, missed: 0 };
  for (const file of files) {
    for (const call of file.calls) {
      const key = `${call.apiId}\0${call.method}\0${call.path}`;
      let operation = operations.get(key);
      if (!operation) {
        operation = {
          apiId: call.apiId,
          apiName: call.apiName,
          method: call.method,
          path: call.path,
          calls: 0,
          statuses: [],
          byStatus: new Map(),
        };
        operations.set(key, operation);
      }
      operation.calls++;
      totals.calls++;
      for (const { status, title, outcome } of call.statuses) {
        let entry = operation.byStatus.get(status);
        if (!entry) {
          entry = {
            status,
            title,
            calls: 0,
            handled: 0,
            retried: 0,
            passedOn: 0,
            missed: 0,
            missedAt: [],
          };
          operation.byStatus.set(status, entry);
        }
        entry.calls++;
        totals.checks++;
        const counter = outcome === 'passed-on' ? 'passedOn' : outcome;
        entry[counter]++;
        totals[counter]++;
        if (outcome === 'missed') entry.missedAt.push(`${file.path}:${call.line + 1}`);
      }
    }
  }
  return {
    operations: [...operations.values()]
      .map(({ byStatus, ...operation }) => ({
        ...operation,
        statuses: [...byStatus.values()].sort((a, b) => a.status - b.status),
      }))
      .sort(
        (a, b) =>
          a.apiName.localeCompare(b.apiName) ||
          a.path.localeCompare(b.path) ||
          a.method.localeCompare(b.method),
      ),
    totals,
  };
}
