import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';

const hasGit = spawnSync('git', ['--version']).status === 0;

/** A seeded generator of numbers in [0, 1), so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The lines (with their ends) of the diff's hunks that remove or add. */
function changedLines(diff: string): number {
  return diff.split('\n').filter((line) => /^[-+](?![-+]{2} [ab]\/)/.test(line)).length;
}

/** The length of a longest common subsequence of the two texts' lines. */
function commonLines(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++)
      next.push(line === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    row = next;
  }
  return row[b.length]!;
}

const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** Applies every diff with `git apply` to the `before` texts, in one folder; the texts after. */
function gitApply(cases: readonly { name: string; before: string; diff: string }[]): string[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'aec-diff-'));
  try {
    for (const { name, before } of cases) writeFileSync(path.join(folder, name), before);
    writeFileSync(path.join(folder, 'all.diff'), cases.map((each) => each.diff).join(''));
    const run = spawnSync('git', ['apply', '--unsafe-paths', 'all.diff'], {
      cwd: folder,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    return cases.map(({ name }) => readFileSync(path.join(folder, name), 'utf8'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('unifiedDiff', () => {
  it('writes the hunk diff -u writes', () => {
    assert.equal(unifiedDiff('f.ts', 'a\nb\nc\n', 'a\nb\nc\n'), '');
    assert.equal(
      unifiedDiff('f.ts', 'a\nb\nc\nd\ne\nf\ng\nh\ni\n', 'a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n'),
      '--- a/f.ts\n+++ b/f.ts\n@@ -2,8 +2,9 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n+j\n',
    );
    assert.equal(
      unifiedDiff('f.ts', '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', 'x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n'),
      '--- a/f.ts\n+++ b/f.ts\n@@ -1,3 +1,4 @@\n+x\n 1\n 2\n 3\n@@ -7,4 +8,3 @@\n 7\n 8\n 9\n-10\n',
    );
    assert.equal(
      unifiedDiff('f.ts', 'a\nb', 'a\nb\n'),
      '--- a/f.ts\n+++ b/f.ts\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('is a shortest edit script, and git apply turns each text into the other', (t) => {
    if (!hasGit) return t.skip('git is not installed');
    const next = random(16);
    const alphabet = ['a', 'b', 'c', '', '  }', 'const x = 1;'];
    const text = (): string => {
      const lines = Array.from(
        { length: Math.floor(next() * 30) },
        () => alphabet[Math.floor(next() * alphabet.length)]!,
      );
      const eol = next() < 0.2 ? '\r\n' : '\n';
      const joined = lines.join(eol);
      return lines.length > 0 && next() < 0.8 ? joined + eol : joined;
    };
    const cases: { name: string; before: string; after: string; diff: string }[] = [];
    for (let i = 0; cases.length < 300; i++) {
      const before = text();
      // Mostly an edit of `before`, as a fix is; sometimes another text altogether.
      const after =
        next() < 0.3
          ? text()
          : linesOf(before)
              .flatMap((line) => {
                const roll = next();
                if (roll < 0.15) return [];
                if (roll < 0.3) return [line, `inserted ${i}\n`];
                if (roll < 0.4) return [`changed ${i}\n`];
                return [line];
              })
              .join('');
      if (before === after) continue;
      const name = `case${i}.ts`;
      const diff = unifiedDiff(name, before, after);
      const [a, b] = [linesOf(before), linesOf(after)];
      assert.equal(changedLines(diff), a.length + b.length - 2 * commonLines(a, b), diff);
      cases.push({ name, before, after, diff });
    }
    assert.deepEqual(
      gitApply(cases),
      cases.map((each) => each.after),
    );
  });

  it('diffs a 5,000-line file growing to 23,000 lines, changed throughout, that git applies', (t) => {
    if (!hasGit) return t.skip('git is not installed');
    const before = Array.from({ length: 1000 }, (_, i) =>
      [
        `export async function f${i}() {`,
        '  const res = await call();',
        '  check(res);',
        '}',
        '',
      ].join('\n'),
    ).join('\n');
    const after = Array.from({ length: 1000 }, (_, i) =>
      [
        `export async function f${i}() {`,
        '  const res = await retried(',
        ...Array.from({ length: 17 }, (_, j) => `    argument${j},`),
        '  );',
        '  check(res);',
        '}',
        '',
      ].join('\n'),
    ).join('\n');
    const diff = unifiedDiff('big.ts', before, after);
    assert.equal(changedLines(diff), 1000 * 20);
    assert.deepEqual(gitApply([{ name: 'big.ts', before, diff }]), [after]);
  });
});
