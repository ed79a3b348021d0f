import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeClientAction } from '../contracts/clientActions';
import { getRegisteredStatus, getStatusTitle } from '../contracts/httpStatusRegistry';
import type { StatusLiteral } from './statusLiteral';

/** The registry hover for a status literal: RFC name, one-line meaning, default client action, link. */
export function getRegistryStatusHover(document: TextDocument, literal: StatusLiteral): Hover {
  const lines = describeRegisteredStatus(literal.code) ?? [
    `**${literal.code} ${getStatusTitle(literal.code)}**`,
    '',
    'This code is not in the IANA HTTP Status Code Registry.',
  ];
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: { start: document.positionAt(literal.start), end: document.positionAt(literal.end) },
  };
}

/** What the IANA registry and RFC 9110 say about a status, as markdown lines; undefined for an unregistered code. */
export function describeRegisteredStatus(code: number): string[] | undefined {
  const status = getRegisteredStatus(code);
  return (
    status && [
      `**${status.code} ${status.title}**`,
      '',
      status.meaning,
      '',
      `*Client action:* ${describeClientAction(status.action, status.retryAfter)}.`,
      '',
      `[${status.reference}](${status.href})`,
    ]
  );
}
