import type ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import {
  getCodeAnalysis,
  type AnalysedCall,
  type CodeAnalysis,
  type HttpClientLibrary,
} from '../codeAnalysis';
import { doCodeValidation } from '../codeValidation';
import { isRetryAction } from '../../contracts/clientActions';
import type { CodeParsedDocument, ParsedDocument } from '../../documents/parsedDocument';
import { DiagnosticCode } from '../../diagnostics';
import { getSuppressionEdit } from '../suppression';
import type { ServiceContext } from '../../serviceContext';
import { getFixSite, type ClientLibrary, type FixSite } from './fixSite';
import { dependsOn } from './projectDependencies';
import { getCodeStyle, type CodeStyle } from './codeStyle';
import { getHandlerEdits, type FixTarget, type StatusFix } from './handlerEdits';
import { getRetryFix, type RetryFix } from './retryWrap';
import { getStatusesToHandle, getStatusFix, type StatusToHandle } from './statusFix';

/** The kind of the source action handling every documented status in a file. */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.api-error-contracts`;

/** Options of {@link doCodeActions}. */
export interface CodeActionOptions {
  /**
   * Leave the edits of file-wide actions (fix all) to {@link resolveCodeAction}: the client
   * resolves the one the user picks, instead of every request computing them for each call of
   * the file (4,000 calls: 150 ms a request, asked on every move of the cursor).
   */
  resolveFileWide?: boolean;
  /** The request's cancellation: file-wide edits stop being computed once it is requested. */
  token?: CancellationCheck;
}

/** A cancellation token as the service reads it (LSP's `CancellationToken` is one). */
export interface CancellationCheck {
  /** Whether the client no longer wants the answer. */
  readonly isCancellationRequested: boolean;
}

/** What an unresolved file-wide action carries, to be computed when the user picks it. */
interface FileWideData {
  resolve: 'api-error-contracts.fix-all';
  uri: string;
}

const fixAllTitle = 'Handle every documented status in this file';

/** A status to handle, with the diagnostic naming it. */
interface StatusEntry {
  diagnostic: Diagnostic;
  data: StatusToHandle;
}

/**
 * The most statuses quick fixes are made for in one request: an editor sends the diagnostics in
 * the range asked about, a few; a whole file selected sends thousands, each fix costing a walk.
 */
const maxQuickFixStatuses = 100;

/**
 * The most of `context.diagnostics` read: the client sends those in the range asked about; a
 * request sending more (the whole file, or forged copies) gets fixes for the first ones.
 */
const maxContextDiagnostics = 1000;

/** Quick fixes for the diagnostics in `context`, and source actions for the document. */
export function doCodeActions(
  document: TextDocument,
  _range: Range,
  actionContext: CodeActionContext,
  parsed: ParsedDocument,
  context: ServiceContext,
  options: CodeActionOptions = {},
): CodeAction[] {
  if (parsed.kind !== 'code') return [];
  const actions: CodeAction[] = [];
  const wants = (kind: string): boolean =>
    !actionContext.only ||
    actionContext.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  // One entry per status of a call, whatever the client sent: a forged diagnostic repeated a
  // thousand times, or naming a status a thousand times, costs one fix; past the first
  // diagnostics and statuses, the rest are not looked at.
  const seenStatuses = new Set<string>();
  const ours: StatusEntry[] = [];
  for (const diagnostic of actionContext.diagnostics.slice(0, maxContextDiagnostics)) {
    for (const entry of statusesOf(diagnostic, context)) {
      const key = `${startKey(entry.diagnostic)} ${entry.diagnostic.code} ${entry.data.method} ${entry.data.path} ${entry.data.status}`;
      if (seenStatuses.has(key)) continue;
      seenStatuses.add(key);
      ours.push(entry);
    }
    if (ours.length >= maxQuickFixStatuses) break;
  }
  ours.length = Math.min(ours.length, maxQuickFixStatuses);
  let fileDiagnostics: StatusEntry[] | undefined;
  const allOfFile = () => (fileDiagnostics ??= statusesOfFile(document, parsed, context));
  // The statuses of each call, by where it starts: looked up per diagnostic, built once.
  let byStart: Map<string, StatusEntry[]> | undefined;
  const atStartOf = (diagnostic: Diagnostic) => {
    byStart ??= groupBy([...ours, ...allOfFile()], (entry) => startKey(entry.diagnostic));
    return byStart.get(startKey(diagnostic)) ?? [];
  };

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
      const sameCall = atStartOf(diagnostic).filter(
        (other) => other.data.method === data.method && other.data.path === data.path,
      );
      const fixes = uniqueFixes(sameCall.map((other) => getStatusFix(other.data, context)));
      // A status the API asks to retry is handled by retrying it; surfacing it is second best.
      const retry = isRetryAction(data.action)
        ? getRetryFor(document, parsed, diagnostic, style, context, fixes)
        : undefined;
      if (retry) {
        add(
          quickFix(
            `Retry ${retry.statuses.join(', ')} with backoff (${retry.fix.mechanism})`,
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
    // Deferred, the edits are not known yet: offered when there is a status to handle.
    const edits = options.resolveFileWide
      ? undefined
      : getFixAllEdits(document, parsed, all, context, options.token);
    if (edits ? edits.length > 0 : all.length > 0) {
      const data: FileWideData = { resolve: 'api-error-contracts.fix-all', uri: document.uri };
      const withEdits = (action: CodeAction): CodeAction =>
        edits ? { ...action, edit: { changes: { [document.uri]: edits } } } : { ...action, data };
      const asQuickFix = quickFixAll && new Set(all.map((entry) => entry.diagnostic)).size > 1;
      if (asQuickFix) {
        actions.push(
          withEdits({
            title: fixAllTitle,
            kind: CodeActionKind.QuickFix,
            diagnostics: all.map((entry) => entry.diagnostic),
            isPreferred: false,
          }),
        );
      }
      // Asked for without a kind (the Ctrl+. menu), the quick fix above is the one entry.
      if (wants(fixAllKind) && !(asQuickFix && actionContext.only === undefined))
        actions.push(withEdits({ title: fixAllTitle, kind: fixAllKind }));
    }
  }
  return actions;
}

/**
 * The edits of a file-wide action {@link doCodeActions} left unresolved, for the document its
 * `data` names; any other action (or forged `data`) is returned as it came.
 */
export function resolveCodeAction(
  document: TextDocument,
  action: CodeAction,
  parsed: ParsedDocument,
  context: ServiceContext,
  token?: CancellationCheck,
): CodeAction {
  const data = action.data as Partial<FileWideData> | undefined;
  if (
    parsed.kind !== 'code' ||
    action.edit !== undefined ||
    typeof data !== 'object' ||
    data === null ||
    data.resolve !== 'api-error-contracts.fix-all' ||
    data.uri !== document.uri
  )
    return action;
  const edits = getFixAllEdits(
    document,
    parsed,
    statusesOfFile(document, parsed, context),
    context,
    token,
  );
  return { ...action, edit: { changes: { [document.uri]: edits } } };
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

/**
 * Each status to handle of `diagnostic`: an unhandled status, or one of the statuses of a call
 * that never looks at its status.
 */
function statusesOf(diagnostic: Diagnostic, context: ServiceContext): StatusEntry[] {
  return getStatusesToHandle(diagnostic, context).map((data) => ({ diagnostic, data }));
}

/** The statuses to handle of every finding of the file. */
function statusesOfFile(
  document: TextDocument,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): StatusEntry[] {
  return doCodeValidation(document, parsed, context).flatMap((diagnostic) =>
    statusesOf(diagnostic, context),
  );
}

/** `entries` by `key`, each group in the order of `entries`, the groups in that of their first entry. */
function groupBy<T>(entries: readonly T[], key: (entry: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(key(entry));
    if (group) group.push(entry);
    else groups.set(key(entry), [entry]);
  }
  return groups;
}

function startKey(diagnostic: Diagnostic): string {
  return `${diagnostic.range.start.line}:${diagnostic.range.start.character}`;
}

const callFinders = new WeakMap<CodeAnalysis, (offset: number) => AnalysedCall | undefined>();

/**
 * The recognised call whose node holds `offset`, innermost first (as `findCallAt` finds it), by a
 * binary search over the calls sorted once per analysis: fix all looks up every call of the
 * file, which a scan per lookup made quadratic (4,000 calls: 3.8 s).
 */
function callAt(analysis: CodeAnalysis, offset: number): AnalysedCall | undefined {
  let find = callFinders.get(analysis);
  if (!find) {
    const sorted = analysis.calls
      .map((call, index) => ({ call, index, start: call.node.getStart(), end: call.node.end }))
      .sort((a, b) => a.start - b.start || a.index - b.index);
    find = (at) => {
      let low = 0;
      let high = sorted.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if (sorted[middle]!.start <= at) low = middle + 1;
        else high = middle - 1;
      }
      // Calls nest or are apart: the innermost holding `at` starts last; of calls on the same
      // node start, the last listed wins, as in the analysis's own lookup.
      let found: (typeof sorted)[number] | undefined;
      for (let i = high; i >= 0; i--) {
        const entry = sorted[i]!;
        if (found && entry.start !== found.start) break;
        if (entry.end < at) continue;
        const pos = entry.call.node.pos;
        if (
          !found ||
          pos > found.call.node.pos ||
          (pos === found.call.node.pos && entry.index > found.index)
        )
          found = entry;
      }
      return found?.call;
    };
    callFinders.set(analysis, find);
  }
  return find(offset);
}

function uniqueFixes(fixes: StatusFix[]): StatusFix[] {
  const seen = new Set<number>();
  return fixes
    .filter((fix) => !seen.has(fix.status) && seen.add(fix.status))
    .sort((a, b) => a.status - b.status);
}

// Where a branch goes follows the response's shape: throwing clients get a `catch`; fetch,
// openapi-fetch and wrappers answer a response.
const fixLibraries: Record<HttpClientLibrary, ClientLibrary> = {
  fetch: 'fetch',
  wrapper: 'fetch',
  'openapi-fetch': 'openapi-fetch',
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
  const call = callAt(getCodeAnalysis(parsed, context), document.offsetAt(diagnostic.range.start));
  // Through a function that keeps the response to itself, the caller has no response to test.
  if (call?.via && call.via.outcome !== 'returns-response') return undefined;
  const site = call && getFixSite(call, fixLibraries[call.library]);
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
  const analysis = getCodeAnalysis(parsed, context);
  const call = callAt(analysis, document.offsetAt(diagnostic.range.start));
  if (!call) return undefined;
  const statuses = fixes.filter((fix) => isRetryAction(fix.action)).map((fix) => fix.status);
  const via = call.via;
  const target = {
    document,
    sourceFile: parsed.sourceFile,
    style,
    method: call.method,
  };
  // A project function of another module is sent again whole, from here: a helper around its
  // call, reading failures as its client shows them (a `Response` it hands back, or the error
  // axios, ky or got throws).
  const aroundCall = (): RetryFix | undefined => {
    if (via?.outcome !== 'returns-response') return undefined;
    const library = wrapperLibraries[via.inner.library];
    const retriedByClient = (status: number): boolean =>
      call.retries.some((retry) => retry.covers(status) === true);
    return library
      ? getRetryFix({ ...target, call: call.node, library, retriedByClient }, statuses)
      : undefined;
  };
  if (via && via.index !== analysis.index) {
    const fix = aroundCall();
    return fix ? { fix, statuses } : undefined;
  }
  // A function of this file retries inside: its own call goes through the retry helper (which
  // checks each request's method again), or takes its client's retry option; where neither
  // fits (its options are not written there, or set a retry already), its call is sent again.
  const fix =
    getRetryFix(
      {
        ...target,
        call: via ? via.inner.node : call.node,
        library: via ? via.inner.library : call.library,
        hasPlugin: call.retries.some((retry) => retry.kind === 'plugin'),
        projectHasAxiosRetry: () => dependsOn(context.projectFiles, document.uri, 'axios-retry'),
      },
      statuses,
    ) ?? aroundCall();
  return fix && { fix, statuses };
}

/**
 * The edits of the preferred quick fix of each finding of the file (what the Ctrl+. menu marks
 * preferred for it), from one validation and one analysis, for the command line's `--fix`. The
 * findings of one call take one fix, as its preferred fixes applied one after another would
 * write: a retry of every status of it the API asks to retry, when the call may be retried, and a
 * branch for each other status. What several calls' fixes add once to the file (the retry
 * helper, an error class, an import) is one edit. What would overlap an edit already taken (a
 * branch that rewrites the statement the call's retry rewrites, a call inside another's fix) is
 * left out, for the caller to ask again once these are applied; a call without a place for a fix
 * gets none.
 */
export function getPreferredFixEdits(
  document: TextDocument,
  parsed: ParsedDocument,
  context: ServiceContext,
): TextEdit[] {
  if (parsed.kind !== 'code') return [];
  const style = getCodeStyle(parsed.sourceFile, isTypeScript(document));
  // The statuses of each call, as the quick fixes of one of its diagnostics see them.
  const byCall = groupBy(
    statusesOfFile(document, parsed, context),
    ({ diagnostic, data }) => `${startKey(diagnostic)} ${data.method} ${data.path}`,
  );
  const taken = createEditSet(document);
  // The blocks where a fix of this pass binds names, each fresh in the file as it stands: a
  // second such fix in one block would declare them again, so it waits for the next pass.
  const bindingBlocks = new Set<ts.Node>();
  for (const group of byCall.values()) {
    const { diagnostic, data } = group[0];
    const target = getFixTarget(document, parsed, diagnostic, data, style, context);
    if (!target) continue;
    const binding = bindingBlock(target.site);
    if (binding && bindingBlocks.has(binding)) continue;
    const fixes = uniqueFixes(group.map((entry) => getStatusFix(entry.data, context)));
    const retry = fixes.some((fix) => isRetryAction(fix.action))
      ? getRetryFor(document, parsed, diagnostic, style, context, fixes)
      : undefined;
    const branches = fixes.filter((fix) => !retry?.statuses.includes(fix.status));
    const handler = branches.length > 0 ? getHandlerEdits(target, branches) : undefined;
    // Branches that rewrite what the retry rewrites (binding a bare `await`, a `try` around the
    // statement) go first and the retry waits for the next pass: a call retried first, its status
    // still read by nothing, would owe the retried statuses branches after all.
    const takeHandler = (): void => {
      if (handler && taken.add(handler.edits) && binding) bindingBlocks.add(binding);
    };
    if (retry && handler && overlaps(document, retry.fix.edits, handler.edits)) {
      takeHandler();
      continue;
    }
    if (retry && !taken.add(retry.fix.edits)) continue;
    takeHandler();
  }
  return taken.edits;
}

/**
 * The block where the call's branches bind names: `const response = await …` for a bare call, or
 * `error` and `response` added to its destructuring, each fresh in the file as it stands.
 */
function bindingBlock(site: FixSite): ts.Node | undefined {
  return site.bareAwait || site.response?.pattern ? site.statement.parent : undefined;
}

/** Whether an edit of `a` and one of `b` overlap, or start at one offset and one of them replaces text. */
function overlaps(document: TextDocument, a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  const offsets = (edit: TextEdit) => ({
    start: document.offsetAt(edit.range.start),
    end: document.offsetAt(edit.range.end),
  });
  const bs = b.map(offsets);
  return a.map(offsets).some((one) => bs.some((other) => rangesCollide(one, other)));
}

/**
 * Whether two edits cannot both be applied in any order: they overlap, or start at one offset
 * with one replacing text (edits starting at one offset apply in the order given, which the edits
 * of two fixes do not have; insertions alone keep the order the calls come in).
 */
function rangesCollide(a: OffsetRange, b: OffsetRange): boolean {
  return (
    (a.start < b.end && b.start < a.end) ||
    (a.start === b.start && (a.end > a.start || b.end > b.start))
  );
}

interface OffsetRange {
  start: number;
  end: number;
}

/** Edits taken one fix at a time: a fix overlapping one taken is refused whole; repeats of an edit taken are one. */
interface EditSet {
  /** Takes all of `edits`, or none when one overlaps an edit taken; whether they were taken. */
  add(edits: readonly TextEdit[]): boolean;
  readonly edits: TextEdit[];
}

function createEditSet(document: TextDocument): EditSet {
  const edits: TextEdit[] = [];
  const keys = new Set<string>();
  // The ranges taken, by start: disjoint but for insertions at their ends, so of those starting
  // before an offset, the last has the furthest end.
  const ranges: OffsetRange[] = [];
  const firstFrom = (offset: number): number => {
    let low = 0;
    let high = ranges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ranges[middle]!.start < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    edits,
    add(candidates) {
      const added = candidates
        .filter((edit) => !keys.has(editKey(edit)))
        .map((edit) => ({
          edit,
          start: document.offsetAt(edit.range.start),
          end: document.offsetAt(edit.range.end),
        }));
      const crosses = added.some((one) => {
        const from = firstFrom(one.start);
        const before = ranges[from - 1];
        if (before && rangesCollide(one, before)) return true;
        for (let i = from; i < ranges.length && ranges[i]!.start <= one.end; i++)
          if (rangesCollide(one, ranges[i]!)) return true;
        return false;
      });
      if (crosses) return false;
      for (const { edit, start, end } of added) {
        const key = editKey(edit);
        if (keys.has(key)) continue;
        keys.add(key);
        edits.push(edit);
        ranges.splice(firstFrom(start), 0, { start, end });
      }
      return true;
    },
  };
}

/** The retry a wrapper's call gets, by the client the wrapper makes its request with. */
const wrapperLibraries: Partial<Record<HttpClientLibrary, string>> = {
  fetch: 'wrapper',
  'openapi-fetch': 'wrapper',
  axios: 'axios-wrapper',
  ky: 'ky-wrapper',
  got: 'got-wrapper',
};

/** One edit set handling every unhandled status of every call that has a place for branches. */
function getFixAllEdits(
  document: TextDocument,
  parsed: CodeParsedDocument,
  diagnostics: StatusEntry[],
  context: ServiceContext,
  token?: CancellationCheck,
): TextEdit[] {
  const style = getCodeStyle(parsed.sourceFile, isTypeScript(document));
  const byCall = groupBy(diagnostics, (entry) => startKey(entry.diagnostic));
  const edits: TextEdit[] = [];
  // As in getPreferredFixEdits: one fix binding names a block, the block's others left for the
  // next fix all, where two would declare one name twice.
  const bindingBlocks = new Set<ts.Node>();
  let done = 0;
  for (const group of byCall.values()) {
    // Cancelled, a part of the edits is of no use: none are given, and the request is answered
    // as cancelled.
    if (++done % 64 === 0 && token?.isCancellationRequested) return [];
    const target = getFixTarget(
      document,
      parsed,
      group[0].diagnostic,
      group[0].data,
      style,
      context,
    );
    if (!target) continue;
    const binding = bindingBlock(target.site);
    if (binding && bindingBlocks.has(binding)) continue;
    const handler = getHandlerEdits(
      target,
      uniqueFixes(group.map((entry) => getStatusFix(entry.data, context))),
    );
    if (handler) {
      edits.push(...handler.edits);
      if (binding) bindingBlocks.add(binding);
    }
  }
  // What every call's fix adds once to the file (the retry helper, the error class) is one edit.
  const seen = new Set<string>();
  return edits.filter((edit) => {
    const key = editKey(edit);
    return !seen.has(key) && seen.add(key);
  });
}

/** An edit's range and text: two fixes adding one helper or class make edits of one key. */
function editKey(edit: TextEdit): string {
  const { start, end } = edit.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}\n${edit.newText}`;
}

/** Whether type annotations may go in the document. */
export function isTypeScript(document: TextDocument): boolean {
  return (
    document.languageId === 'typescript' ||
    document.languageId === 'typescriptreact' ||
    /\.[cm]?tsx?$/.test(document.uri)
  );
}
