type Edit = { kind: ' ' | '-' | '+'; line: string };

/**
 * The unified diff (`diff -u`, three lines of context) from `before` to `after`, with `a/` and
 * `b/` paths as git prints them; empty when the texts are equal.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const script = diffLines(a, b);
  const context = 3;
  const hunks: string[] = [];
  let i = 0;
  while (i < script.length) {
    while (i < script.length && script[i]!.kind === ' ') i++;
    if (i >= script.length) break;
    // A hunk runs from a change to the last change no more than 2 × context lines from the next.
    let end = i;
    for (let j = i; j < script.length; j++) {
      if (script[j]!.kind !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const start = Math.max(0, i - context);
    const stop = Math.min(script.length, end + context + 1);
    let oldStart = 1;
    let newStart = 1;
    for (let k = 0; k < start; k++) {
      if (script[k]!.kind !== '+') oldStart++;
      if (script[k]!.kind !== '-') newStart++;
    }
    const body = script.slice(start, stop);
    const oldCount = body.filter((e) => e.kind !== '+').length;
    const newCount = body.filter((e) => e.kind !== '-').length;
    hunks.push(
      `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`,
      ...body.map((e) => `${e.kind}${e.line}`),
    );
    i = stop;
  }
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Myers' O(ND) shortest edit script between two line arrays. */
function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the trace back from the end to recover the edits.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d]!;
    const k = x - y;
    const previousK =
      k === -d || (k !== d && row[offset + k - 1]! < row[offset + k + 1]!) ? k + 1 : k - 1;
    const previousX = row[offset + previousK]!;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      edits.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (x === previousX) edits.push({ kind: '+', line: b[--y]! });
    else edits.push({ kind: '-', line: a[--x]! });
  }
  return edits.reverse();
}
