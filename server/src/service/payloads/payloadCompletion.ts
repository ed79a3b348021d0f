import * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import { describeClientAction } from '../contracts/clientActions';
import { getRegisteredStatuses } from '../contracts/httpStatusRegistry';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { createPayloadApiResolver, getConfiguredApi, type PayloadApi } from './identifyPayloadApi';
import { hasMember } from './jsonNodes';
import { getPayloadSnippets } from './payloadSnippets';
import { formatOperation, getDocumentedStatuses } from './payloadStatuses';
import type { PayloadMember, RecognisedPayload } from './recognisedPayload';
import { findPayloadAt, getRecognisedPayloads, recogniseObject } from './recognisePayloads';
import { problemMemberNames } from './recognisers/problemDetails';

// Members of mock and fixture files that hold a response body.
const bodyMemberNames = new Set(['body', 'response', 'responseBody', 'error', 'payload', 'problem', 'json']);

/**
 * Completions in error payloads: the statuses the identified API/operation documents after a
 * status member, its codes after a code member, and whole-payload snippets where a value goes.
 */
export function getPayloadCompletions(
  document: TextDocument,
  position: Position,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): CompletionList | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const location = jsonc.getLocation(text, offset);
  const last = location.path[location.path.length - 1];
  const valueNode = location.previousNode && ['string', 'number', 'boolean', 'null'].includes(location.previousNode.type) ? location.previousNode : undefined;
  const range: Range = valueNode
    ? { start: document.positionAt(valueNode.offset), end: document.positionAt(valueNode.offset + valueNode.length) }
    : { start: position, end: position };

  const configured = getConfiguredApi(document.uri, context);
  const snippets = (inErrorsArray: boolean): CompletionList | null =>
    list(getPayloadSnippets(range, { inErrorsArray, problemTypePrefix: configured?.match.problemTypePrefixes[0] }));

  // A value position in an array, or an empty document: offer whole payloads where they belong.
  if (typeof last === 'number' || location.path.length === 0) {
    if (valueNode || (location.path.length === 0 && parsed.root)) return null;
    const inErrorsArray = location.path.length >= 2 && location.path[location.path.length - 2] === 'errors';
    const array = parsed.root && location.path.length > 0 ? jsonc.findNodeAtLocation(parsed.root, location.path.slice(0, -1)) : undefined;
    const payloads = getRecognisedPayloads(parsed);
    const amongPayloads = array?.children?.some((element) => payloads.some((payload) => payload.node === element)) ?? false;
    return location.path.length === 0 || inErrorsArray || amongPayloads || configured ? snippets(inErrorsArray) : null;
  }
  if (location.isAtPropertyKey || typeof last !== 'string' || !parsed.root) return null;

  const owner = jsonc.findNodeAtLocation(parsed.root, location.path.slice(0, -1));
  if (owner?.type !== 'object') return null;
  const found = findPayloadOf(parsed, owner, offset);
  const member = found?.members.find((each) => each.owner === owner && each.name === last);
  if (!found || !member) {
    // The value of a member that holds a response body, in a file of error payloads: offer a whole payload.
    return !valueNode && (configured || bodyMemberNames.has(last)) ? snippets(false) : null;
  }
  const api = createPayloadApiResolver(document.uri, context)(found);
  const asString = found.shape === 'json-api' || (valueNode?.type === 'string' && member.role !== 'status');
  if (member.role === 'status') return list(getStatusItems(api, context, range, found.shape === 'json-api'));
  if ((member.role === 'code' || member.role === 'error-type') && api) return list(getCodeItems(api, member, range, asString || member.value?.type !== 'number'));
  return null;
}

function findPayloadOf(parsed: JsonParsedDocument, owner: jsonc.Node, offset: number): RecognisedPayload | undefined {
  const payload = findPayloadAt(parsed, offset);
  if (payload?.members.some((member) => member.owner === owner)) return payload;
  // While a value is being typed the payload may not be recognisable yet: try the object and its enclosing objects.
  for (let node: jsonc.Node | undefined = owner; node; node = node.parent) {
    if (node.type !== 'object') continue;
    const recognised = recogniseObject(node);
    if (recognised?.members.some((member) => member.owner === owner)) return recognised;
  }
  // A `status` being typed next to another problem member: a problem in the making.
  const others = problemMemberNames.filter((name) => name !== 'status' && hasMember(owner, name));
  if (hasMember(owner, 'status') && others.length > 0) {
    const property = owner.children!.find((each) => each.children?.[0]?.value === 'status')!;
    return {
      shape: 'problem-details',
      node: owner,
      errorObjects: [owner],
      members: [{ role: 'status', name: 'status', property, value: property.children?.[1], owner }],
      facts: {},
    };
  }
  return undefined;
}

function getStatusItems(api: PayloadApi | undefined, context: ServiceContext, range: Range, asString: boolean): CompletionItem[] {
  if (!api) {
    return getRegisteredStatuses()
      .filter((status) => status.code >= 400 && !status.title.startsWith('('))
      .map((status) =>
        statusItem(status.code, status.title, status.meaning, describeClientAction(status.action, status.retryAfter), 'HTTP', range, asString),
      );
  }
  const where = api.operation ? `${api.api.name} · ${formatOperation(api.operation)}` : api.api.name;
  return getDocumentedStatuses(context.contracts, api.api, api.operation)
    .filter((status) => /^\d{3}$/.test(status.key))
    .map((status) =>
      statusItem(Number(status.key), status.title, status.meaning, describeClientAction(status.action, status.retryAfter), where, range, asString),
    );
}

function statusItem(code: number, title: string, meaning: string, action: string, where: string, range: Range, asString: boolean): CompletionItem {
  const newText = asString ? `"${code}"` : String(code);
  return {
    label: String(code),
    kind: CompletionItemKind.Value,
    detail: `${title} — ${where}`,
    documentation: { kind: MarkupKind.Markdown, value: `${meaning}\n\n*Client action:* ${action}.` },
    textEdit: { range, newText },
    filterText: newText,
    sortText: String(code),
  };
}

function getCodeItems(api: PayloadApi, member: PayloadMember, range: Range, asString: boolean): CompletionItem[] {
  return api.api.errorCodes
    .filter((entry) => entry.field === member.name)
    .map((entry) => {
      const newText = asString ? JSON.stringify(entry.code) : entry.code;
      return {
        label: entry.code,
        kind: CompletionItemKind.EnumMember,
        detail: `${entry.title ?? entry.code} — ${api.api.name}`,
        documentation: { kind: MarkupKind.Markdown, value: entry.remedy ? `${entry.meaning}\n\n*What to do:* ${entry.remedy}` : entry.meaning },
        textEdit: { range, newText },
        filterText: newText,
      };
    });
}

function list(items: CompletionItem[]): CompletionList | null {
  return items.length > 0 ? { isIncomplete: false, items } : null;
}
