/**
 * The diagnostic contract, in one place: every code the product reports, the typed `data` the
 * quick-fixable ones carry (a rule writes it, its fixes read it back), and the one mapping from a
 * `rules` severity to the LSP's.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../common/protocol';
import type { RuleSeverity } from '../../../common/settings';
import { isClientAction } from './contracts/clientActions';
import type { ClientAction } from './contracts/model';

/** Every diagnostic code: stable kebab-case strings that users write in `rules` and suppression comments. */
export const DiagnosticCode = {
  // Client code.
  unhandledStatus: 'unhandled-status',
  uncheckedResponse: 'unchecked-response',
  untiedCall: 'untied-call',
  // Error payloads in JSON.
  undocumentedStatus: 'undocumented-status',
  unknownErrorCode: 'unknown-error-code',
  problemMemberType: 'problem-member-type',
  problemTitleMismatch: 'problem-title-mismatch',
  jsonApiErrorsNotArray: 'jsonapi-errors-not-array',
  jsonApiDataAndErrors: 'jsonapi-data-and-errors',
  jsonApiEmptyError: 'jsonapi-empty-error',
  jsonApiStatusFormat: 'jsonapi-status-format',
  jsonApiSourcePointer: 'jsonapi-source-pointer',
  // Catalog files.
  catalogSchema: 'catalog-schema',
  catalogSyntax: 'catalog-syntax',
  catalogDuplicate: 'catalog-duplicate',
  // OpenAPI documents.
  specSyntaxError: 'spec-syntax-error',
  unresolvedRef: 'unresolved-ref',
  remoteRef: 'remote-ref',
  notOpenApi: 'not-openapi',
  refCycle: 'ref-cycle',
  specNoErrorResponses: 'spec-no-error-responses',
  yamlAlias: 'yaml-alias',
  // Any document.
  documentTooDeep: 'document-too-deep',
  documentTooLong: 'document-too-long',
  // The project config.
  configSyntaxError: 'config-syntax-error',
  configUnknownKey: 'config-unknown-key',
  configInvalidValue: 'config-invalid-value',
  configNoMatch: 'config-no-match',
  configMissingFile: 'config-missing-file',
} as const;

/** One of {@link DiagnosticCode}'s values. */
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/**
 * The `data` of an `unhandled-status` diagnostic. The service always writes every member; the
 * fixes rely only on the required ones, so data trimmed by a client still gets its fixes.
 */
export interface UnhandledStatusData {
  /** The status not handled, e.g. 409. */
  status: number;
  /** Upper-case HTTP method of the operation. */
  method: string;
  /** The operation's path template, e.g. `/image/{id}`. */
  path: string;
  /** The API the call was matched to. */
  apiId: string;
  /** What the contract asks a client to do about the status. */
  action: ClientAction;
  /** The status's title, e.g. `Conflict`. */
  title?: string;
  /** Whether the API sends `Retry-After` with it. */
  retryAfter?: boolean;
  /** The client library the call is made with (`fetch`, `axios`, …). */
  library?: string;
  /** How the call treats the status today (`generic`, `none`, …). */
  treatment?: string;
}

/** The `data` of an `unchecked-response` diagnostic. */
export interface UncheckedResponseData {
  /** Upper-case HTTP method of the operation (or of the call, without one). */
  method: string;
  /** The operation's path template (or the call's path). */
  path: string;
  /** The API the call was matched to. */
  apiId: string;
  /** The error statuses the operation documents, ascending. */
  statuses: number[];
  /** The client library the call is made with. */
  library?: string;
  /** The name the response is bound to, when it is. */
  responseName?: string;
}

/** The `data` of an `untied-call` hint: the one operation the call would be, and its base. */
export interface UntiedCallData {
  /** The workspace spec's API id, the value an `apis` entry names. */
  apiId: string;
  method: string;
  path: string;
  /** The name of the call's base (`process.env.ORDERS_URL`), the key of the `apis` entry. */
  base?: string;
}

/**
 * The `data` of a payload diagnostic whose fix writes a value in place of the one it covers:
 * `problem-member-type` (the number of a string `status`), `jsonapi-status-format`,
 * `jsonapi-source-pointer` and `unknown-error-code` (the closest documented code). A diagnostic
 * of these codes without `replacement` has no fix.
 */
export interface PayloadReplacementData {
  /** The JSON value to write. */
  replacement: string | number;
}

