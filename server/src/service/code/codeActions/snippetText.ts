/**
 * The text a snippet inserts when every placeholder keeps its default: `${1:409}` → `409`, a
 * choice → its first option, `$1` → what `${1:…}` holds elsewhere, `$0` and variables without a
 * default → nothing; `\$`, `\}` and `\\` are escapes. Covers the TextMate/VS Code snippet syntax
 * our snippet files use.
 */
export function expandSnippet(body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const defaults = new Map<string, string>();
  // Two passes: a bare `$1` before `${1:default}` still mirrors the default.
  parse(text, 0, false, defaults);
  return parse(text, 0, false, defaults).text;
}

interface Parsed {
  text: string;
  /** Offset after the parsed text (after the closing `}` inside a placeholder). */
  end: number;
}

function parse(
  text: string,
  start: number,
  inPlaceholder: boolean,
  defaults: Map<string, string>,
): Parsed {
  let out = '';
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
      out += text[i + 1];
      i += 2;
    } else if (inPlaceholder && c === '}') {
      return { text: out, end: i + 1 };
    } else if (c === '$') {
      const tabstop = /^\$(\d+|[A-Za-z_][A-Za-z_0-9]*)/.exec(text.slice(i));
      if (tabstop) {
        out += defaults.get(tabstop[1]) ?? '';
        i += tabstop[0].length;
        continue;
      }
      const head = /^\$\{(\d+|[A-Za-z_][A-Za-z_0-9]*)(:|\||\})/.exec(text.slice(i));
      if (!head) {
        out += c;
        i++;
        continue;
      }
      const name = head[1];
      i += head[0].length;
      if (head[2] === '}') {
        out += defaults.get(name) ?? '';
      } else if (head[2] === '|') {
        const close = text.indexOf('|}', i);
        const first = text.slice(i, close).split(',')[0].replace(/\\(.)/g, '$1');
        if (!defaults.has(name)) defaults.set(name, first);
        out += first;
        i = close + 2;
      } else {
        const inner = parse(text, i, true, defaults);
        if (!defaults.has(name)) defaults.set(name, inner.text);
        out += inner.text;
        i = inner.end;
      }
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, end: i };
}
