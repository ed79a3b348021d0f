import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import { toDiagnosticSeverity } from '../diagnostics';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { createPayloadApiResolver } from './identifyPayloadApi';
import { payloadRules } from './payloadRules';
import { getRecognisedPayloads } from './recognisePayloads';

/** Diagnostics for every error payload of a JSON document. */
export function doPayloadValidation(
  document: TextDocument,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): Diagnostic[] {
  const payloads = getRecognisedPayloads(parsed);
  if (payloads.length === 0) return [];
  const rules = payloadRules.flatMap((rule) => {
    const severity = toDiagnosticSeverity(context.settings.rules[rule.code], rule.severity);
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
