import * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { describeClientAction } from '../contracts/clientActions';
import { getRegisteredStatus, getRegisteredStatuses } from '../contracts/httpStatusRegistry';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import type { ServiceContext } from '../serviceContext';
import { createPayloadApiResolver, getConfiguredApi, type PayloadApi } from './identifyPayloadApi';
import { hasMember } from './jsonNodes';
import { getPayloadSnippets } from './payloadSnippets';
import { formatOperation, getDocumentedStatuses, isStatusListComplete } from './payloadStatuses';
import { getPayloadFormat, type PayloadMember, type RecognisedPayload } from './recognisedPayload';
import { findPayloadAt, getRecognisedPayloads, recogniseObject } from './recognisePayloads';
import { problemMemberNames } from './recognisers/problemDetails';

// Members of mock and fixture files that hold a response body.
const bodyMemberNames = new Set([
  'body',
  'response',
  'responseBody',
  'error',
  'payload',
  'problem',
  'json',
]);

/**
 * Completions in error payloads: the statuses the identified API/operation documents after a
 * status member, its codes after a code member, and whole-payload snippets where a value goes.
 */
export function doPayloadComplete(
  document: TextDocument,
  position: Position,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): CompletionList | null {
  const offset = document.offsetAt(position);
  const site = findCompletionSite(parsed.root, offset);
  if (!site) return null;
  const valueNode = site.value;
  const range: Range = valueNode
    ? {
        start: document.positionAt(valueNode.offset),
        end: document.positionAt(valueNode.offset + valueNode.length),
      }
    : { start: position, end: position };
  const configured = getConfiguredApi(document.uri, context);
  const snippets = (inErrorsArray: boolean): CompletionList | null =>
    list(
      getPayloadSnippets(range, {
        inErrorsArray,
        problemTypePrefix: configured?.match.problemTypePrefixes[0],
      }),
    );

  // An empty document, or an element of an array: offer whole payloads where they belong.
  if (site.kind === 'document') return snippets(false);
  if (site.kind === 'element') {
    const inErrorsArray =
      site.array.parent?.type === 'property' && site.array.parent.children?.[0]?.value === 'errors';
    const payloadNodes = new Set(getRecognisedPayloads(parsed).map((payload) => payload.node));
    const amongPayloads =
      site.array.children?.some((element) => payloadNodes.has(element)) ?? false;
    return inErrorsArray || amongPayloads || configured ? snippets(inErrorsArray) : null;
  }
  const { owner, name: last } = site;
  const found = findPayloadOf(parsed, owner, offset);
  const member = found?.members.find((each) => each.owner === owner && each.name === last);
  if (!found || !member) {
    // The value of a member that holds a response body, in a file of error payloads: offer a whole payload.
    return !valueNode && (configured || bodyMemberNames.has(last)) ? snippets(false) : null;
  }
  const api = createPayloadApiResolver(document.uri, context)(found);
  if (member.role === 'status')
    return list(getStatusItems(api, context, range, found.shape === 'json-api'));
  if (member.role !== 'code' && member.role !== 'error-type') return null;
  // While a code is being typed it names no API yet: propose those of the only API using the shape.
  const codesApi = api ?? getOnlyApiUsing(found, context);
  // Codes are strings, unless the payload being edited already writes this one as a number.
  return codesApi
    ? list(getCodeItems(codesApi, member, range, valueNode?.type !== 'number'))
    : null;
}

/** Where a value is being completed. */
type CompletionSite =
  | { kind: 'document'; value?: undefined }
  | { kind: 'element'; array: jsonc.Node; value?: undefined }
  | { kind: 'member'; owner: jsonc.Node; name: string; value: jsonc.Node | undefined };

// Worked out on the parse tree rather than by rescanning the text, which is slow in large files.
function findCompletionSite(
  root: jsonc.Node | undefined,
  offset: number,
): CompletionSite | undefined {
  if (!root) return { kind: 'document' };
  const node = jsonc.findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  const parent = node.parent;
  if (node.type === 'property') {
    const name = node.children?.[0]?.value;
    if (
      node.children?.length !== 1 ||
      node.colonOffset === undefined ||
      offset <= node.colonOffset ||
      typeof name !== 'string'
    )
      return undefined;
    return node.parent ? { kind: 'member', owner: node.parent, name, value: undefined } : undefined;
  }
  if (node.type === 'array')
    return offset > node.offset && offset < node.offset + node.length
      ? { kind: 'element', array: node }
      : undefined;
  if (node.type === 'object') return undefined;
  // A scalar: complete it when it is a member's value.
  if (parent?.type !== 'property' || parent.children?.[1] !== node || !parent.parent)
    return undefined;
  const name = parent.children[0]?.value;
  return typeof name === 'string'
    ? { kind: 'member', owner: parent.parent, name, value: node }
    : undefined;
}

