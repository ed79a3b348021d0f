import * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { getRegisteredStatus, getStatusTitle } from '../contracts/httpStatusRegistry';
import type { ErrorCodeContract } from '../contracts/model';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import { describeStatusContract } from '../hover/statusContractLines';
import { describeRegisteredStatus, getRegistryStatusHover } from '../hover/statusHover';
import type { ServiceContext } from '../serviceContext';
import { createPayloadApiResolver, type PayloadApi } from './identifyPayloadApi';
import { toStatusCode } from './jsonNodes';
import {
  findCodeDocumentingStatus,
  formatOperation,
  getCodeStatuses,
  getDocumentedStatuses,
  isStatusListComplete,
  resolvePayloadStatus,
  sortStatusKeys,
} from './payloadStatuses';
import type { PayloadMember, RecognisedPayload } from './recognisedPayload';
import { findPayloadAt } from './recognisePayloads';

/**
 * Explains the payload member under the cursor for the API the payload belongs to: a status, an
 * application code or error type, a problem `type`, `title` or `instance`. Null when the cursor
 * is not on such a member (the registry hover then answers for status literals).
 */
export function doPayloadHover(
  document: TextDocument,
  position: Position,
  parsed: JsonParsedDocument,
  context: ServiceContext,
): Hover | null {
  const offset = document.offsetAt(position);
  const payload = findPayloadAt(parsed, offset);
  if (!payload) return null;
  const member = payload.members.find((each) => contains(each.property, offset));
  const api = createPayloadApiResolver(document.uri, context)(payload);
  if (!member?.value || member.role === 'detail')
    return api ? describePayloadField(document, payload, offset, api) : null;
  const range = {
    start: document.positionAt(member.value.offset),
    end: document.positionAt(member.value.offset + member.value.length),
  };
  const hover = (lines: string[] | undefined): Hover | null =>
    lines ? { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range } : null;

  switch (member.role) {
    case 'status': {
      const status = toStatusCode(member.value);
      if (status === undefined) return null;
      if (!api)
        return getRegistryStatusHover(document, {
          code: status,
          start: member.value.offset,
          end: member.value.offset + member.value.length,
        });
      return hover(describeStatus(status, api, context, payload, member));
    }
    case 'title': {
      const status = getOwnerStatus(payload, member);
      return status === undefined
        ? null
        : hover(
            api
              ? describeStatus(status, api, context, payload, member)
              : describeGenericStatus(status),
          );
    }
    case 'code':
    case 'error-type':
      return api && (member.value.type === 'string' || member.value.type === 'number')
        ? hover(describeCode(String(member.value.value), member, api))
        : null;
    case 'problem-type':
    case 'instance':
      return member.value.type === 'string'
        ? hover(describeProblem(member, payload, api, context))
        : null;
    default:
      return null;
  }
}

/** The API's documented meaning of the member under the cursor (`detail`, `error_details`, `source.pointer`). */
function describePayloadField(
  document: TextDocument,
  payload: RecognisedPayload,
  offset: number,
  api: PayloadApi,
): Hover | null {
  const fields = api.api.payloadFields;
  if (!fields?.length) return null;
  let property = jsonc.findNodeAtOffset(payload.node, offset, true);
  while (property && property.type !== 'property') property = property.parent;
  if (!property?.children?.[0]) return null;
  // The member's dotted path from the object describing the error (or the payload itself).
  const names: string[] = [];
  for (let node: jsonc.Node | undefined = property; node; node = node.parent) {
    if (node.type === 'property') names.unshift(String(node.children?.[0]?.value));
    if (node.type === 'object' && (payload.errorObjects.includes(node) || node === payload.node))
      break;
    if (node.type === 'array') return null;
  }
  const name = names.join('.');
  const field = fields.find((each) => each.name === name);
  if (!field) return null;
  const key = property.children[0];
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: `**\`${name}\`** · ${api.api.name}\n\n${field.meaning}`,
    },
    range: {
      start: document.positionAt(key.offset),
      end: document.positionAt(key.offset + key.length),
    },
  };
}

