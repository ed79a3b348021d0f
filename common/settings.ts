/**
 * Settings shared by the client, the server and the CLI. The keys and defaults here must equal
 * the `apiErrorContracts.*` entries of package.json (a test keeps them in sync).
 */

/** The effective settings for one resource. */
export interface Settings {
  /** Check documents at all. */
  enable: boolean;
  /**
   * Which API the error payloads in matching JSON files belong to: file glob → API id
   * (`{ "test/fixtures/dam/**": "saleslayer-dam" }`). A glob without a leading `/` matches at any
   * folder depth. Used when the payload itself does not name its API.
   */
  payloads: Record<string, string>;
  /**
   * Which API the calls made through a base URL or identifier belong to: base URL or identifier →
   * API id (`{ "DAM_BASE": "saleslayer-dam", "process.env.DAM_URL": "saleslayer-dam",
   * "https://dam.internal.example": "saleslayer-dam" }`); or identifier → the base URL it stands
   * for (`{ "process.env.GITHUB_SEARCH": "https://api.github.com/search" }`).
   */
  apis: Record<string, string>;
  /** Functions of the project that make HTTP calls, so their calls are checked like `fetch`. */
  wrappers: WrapperSetting[];
  /** Severity per diagnostic code (`unhandled-status`, `unchecked-response`, …), or `off`. */
  rules: Record<string, RuleSeverity>;
  /** The code lens above each recognised call (`apiErrorContracts.codeLens.enable`). */
  codeLens: CodeLensSettings;
}

/** The `apiErrorContracts.codeLens.*` settings. */
export interface CodeLensSettings {
  /** Show `DELETE /image/{id} · Sales Layer DAM · 5 documented · 409 not handled` above each call. */
  enable: boolean;
}

/**
 * A function outside the project (a package, generated code) that makes an HTTP call:
 * `{ "function": "api.del", "method": "DELETE", "urlArgument": 0 }`. The project's own functions
 * are read from their code instead.
 */
export interface WrapperSetting {
  /** The function as called: a name (`deleteJson`) or a dotted member (`api.del`). */
  function: string;
  /** The HTTP method it sends; when absent, `methodArgument` or a `method` member of an options argument says it, else GET. */
  method?: string;
  /** Zero-based index of the argument holding the URL or path (default 0). */
  urlArgument: number;
  /** Zero-based index of the argument holding the method (`request(url, 'DELETE')`), when one does. */
  methodArgument?: number;
  /** The base URL it puts before a path it is given (`https://api2.saleslayer.com/dam`). */
  baseUrl?: string;
  /** The API its calls go to, an API id or a spec file as in `apis`, when the URL does not tell. */
  api?: string;
  /** Whether it rejects for a status outside 2xx, as most HTTP helpers do; false: it hands back the response, whose status the caller reads. */
  throws: boolean;
  /** Statuses it handles itself: its calls owe nothing for them. */
  handles: number[];
  /** Statuses it sends the request again for. */
  retries: number[];
}

/** The severity a rule is reported at, or `off` to not report it. */
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

const ruleSeverities = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** The defaults, as declared in package.json. */
export const defaultSettings: Settings = {
  enable: true,
  payloads: {},
  apis: {},
  wrappers: [],
  rules: {},
  codeLens: { enable: true },
};

/** Fills defaults and drops values of the wrong type, so a broken user setting never breaks a feature. */
export function normalizeSettings(raw: unknown): Settings {
  const value = isObject(raw) ? raw : {};
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : defaultSettings.enable,
    payloads: isObject(value.payloads)
      ? Object.fromEntries(
          Object.entries(value.payloads).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        )
      : { ...defaultSettings.payloads },
    apis: isObject(value.apis)
      ? Object.fromEntries(
          Object.entries(value.apis).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        )
      : { ...defaultSettings.apis },
    wrappers: Array.isArray(value.wrappers)
      ? value.wrappers.flatMap(normalizeWrapper)
      : [...defaultSettings.wrappers],
    rules: isObject(value.rules)
      ? Object.fromEntries(
          Object.entries(value.rules).filter(
            (entry): entry is [string, RuleSeverity] =>
              typeof entry[1] === 'string' && ruleSeverities.has(entry[1]),
          ),
        )
      : { ...defaultSettings.rules },
    codeLens: {
      enable:
        isObject(value.codeLens) && typeof value.codeLens.enable === 'boolean'
          ? value.codeLens.enable
          : defaultSettings.codeLens.enable,
    },
  };
}

function normalizeWrapper(raw: unknown): WrapperSetting[] {
  if (!isObject(raw) || typeof raw.function !== 'string' || raw.function.trim() === '') return [];
  const wrapper: WrapperSetting = {
    function: raw.function.trim(),
    urlArgument: argumentIndex(raw.urlArgument) ?? 0,
    throws: typeof raw.throws === 'boolean' ? raw.throws : true,
    handles: statusList(raw.handles),
    retries: statusList(raw.retries),
  };
  if (typeof raw.method === 'string' && raw.method.trim() !== '')
    wrapper.method = raw.method.trim().toUpperCase();
  const methodArgument = argumentIndex(raw.methodArgument);
  if (methodArgument !== undefined) wrapper.methodArgument = methodArgument;
  if (typeof raw.baseUrl === 'string' && raw.baseUrl.trim() !== '')
    wrapper.baseUrl = raw.baseUrl.trim();
  if (typeof raw.api === 'string' && raw.api.trim() !== '') wrapper.api = raw.api.trim();
  return [wrapper];
}

function argumentIndex(value: unknown): number | undefined {
  return isArgumentIndex(value) ? value : undefined;
}

/** Whether a wrapper's `urlArgument` or `methodArgument` is an argument's position: a whole number from 0. */
export function isArgumentIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Whether a value is an HTTP status, a whole number from 100 to 599. */
export function isHttpStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** The HTTP statuses of a list; anything else in it is dropped. */
function statusList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter(isHttpStatus) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