function getOnlyApiUsing(
  payload: RecognisedPayload,
  context: ServiceContext,
): PayloadApi | undefined {
  const format = getPayloadFormat(payload.shape);
  const candidates = context.contracts.apis.filter((api) => api.payloadFormats.includes(format));
  return candidates.length === 1 ? { api: candidates[0]!, via: 'shape' } : undefined;
}

function findPayloadOf(
  parsed: JsonParsedDocument,
  owner: jsonc.Node,
  offset: number,
): RecognisedPayload | undefined {
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

function getStatusItems(
  api: PayloadApi | undefined,
  context: ServiceContext,
  range: Range,
  asString: boolean,
): CompletionItem[] {
  const registryItems = (except: ReadonlySet<number>, sortPrefix: string) =>
    getRegisteredStatuses()
      .filter(
        (status) => status.code >= 400 && !status.title.startsWith('(') && !except.has(status.code),
      )
      .map((status) =>
        statusItem(
          status.code,
          status.title,
          status.meaning,
          describeClientAction(status.action, status.retryAfter),
          'HTTP',
          range,
          asString,
          sortPrefix,
        ),
      );
  if (!api) return registryItems(new Set(), '');
  const where = api.operation
    ? `${api.api.name} · ${formatOperation(api.operation)}`
    : api.api.name;
  const items = getDocumentedStatuses(context.contracts, api.api, api.operation)
    .filter((status) => /^\d{3}$/.test(status.key))
    .map((status) =>
      statusItem(
        Number(status.key),
        status.title,
        status.meaning,
        describeClientAction(status.action, status.retryAfter),
        where,
        range,
        asString,
        '',
      ),
    );
  const offered = new Set(items.map((item) => Number(item.label)));
  // A status an error code is documented with is as much the API's as a listed one.
  for (const entry of api.api.errorCodes) {
    const registered = entry.status === undefined ? undefined : getRegisteredStatus(entry.status);
    if (!registered || offered.has(registered.code)) continue;
    offered.add(registered.code);
    const codes = api.api.errorCodes
      .filter((each) => each.status === registered.code)
      .map((each) => `\`${each.code}\``);
    items.push(
      statusItem(
        registered.code,
        registered.title,
        `${api.api.name} sends it with ${codes.join(', ')}. ${registered.meaning}`,
        describeClientAction(registered.action, registered.retryAfter),
        api.api.name,
        range,
        asString,
        '',
      ),
    );
  }
  // A list that is not complete does not rule the other statuses out: offer them after it.
  return isStatusListComplete(api.api, api.operation)
    ? items
    : [...items, ...registryItems(offered, 'z')];
}

function statusItem(
  code: number,
  title: string,
  meaning: string,
  action: string,
  where: string,
  range: Range,
  asString: boolean,
  sortPrefix: string,
): CompletionItem {
  const newText = asString ? `"${code}"` : String(code);
  return {
    label: String(code),
    kind: CompletionItemKind.Value,
    detail: `${title} — ${where}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${meaning}\n\n*Client action:* ${action}.`,
    },
    textEdit: { range, newText },
    filterText: newText,
    sortText: `${sortPrefix}${code}`,
  };
}

function getCodeItems(
  api: PayloadApi,
  member: PayloadMember,
  range: Range,
  asString: boolean,
): CompletionItem[] {
  return api.api.errorCodes
    .filter((entry) => entry.field === member.name)
    .map((entry) => {
      const newText = asString ? JSON.stringify(entry.code) : entry.code;
      return {
        label: entry.code,
        kind: CompletionItemKind.EnumMember,
        detail: `${entry.title ?? entry.code} — ${api.api.name}`,
        documentation: {
          kind: MarkupKind.Markdown,
          value: entry.remedy ? `${entry.meaning}\n\n*What to do:* ${entry.remedy}` : entry.meaning,
        },
        textEdit: { range, newText },
        filterText: newText,
      };
    });
}

function list(items: CompletionItem[]): CompletionList | null {
  return items.length > 0 ? { isIncomplete: false, items } : null;
}
