import { normalizeSettings, type Settings } from '../../../../common/settings';
import type { ProjectConfig } from './projectConfig';

/** What {@link applyProjectConfig} needs to know about the workspace folder the config belongs to. */
export interface ConfigScope {
  /** The folder's path as it appears in document URIs (`/home/me/project`), to anchor the config's workspace-relative globs. */
  folderPath: string;
  /** Maps an `apis` value to a contract id: a spec's workspace-relative path becomes that spec's id. */
  resolveApiId?(value: string): string;
}

/**
 * The settings a document in the config's folder is checked with. The config file is the
 * project's truth and the user's settings are the fallback: for the maps (`apis`, `payloads`,
 * `rules`) a key present in both takes the config's value, other keys of either survive;
 * `wrappers` lists both, the config's entry replacing the user's for the same function. The result goes through `normalizeSettings`, so a key the settings do not
 * (yet) know is dropped rather than passed on unchecked.
 */
export function applyProjectConfig(
  settings: Settings,
  config: ProjectConfig,
  scope: ConfigScope,
): Settings {
  const raw: Record<string, unknown> = { ...settings };
  const current = settings as unknown as Record<string, unknown>;
  const merge = (key: string, values: Record<string, string> | undefined) => {
    if (!values) return;
    const base = isRecord(current[key]) ? current[key] : {};
    raw[key] = { ...base, ...values };
  };
  const resolve = scope.resolveApiId ?? ((value: string) => value);
  if (config.apis) {
    merge(
      'apis',
      Object.fromEntries(Object.entries(config.apis).map(([key, value]) => [key, resolve(value)])),
    );
  }
  if (config.payloads) {
    merge(
      'payloads',
      Object.fromEntries(
        Object.entries(config.payloads).map(([glob, api]) => [
          anchorGlob(glob, scope.folderPath),
          api,
        ]),
      ),
    );
  }
  merge('rules', config.rules);
  if (config.wrappers) {
    const base = Array.isArray(current.wrappers) ? current.wrappers : [];
    // A wrapper's `api` names an API as an `apis` value does.
    const added = config.wrappers.map((wrapper) =>
      typeof wrapper === 'string'
        ? { function: wrapper }
        : { ...wrapper, ...(wrapper.api !== undefined && { api: resolve(wrapper.api) }) },
    );
    raw.wrappers = [
      ...base.filter(
        (each) => !(isRecord(each) && added.some((wrapper) => wrapper.function === each.function)),
      ),
      ...added,
    ];
  }
  return normalizeSettings(raw);
}

/** `test/fixtures/**` in the config of `/p` → `/p/test/fixtures/**`: config globs are relative to its folder, not to any depth. */
function anchorGlob(glob: string, folderPath: string): string {
  if (glob.startsWith('/')) return glob;
  const relative = glob.replace(/^\.\//, '');
  return `${folderPath.replace(/\/+$/, '')}/${relative}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
