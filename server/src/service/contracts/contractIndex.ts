import type { ApiContract, OperationContract, StatusContract } from './model';

/** The URL of a call as far as it could be worked out from the code. */
export interface CallUrl {
  /** Lower-case host name without port, when the URL is absolute or its base is known. */
  host?: string;
  /** The path with parameters as `{name}` (`/image/{id}`), query and fragment dropped. */
  path: string;
}

/** An operation matched for a call or a payload. */
export interface OperationMatch {
  api: ApiContract;
  /** The matched operation; undefined when only the API is known. */
  operation?: OperationContract;
}

/** The identifying facts of an error payload. */
export interface PayloadFacts {
  /** Problem-details `type` URI. */
  problemType?: string;
  /** Problem-details `instance` (a path or URI). */
  instance?: string;
  /**
   * The payload's HTTP status, when it carries one: tells apart APIs sharing a problem `type`
   * prefix and operations sharing an `instance` path by what each documents.
   */
  status?: number;
  /** Application codes found in the payload: `{ field: 'code', code: 'not-found' }`. */
  codes?: { field: string; code: string }[];
}

/**
 * Every contract in force, indexed for the questions features ask. Built once per change of the
 * catalogs, specs or config; every lookup answers in microseconds.
 */
export interface ContractIndex {
  /** Every API, built-in and workspace. */
  readonly apis: readonly ApiContract[];
  /** The API with this id. */
  getApi(id: string): ApiContract | undefined;
  /**
   * The API and operation a call goes to. Third-party APIs match only by host, or when `apiId`
   * (from the config's base URL/variable mapping) names them; never on a bare path.
   */
  matchCall(method: string, url: CallUrl, apiId?: string): OperationMatch | undefined;
  /**
   * The operations of workspace specs whose servers are all absolute that a bare path would be:
   * such a spec does not claim the call without the config, but the config can be told to.
   */
  findUntiedOperations(method: string, path: string): OperationMatch[];
  /** The API a payload belongs to, and the operation when `instance` names one. */
  matchPayload(facts: PayloadFacts): OperationMatch | undefined;
  /**
   * What the API says about `status` for the operation, resolved exact → range (`4XX`) →
   * `default`, the operation's entry merged over the API-wide one; undefined when neither documents it.
   */
  resolveStatus(
    api: ApiContract,
    operation: OperationContract | undefined,
    status: number,
  ): StatusContract | undefined;
  /** The operation's documented statuses, each merged over the API-wide entry of the same key. */
  documentedStatuses(api: ApiContract, operation: OperationContract): StatusContract[];
}
