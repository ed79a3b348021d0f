import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { findCallAt, getCodeAnalysis, type HttpClientLibrary } from '../codeAnalysis';
import { doCodeValidation } from '../codeValidation';
import { isRetryAction } from '../../contracts/clientActions';
import type { CodeParsedDocument, ParsedDocument } from '../../documents/parsedDocument';
import { DiagnosticCode } from '../../diagnostics';
import { getSuppressionEdit } from '../suppression';
import type { ServiceContext } from '../../serviceContext';
import { findCallSite, type ClientLibrary } from './callSite';
import { getCodeStyle, type CodeStyle } from './codeStyle';
import { getHandlerEdits, type FixTarget, type StatusFix } from './handlerEdits';
import { getRetryFix, type RetryFix } from './retryWrap';
import { getStatusesToHandle, getStatusFix, type StatusToHandle } from './statusFix';

/** The kind of the source action handling every documented status in a file. */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.api-error-contracts`;

/** Quick fixes for the diagnostics in `context`, and source actions for the document. */
export function doCodeActions(
  document: TextDocument,
  _range: Range,
  actionContext: CodeActionContext,
  parsed: ParsedDocument,
  context: ServiceContext,
): CodeAction[] {
  if (parsed.kind !== 'code') return [];
  const actions: CodeAction[] = [];
  const wants = (kind: string): boolean =>
    !actionContext.only ||
    actionContext.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  // Each status to handle, with the diagnostic naming it: an unhandled status, or one of the
  // statuses of a call that never looks at its status.
  const statusesOf = (diagnostic: Diagnostic) => {
    return getStatusesToHandle(diagnostic, context).map((data) => ({ diagnostic, data }));
  };
  const ours = actionContext.diagnostics.flatMap(statusesOf);
  let fileDiagnostics: { diagnostic: Diagnostic; data: StatusToHandle }[] | undefined;
  const allOfFile = () =>
    (fileDiagnostics ??= doCodeValidation(document, parsed, context).flatMap(statusesOf));

  if (wants(CodeActionKind.QuickFix) && ours.length > 0) {
    const style = getCodeStyle(parsed.sourceFile, isTypeScript(document));
    const titles = new Set<string>();
    const add = (action: CodeAction): void => {
      if (titles.has(action.title)) return;
      titles.add(action.title);
      actions.push(action);
    };
    for (const { diagnostic, data } of ours) {
      const target = getFixTarget(document, parsed, diagnostic, data, style, context);
      if (!target) continue;
      const fix = getStatusFix(data, context);
      // The same call's other unhandled statuses, wherever the request's range stopped.
      const sameCall = [...ours, ...allOfFile()].filter(
        (other) =>
          other.data.method === data.method &&
          other.data.path === data.path &&
          sameStart(other.diagnostic, diagnostic),
      );
      const fixes = uniqueFixes(sameCall.map((other) => getStatusFix(other.data, context)));
      // A status the API asks to retry is handled by retrying it; surfacing it is second best.
      const retry = isRetryAction(data.action)
        ? getRetryFor(document, parsed, diagnostic, style, context, fixes)
        : undefined;
      if (retry) {
        add(
          quickFix(
            `Wrap in retry with backoff (${retry.fix.mechanism}, retries ${retry.statuses.join(', ')})`,
            document,
            retry.fix.edits,
            [diagnostic],
            true,
          ),
        );
      }
      const single = getHandlerEdits(target, [fix]);
      if (single) {
        add(
          quickFix(
            `Handle ${fix.status} ${fix.title} (${single.placement})`,
            document,
            single.edits,
            [diagnostic],
            !retry,
          ),
        );
      }
      if (fixes.length > 1) {
        const all = getHandlerEdits(target, fixes);
        if (all) {
          add(
            quickFix(
              `Handle all documented statuses of ${data.method} ${data.path}`,
              document,
              all.edits,
              sameCall.map((other) => other.diagnostic),
              false,
            ),
          );
        }
      }
      // A suppression names statuses; an unchecked response is about the call as a whole.
      const suppression =
        diagnostic.code === DiagnosticCode.uncheckedResponse
          ? undefined
          : getSuppressionEdit(
              document,
              parsed.sourceFile,
              diagnostic.range.start,
              data.status,
              style.eol,
            );
      if (suppression)
        add(
          quickFix(
            `Ignore ${data.status} for this call`,
            document,
            [suppression],
            [diagnostic],
            false,
          ),
        );
    }
  }

  // Fix all is a quick fix too, as ESLint offers it: where the user looks, in the Ctrl+. menu.
  const quickFixAll = wants(CodeActionKind.QuickFix) && ours.length > 0;
  if (quickFixAll || (wants(fixAllKind) && (actionContext.only !== undefined || ours.length > 0))) {
    const all = allOfFile();
    const edits = getFixAllEdits(document, parsed, all, context);
    if (edits.length > 0) {
      const title = 'Handle every documented status in this file';
      const asQuickFix = quickFixAll && new Set(all.map((entry) => entry.diagnostic)).size > 1;
      if (asQuickFix) {
        actions.push({
          ...quickFix(
            title,
            document,
            edits,
            all.map((entry) => entry.diagnostic),
            false,
          ),
        });
      }
      // Asked for without a kind (the Ctrl+. menu), the quick fix above is the one entry.
      if (wants(fixAllKind) && !(asQuickFix && actionContext.only === undefined))
        actions.push({ title, kind: fixAllKind, edit: { changes: { [document.uri]: edits } } });
    }
  }
  return actions;
}

function quickFix(
  title: string,
  document: TextDocument,
  edits: TextEdit[],
  diagnostics: Diagnostic[],
  isPreferred: boolean,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred,
    edit: { changes: { [document.uri]: edits } },
  };
}

function sameStart(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
  );
}

function uniqueFixes(fixes: StatusFix[]): StatusFix[] {
  const seen = new Set<number>();
  return fixes
    .filter((fix) => !seen.has(fix.status) && seen.add(fix.status))
    .sort((a, b) => a.status - b.status);
}

// Where a branch goes follows the response's shape: throwing clients get a `catch`; fetch,
// openapi-fetch and wrappers answer a response.
const fixLibraries: Partial<Record<HttpClientLibrary, ClientLibrary>> = {
  axios: 'axios',
  ky: 'ky',
  got: 'got',
};

function getFixTarget(
  document: TextDocument,
  parsed: CodeParsedDocument,
  diagnostic: Diagnostic,
  data: StatusToHandle,
  style: CodeStyle,
  context: ServiceContext,
): FixTarget | undefined {
  // The call the analysis recognised (and reported on): found, not searched for again.
  const call = findCallAt(
    getCodeAnalysis(parsed, context),
    document.offsetAt(diagnostic.range.start),
  );
  // Through a function that keeps the response to itself, the caller has no response to test.
  if (call?.via && call.via.outcome !== 'returns-response') return undefined;
  const site = call && findCallSite(call.node, fixLibraries[call.library] ?? 'fetch');
  return site
    ? { document, sourceFile: parsed.sourceFile, style, site, method: data.method, path: data.path }
    : undefined;
}

/** The retry fix for the call a diagnostic is on, retrying every status of it the API asks to retry. */
function getRetryFor(
  document: TextDocument,
  parsed: CodeParsedDocument,
  diagnostic: Diagnostic,
  style: CodeStyle,
  context: ServiceContext,
  fixes: readonly StatusFix[],
): { fix: RetryFix; statuses: number[] } | undefined {
  const call = findCallAt(
    getCodeAnalysis(parsed, context),
    document.offsetAt(diagnostic.range.start),
  );
  // A project function's call retries inside that function, not here.
  if (!call || call.via) return undefined;
  const statuses = fixes.filter((fix) => isRetryAction(fix.action)).map((fix) => fix.status);
  const fix = getRetryFix(
    {
      document,
      sourceFile: parsed.sourceFile,
      style,
      call: call.node,
      library: call.library,
      method: call.method,
    },
    statuses,
  );
  return fix && { fix, statuses };
}

/** One edit set handling every unhandled status of every call that has a place for branches. */
function getFixAllEdits(
  document: TextDocument,
  parsed: CodeParsedDocument,
  diagnostics: { diagnostic: Diagnostic; data: StatusToHandle }[],
  context: ServiceContext,
): TextEdit[] {
  const style = getCodeStyle(parsed.sourceFile, isTypeScript(document));
  const byCall = new Map<string, { diagnostic: Diagnostic; data: StatusToHandle }[]>();
  for (const entry of diagnostics) {
    const key = `${entry.diagnostic.range.start.line}:${entry.diagnostic.range.start.character}`;
    byCall.set(key, [...(byCall.get(key) ?? []), entry]);
  }
  const edits: TextEdit[] = [];
  for (const group of byCall.values()) {
    const target = getFixTarget(
      document,
      parsed,
      group[0].diagnostic,
      group[0].data,
      style,
      context,
    );
    if (!target) continue;
    const handler = getHandlerEdits(
      target,
      uniqueFixes(group.map((entry) => getStatusFix(entry.data, context))),
    );
    if (handler) edits.push(...handler.edits);
  }
  // What every call's fix adds once to the file (the retry helper, the error class) is one edit.
  const seen = new Set<string>();
  return edits.filter((edit) => {
    const key = `${edit.range.start.line}:${edit.range.start.character}-${edit.range.end.line}:${edit.range.end.character}\n${edit.newText}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Whether type annotations may go in the document. */
export function isTypeScript(document: TextDocument): boolean {
  return (
    document.languageId === 'typescript' ||
    document.languageId === 'typescriptreact' ||
    /\.[cm]?tsx?$/.test(document.uri)
  );
}
