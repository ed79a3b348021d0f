import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ContractIndex } from '../../contracts/contractIndex';
import type { DiagnosticDataByCode, FixableCode } from '../../diagnostics';
import type { AnalysedCall } from '../codeAnalysis';

/** One finding of a code rule, on one call. */
export interface CodeProblem<C extends FixableCode> {
  /** The status the finding is about, for suppression comments naming statuses. */
  status?: number;
  /** One sentence: what is wrong and what is expected. */
  message: string;
  /** The severity the finding has unless the `rules` setting overrides it. */
  severity: DiagnosticSeverity;
  /** What a quick fix needs. */
  data: DiagnosticDataByCode[C];
  /** The documentation of what the finding is about (the API's page for the status). */
  href?: string;
}

/** A rule over recognised calls: one stable diagnostic code, one file. */
export interface CodeRule<C extends FixableCode = FixableCode> {
  /** The stable kebab-case diagnostic code. */
  code: C;
  /** Reports the rule's findings for one call. */
  check(
    call: AnalysedCall,
    contracts: ContractIndex,
    report: (problem: CodeProblem<C>) => void,
  ): void;
}
