#!/usr/bin/env node
// Real-world accuracy corpus: rebuilds every codebase of recipe.json from the mirrored
// repositories into a scratch folder outside the checkout, runs the CLI on it with the recipe's
// config and scores the findings against the hand verdicts.
//
//   node test/realworld/score.mjs [--dist <dir>] [--scratch <dir>] [--mirrors <dir>] [--only <name>] [--verbose]
//
// Nothing here is part of `npm test`; third-party code and specs are never written to the repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const dist = resolve(opt('--dist', join(here, '..', '..', 'dist')));
const scratch = resolve(opt('--scratch', join(tmpdir(), 'api-error-contracts-realworld')));
const mirrors = resolve(opt('--mirrors', process.env.REALWORLD_MIRRORS ?? '/work/.mirror'));
const only = opt('--only', undefined);
const verbose = args.includes('--verbose');

const cli = join(dist, 'cli.js');
if (!existsSync(cli)) {
  console.error(`No ${cli}: run npm run build first (or pass --dist).`);
  process.exit(2);
}
if (scratch.startsWith(resolve(here, '..', '..') + '/')) {
  console.error('The scratch folder must be outside the checkout.');
  process.exit(2);
}

const recipe = JSON.parse(readFileSync(join(here, 'recipe.json'), 'utf8'));
const gitDir = (repo) => join(mirrors, repo.replace('/', '+'), 'repo');

function haveCommit(repo, commit) {
  const dir = gitDir(repo);
  if (!existsSync(dir)) return `mirror ${dir} is missing (fetch github:${repo})`;
  const r = spawnSync('git', ['--git-dir', dir, 'cat-file', '-e', `${commit}^{commit}`]);
  return r.status === 0 ? undefined : `commit ${commit} is not in ${dir}`;
}

/**
 * Writes the blobs under `paths` at `commit` into `dir`. Not `git archive`: a snapshot lacks its
 * largest files (images, videos), and archive fails on the first missing blob even outside the
 * paths asked for; a missing blob is skipped here, as it is never source code.
 */
function extract(repo, commit, paths, dir) {
  const listing = execFileSync(
    'git',
    ['--git-dir', gitDir(repo), 'ls-tree', '-r', '-z', commit, '--', ...paths],
    { maxBuffer: 1 << 30 },
  );
  const files = [];
  for (const entry of listing.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== '120000') files.push({ sha, path: entry.slice(tab + 1) });
  }
  const out = execFileSync('git', ['--git-dir', gitDir(repo), 'cat-file', '--batch'], {
    input: files.map((f) => f.sha).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') continue; // missing from the snapshot
    const size = Number(header[2]);
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.subarray(at, at + size));
    at += size + 1;
  }
}

// An API described in several files (HubSpot publishes one per object) lists them all.
const specsOf = (cb) => (Array.isArray(cb.spec) ? cb.spec : [cb.spec]);

function build(cb, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  extract(cb.repo, cb.commit, cb.paths, dir);
  for (const s of specsOf(cb)) {
    const specOut = join(dir, s.as);
    mkdirSync(dirname(specOut), { recursive: true });
    const spec = execFileSync(
      'git',
      ['--git-dir', gitDir(s.repo), 'show', `${s.commit}:${s.path}`],
      {
        maxBuffer: 1 << 30,
      },
    );
    writeFileSync(specOut, spec);
  }
  writeFileSync(join(dir, 'api-error-contracts.json'), JSON.stringify(cb.config, null, 2));
}

