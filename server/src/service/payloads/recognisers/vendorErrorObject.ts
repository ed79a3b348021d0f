import type * as jsonc from 'jsonc-parser';
import { getStringMember } from '../jsonNodes';
import type { PayloadMemberRole, RecognisedPayload } from '../recognisedPayload';
import { getErrorEnvelope } from './errorEnvelope';
import { collectCodes, collectMembers } from './payloadMembers';

const roles: Record<string, PayloadMemberRole> = { code: 'code', message: 'detail' };

/** Recognises `{ error: { code, message, target, details } }`: a string `code` and a string `message`. */
export function recogniseVendorErrorObject(object: jsonc.Node): RecognisedPayload | undefined {
  const error = getErrorEnvelope(object);
  if (
    !error ||
    getStringMember(error, 'code') === undefined ||
    getStringMember(error, 'message') === undefined
  )
    return undefined;
  const members = collectMembers(error, roles);
  return {
    shape: 'vendor-error-object',
    node: object,
    errorObjects: [error],
    members,
    facts: { codes: collectCodes(members) },
  };
}
