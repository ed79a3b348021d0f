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
  // Line numbers of script[i] in the old and new text, 1-based, kept as the script is walked.
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  const advance = (to: number): void => {
    for (; i < to; i++) {
      if (script[i]!.kind !== '+') oldLine++;
      if (script[i]!.kind !== '-') newLine++;
    }
  };
  while (i < script.length) {
    let change = i;
    while (change < script.length && script[change]!.kind === ' ') change++;
    if (change >= script.length) break;
    // A hunk runs from a change to the last change no more than 2 × context lines from the next.
    let end = change;
    for (let j = change; j < script.length; j++) {
      if (script[j]!.kind !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    advance(Math.max(i, change - context));
    const stop = Math.min(script.length, end + context + 1);
    const body = script.slice(i, stop);
    const oldCount = body.filter((e) => e.kind !== '+').length;
    const newCount = body.filter((e) => e.kind !== '-').length;
    hunks.push(
      `@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`,
      ...body.map((e) => hunkLine(e.kind, e.line)),
    );
    advance(stop);
  }
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('\n')}\n`;
}

/**
 * The lines of a text with their ends, so that a CRLF file's diff keeps its `\r` (git applies it
 * to the file as it is) and a last line without one differs from the same line with one.
 */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A line of a hunk: its end left out, or a last line without one marked as `diff` marks it. */
function hunkLine(kind: Edit['kind'], line: string): string {
  return line.endsWith('\n')
    ? `${kind}${line.slice(0, -1)}`
    : `${kind}${line}\n\\ No newline at end of file`;
}

/**
 * A shortest edit script between two line arrays: Myers' O(ND) algorithm in its linear-space
 * form, each part split at the middle snake of an optimal path. The plain form keeps every step's
 * furthest-reaching paths to walk back through, (N + M) × D numbers: 4 GB for a file of 1,000
 * fixed calls (5,000 lines growing to 23,000).
 */
function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  // Lines as numbers, so each comparison is one.
  const ids = new Map<string, number>();
  const idOf = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, idOf);
  const y = Int32Array.from(b, idOf);
  // Furthest-reaching paths, forward and backward, by diagonal: each part's search writes a
  // diagonal before it reads it, so one pair of arrays serves every part.
  const size = Math.ceil((a.length + b.length) / 2) + 2;
  const forward = new Int32Array(2 * size + 1);
  const backward = new Int32Array(2 * size + 1);
  const edits: Edit[] = [];

  /** The snake in the middle of a shortest path from (aLo, bLo) to (aHi, bHi): its start and end. */
  const middleSnake = (
    aLo: number,
    aHi: number,
    bLo: number,
    bHi: number,
  ): [number, number, number, number] => {
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    forward[size + 1] = 0;
    backward[size + 1] = 0;
    for (let d = 0; d <= Math.ceil((n + m) / 2); d++) {
      for (let k = -d; k <= d; k += 2) {
        let i =
          k === -d || (k !== d && forward[size + k - 1]! < forward[size + k + 1]!)
            ? forward[size + k + 1]!
            : forward[size + k - 1]! + 1;
        let j = i - k;
        const [i0, j0] = [i, j];
        while (i < n && j < m && x[aLo + i] === y[bLo + j]) {
          i++;
          j++;
        }
        forward[size + k] = i;
        // The backward path on this diagonal, d - 1 steps long, meets this one.
        const reverse = delta - k;
        if (odd && reverse >= -(d - 1) && reverse <= d - 1 && i + backward[size + reverse]! >= n)
          return [aLo + i0, bLo + j0, aLo + i, bLo + j];
      }
      for (let k = -d; k <= d; k += 2) {
        let i =
          k === -d || (k !== d && backward[size + k - 1]! < backward[size + k + 1]!)
            ? backward[size + k + 1]!
            : backward[size + k - 1]! + 1;
        let j = i - k;
        const [i0, j0] = [i, j];
        while (i < n && j < m && x[aHi - i - 1] === y[bHi - j - 1]) {
          i++;
          j++;
        }
        backward[size + k] = i;
        const ahead = delta - k;
        if (!odd && ahead >= -d && ahead <= d && i + forward[size + ahead]! >= n)
          return [aHi - i, bHi - j, aHi - i0, bHi - j0];
      }
    }
    throw new Error('no middle snake');
  };

  const compare = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    while (aLo < aHi && bLo < bHi && x[aLo] === y[bLo]) {
      edits.push({ kind: ' ', line: a[aLo++]! });
      bLo++;
    }
    let aEnd = aHi;
    let bEnd = bHi;
    while (aEnd > aLo && bEnd > bLo && x[aEnd - 1] === y[bEnd - 1]) {
      aEnd--;
      bEnd--;
    }
    if (aLo === aEnd) for (let j = bLo; j < bEnd; j++) edits.push({ kind: '+', line: b[j]! });
    else if (bLo === bEnd) for (let i = aLo; i < aEnd; i++) edits.push({ kind: '-', line: a[i]! });
    else {
      // Both sides left and no common end: at least two edits, so each half has fewer.
      const [i0, j0, i1, j1] = middleSnake(aLo, aEnd, bLo, bEnd);
      compare(aLo, i0, bLo, j0);
      for (let i = i0; i < i1; i++) edits.push({ kind: ' ', line: a[i]! });
      compare(i1, aEnd, j1, bEnd);
    }
    for (let i = aEnd; i < aHi; i++) edits.push({ kind: ' ', line: a[i]! });
  };
  compare(0, a.length, 0, b.length);
  return edits;
}
