import type * as jsonc from 'jsonc-parser';
import { hasMember } from '../jsonNodes';
import type { PayloadMemberRole, RecognisedPayload } from '../recognisedPayload';
import { collectCodes, collectMembers } from './payloadMembers';

const roles: Record<string, PayloadMemberRole> = {
  error_code: 'code',
  error_type: 'error-type',
  error_message: 'detail',
};

/** Recognises Claid's `{ error_code, error_type, error_message, error_details }`: three of the four members. */
export function recogniseClaid(object: jsonc.Node): RecognisedPayload | undefined {
  const count = ['error_code', 'error_type', 'error_message', 'error_details'].filter((name) =>
    hasMember(object, name),
  ).length;
  if (count < 3) return undefined;
  const members = collectMembers(object, roles);
  return {
    shape: 'claid',
    node: object,
    errorObjects: [object],
    members,
    facts: { codes: collectCodes(members) },
  };
}
