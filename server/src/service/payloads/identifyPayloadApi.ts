import type { ApiContract, OperationContract } from '../contracts/model';
import type { ServiceContext } from '../serviceContext';
import { matchesFileGlob } from './fileGlob';
import { findOperationForInstance } from './instanceOperation';
import { getPayloadFormat, type RecognisedPayload } from './recognisedPayload';

/** How the API of a payload was identified. */
export type PayloadIdentification =
  /** The payload names it: problem `type` prefix, `instance`, or codes only that API documents. */
  | 'payload'
  /** The settings map the document's path to it (`apiErrorContracts.payloads`, the project config). */
  | 'config'
  /** It is the only API that uses this vendor-specific payload shape. */
  | 'shape';

/** The API (and operation) an error payload belongs to. */
export interface PayloadApi {
  /** The API's contract. */
  api: ApiContract;
  /** The operation, when `instance` names one. */
  operation?: OperationContract;
  /** What identified it. */
  via: PayloadIdentification;
}

// Shapes many unrelated APIs share say nothing about which API a payload comes from.
const sharedFormats = new Set(['problem-details', 'json-api', 'vendor-error-object', 'unknown']);

/** Identifies the API of each payload of one document. */
export type PayloadApiResolver = (payload: RecognisedPayload) => PayloadApi | undefined;

/**
 * Identifies the API of a payload: the config's mapping of the document's path wins (the user
 * said so), the payload's own facts next, then a vendor shape only one API uses. Undefined: the
 * generic HTTP meaning applies. What depends only on the document is worked out once.
 */
export function createPayloadApiResolver(
  documentUri: string,
  context: ServiceContext,
): PayloadApiResolver {
  const configured = getConfiguredApi(documentUri, context);
  const byFormat = new Map<string, ApiContract | undefined>();
  const onlyApiUsing = (format: string): ApiContract | undefined => {
    if (!byFormat.has(format)) {
      const candidates = context.contracts.apis.filter((api) =>
        (api.payloadFormats as string[]).includes(format),
      );
      byFormat.set(format, candidates.length === 1 ? candidates[0] : undefined);
    }
    return byFormat.get(format);
  };
  return (payload) => {
    const matched = context.contracts.matchPayload(payload.facts);
    if (configured) {
      const operation =
        matched?.api === configured
          ? matched.operation
          : payload.facts.instance !== undefined
            ? findOperationForInstance(configured, payload.facts.instance)
            : undefined;
      return { api: configured, operation, via: 'config' };
    }
    if (matched) return { api: matched.api, operation: matched.operation, via: 'payload' };
    const format = getPayloadFormat(payload.shape);
    const api = sharedFormats.has(format) ? undefined : onlyApiUsing(format);
    return api ? { api, via: 'shape' } : undefined;
  };
}

/** The API the settings map the document to, if any. */
export function getConfiguredApi(
  documentUri: string,
  context: ServiceContext,
): ApiContract | undefined {
  const mapping = context.settings.payloads;
  for (const glob in mapping) {
    if (matchesFileGlob(documentUri, glob)) {
      const api = context.contracts.getApi(mapping[glob]!);
      if (api) return api;
    }
  }
  return undefined;
}
