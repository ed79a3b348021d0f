import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeClientAction } from '../contracts/clientActions';
import { getRegisteredStatus, getStatusTitle } from '../contracts/httpStatusRegistry';
import type { StatusLiteral } from './statusLiteral';

/** The registry hover for a status literal: RFC name, one-line meaning, default client action, link. */
export function getRegistryStatusHover(document: TextDocument, literal: StatusLiteral): Hover {
  const status = getRegisteredStatus(literal.code);
  const lines = status
    ? [
        `**${status.code} ${status.title}**`,
        '',
        status.meaning,
        '',
        `*Client action:* ${describeClientAction(status.action, status.retryAfter)}.`,
        '',
        `[${status.reference}](${status.href})`,
      ]
    : [
        `**${literal.code} ${getStatusTitle(literal.code)}**`,
        '',
        'This code is not in the IANA HTTP Status Code Registry.',
      ];
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: { start: document.positionAt(literal.start), end: document.positionAt(literal.end) },
  };
}