function describeStatus(
  status: number,
  api: PayloadApi,
  context: ServiceContext,
  payload: RecognisedPayload,
  member: PayloadMember,
): string[] {
  const { api: contract, operation } = api;
  const where = operation ? ` for \`${formatOperation(operation)}\`` : '';
  const heading = `**${status} ${getStatusTitle(status)}** · ${contract.name}${operation ? ` · \`${formatOperation(operation)}\`` : ''}`;
  const resolved = resolvePayloadStatus(context.contracts, contract, operation, status);
  const complete = isStatusListComplete(contract, operation);
  const lines = [heading, ''];
  if (resolved) {
    lines.push(...describeStatusContract(resolved));
  } else {
    const code = findCodeDocumentingStatus(contract, payload, member, status);
    const registered = getRegisteredStatus(status);
    lines.push(
      code
        ? `${contract.name} sends ${status} with the \`${code.field}\` "${code.code}": ${code.meaning}`
        : complete
          ? `${contract.name} does not document ${status}${where}.`
          : `${contract.name} describes no ${status} of its own; its documentation does not list every status it answers.`,
      '',
    );
    if (registered) lines.push(`Generic meaning: ${registered.meaning}`, '');
  }
  const documented = getDocumentedStatuses(context.contracts, contract, operation).map(
    (entry) => entry.key,
  );
  // Where the list is not complete, the statuses its codes come with are as documented as the rest.
  const described = complete
    ? sortStatusKeys(documented)
    : sortStatusKeys([...documented, ...getCodeStatuses(contract).map(String)]);
  if (described.length > 0)
    lines.push(
      complete
        ? `*Documented${where}:* ${described.join(', ')}`
        : `*Described (not a complete list):* ${described.join(', ')}`,
      '',
    );
  const docs = resolved?.docs ?? operation?.docs ?? contract.docs;
  if (docs) lines.push(`[${contract.name} documentation](${docs})`);
  return trimEnd(lines);
}

function describeGenericStatus(status: number): string[] {
  return describeRegisteredStatus(status) ?? [`**${status} ${getStatusTitle(status)}**`];
}

function describeCode(code: string, member: PayloadMember, api: PayloadApi): string[] {
  const contract = api.api;
  const entry: ErrorCodeContract | undefined =
    contract.errorCodes.find((each) => each.field === member.name && each.code === code) ??
    contract.errorCodes.find((each) => each.code === code);
  if (!entry) {
    return trimEnd([
      `**\`${code}\`** · ${contract.name}`,
      '',
      contract.exhaustiveCodeFields?.includes(member.name)
        ? `${contract.name} does not document the \`${member.name}\` "${code}".`
        : `${contract.name} describes no \`${member.name}\` "${code}"; the codes it documents are examples, not a complete list.`,
      '',
      contract.docs ? `[${contract.name} documentation](${contract.docs})` : '',
    ]);
  }
  const lines = [
    `**\`${code}\`**${entry.title ? ` ${entry.title}` : ''} · ${contract.name}`,
    '',
    entry.meaning,
    '',
  ];
  if (entry.remedy) lines.push(`*What to do:* ${entry.remedy}`, '');
  const facts: string[] = [];
  if (entry.status !== undefined)
    facts.push(`Sent with ${entry.status} ${getStatusTitle(entry.status)}.`);
  if (entry.retryable !== undefined)
    facts.push(
      entry.retryable
        ? 'Retrying the same request can succeed.'
        : 'Retrying the same request fails again.',
    );
  if (facts.length) lines.push(facts.join(' '), '');
  if (contract.docs) lines.push(`[${contract.name} documentation](${contract.docs})`);
  return trimEnd(lines);
}

function describeProblem(
  member: PayloadMember,
  payload: RecognisedPayload,
  api: PayloadApi | undefined,
  context: ServiceContext,
): string[] {
  const value = member.value!.value as string;
  const status = getOwnerStatus(payload, member);
  if (member.role === 'problem-type' && value === 'about:blank') {
    const lines = [
      '**`about:blank`**',
      '',
      "The problem has no meaning beyond its HTTP status; `title` should be the status's reason phrase.",
    ];
    return status === undefined
      ? lines
      : [
          ...lines,
          '',
          '---',
          '',
          ...(api
            ? describeStatus(status, api, context, payload, member)
            : describeGenericStatus(status)),
        ];
  }
  if (!api) {
    const lines = [
      `**Problem ${member.role === 'instance' ? 'instance' : 'type'}** \`${value}\``,
      '',
      'No known API uses it; the status has its generic HTTP meaning.',
    ];
    return status === undefined
      ? lines
      : [...lines, '', '---', '', ...describeGenericStatus(status)];
  }
  const via =
    api.via === 'config'
      ? ' (from the settings)'
      : api.via === 'shape'
        ? ' (from the payload shape)'
        : '';
  const lines = [
    `**Problem ${member.role === 'instance' ? 'instance' : 'type'}** of ${api.api.name}${via}`,
  ];
  if (api.operation) lines.push('', `Operation: \`${formatOperation(api.operation)}\``);
  if (status !== undefined)
    lines.push('', '---', '', ...describeStatus(status, api, context, payload, member));
  else if (api.api.docs) lines.push('', `[${api.api.name} documentation](${api.api.docs})`);
  return lines;
}

function getOwnerStatus(payload: RecognisedPayload, member: PayloadMember): number | undefined {
  const status = payload.members.find(
    (each) => each.role === 'status' && each.owner === member.owner,
  );
  return toStatusCode(status?.value);
}

function contains(node: jsonc.Node, offset: number): boolean {
  return node.offset <= offset && offset <= node.offset + node.length;
}

function trimEnd(lines: string[]): string[] {
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