/** The `data` of a `problem-title-mismatch` diagnostic. */
export interface ProblemTitleMismatchData {
  /** The status's reason phrase, the title a problem of type `about:blank` carries. */
  expected: string;
}

/** The `data` of a `jsonapi-errors-not-array` diagnostic: its fix wraps the object in an array. */
export interface JsonApiErrorsNotArrayData {
  wrapInArray: true;
}

/** The `data` of a `jsonapi-data-and-errors` diagnostic: its fix removes the member. */
export interface JsonApiDataAndErrorsData {
  /** The member to remove, `data`. */
  member: string;
}

/** The typed `data` of each code that has quick fixes. */
export interface DiagnosticDataByCode {
  [DiagnosticCode.unhandledStatus]: UnhandledStatusData;
  [DiagnosticCode.uncheckedResponse]: UncheckedResponseData;
  [DiagnosticCode.problemMemberType]: PayloadReplacementData;
  [DiagnosticCode.jsonApiStatusFormat]: PayloadReplacementData;
  [DiagnosticCode.jsonApiSourcePointer]: PayloadReplacementData;
  [DiagnosticCode.unknownErrorCode]: PayloadReplacementData;
  [DiagnosticCode.problemTitleMismatch]: ProblemTitleMismatchData;
  [DiagnosticCode.jsonApiErrorsNotArray]: JsonApiErrorsNotArrayData;
  [DiagnosticCode.jsonApiDataAndErrors]: JsonApiDataAndErrorsData;
  [DiagnosticCode.untiedCall]: UntiedCallData;
}

/** A code whose diagnostics carry typed `data`. */
export type FixableCode = keyof DiagnosticDataByCode;

// `data` comes back from the client: each shape is checked before a fix relies on it.
const dataCheckers: {
  [C in FixableCode]: (data: Record<string, unknown>) => boolean;
} = {
  [DiagnosticCode.unhandledStatus]: (data) =>
    isStatus(data.status) &&
    typeof data.method === 'string' &&
    typeof data.path === 'string' &&
    typeof data.apiId === 'string' &&
    isClientAction(data.action),
  [DiagnosticCode.untiedCall]: (data) =>
    typeof data.apiId === 'string' &&
    typeof data.method === 'string' &&
    typeof data.path === 'string' &&
    (data.base === undefined || typeof data.base === 'string'),
  [DiagnosticCode.uncheckedResponse]: (data) =>
    typeof data.method === 'string' &&
    typeof data.path === 'string' &&
    typeof data.apiId === 'string' &&
    Array.isArray(data.statuses) &&
    // No call has more statuses than HTTP has (100–599): a longer list is forged.
    data.statuses.length <= 500 &&
    data.statuses.every(isStatus),
  [DiagnosticCode.problemMemberType]: isReplacement,
  [DiagnosticCode.jsonApiStatusFormat]: isReplacement,
  [DiagnosticCode.jsonApiSourcePointer]: isReplacement,
  [DiagnosticCode.unknownErrorCode]: isReplacement,
  [DiagnosticCode.problemTitleMismatch]: (data) => typeof data.expected === 'string',
  [DiagnosticCode.jsonApiErrorsNotArray]: (data) => data.wrapInArray === true,
  [DiagnosticCode.jsonApiDataAndErrors]: (data) => typeof data.member === 'string',
};

function isReplacement(data: Record<string, unknown>): boolean {
  return typeof data.replacement === 'string' || typeof data.replacement === 'number';
}

/** The `data` of one of our diagnostics of `code`, checked; undefined for any other diagnostic or malformed data. */
export function getDiagnosticData<C extends FixableCode>(
  diagnostic: Diagnostic,
  code: C,
): DiagnosticDataByCode[C] | undefined {
  if (diagnostic.code !== code || diagnostic.source !== diagnosticSource) return undefined;
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return dataCheckers[code](data as Record<string, unknown>)
    ? (data as DiagnosticDataByCode[C])
    : undefined;
}

const severities: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The severity a finding is reported at: the `rules` setting for its code when there is one,
 * else the rule's own; undefined when the setting turns the code off.
 */
export function toDiagnosticSeverity(
  configured: RuleSeverity | undefined,
  ruleSeverity: DiagnosticSeverity,
): DiagnosticSeverity | undefined {
  if (configured === 'off') return undefined;
  return configured === undefined ? ruleSeverity : severities[configured];
}

function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}
