/**
 * The error-contract model. Built-in catalogs, user catalogs and OpenAPI documents are all
 * turned into these types; every feature of the language service reads only these.
 */

/** What a client should do when it receives a status or error code. */
export type ClientAction =
  /** The request itself is wrong (400, 404, 422): surface the problem, do not retry. */
  | 'fix-request'
  /** Credentials are missing, expired or invalid (401): obtain new ones, then retry once. */
  | 're-authenticate'
  /** Authenticated but not allowed (403): check scopes and permissions, do not retry. */
  | 'check-permissions'
  /** A documented temporary state (the DAM's 409 while an image is processed): retry later. */
  | 'retry-later'
  /** Overload or transient server failure (429, 503, 500/502/504): bounded retries with backoff, honouring `Retry-After`. */
  | 'back-off-and-retry'
  /** Informational, success or redirection: nothing to handle as an error. */
  | 'none';

/** A status key as documented: an exact code (`"409"`), a class range (`"4XX"`) or `"default"`. */
export type StatusKey = string;

/** What an API (or one operation) documents about one status. */
export interface StatusContract {
  /** The status key this entry documents: `"409"`, `"5XX"` or `"default"`. */
  key: StatusKey;
  /** Short title, e.g. `Conflict`. */
  title: string;
  /** One or two sentences: what this status means for this API. */
  meaning: string;
  /** Known causes, each a short sentence. */
  causes?: string[];
  /** What to change or do, in one or two sentences. */
  remedy?: string;
  /** The client action the contract asks for. */
  action: ClientAction;
  /** True when the API sends `Retry-After` with this status and clients must honour it. */
  retryAfter?: boolean;
  /** Link to the documentation of this status. */
  docs?: string;
  /** An example error body, as JSON text, shown in hovers. */
  example?: string;
}

/** An application error code (JSON:API `code`, Claid `error_code`/`error_type`, …). */
export interface ErrorCodeContract {
  /** The code as it appears in payloads, e.g. `environment-in-use` or `9000`. */
  code: string;
  /** The payload member that carries it: `code`, `error_code`, `error_type`, `type`, … */
  field: string;
  /** Short title. */
  title?: string;
  /** What the code means. */
  meaning: string;
  /** What to do about it. */
  remedy?: string;
  /** The HTTP status it comes with, when known. */
  status?: number;
  /** Whether retrying the same request can succeed, when known. */
  retryable?: boolean;
}

/** One documented operation. */
export interface OperationContract {
  /** Upper-case HTTP method. */
  method: string;
  /** Path template relative to the API's base path, e.g. `/image/{id}`. */
  path: string;
  /** Operation id or summary, when documented. */
  summary?: string;
  /**
   * Statuses this operation documents. Each entry may override the API-wide entry of the same
   * key; fields it leaves out are inherited from the API-wide entry at resolution time.
   */
  statuses: StatusContract[];
  /** Link to the documentation of this operation. */
  docs?: string;
  /** Where a description defines the operation: the file holding its object and the JSON pointer to it there (`""` for a whole file). */
  location?: { uri: string; pointer: string };
}

/** The error payload formats an API uses. */
export type PayloadFormat =
  | 'problem-details'
  | 'json-api'
  | 'claid'
  | 'validation-failures'
  | 'vendor-error-object'
  | 'google'
  | 'stripe'
  | 'unknown';

/** One member of an API's error payload, as its documentation describes it. */
export interface PayloadFieldContract {
  /** The member's name; nested members as a dotted path, e.g. `source.pointer`. */
  name: string;
  /** What the member carries and how a client should read it. */
  meaning: string;
}

/** How calls and payloads are matched to an API. */
export interface ApiMatch {
  /** Host names (no scheme, no port) the API answers on. `*.example.com` matches subdomains. */
  hosts: string[];
  /** Path prefixes under those hosts (the API's base paths), e.g. `/rest/Catalog`. Empty: any. */
  pathPrefixes: string[];
  /** Prefixes of problem-details `type` URIs the API uses. */
  problemTypePrefixes: string[];
  /**
   * A description whose servers include a relative URL (or that lists none) answers relative URLs
   * too, so a call with a bare path may be one of its operations; absent for absolute servers only.
   */
  relativeUrls?: boolean;
}

/** Where a contract came from, for hovers and for error reporting. */
export interface ContractSource {
  kind: 'builtin' | 'catalog' | 'openapi';
  /** URI of the file it was read from (absent for built-ins). */
  uri?: string;
}

/** The whole documented error contract of one API. */
export interface ApiContract {
  /** Stable id, e.g. `saleslayer-dam`. */
  id: string;
  /** Display name, e.g. `Sales Layer DAM`. */
  name: string;
  /** Link to the API's error documentation. */
  docs?: string;
  match: ApiMatch;
  payloadFormats: PayloadFormat[];
  /** The members of the API's error payload with their documented meaning, for hovers on them. */
  payloadFields?: PayloadFieldContract[];
  /** API-wide statuses. */
  statuses: StatusContract[];
  /**
   * True when the documentation lists every status the API answers (Imagizer's "all possible
   * error codes"), so a status outside {@link statuses} and the operations' lists is one the API
   * never sends. Otherwise the list holds the statuses the documentation happens to describe
   * (Reactor's example 404) and says nothing about the others.
   */
  statusesExhaustive?: boolean;
  operations: OperationContract[];
  errorCodes: ErrorCodeContract[];
  /**
   * The payload members whose codes {@link errorCodes} lists completely (Reactor's table of "the
   * errors the API can return" for `code`), so that a code missing from it is a mistake. For any
   * other member the entries are examples (Claid's two `error_code`s) and other codes are fine.
   */
  exhaustiveCodeFields?: string[];
  /** General advice (troubleshooting checklist, headers to send, logging advice). */
  notes?: string[];
  source: ContractSource;
}
