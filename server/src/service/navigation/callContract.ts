import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { CallContract } from '../../../../common/protocol';
import { findCallAt, getCodeAnalysis } from '../code/codeAnalysis';
import { doCodeHover } from '../code/codeHover';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { doDefinition, type SpecLocator } from './definition';

/**
 * The contract of the recognised call at `position` (anywhere in the call): the URL hover's
 * markdown (the operation's statuses and this call's handling of each) and, when a description
 * defines the operation, where. Null when no call there goes to a known API.
 */
export function getCallContract(
  document: TextDocument,
  position: Position,
  parsed: CodeParsedDocument,
  context: ServiceContext,
  locator: SpecLocator,
): CallContract | null {
  const call = findCallAt(getCodeAnalysis(parsed, context), document.offsetAt(position));
  if (!call?.match) return null;
  // The URL is where the hover and go-to-definition answer for the call.
  const urlPosition = document.positionAt(call.urlNode.getStart(parsed.sourceFile));
  const hover = doCodeHover(document, urlPosition, parsed, context);
  const contents = hover?.contents;
  const markdown =
    contents && typeof contents === 'object' && 'kind' in contents ? contents.value : '';
  const { api, operation } = call.match;
  const contract: CallContract = {
    operation: operation
      ? `${operation.method} ${operation.path}`
      : `${call.method} ${call.url.path}`,
    apiName: api.name,
    markdown,
  };
  const link = operation?.location
    ? doDefinition(document, urlPosition, parsed, context, locator)?.[0]
    : undefined;
  if (link) contract.location = { uri: link.targetUri, range: link.targetSelectionRange };
  return contract;
}
