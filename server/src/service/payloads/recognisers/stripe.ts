import type * as jsonc from 'jsonc-parser';
import { getStringMember } from '../jsonNodes';
import type { PayloadMemberRole, RecognisedPayload } from '../recognisedPayload';
import { getErrorEnvelope } from './errorEnvelope';
import { collectCodes, collectMembers } from './payloadMembers';

const roles: Record<string, PayloadMemberRole> = {
  type: 'error-type',
  code: 'code',
  decline_code: 'code',
  message: 'detail',
};

/** Recognises Stripe's `{ error: { type, code, message, param } }`: every Stripe error `type` ends in `_error`. */
export function recogniseStripe(object: jsonc.Node): RecognisedPayload | undefined {
  const error = getErrorEnvelope(object);
  if (!error) return undefined;
  const type = getStringMember(error, 'type');
  if (type === undefined || !/^[a-z]+(_[a-z]+)*_error$/.test(type)) return undefined;
  const members = collectMembers(error, roles);
  return {
    shape: 'stripe',
    node: object,
    errorObjects: [error],
    members,
    facts: { codes: collectCodes(members) },
  };
}
