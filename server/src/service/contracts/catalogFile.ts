import type { ClientAction, ErrorCodeContract, PayloadFieldContract, PayloadFormat } from './model';

/**
 * A catalog file as written on disk (`catalogs/*.json`, a user's `*.error-catalog.json`): the
 * {@link ApiContract} model without `source`, with statuses keyed by `"409"`, `"4XX"` or
 * `"default"`. `schemas/catalog.schema.json` describes the same shape for editors.
 */
export interface CatalogFile {
  /** The schema the file declares, for editors; ignored when loading. */
  $schema?: string;
  /** Stable id, lower-case kebab-case, e.g. `saleslayer-dam`. */
  id: string;
  /** Display name. */
  name: string;
  /** Link to the API's error documentation. */
  docs?: string;
  /** How calls and payloads are matched to the API; every list defaults to empty. */
  match: Partial<CatalogMatch>;
  /** Error payload formats; defaults to `["unknown"]`. */
  payloadFormats?: PayloadFormat[];
  /** The documented members of the error payload. */
  payloadFields?: PayloadFieldContract[];
  /** API-wide statuses by key. */
  statuses?: Record<string, CatalogStatus>;
  /** True when `statuses` and the operations list every status the API answers. */
  statusesExhaustive?: boolean;
  /** Documented operations. */
  operations?: CatalogOperation[];
  /** Application error codes. */
  errorCodes?: CatalogErrorCode[];
  /** The payload members whose codes `errorCodes` lists completely. */
  exhaustiveCodeFields?: string[];
  /** General advice. */
  notes?: string[];
}

/** The `match` member of a catalog file. */
export interface CatalogMatch {
  /** Host names; `*.example.com` matches subdomains. */
  hosts: string[];
  /** Base paths under those hosts. */
  pathPrefixes: string[];
  /** Prefixes of problem `type` URIs. */
  problemTypePrefixes: string[];
}

/** An API-wide status entry; `title`, `meaning` and `action` are required at the API level. */
export interface CatalogStatus {
  /** Short title; defaults to the registered name in an operation. */
  title?: string;
  /** What the status means for this API or operation. */
  meaning?: string;
  /** Known causes. */
  causes?: string[];
  /** What to change or do. */
  remedy?: string;
  /** The client action. */
  action?: ClientAction;
  /** Whether `Retry-After` comes with the status and must be honoured. */
  retryAfter?: boolean;
  /** Link to the documentation of the status. */
  docs?: string;
  /** Example error body as JSON text. */
  example?: string;
}

/** A documented operation; its status entries inherit what they leave out from the API-wide entry. */
export interface CatalogOperation {
  /** HTTP method, any case. */
  method: string;
  /** Path template relative to the API's base path. */
  path: string;
  /** Operation id or summary. */
  summary?: string;
  /** Link to the operation's documentation. */
  docs?: string;
  /** The statuses the operation documents, by key. */
  statuses: Record<string, CatalogStatus>;
}

/** An application error code entry: the file holds it exactly as the model does. */
export type CatalogErrorCode = ErrorCodeContract;
