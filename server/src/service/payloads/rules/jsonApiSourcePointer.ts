import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getMemberValue } from '../jsonNodes';
import type { PayloadRule } from './payloadRule';
import { DiagnosticCode, type PayloadReplacementData } from '../../diagnostics';

// RFC 6901: empty, or `/`-separated reference tokens in which `~` only starts `~0` or `~1`.
const jsonPointer = /^(\/([^~]|~[01])*)*$/;

/** JSON:API: `source.pointer` is a JSON Pointer (RFC 6901) into the request document. */
export const jsonApiSourcePointer: PayloadRule = {
  code: DiagnosticCode.jsonApiSourcePointer,
  severity: DiagnosticSeverity.Warning,
  href: 'https://jsonapi.org/format/#error-objects',
  check({ payload }, report) {
    if (payload.shape !== 'json-api') return;
    for (const error of payload.errorObjects) {
      const source = getMemberValue(error, 'source');
      const pointer = source?.type === 'object' ? getMemberValue(source, 'pointer') : undefined;
      if (!pointer || (pointer.type === 'string' && jsonPointer.test(pointer.value as string)))
        continue;
      const text = pointer.type === 'string' ? (pointer.value as string) : undefined;
      const fixed =
        text !== undefined && !text.startsWith('/') && jsonPointer.test(`/${text}`)
          ? `/${text}`
          : undefined;
      report({
        node: pointer,
        message:
          text === undefined
            ? '`source.pointer` must be a string holding a JSON Pointer (RFC 6901), such as "/data/attributes/title".'
            : `\`source.pointer\` "${text}" is not a JSON Pointer; it must be empty or start with \`/\`, with \`~\` written \`~0\` (RFC 6901), such as "/data/attributes/title".`,
        data: fixed ? ({ replacement: fixed } satisfies PayloadReplacementData) : undefined,
      });
    }
  },
};
