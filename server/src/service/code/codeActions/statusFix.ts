import { describeClientAction } from '../../contracts/clientActions';
import { getGenericStatusContract, getStatusTitle } from '../../contracts/httpStatusRegistry';
import type { StatusContract } from '../../contracts/model';
import type { ServiceContext } from '../../serviceContext';
import type { StatusFix } from './handlerEdits';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCode, getDiagnosticData, type UnhandledStatusData } from '../../diagnostics';

/** A status a fix handles: what an `unhandled-status` diagnostic names, or one of the statuses of an `unchecked-response`. */
export type StatusToHandle = Pick<
  UnhandledStatusData,
  'status' | 'method' | 'path' | 'apiId' | 'action'
>;

/** The statuses a diagnostic of ours asks to handle; none for any other diagnostic. */
export function getStatusesToHandle(
  diagnostic: Diagnostic,
  context: ServiceContext,
): StatusToHandle[] {
  const unhandled = getDiagnosticData(diagnostic, DiagnosticCode.unhandledStatus);
  return unhandled ? [unhandled] : getUncheckedResponseStatuses(diagnostic, context);
}

/** What the contract of the call's operation says about the status, falling back to the HTTP registry. */
function getStatusContract(
  data: StatusToHandle,
  context: ServiceContext,
): StatusContract | undefined {
  const api = context.contracts.getApi(data.apiId);
  const operation = api?.operations.find(
    (candidate) => candidate.method === data.method && candidate.path === data.path,
  );
  return (
    (api && context.contracts.resolveStatus(api, operation, data.status)) ??
    getGenericStatusContract(data.status)
  );
}

/** The status, its title, action and the one-line comment the inserted branch carries. */
export function getStatusFix(data: StatusToHandle, context: ServiceContext): StatusFix {
  const contract = getStatusContract(data, context);
  const title = contract?.title ?? getStatusTitle(data.status);
  const meaning = firstSentence(contract?.meaning ?? '');
  const remedy = firstSentence(contract?.remedy ?? '');
  let explanation =
    meaning && remedy && meaning.length + remedy.length < 140
      ? `${meaning} ${remedy}`
      : meaning || remedy;
  if (!explanation) explanation = `${describeClientAction(data.action)}.`;
  // "The image is…" reads as "409 Conflict: the image is…"; "API keys…" keeps its capitals.
  const sentence = /^[A-Z][a-z]/.test(explanation)
    ? explanation[0].toLowerCase() + explanation.slice(1)
    : explanation;
  return {
    status: data.status,
    title,
    action: data.action,
    comment: `${data.status} ${title}: ${oneLine(sentence)}`,
  };
}

function firstSentence(text: string): string {
  const trimmed = oneLine(text).trim();
  const end = /[.!?](\s|$)/.exec(trimmed);
  return end ? trimmed.slice(0, end.index + 1) : trimmed;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * The statuses an `unchecked-response` diagnostic names, each as the data of an unhandled status,
 * so the same fixes apply: a call that never looks at its status handles none of them.
 */
function getUncheckedResponseStatuses(
  diagnostic: Diagnostic,
  context: ServiceContext,
): StatusToHandle[] {
  const data = getDiagnosticData(diagnostic, DiagnosticCode.uncheckedResponse);
  if (!data) return [];
  const { method, path, apiId } = data;
  const api = context.contracts.getApi(apiId);
  const operation = api?.operations.find(
    (candidate) => candidate.method === method && candidate.path === path,
  );
  return data.statuses.flatMap((status) => {
    const contract = api && context.contracts.resolveStatus(api, operation, status);
    return contract ? [{ status, method, path, apiId, action: contract.action }] : [];
  });
}
