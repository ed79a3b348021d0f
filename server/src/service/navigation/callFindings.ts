import type { AnalysedCall } from '../code/codeAnalysis';
import { uncheckedResponseRule } from '../code/rules/uncheckedResponse';
import { unhandledStatusRule } from '../code/rules/unhandledStatus';
import type { Suppressions } from '../code/suppression';
import type { ContractIndex } from '../contracts/contractIndex';
import type { StatusContract } from '../contracts/model';
import { exactStatus } from '../contracts/statusKey';
import { DiagnosticCode } from '../diagnostics';

/** What the code rules find on one call, as the code lens and the contracts view summarise it. */
export interface CallFindings {
  /** The response goes back to the caller or to other code, whose handling is not this call's. */
  handedOn: boolean;
  /** The call never looks at the response status (`unchecked-response`). */
  unchecked: boolean;
  /** Documented statuses the call does not handle (`unhandled-status`), ascending. */
  unhandled: number[];
}

/**
 * The findings of the `unhandled-status` and `unchecked-response` rules on a call, minus those a
 * suppression comment on the call's line covers: the same facts its diagnostics state, whatever
 * severity the `rules` setting gives them.
 */
export function getCallFindings(
  call: AnalysedCall,
  contracts: ContractIndex,
  suppressions: Suppressions,
  line: number,
): CallFindings {
  const findings: CallFindings = {
    handedOn: call.handling.fate !== 'local',
    unchecked: false,
    unhandled: [],
  };
  uncheckedResponseRule.check(call, contracts, () => {
    if (!suppressions.isSuppressed(line, DiagnosticCode.uncheckedResponse))
      findings.unchecked = true;
  });
  unhandledStatusRule.check(call, contracts, (problem) => {
    if (!suppressions.isSuppressed(line, DiagnosticCode.unhandledStatus, problem.status))
      findings.unhandled.push(problem.data.status);
  });
  findings.unhandled.sort((a, b) => a - b);
  return findings;
}

/** The documented error statuses a client acts on: exact codes from 400 up whose action is not `none`, ascending. */
export function documentedErrorStatuses(
  documented: readonly StatusContract[],
): { code: number; entry: StatusContract }[] {
  return documented
    .map((entry) => ({ entry, code: exactStatus(entry) }))
    .filter(
      (each): each is { entry: StatusContract; code: number } =>
        each.code !== undefined && each.code >= 400 && each.entry.action !== 'none',
    )
    .sort((a, b) => a.code - b.code);
}
