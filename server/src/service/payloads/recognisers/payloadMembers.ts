import type * as jsonc from 'jsonc-parser';
import { getProperties, getPropertyName, toStatusCode } from '../jsonNodes';
import type { PayloadMember, PayloadMemberRole } from '../recognisedPayload';

/** The members of `owner` that have a role in the shape, in document order. */
export function collectMembers(
  owner: jsonc.Node,
  roles: Readonly<Record<string, PayloadMemberRole>>,
): PayloadMember[] {
  const members: PayloadMember[] = [];
  for (const property of getProperties(owner)) {
    const name = getPropertyName(property);
    if (name === undefined || !Object.hasOwn(roles, name)) continue;
    members.push({ role: roles[name]!, name, property, value: property.children?.[1], owner });
  }
  return members;
}

/** The application codes among the members: string values (or integers, which some APIs send) of `code` and `error-type` roles. */
export function collectCodes(members: readonly PayloadMember[]): { field: string; code: string }[] {
  const codes: { field: string; code: string }[] = [];
  for (const member of members) {
    if (member.role !== 'code' && member.role !== 'error-type') continue;
    const value = member.value;
    if (value?.type === 'string' || (value?.type === 'number' && Number.isInteger(value.value))) {
      codes.push({ field: member.name, code: String(value.value) });
    }
  }
  return codes;
}

/** The payload's HTTP status: the first status member holding one. */
export function findStatus(members: readonly PayloadMember[]): number | undefined {
  for (const member of members) {
    if (member.role !== 'status') continue;
    const status = toStatusCode(member.value);
    if (status !== undefined) return status;
  }
  return undefined;
}
