const compiled = new Map<string, RegExp>();

/**
 * Whether the document at `uri` matches `glob` (`*`, `**`, `?`, `{a,b}`, `[abc]`). A glob with a
 * leading `/` is anchored at the file system root; any other glob may match from any folder,
 * so `test/fixtures/**` works without knowing the workspace folder.
 */
export function matchesFileGlob(uri: string, glob: string): boolean {
  let pattern = compiled.get(glob);
  if (!pattern) {
    pattern = compileGlob(glob);
    compiled.set(glob, pattern);
  }
  return pattern.test(uriPath(uri));
}

function uriPath(uri: string): string {
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  try {
    return decodeURIComponent(withoutScheme);
  } catch {
    return withoutScheme;
  }
}

function compileGlob(glob: string): RegExp {
  const normalized = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  let source = '';
  let braces = 0;
  for (let i = 0; i < normalized.length; i++) {
    const char = normalized[i]!;
    if (char === '*') {
      if (normalized[i + 1] === '*') {
        i++;
        // `**/` matches zero or more whole folders.
        if (normalized[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else if (char === '[') {
      const end = normalized.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${normalized
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += char.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const anchor = normalized.startsWith('/') ? '^' : '(?:^|/)';
  return new RegExp(`${anchor}${source}$`);
}
