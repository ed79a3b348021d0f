import * as jsonc from 'jsonc-parser';
import type { MemoSlot } from '../documents/parseMemo';
import type { JsonParsedDocument } from '../documents/parsedDocument';
import { getProperties } from './jsonNodes';
import type { PayloadRecogniser, RecognisedPayload } from './recognisedPayload';
import { recogniseAspNetValidationProblem } from './recognisers/aspNetValidationProblem';
import { recogniseClaid } from './recognisers/claid';
import { recogniseGoogle } from './recognisers/google';
import { recogniseJsonApi } from './recognisers/jsonApi';
import { recogniseProblemDetails } from './recognisers/problemDetails';
import { recogniseStripe } from './recognisers/stripe';
import { recogniseValidationFailures } from './recognisers/validationFailures';
import { recogniseVendorErrorObject } from './recognisers/vendorErrorObject';

// Most specific first: an ASP.NET problem is also a problem; Google and Stripe envelopes would
// also pass as the generic `{ error: { code, message } }`.
const recognisers: readonly PayloadRecogniser[] = [
  recogniseAspNetValidationProblem,
  recogniseProblemDetails,
  recogniseJsonApi,
  recogniseClaid,
  recogniseValidationFailures,
  recogniseGoogle,
  recogniseStripe,
  recogniseVendorErrorObject,
];

// Every recogniser requires at least one of these members.
const signatureMembers = new Set([
  'type',
  'status',
  'errors',
  'error_code',
  'error_type',
  'validationFailures',
  'error',
]);

const payloadsSlot: MemoSlot<readonly RecognisedPayload[]> = {};

/**
 * Every error payload in the document, at any depth, in document order. Computed once per parse
 * and shared by hover, validation and completion.
 */
export function getRecognisedPayloads(parsed: JsonParsedDocument): readonly RecognisedPayload[] {
  return parsed.memo.get(payloadsSlot, [], () => (parsed.root ? recogniseTree(parsed.root) : []));
}

/** The innermost payload whose outermost object contains `offset`. */
export function findPayloadAt(
  parsed: JsonParsedDocument,
  offset: number,
): RecognisedPayload | undefined {
  let found: RecognisedPayload | undefined;
  for (const payload of getRecognisedPayloads(parsed)) {
    if (payload.node.offset > offset) break;
    if (offset <= payload.node.offset + payload.node.length) found = payload;
  }
  return found;
}

/** Runs the recognisers on one object, outside of any document (completion uses it on the object being typed). */
export function recogniseObject(object: jsonc.Node): RecognisedPayload | undefined {
  // Most objects of a fixture file (requests, headers, metadata) have none of the members any
  // shape starts from; one pass over their keys spares them every recogniser.
  if (
    !getProperties(object).some((property) =>
      signatureMembers.has(property.children?.[0]?.value as string),
    )
  )
    return undefined;
  for (const recognise of recognisers) {
    const payload = recognise(object);
    if (payload) return payload;
  }
  return undefined;
}

function recogniseTree(root: jsonc.Node): RecognisedPayload[] {
  const byNode = new Map<jsonc.Node, RecognisedPayload>();
  // Post-order, so that a wrapper (`{ "title": "case 1", "status": 409, "body": { …problem… } }`)
  // is known to contain a payload before it is itself considered.
  const visit = (node: jsonc.Node): void => {
    if (node.type === 'array') {
      for (const element of node.children ?? []) visit(element);
      return;
    }
    if (node.type !== 'object') return;
    let wrapsPayload = false;
    for (const property of getProperties(node)) {
      const value = property.children?.[1];
      if (!value) continue;
      visit(value);
      if (byNode.has(value)) wrapsPayload = true;
    }
    const payload = wrapsPayload ? undefined : recogniseObject(node);
    if (!payload) return;
    // The objects a payload accounts for (JSON:API's error objects, Google's `error`) are not payloads of their own.
    for (const errorObject of payload.errorObjects) byNode.delete(errorObject);
    byNode.set(node, payload);
  };
  visit(root);
  return [...byNode.values()].sort((a, b) => a.node.offset - b.node.offset);
}
