import type * as jsonc from 'jsonc-parser';
import { getMemberNames, getMemberValue, hasMember } from '../jsonNodes';
import type { PayloadMember, PayloadMemberRole, RecognisedPayload } from '../recognisedPayload';
import { collectCodes, collectMembers, findStatus } from './payloadMembers';

/** The members a JSON:API error object may have. */
const jsonApiErrorMemberNames = new Set([
  'id',
  'links',
  'status',
  'code',
  'title',
  'detail',
  'source',
  'meta',
]);
// Members of GraphQL's `errors[]` entries, which share the top-level name.
const graphQlMemberNames = new Set(['message', 'locations', 'path', 'extensions']);

const roles: Record<string, PayloadMemberRole> = {
  status: 'status',
  code: 'code',
  title: 'title',
  detail: 'detail',
};

/**
 * Recognises a JSON:API document with top-level `errors`: an array of error objects, or — the
 * mistake the `jsonapi-errors-not-array` rule reports — a single error object in its place.
 */
export function recogniseJsonApi(object: jsonc.Node): RecognisedPayload | undefined {
  const errors = getMemberValue(object, 'errors');
  if (!errors) return undefined;
  let errorObjects: jsonc.Node[];
  if (errors.type === 'array') {
    errorObjects = errors.children ?? [];
    if (errorObjects.length === 0) {
      if (!hasMember(object, 'jsonapi')) return undefined;
    } else if (!errorObjects.every(isJsonApiErrorObject)) {
      return undefined;
    }
  } else if (errors.type === 'object' && isSingleMisplacedErrorObject(errors)) {
    errorObjects = [errors];
  } else {
    return undefined;
  }
  const members: PayloadMember[] = errorObjects.flatMap((error) => collectMembers(error, roles));
  return {
    shape: 'json-api',
    node: object,
    errorObjects,
    members,
    facts: { status: findStatus(members), codes: collectCodes(members) },
  };
}

function isJsonApiErrorObject(node: jsonc.Node): boolean {
  if (node.type !== 'object') return false;
  const names = getMemberNames(node);
  if (names.some((name) => graphQlMemberNames.has(name))) return false;
  return names.length === 0 || names.some((name) => jsonApiErrorMemberNames.has(name));
}

// An object in place of the array: JSON:API error members with scalar values (ASP.NET's
// `errors: { field: [message] }` has arrays), at least one of them a string status, code or title.
function isSingleMisplacedErrorObject(node: jsonc.Node): boolean {
  const names = getMemberNames(node);
  if (names.length === 0 || !names.every((name) => jsonApiErrorMemberNames.has(name))) return false;
  return ['status', 'code', 'title', 'detail'].some(
    (name) => getMemberValue(node, name)?.type === 'string',
  );
}
