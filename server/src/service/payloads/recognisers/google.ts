import type * as jsonc from 'jsonc-parser';
import { getMemberValue, getStringMember } from '../jsonNodes';
import type { PayloadMember, PayloadMemberRole, RecognisedPayload } from '../recognisedPayload';
import { getErrorEnvelope } from './errorEnvelope';
import { collectCodes, collectMembers, findStatus } from './payloadMembers';

const roles: Record<string, PayloadMemberRole> = {
  code: 'status',
  status: 'code',
  message: 'detail',
};
const errorInfoType = 'type.googleapis.com/google.rpc.ErrorInfo';

/**
 * Recognises Google's `{ error: { code, status, message, details[] } }`: `code` is the HTTP
 * status as a number, `status` the canonical code in capitals (`NOT_FOUND`); the `reason` of an
 * `ErrorInfo` detail is the application code.
 */
export function recogniseGoogle(object: jsonc.Node): RecognisedPayload | undefined {
  const error = getErrorEnvelope(object);
  if (!error) return undefined;
  const code = getMemberValue(error, 'code');
  if (code?.type !== 'number' || getStringMember(error, 'message') === undefined) return undefined;
  const status = getStringMember(error, 'status');
  const details = getMemberValue(error, 'details');
  if (!(status !== undefined && /^[A-Z][A-Z_]*$/.test(status)) && details?.type !== 'array')
    return undefined;
  const members: PayloadMember[] = collectMembers(error, roles);
  const errorObjects = [error];
  for (const detail of details?.type === 'array' ? (details.children ?? []) : []) {
    if (detail.type === 'object' && getStringMember(detail, '@type') === errorInfoType) {
      members.push(...collectMembers(detail, { reason: 'code' }));
    }
  }
  return {
    shape: 'google',
    node: object,
    errorObjects,
    members,
    facts: { status: findStatus(members), codes: collectCodes(members) },
  };
}
