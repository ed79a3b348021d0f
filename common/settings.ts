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
}

/** The defaults, as declared in package.json. */
export const defaultSettings: Settings = {
  enable: true,
  payloads: {},
};

/** Fills defaults and drops values of the wrong type, so a broken user setting never breaks a feature. */
export function normalizeSettings(raw: unknown): Settings {
  const value = isObject(raw) ? raw : {};
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : defaultSettings.enable,
    payloads: isObject(value.payloads)
      ? Object.fromEntries(Object.entries(value.payloads).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : { ...defaultSettings.payloads },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