function run(cb, dir) {
  const r = spawnSync(process.execPath, [cli, 'check', ...cb.paths, '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status === 2 || !r.stdout.trim())
    throw new Error(`CLI failed (exit ${r.status}): ${r.stderr.trim()}`);
  const out = JSON.parse(r.stdout);
  const found = [];
  for (const f of out.files ?? [])
    for (const d of f.diagnostics ?? [])
      if (d.code === 'unhandled-status' || d.code === 'unchecked-response')
        found.push({
          file: f.path.replace(/\\/g, '/'),
          line: d.range.start.line + 1,
          code: d.code,
          status: d.code === 'unchecked-response' ? null : (d.data?.status ?? null),
          message: d.message,
        });
  return found;
}

// A finding and a verdict (or a miss) are the same when file, line, code and status agree.
const key = (x) => `${x.file}:${x.line}:${x.code}:${x.status ?? '-'}`;

const totals = { tp: 0, fp: 0, fn: 0, recovered: 0, unjudged: 0 };
const rows = [];
const missing = [];
for (const cb of recipe.codebases) {
  if (only && cb.name !== only) continue;
  const problems = [
    haveCommit(cb.repo, cb.commit),
    ...specsOf(cb).map((s) => haveCommit(s.repo, s.commit)),
  ].filter(Boolean);
  if (problems.length) {
    missing.push(`${cb.name}: ${problems.join('; ')}`);
    continue;
  }
  const dir = join(scratch, cb.name);
  let found;
  try {
    build(cb, dir);
    found = run(cb, dir);
  } catch (e) {
    missing.push(`${cb.name}: ${e.message}`);
    continue;
  }
  const judged = new Map(cb.findings.map((f) => [key(f), f]));
  const misses = new Map(cb.misses.map((m) => [key(m), m]));
  const seen = new Set();
  let tp = 0,
    fp = 0,
    recovered = 0;
  const unjudged = [];
  for (const f of found) {
    const k = key(f);
    if (seen.has(k)) continue;
    seen.add(k);
    const v = judged.get(k);
    if (v?.verdict === 'TP') tp++;
    else if (v?.verdict === 'FP') fp++;
    else if (misses.has(k)) {
      tp++;
      recovered++;
    } // a recorded miss the product now finds
    else unjudged.push(f);
  }
  // A TP verdict no longer reported is a miss too.
  const lostTp = cb.findings.filter((f) => f.verdict === 'TP' && !seen.has(key(f)));
  const fn = [...misses.keys()].filter((k) => !seen.has(k)).length + lostTp.length;
  totals.tp += tp;
  totals.fp += fp;
  totals.fn += fn;
  totals.recovered += recovered;
  totals.unjudged += unjudged.length;
  rows.push({ name: cb.name, api: cb.api, tp, fp, fn, recovered, unjudged, lostTp });
}

const pct = (a, b) => (b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
console.log(`CLI: ${cli}\nscratch: ${scratch}\n`);
console.log(
  'codebase                        API                       TP  FP  FN  precision  recall',
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(31)} ${r.api.slice(0, 25).padEnd(25)} ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)}     ${pct(r.tp, r.tp + r.fp)}  ${pct(r.tp, r.tp + r.fn)}`,
  );
  if (r.recovered)
    console.log(`    ${r.recovered} recorded miss(es) now found — update the recipe`);
  for (const f of r.lostTp)
    console.log(`    lost TP: ${f.file}:${f.line} ${f.code} ${f.status ?? ''}`);
  for (const u of r.unjudged)
    console.log(
      `    unjudged: ${u.file}:${u.line} ${u.code} ${u.status ?? ''} — ${verbose ? u.message : u.message.slice(0, 110)}`,
    );
}
console.log(
  `\noverall (${rows.length} codebases): TP ${totals.tp}, FP ${totals.fp}, FN ${totals.fn}, unjudged ${totals.unjudged}` +
    ` — precision ${pct(totals.tp, totals.tp + totals.fp).trim()}, recall ${pct(totals.tp, totals.tp + totals.fn).trim()}`,
);
if (missing.length) {
  console.log(`\nnot scored (${missing.length}):`);
  for (const m of missing) console.log(`  ${m}`);
}

if (verbose) {
  const causes = new Map();
  for (const cb of recipe.codebases) {
    for (const m of cb.misses) causes.set(m.cause, (causes.get(m.cause) ?? 0) + 1);
    for (const f of cb.findings)
      if (f.verdict === 'FP') causes.set(f.cause ?? 'fp', (causes.get(f.cause ?? 'fp') ?? 0) + 1);
  }
  console.log('\nrecorded FP/miss causes:');
  for (const [c, n] of [...causes].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(3)}  ${c}`);
}
