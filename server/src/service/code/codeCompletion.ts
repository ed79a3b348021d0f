import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { getCodeAnalysis, type AnalysedCall } from './codeAnalysis';
import { describeStatusForCall } from './codeHover';
import { getActionPhrase } from '../contracts/clientActions';
import { exactStatus } from '../contracts/statusKey';
import { isStatusHandled } from './rules/unhandledStatus';
import { getCodeStyle } from './codeActions/codeStyle';
import { isTypeScript } from './codeActions/codeActions';
import {
  bindingEdits,
  caughtBody,
  inAsyncFunction,
  errorGuard,
  getErrorClassEdits,
  responseBody,
  type FixTarget,
} from './codeActions/handlerEdits';
import { getFixSite, type ClientLibrary } from './codeActions/fixSite';
import { getStatusFix } from './codeActions/statusFix';
import type { StatusContract } from '../contracts/model';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';

/**
 * Completions in client code: after `case ` in a `switch` on a recognised call's status, the
 * statuses its operation documents (the unhandled first); at the start of a statement after a
 * `fetch` response with no status switch yet, a whole `switch` handling every documented status.
 */
export function doCodeComplete(
  document: TextDocument,
  position: Position,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): CompletionList | null {
  const offset = document.offsetAt(position);
  const analysis = getCodeAnalysis(parsed, context);
  const known = analysis.calls.filter(
    (call) => call.match?.operation && documentedCodes(call).length > 0,
  );
  if (known.length === 0) return null;
  const text = document.getText();
  for (const call of known) {
    for (const construct of call.handling.constructs) {
      if (construct.kind !== 'switch' || !ts.isSwitchStatement(construct.node)) continue;
      const typed = findTypedCase(construct.node, text, offset, parsed.sourceFile);
      if (typed)
        return {
          isIncomplete: false,
          // A colon already after the cursor stays the clause's own.
          items: caseItems(call, construct.node, typed, context, text[offset] !== ':'),
        };
    }
  }
  const items: CompletionItem[] = [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // Only at the start of a statement: the line holds nothing but the word being typed.
  const word = /^[ \t]*([A-Za-z]*)$/.exec(text.slice(lineStart, offset));
  if (!word) return null;
  for (const call of known) {
    const item = switchItem(document, call, offset, offset - word[1]!.length, parsed, context);
    if (item) items.push(item);
  }
  return items.length > 0 ? { isIncomplete: false, items } : null;
}

/** The documented error statuses of the call's operation, in order. */
function documentedCodes(call: AnalysedCall): { code: number; entry: StatusContract }[] {
  return call.documented
    .map((entry) => ({ entry, code: exactStatus(entry) }))
    .filter(
      (each): each is { entry: StatusContract; code: number } =>
        each.code !== undefined && each.code >= 400,
    )
    .sort((a, b) => a.code - b.code);
}

/** The range of the status typed after `case ` at the offset (empty when nothing is typed yet). */
function findTypedCase(
  statement: ts.SwitchStatement,
  text: string,
  offset: number,
  sourceFile: ts.SourceFile,
): Range | undefined {
  for (const clause of statement.caseBlock.clauses) {
    if (!ts.isCaseClause(clause)) continue;
    const keywordEnd = clause.getStart(sourceFile) + 'case'.length;
    if (offset <= keywordEnd) continue;
    const typed = /^\s+(\d*)$/.exec(text.slice(keywordEnd, offset));
    // The clause's expression is missing (nothing typed) or is the number being typed.
    const expression = clause.expression;
    const missing = expression.end === expression.pos || expression.getWidth(sourceFile) === 0;
    if (!typed || (!missing && !(ts.isNumericLiteral(expression) && expression.end >= offset)))
      continue;
    return {
      start: sourceFile.getLineAndCharacterOfPosition(offset - typed[1]!.length),
      end: sourceFile.getLineAndCharacterOfPosition(offset),
    };
  }
  return undefined;
}

function caseItems(
  call: AnalysedCall,
  statement: ts.SwitchStatement,
  range: Range,
  context: ServiceContext,
  withColon: boolean,
): CompletionItem[] {
  const present = new Set(
    statement.caseBlock.clauses.flatMap((clause) =>
      ts.isCaseClause(clause) && ts.isNumericLiteral(clause.expression)
        ? [Number(clause.expression.text)]
        : [],
    ),
  );
  return documentedCodes(call)
    .filter(({ code }) => !present.has(code))
    .map(({ code, entry }) => {
      const handled = isStatusHandled(call, entry, code);
      return {
        label: String(code),
        kind: CompletionItemKind.EnumMember,
        detail: `${entry.title} — ${getActionPhrase(entry.action)}${handled ? '' : ' (not handled)'}`,
        documentation: {
          kind: MarkupKind.Markdown,
          value: describeStatusForCall(call, code, context).join('\n'),
        },
        // Unhandled statuses first, each group in numeric order.
        sortText: `${handled ? 1 : 0}${code}`,
        // A complete `case 409:`: without the colon the clause is a syntax error.
        textEdit: { range, newText: withColon ? `${code}:` : String(code) },
      };
    });
}

// The shape of a call's result the inserted switch reads: a response, or a caught error.
const switchLibraries: Record<AnalysedCall['library'], ClientLibrary> = {
  fetch: 'fetch',
  wrapper: 'fetch',
  'openapi-fetch': 'openapi-fetch',
  axios: 'axios',
  ky: 'ky',
  got: 'got',
};

/**
 * A `switch` on the call's status with a case for every documented error status: after the
 * statement holding a fetch-like call (on `res.status`, a destructured `status`, openapi-fetch's
 * `response.status`), or inside the `catch` of a throwing client's call (on the caught error's
 * status, behind the library's own error test).
 */
function switchItem(
  document: TextDocument,
  call: AnalysedCall,
  offset: number,
  wordStart: number,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): CompletionItem | undefined {
  if (call.handling.constructs.some((construct) => construct.kind === 'switch')) return undefined;
  if (call.via && call.via.outcome !== 'returns-response') return undefined;
  const site = getFixSite(call, switchLibraries[call.library]);
  if (!site) return undefined;
  const { api, operation } = call.match!;
  const style = getCodeStyle(parsed.sourceFile, isTypeScript(document));
  const target: FixTarget = {
    document,
    sourceFile: parsed.sourceFile,
    style,
    site,
    method: operation!.method,
    path: operation!.path,
  };
  const text = document.getText();
  const indent = text.slice(text.lastIndexOf('\n', wordStart - 1) + 1, wordStart);
  const inner = indent + style.indentUnit;
  const end = style.semicolons ? ';' : '';
  const codes = documentedCodes(call);
  const fixes = codes.map(({ code, entry }) =>
    getStatusFix(
      {
        status: code,
        method: target.method,
        path: target.path,
        apiId: api.id,
        action: entry.action,
      },
      context,
    ),
  );
  let label: string;
  let lines: string[];
  let edits: TextEdit[];
  if (site.handling.kind === 'catch') {
    // Inside the catch block, where the caught error is in scope.
    const block = site.handling.block;
    if (offset <= block.getStart(parsed.sourceFile) || offset >= block.end) return undefined;
    const errorName = site.handling.errorName;
    const guard = errorGuard(target, errorName);
    if (!guard) return undefined;
    const caseIndent = inner + style.indentUnit;
    label = `switch (${guard.status})`;
    lines = [`if (${guard.test}) {`, `${inner}switch (${guard.status}) {`];
    fixes.forEach((fix) =>
      lines.push(
        `${caseIndent}case ${fix.status}:`,
        ...caughtBody(
          target,
          fix,
          errorName,
          caseIndent + style.indentUnit,
          inAsyncFunction(block),
        ),
      ),
    );
    lines.push(`${inner}}`, `${indent}}`);
    edits = guard.edits;
  } else {
    const statement = site.statement;
    const access = site.response;
    if (
      !access ||
      site.library === 'axios' ||
      site.library === 'ky' ||
      site.library === 'got' ||
      offset < statement.end ||
      !ts.isBlock(statement.parent) ||
      offset >= statement.parent.end
    )
      return undefined;
    const bindings = bindingEdits(target, access, fixes);
    if (!bindings) return undefined;
    label = `switch (${access.status})`;
    lines = [`switch (${access.status}) {`];
    fixes.forEach((fix) =>
      lines.push(
        `${inner}case ${fix.status}:`,
        ...responseBody(target, fix, access, inner + style.indentUnit),
      ),
    );
    const failed = `${target.method} ${target.path} failed: \${${access.status}}`;
    // Without the response at hand, a failure is what is not a 2xx.
    const failure = access.body !== undefined ? `!${access.body}.ok` : `${access.status} >= 300`;
    lines.push(
      `${inner}default:`,
      `${inner}${style.indentUnit}if (${failure}) throw new Error(\`${failed}\`)${end}`,
      `${indent}}`,
    );
    edits = bindings;
  }
  const classEdits = getErrorClassEdits(
    document,
    parsed.sourceFile,
    style,
    codes.map(({ entry }) => entry.action),
  );
  const additionalTextEdits = [...edits, ...classEdits];
  return {
    label,
    filterText: 'switch',
    kind: CompletionItemKind.Snippet,
    detail: `Handle every status ${target.method} ${target.path} documents (${api.name})`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `A case for ${codes
        .map(({ code, entry }) => `${code} ${entry.title}`)
        .join(', ')}, each doing what ${api.name} asks.`,
    },
    insertTextFormat: InsertTextFormat.PlainText,
    ...(additionalTextEdits.length > 0 && { additionalTextEdits }),
    // The lines carry their indentation; a client adjusting it again would indent them twice.
    insertTextMode: InsertTextMode.asIs,
    textEdit: {
      range: { start: document.positionAt(wordStart), end: document.positionAt(offset) },
      newText: lines.join(style.eol),
    },
    sortText: '0',
  };
}
