import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { getActionPhrase, isRetryAction } from '../contracts/clientActions';
import { getGenericStatusContract, getStatusTitle } from '../contracts/httpStatusRegistry';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import { describeStatusContract } from '../hover/statusContractLines';
import type { ServiceContext } from '../serviceContext';
import { getCodeAnalysis, type AnalysedCall, type StatusTreatmentKind } from './codeAnalysis';
import { exactStatus } from '../contracts/statusKey';
import { uriFileName } from '../documents/uriFileName';

/**
 * Hovers in client code: on a status literal tested against a recognised call's response, what
 * the call's API says about that status for that operation; on the URL of a recognised call,
 * the operation's contract and which of its statuses this call handles. Null elsewhere, so the
 * registry hover answers for other status literals.
 */
export function doCodeHover(
  document: TextDocument,
  position: Position,
  parsed: CodeParsedDocument,
  context: ServiceContext,
): Hover | null {
  const analysis = getCodeAnalysis(parsed, context);
  if (analysis.calls.length === 0) return null;
  const offset = document.offsetAt(position);
  const sourceFile = parsed.sourceFile;
  for (const call of analysis.calls) {
    if (!call.match) continue;
    for (const check of call.handling.checks) {
      if (offset < check.node.getStart(sourceFile) || offset > check.node.end) continue;
      const literal = findNumericLiteral(check.node, offset, sourceFile);
      const code = literal && Number(literal.text);
      if (!literal || !code || !Number.isInteger(code) || code < 100 || code > 599) continue;
      return {
        contents: {
          kind: MarkupKind.Markdown,
          value: describeStatusForCall(call, code, context).join('\n'),
        },
        range: {
          start: document.positionAt(literal.getStart(sourceFile)),
          end: document.positionAt(literal.end),
        },
      };
    }
  }
  for (const call of analysis.calls) {
    if (!call.match || offset < call.urlNode.getStart(sourceFile) || offset > call.urlNode.end)
      continue;
    return {
      contents: { kind: MarkupKind.Markdown, value: describeCallContract(call).join('\n') },
      range: {
        start: document.positionAt(call.urlNode.getStart(sourceFile)),
        end: document.positionAt(call.urlNode.end),
      },
    };
  }
  return null;
}

function findNumericLiteral(
  node: ts.Node,
  offset: number,
  sourceFile: ts.SourceFile,
): ts.NumericLiteral | undefined {
  if (ts.isNumericLiteral(node))
    return node.getStart(sourceFile) <= offset && offset <= node.end ? node : undefined;
  return ts.forEachChild(node, (child) =>
    child.getStart(sourceFile) <= offset && offset <= child.end
      ? findNumericLiteral(child, offset, sourceFile)
      : undefined,
  );
}

function operationLabel(call: AnalysedCall): string {
  const operation = call.match?.operation;
  return operation ? `${operation.method} ${operation.path}` : `${call.method} ${call.url.path}`;
}

/** What the call's API says about one status, and whether the call handles it: markdown lines. */
export function describeStatusForCall(
  call: AnalysedCall,
  status: number,
  context: ServiceContext,
): string[] {
  const { api, operation } = call.match!;
  const resolved = context.contracts.resolveStatus(api, operation, status);
  const lines = [
    `**${status} ${resolved?.title || getStatusTitle(status)}** · ${api.name} · \`${operationLabel(call)}\``,
    '',
  ];
  if (resolved) {
    lines.push(...describeStatusContract(resolved));
  } else {
    const generic = getGenericStatusContract(status);
    lines.push(`${api.name} does not document ${status} for \`${operationLabel(call)}\`.`, '');
    if (generic) lines.push(`Generic meaning: ${generic.meaning}`, '');
  }
  lines.push(
    `*This call:* ${describeTreatment(call.treatment(status), resolved ? isRetryAction(resolved.action) : false)}.`,
  );
  const docs = resolved?.docs ?? operation?.docs ?? api.docs;
  if (docs) lines.push('', `[${api.name} documentation](${docs})`);
  return lines;
}

/** The operation's contract and this call's handling of each documented status. */
function describeCallContract(call: AnalysedCall): string[] {
  const { api, operation } = call.match!;
  const lines = [
    `**\`${operationLabel(call)}\`** · ${api.name}${operation?.summary ? ` — ${operation.summary}` : ''}`,
    '',
  ];
  if (!operation) {
    lines.push(
      `${api.name} does not document \`${call.method} ${call.url.path}\`; its API-wide statuses apply.`,
    );
    if (api.docs) lines.push('', `[${api.name} documentation](${api.docs})`);
    return lines;
  }
  const statuses = call.documented
    .map((entry) => ({ entry, code: exactStatus(entry) }))
    .filter(
      (each): each is { entry: (typeof call.documented)[number]; code: number } =>
        each.code !== undefined && each.code >= 400,
    )
    .sort((a, b) => a.code - b.code);
  // `4XX`, `5XX` and `default` stand for every status the operation does not list.
  const others = call.documented
    .filter((entry) => exactStatus(entry) === undefined)
    .sort((a, b) => otherKeyOrder(a.key) - otherKeyOrder(b.key));
  if (statuses.length === 0) {
    lines.push(
      others.length === 0
        ? `The description documents no error responses for \`${operationLabel(call)}\`.`
        : `The description documents no error status for \`${operationLabel(call)}\`; only ${others.map((entry) => `\`${entry.key}\``).join(' and ')}:`,
    );
  } else {
    lines.push('| Status | Client action | This call |', '| --- | --- | --- |');
    for (const { entry, code } of statuses) {
      lines.push(
        `| ${code} ${entry.title} | ${getActionPhrase(entry.action)} | ${describeTreatment(call.treatment(code), isRetryAction(entry.action))} |`,
      );
    }
  }
  if (others.length > 0) {
    lines.push('');
    for (const entry of others) lines.push(`- \`${entry.key}\` — ${entry.meaning}`);
  }
  const location = operation.location;
  if (location) {
    const name = uriFileName(location.uri);
    const pointer = location.pointer ? ` at \`#${location.pointer}\`` : '';
    lines.push('', `Described in [${name}](${location.uri})${pointer}.`);
  }
  const docs = operation.docs ?? api.docs;
  if (docs) lines.push('', `[${api.name} documentation](${docs})`);
  return lines;
}

/** Ranges before `default`, as a reader goes from the more to the less specific. */
function otherKeyOrder(key: string): number {
  return key === 'default' ? 9 : Number(key[0]);
}

function describeTreatment(treatment: StatusTreatmentKind, retry: boolean): string {
  switch (treatment) {
    case 'retry':
      return 'retried';
    case 'specific':
      return 'handled';
    case 'range':
      return 'handled by a status range';
    case 'generic':
      return retry
        ? 'not handled — only a generic failure branch, which does not retry'
        : 'handled by the generic failure branch';
    default:
      return 'not handled';
  }
}
