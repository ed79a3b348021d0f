import * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-types';
import { DiagnosticCode, getDiagnosticData } from '../diagnostics';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import { getPropertyName } from './jsonNodes';

const replacementCodes = [
  DiagnosticCode.problemMemberType,
  DiagnosticCode.jsonApiStatusFormat,
  DiagnosticCode.jsonApiSourcePointer,
  DiagnosticCode.unknownErrorCode,
] as const;

/**
 * Quick fixes for the payload diagnostics in `context`, from the `data` each carries: the value a
 * member should have, the reason phrase of an `about:blank` problem, `errors` wrapped in an
 * array, a `data` member removed. A diagnostic whose range no longer covers the node it was
 * reported on (the document changed since) gets no fix.
 */
export function doPayloadCodeActions(
  document: TextDocument,
  actionContext: CodeActionContext,
  parsed: JsonParsedDocument,
): CodeAction[] {
  const wanted =
    !actionContext.only ||
    actionContext.only.some(
      (only) => CodeActionKind.QuickFix === only || CodeActionKind.QuickFix.startsWith(`${only}.`),
    );
  if (!wanted || !parsed.root) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of actionContext.diagnostics) {
    const node = findReportedNode(document, parsed.root, diagnostic);
    if (!node) continue;
    const action = getFix(document, diagnostic, node);
    if (action) actions.push(action);
  }
  return actions;
}

function getFix(
  document: TextDocument,
  diagnostic: Diagnostic,
  node: jsonc.Node,
): CodeAction | undefined {
  const member = node.parent?.type === 'property' ? getPropertyName(node.parent) : undefined;
  for (const code of replacementCodes) {
    const data = getDiagnosticData(diagnostic, code);
    if (!data || !member || node.parent?.children?.[1] !== node) continue;
    const value = JSON.stringify(data.replacement);
    // A suggested code is a guess at what was meant; a value of the right type is the fix.
    return quickFix(
      `Change \`${member}\` to ${value}`,
      document,
      diagnostic,
      code !== 'unknown-error-code',
      [replace(document, node, value)],
    );
  }
  const title = getDiagnosticData(diagnostic, DiagnosticCode.problemTitleMismatch);
  if (title && member === 'title' && node.type === 'string') {
    const value = JSON.stringify(title.expected);
    return quickFix(`Change \`title\` to ${value}`, document, diagnostic, true, [
      replace(document, node, value),
    ]);
  }
  const wrap = getDiagnosticData(diagnostic, DiagnosticCode.jsonApiErrorsNotArray);
  if (wrap && member === 'errors' && node.type === 'object') {
    const text = document.getText().slice(node.offset, node.offset + node.length);
    return quickFix('Wrap `errors` in an array', document, diagnostic, true, [
      replace(document, node, `[${text}]`),
    ]);
  }
  const remove = getDiagnosticData(diagnostic, DiagnosticCode.jsonApiDataAndErrors);
  const property = node.parent;
  if (remove && property?.type === 'property' && property.children?.[0] === node) {
    if (getPropertyName(property) !== remove.member) return undefined;
    return quickFix(`Remove \`${remove.member}\``, document, diagnostic, false, [
      removeProperty(document, property),
    ]);
  }
  return undefined;
}

/** The node whose range is exactly the diagnostic's. */
function findReportedNode(
  document: TextDocument,
  root: jsonc.Node,
  diagnostic: Diagnostic,
): jsonc.Node | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  for (
    let node: jsonc.Node | undefined = jsonc.findNodeAtOffset(root, start, false);
    node;
    node = node.parent
  ) {
    if (node.offset === start && node.offset + node.length === end) return node;
    if (node.offset < start) return undefined;
  }
  return undefined;
}

/** Removes the property with the comma that separates it, leaving the rest as written. */
function removeProperty(document: TextDocument, property: jsonc.Node): TextEdit {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const [start, end] = next
    ? [property.offset, next.offset]
    : previous
      ? [previous.offset + previous.length, property.offset + property.length]
      : [property.offset, property.offset + property.length];
  return {
    range: { start: document.positionAt(start), end: document.positionAt(end) },
    newText: '',
  };
}

function replace(document: TextDocument, node: jsonc.Node, newText: string): TextEdit {
  return {
    range: {
      start: document.positionAt(node.offset),
      end: document.positionAt(node.offset + node.length),
    },
    newText,
  };
}

function quickFix(
  title: string,
  document: TextDocument,
  diagnostic: Diagnostic,
  isPreferred: boolean,
  edits: TextEdit[],
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(isPreferred && { isPreferred }),
    edit: { changes: { [document.uri]: edits } },
  };
}
