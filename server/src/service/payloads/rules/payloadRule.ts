import type * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ContractIndex } from '../../contracts/contractIndex';
import type { PayloadApi } from '../identifyPayloadApi';
import type { RecognisedPayload } from '../recognisedPayload';
import type { DiagnosticCode } from '../../diagnostics';

/** What a rule sees of one payload. */
export interface PayloadRuleContext {
  /** The document holding the payload. */
  document: TextDocument;
  /** The payload being checked. */
  payload: RecognisedPayload;
  /** The API the payload belongs to, when identified. */
  api: PayloadApi | undefined;
  /** Every contract in force. */
  contracts: ContractIndex;
}

/** One finding of a rule. */
export interface PayloadProblem {
  /** The node the diagnostic covers. */
  node: jsonc.Node;
  /** One sentence: what is wrong and what is expected. */
  message: string;
  /** What a quick fix needs (the expected value, the member name). */
  data?: Record<string, unknown>;
  /** Overrides the rule's documentation link (an API's own docs). */
  href?: string;
}

/** A payload rule: one stable diagnostic code, one file. */
export interface PayloadRule {
  /** The stable kebab-case diagnostic code. */
  code: DiagnosticCode;
  /** The severity unless the `rules` setting says otherwise. */
  severity: DiagnosticSeverity;
  /** Where the rule's subject is specified. */
  href?: string;
  /** Reports the findings of the rule in one payload. */
  check(context: PayloadRuleContext, report: (problem: PayloadProblem) => void): void;
}
