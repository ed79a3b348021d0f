import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import { toDiagnosticSeverity } from '../diagnostics';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { getCodeAnalysis } from './codeAnalysis';
import type { CodeRule } from './rules/codeRule';
import { uncheckedResponseRule } from './rules/uncheckedResponse';
import { unhandledStatusRule } from './rules/unhandledStatus';
import { untiedCallRule } from './rules/untiedCall';
import { getSuppressions } from './suppression';

/** Every rule over client code. */
const codeRules: readonly CodeRule[] = [unhandledStatusRule, uncheckedResponseRule, untiedCallRule];

/** The diagnostics of the code rules for every recognised call, minus suppressed ones and rules turned off. */
export function doCodeValidation(
  document: TextDocument,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): Diagnostic[] {
  const analysis = getCodeAnalysis(parsed, context);
  const rules = codeRules.filter((rule) => context.settings.rules[rule.code] !== 'off');
  if (rules.length === 0 || analysis.calls.length === 0) return [];
  const suppressions = getSuppressions(parsed.sourceFile);
  const diagnostics: Diagnostic[] = [];
  for (const call of analysis.calls) {
    const range = {
      start: document.positionAt(call.range.start),
      end: document.positionAt(call.range.end),
    };
    for (const rule of rules) {
      const configured = context.settings.rules[rule.code];
      rule.check(call, context.contracts, (problem) => {
        if (suppressions.isSuppressed(range.start.line, rule.code, problem.status)) return;
        const diagnostic: Diagnostic = {
          range,
          severity: toDiagnosticSeverity(configured, problem.severity),
          code: rule.code,
          source: diagnosticSource,
          message: problem.message,
          data: problem.data,
        };
        if (problem.href) diagnostic.codeDescription = { href: problem.href };
        diagnostics.push(diagnostic);
      });
    }
  }
  return diagnostics;
}
