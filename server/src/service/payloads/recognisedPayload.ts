import type * as jsonc from 'jsonc-parser';
import type { PayloadFacts } from '../contracts/contractIndex';
import type { PayloadFormat } from '../contracts/model';

/** The error payload shapes the recognisers know. */
export type PayloadShape =
  /** RFC 9457 problem details. */
  | 'problem-details'
  /** Problem details carrying ASP.NET's `errors: { field: [message] }` extension. */
  | 'aspnet-validation-problem'
  /** A JSON:API document with top-level `errors`. */
  | 'json-api'
  /** Claid's `{ error_code, error_type, error_message, error_details }`. */
  | 'claid'
  /** `{ validationFailures: { field: [message] } }`. */
  | 'validation-failures'
  /** `{ error: { code, message, target, details } }` (Microsoft REST guidelines and many others). */
  | 'vendor-error-object'
  /** Google's `{ error: { code, status, message, details[] } }`. */
  | 'google'
  /** Stripe's `{ error: { type, code, message, param } }`. */
  | 'stripe';

/** What a payload member stands for, whatever its name in the shape. */
export type PayloadMemberRole =
  /** The HTTP status (problem `status`, JSON:API `status`, Google `error.code`). */
  | 'status'
  /** An application error code (JSON:API `code`, Claid `error_code`, Google `ErrorInfo.reason`, …). */
  | 'code'
  /** A group or kind of error (Claid `error_type`, Stripe `type`). */
  | 'error-type'
  /** The problem-details `type` URI. */
  | 'problem-type'
  /** A short summary that should not vary between occurrences. */
  | 'title'
  /** The problem-details `instance`. */
  | 'instance'
  /** The human-readable explanation of this occurrence. */
  | 'detail';

/** One meaningful member of a recognised payload. */
export interface PayloadMember {
  role: PayloadMemberRole;
  /** The member name as written (`status`, `error_code`, `reason`); error codes are looked up by it. */
  name: string;
  /** The property node (key and value). */
  property: jsonc.Node;
  /** The value node; undefined while the value is still being typed. */
  value: jsonc.Node | undefined;
  /** The object holding the member: the payload, its `error` object or one JSON:API error object. */
  owner: jsonc.Node;
}

/** An error payload found in a JSON document. */
export interface RecognisedPayload {
  shape: PayloadShape;
  /** The outermost object of the payload. */
  node: jsonc.Node;
  /** The objects that each describe one error (several for JSON:API). */
  errorObjects: jsonc.Node[];
  /** Its meaningful members, in document order. */
  members: PayloadMember[];
  /** What identifies the API: problem type, instance, application codes. */
  facts: PayloadFacts;
}

/** A recogniser for one shape: the payload whose outermost object is `object`, or undefined. */
export type PayloadRecogniser = (object: jsonc.Node) => RecognisedPayload | undefined;

/** The contract payload format a shape belongs to. */
export function getPayloadFormat(shape: PayloadShape): PayloadFormat {
  return shape === 'aspnet-validation-problem' ? 'problem-details' : shape;
}
