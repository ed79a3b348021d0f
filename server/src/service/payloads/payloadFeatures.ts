import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { getPayloadCompletions } from './payloadCompletion';
import { getPayloadHover } from './payloadHover';
import { validatePayloads } from './payloadValidation';

/** Hover on a member of an error payload in JSON. */
export function doPayloadHover(
  document: TextDocument,
  position: Position,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): Hover | null {
  return getPayloadHover(document, position, parsed, context);
}

/** Diagnostics for the error payloads in a JSON document. */
export function doPayloadValidation(
  document: TextDocument,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): Diagnostic[] {
  return validatePayloads(document, parsed, context);
}

/** Completions inside an error payload. */
export function doPayloadComplete(
  document: TextDocument,
  position: Position,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): CompletionList | null {
  return getPayloadCompletions(document, position, parsed, context);
}
