import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import type { RuleSeverity, Settings } from '../../../../common/settings';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { createPayloadApiResolver } from './identifyPayloadApi';
import { payloadRules } from './payloadRules';
import { getRecognisedPayloads } from './recognisePayloads';
import type { PayloadRule } from './rules/payloadRule';

const severities: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Diagnostics for every error payload of a JSON document. */
export function validatePayloads(
  document: TextDocument,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): Diagnostic[] {
  const payloads = getRecognisedPayloads(parsed);
  if (payloads.length === 0) return [];
  const rules = payloadRules.flatMap((rule) => {
    const severity = getRuleSeverity(context.settings, rule);
    return severity === undefined ? [] : [{ rule, severity }];
  });
  if (rules.length === 0) return [];
  const resolveApi = createPayloadApiResolver(document.uri, context);
  const diagnostics: Diagnostic[] = [];
  for (const payload of payloads) {
    const ruleContext = {
      document,
      payload,
      api: resolveApi(payload),
      contracts: context.contracts,
    };
    for (const { rule, severity } of rules) {
      rule.check(ruleContext, (problem) => {
        const href = problem.href ?? rule.href;
        diagnostics.push({
          range: {
            start: document.positionAt(problem.node.offset),
            end: document.positionAt(problem.node.offset + problem.node.length),
          },
          severity,
          source: diagnosticSource,
          code: rule.code,
          ...(href ? { codeDescription: { href } } : {}),
          message: problem.message,
          ...(problem.data ? { data: problem.data } : {}),
        });
      });
    }
  }
  return diagnostics;
}

/** The severity the settings give a rule (`rules: { code: severity | "off" }`); undefined when it is off. */
function getRuleSeverity(settings: Settings, rule: PayloadRule): DiagnosticSeverity | undefined {
  const configured = settings.rules[rule.code];
  if (configured === 'off') return undefined;
  return configured === undefined ? rule.severity : severities[configured];
}
