import type * as jsonc from 'jsonc-parser';
import { getMemberValue, hasMember, toStatusCode } from '../jsonNodes';
import type { PayloadMemberRole, RecognisedPayload } from '../recognisedPayload';
import { collectCodes, collectMembers } from './payloadMembers';

/** The members RFC 9457 defines. */
export const problemMemberNames = ['type', 'title', 'status', 'detail', 'instance'] as const;

const roles: Record<string, PayloadMemberRole> = {
  type: 'problem-type',
  title: 'title',
  status: 'status',
  detail: 'detail',
  instance: 'instance',
  // A common extension member carrying an application code.
  code: 'code',
};

/**
 * Whether the object carries the signature of problem details: at least two RFC 9457 members,
 * and either an error status as a number or a `type` that is a URI. Plenty of unrelated objects
 * have a `status` or a `title`; requiring both keeps fixtures and resources from being mistaken
 * for problems, while still recognising a problem whose `status` or `type` has the wrong type.
 */
export function hasProblemSignature(object: jsonc.Node): boolean {
  let count = 0;
  for (const name of problemMemberNames) if (hasMember(object, name)) count++;
  if (count < 2) return false;
  const status = getMemberValue(object, 'status');
  const statusIsError =
    status?.type === 'number' &&
    Number.isInteger(status.value) &&
    status.value >= 400 &&
    status.value <= 599;
  const type = getMemberValue(object, 'type');
  return statusIsError || (type?.type === 'string' && looksLikeProblemType(type.value as string));
}

/** An absolute URI (`https://…`, `urn:…`, `about:blank`) or a path-absolute reference (`/errors/x`). */
function looksLikeProblemType(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value) || /^\/[^\s]*$/.test(value);
}

/** Recognises RFC 9457 problem details. */
export function recogniseProblemDetails(object: jsonc.Node): RecognisedPayload | undefined {
  if (!hasProblemSignature(object)) return undefined;
  return createProblemPayload('problem-details', object);
}

/** The payload of a problem-details object of the given shape. */
export function createProblemPayload(
  shape: 'problem-details' | 'aspnet-validation-problem',
  object: jsonc.Node,
): RecognisedPayload {
  const members = collectMembers(object, roles);
  const type = getMemberValue(object, 'type');
  const instance = getMemberValue(object, 'instance');
  return {
    shape,
    node: object,
    errorObjects: [object],
    members,
    facts: {
      problemType: type?.type === 'string' ? (type.value as string) : undefined,
      instance: instance?.type === 'string' ? (instance.value as string) : undefined,
      status: toStatusCode(getMemberValue(object, 'status')),
      codes: collectCodes(members),
    },
  };
}
