import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver-types';

/** Snippet completions for whole error payloads, where a JSON value can go. */
export function getPayloadSnippets(
  range: Range,
  options: { inErrorsArray: boolean; problemTypePrefix?: string },
): CompletionItem[] {
  const jsonApiError = [
    '{',
    '\t"status": "${1:404}",',
    '\t"code": "${2:not-found}",',
    '\t"title": "${3:Not Found}",',
    '\t"detail": "${4}",',
    '\t"source": { "pointer": "${5:/data}" }',
    '}',
  ];
  if (options.inErrorsArray)
    return [
      snippet(
        'JSON:API error object',
        'One entry of a JSON:API `errors` array.',
        jsonApiError,
        range,
      ),
    ];
  const type = options.problemTypePrefix ? `${options.problemTypePrefix}\${1}` : '${1:about:blank}';
  return [
    snippet(
      'Problem details (RFC 9457)',
      "An `application/problem+json` body. With `about:blank`, `title` is the status's reason phrase.",
      [
        '{',
        `\t"type": "${type}",`,
        '\t"title": "${2:Not Found}",',
        '\t"status": ${3:404},',
        '\t"detail": "${4}",',
        '\t"instance": "${5:/}"',
        '}',
      ],
      range,
    ),
    snippet(
      'JSON:API error document',
      'A JSON:API document carrying its errors in a top-level `errors` array.',
      ['{', '\t"errors": [', ...jsonApiError.map((line) => `\t\t${line}`), '\t]', '}'],
      range,
    ),
  ];
}

function snippet(
  label: string,
  documentation: string,
  lines: string[],
  range: Range,
): CompletionItem {
  const text = lines.join('\n');
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail: 'API Error Contracts',
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${documentation}\n\n\`\`\`json\n${text.replace(/\$\{\d+:?([^}]*)\}/g, '$1')}\n\`\`\``,
    },
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: text },
    // Sort after the JSON service's own value proposals.
    sortText: `~${label}`,
  };
}
