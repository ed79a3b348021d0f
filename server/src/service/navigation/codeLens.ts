import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-types';
import { showContractCommand, type CallLensData } from '../../../../common/protocol';
import { getCodeAnalysis, type AnalysedCall } from '../code/codeAnalysis';
import { getSuppressions } from '../code/suppression';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { documentedErrorStatuses, getCallFindings } from './callFindings';

/**
 * One unresolved code lens above each recognised call the contracts know (its API at least):
 * only ranges and the call's offset, so a file with hundreds of calls costs one analysis and
 * the titles are worked out for the lenses the editor shows ({@link resolveCodeLens}).
 */
export function doCodeLenses(
  document: TextDocument,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const call of getCodeAnalysis(parsed, context).calls) {
    if (!call.match) continue;
    const offset = call.node.getStart(parsed.sourceFile);
    const data: CallLensData = { uri: document.uri, offset };
    const start = document.positionAt(offset);
    lenses.push({ range: { start, end: document.positionAt(call.range.end) }, data });
  }
  return lenses;
}

/**
 * The lens's title, `DELETE /image/{id} · Sales Layer DAM · 5 documented · 409 not handled`, and
 * its command (Show Contract for the call). A lens whose call is gone (the document changed in
 * between) gets an empty title rather than a wrong one.
 */
export function resolveCodeLens(
  document: TextDocument,
  lens: CodeLens,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): CodeLens {
  const data = lens.data as Partial<CallLensData> | undefined;
  const call =
    typeof data?.offset === 'number'
      ? getCodeAnalysis(parsed, context).calls.find(
          (each) => each.match && each.node.getStart(parsed.sourceFile) === data.offset,
        )
      : undefined;
  const position = document.positionAt(data?.offset ?? 0);
  // Suppression comments count from the line the diagnostics start on.
  const line = call ? document.positionAt(call.range.start).line : 0;
  return {
    range: lens.range,
    command: {
      title: call ? getCallLensTitle(call, parsed, context, line) : '',
      command: call ? showContractCommand : '',
      arguments: call ? [document.uri, position] : [],
    },
  };
}

/** What the lens of a call says: the operation, its API, how many statuses it documents and what this call leaves unhandled. */
function getCallLensTitle(
  call: AnalysedCall,
  parsed: CodeParsedDocument,
  context: ServiceContext,
  line: number,
): string {
  const { api, operation } = call.match!;
  const parts = [
    operation ? `${operation.method} ${operation.path}` : `${call.method} ${call.url.path}`,
    api.name,
  ];
  if (!operation) {
    parts.push('operation not documented');
    return parts.join(' · ');
  }
  const statuses = documentedErrorStatuses(call.documented);
  parts.push(`${statuses.length} documented`);
  const findings = getCallFindings(
    call,
    context.contracts,
    getSuppressions(parsed.sourceFile),
    line,
  );
  if (findings.handedOn) parts.push('response handed to the caller');
  else if (findings.unchecked) parts.push('status never checked');
  else if (findings.unhandled.length > 0)
    parts.push(`${listStatuses(findings.unhandled)} not handled`);
  else if (statuses.length > 0) parts.push('all handled');
  return parts.join(' · ');
}

/** A lens stays one short line: three statuses, then how many more (the hover lists them all). */
function listStatuses(statuses: readonly number[]): string {
  return statuses.length > maxListed
    ? `${statuses.slice(0, maxListed).join(', ')} and ${statuses.length - maxListed} more`
    : statuses.join(', ');
}

const maxListed = 3;
