import { compileGlob } from '../config/globPattern';

/**
 * Whether the document at `uri` matches `glob` (`*`, `**`, `?`, `{a,b}`, `[abc]`), in time linear
 * in the path. A glob with a leading `/` is anchored at the file system root; any other glob may
 * match from any folder, so `test/fixtures/**` works without knowing the workspace folder. A glob
 * that cannot be used (an unclosed `{`, `[z-a]`) matches nothing; the config reports it.
 */
export function matchesFileGlob(uri: string, glob: string): boolean {
  return compileGlob(glob.replace(/\\/g, '/'), { anyDepth: true }).matches(uriPath(uri));
}

function uriPath(uri: string): string {
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  try {
    return decodeURIComponent(withoutScheme);
  } catch {
    return withoutScheme;
  }
}
