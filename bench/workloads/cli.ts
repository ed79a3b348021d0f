import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Workload } from '../workload';
import { generateProjectModules } from './project';

// Bundled to out/bench/run.js: the repository is two folders up.
const repo = path.resolve(__dirname, '../..');
const cli = path.join(repo, 'dist/cli.js');

/** A tree on disk, its feature modules, and what each timed run cost. */
interface Tree {
  root: string;
  features: number;
  /** Peak RSS of each timed run, in MB. */
  rss: number[];
  /** CPU time (user and system, every thread) of each timed run, in ms. */
  cpu: number[];
}

/**
 * A project of `apiModules` API modules (a base URL, a wrapper that throws on failure, an API
 * object) and `featureModules` feature modules importing them by relative path and calling
 * through them, with ordinary code between: bench/workloads/project.ts's project, on disk, with
 * an ESLint config (typescript-eslint's parser, one trivial rule) and a bare parse script.
 */
function generateTree(apiModules: number, featureModules: number): Tree {
  const root = mkdtempSync(path.join(tmpdir(), 'aec-bench-cli-'));
  mkdirSync(path.join(root, 'src/api'), { recursive: true });
  mkdirSync(path.join(root, 'src/features'), { recursive: true });
  for (const [relative, text] of generateProjectModules(apiModules, featureModules))
    writeFileSync(path.join(root, 'src', relative), `${text}\n`);
  const typescriptEslint = pathToFileURL(
    path.join(repo, 'node_modules/typescript-eslint/dist/index.js'),
  ).href;
  writeFileSync(
    path.join(root, 'eslint.config.mjs'),
    [
      `import tseslint from ${JSON.stringify(typescriptEslint)};`,
      'export default [',
      "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-debugger': 'error' } },",
      '];',
      '',
    ].join('\n'),
  );
  // What the CLI's files cost to read and parse, and no more: one thread, the same compiler.
  writeFileSync(
    path.join(root, 'parse.cjs'),
    [
      `const ts = require(${JSON.stringify(path.join(repo, 'node_modules/typescript'))});`,
      "const fs = require('node:fs');",
      "const path = require('node:path');",
      "for (const folder of ['src/api', 'src/features'])",
      '  for (const name of fs.readdirSync(folder)) {',
      '    const file = path.join(folder, name);',
      "    ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);",
      '  }',
      '',
    ].join('\n'),
  );
  // The peak resident set and the CPU time of the whole process, worker threads included,
  // written on exit: the CPU time tells the work apart from a busy machine's waiting.
  writeFileSync(
    path.join(root, 'rss.cjs'),
    [
      "if (require('node:worker_threads').isMainThread)",
      "  process.on('exit', () => { const cpu = process.cpuUsage(); require('node:fs').writeFileSync(process.env.AEC_BENCH_RSS, `${process.resourceUsage().maxRSS} ${(cpu.user + cpu.system) / 1000}`); });",
      '',
    ].join('\n'),
  );
  return { root, features: featureModules, rss: [], cpu: [] };
}

/** Runs `args` with node in the tree, recording its peak RSS; `expect` checks what it printed. */
function runNode(tree: Tree, args: string[], expect?: (stdout: string) => void): void {
  const rssFile = path.join(tree.root, '.rss');
  const result = spawnSync(process.execPath, ['-r', './rss.cjs', ...args], {
    cwd: tree.root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, AEC_BENCH_RSS: rssFile },
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  expect?.(result.stdout);
  const [rss, cpu] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  tree.rss.push(rss! / 1024);
  tree.cpu.push(cpu!);
}

/** The CLI's findings: each feature module has eight (see project.ts). */
function expectFindings(tree: Tree) {
  return (stdout: string) => {
    const findings = stdout.split('\n').filter((line) => line.endsWith(']')).length;
    if (findings !== tree.features * 8) throw new Error(`${findings} findings`);
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function reportRss(name: string) {
  return (tree: Tree) => {
    process.stderr.write(
      `  ${name}: peak RSS median ${median(tree.rss).toFixed(0)} MB (max ${Math.max(...tree.rss).toFixed(0)} MB), CPU time median ${median(tree.cpu).toFixed(0)} ms\n`,
    );
    rmSync(tree.root, { recursive: true, force: true });
  };
}

const parse = 'cli: TypeScript parse of 2,000 files from disk, one thread (baseline)';
// The default concurrency, `auto`, as a user runs it: one thread per two cores.
const cold = 'cli: check 2,000 files';
const tree2000 = () => generateTree(200, 1800);
const check = ['--format', 'compact'];

export const workloads: Workload[] = [
  {
    name: parse,
    iterations: 5,
    setup: tree2000,
    run: (tree: Tree) => runNode(tree, ['parse.cjs']),
    teardown: reportRss(parse),
  },
  {
    name: cold,
    baseline: parse,
    iterations: 5,
    setup: tree2000,
    run: (tree: Tree) => runNode(tree, [cli, 'check', 'src', ...check], expectFindings(tree)),
    teardown: reportRss(cold),
  },
  {
    // Two threads on this machine's cores, to show what `auto` chooses against.
    name: 'cli: check 2,000 files, --concurrency 2',
    baseline: cold,
    iterations: 3,
    setup: tree2000,
    run: (tree: Tree) =>
      runNode(tree, [cli, 'check', 'src', ...check, '--concurrency', '2'], expectFindings(tree)),
    teardown: reportRss('--concurrency 2'),
  },
  {
    name: 'cli: check 2,000 files, --cache, warm (nothing changed)',
    baseline: cold,
    iterations: 5,
    setup: () => {
      const tree = tree2000();
      runNode(tree, [cli, 'check', 'src', ...check, '--cache']);
      return tree;
    },
    run: (tree: Tree) =>
      runNode(tree, [cli, 'check', 'src', ...check, '--cache'], expectFindings(tree)),
    teardown: (tree: Tree) => {
      const { size } = statSync(path.join(tree.root, '.api-error-contracts-cache'));
      process.stderr.write(`  the cache file: ${(size / 1024).toFixed(0)} KB\n`);
      reportRss('warm --cache')(tree);
    },
  },
  {
    // Reported as a ratio to the CLI: how many times longer ESLint takes.
    name: 'cli: ESLint with typescript-eslint and one rule, 2,000 files',
    baseline: cold,
    iterations: 3,
    setup: tree2000,
    run: (tree: Tree) =>
      runNode(tree, [path.join(repo, 'node_modules/eslint/bin/eslint.js'), 'src']),
    teardown: reportRss('ESLint'),
  },
  {
    name: 'cli: check 10,000 files (for its peak RSS)',
    iterations: 1,
    setup: () => generateTree(1000, 9000),
    run: (tree: Tree) => runNode(tree, [cli, 'check', 'src', ...check], expectFindings(tree)),
    teardown: reportRss('10,000 files'),
  },
  {
    // SARIF, as code scanning takes it: written as the files are checked too.
    name: 'cli: check 10,000 files, --format sarif (for its peak RSS)',
    iterations: 1,
    setup: () => generateTree(1000, 9000),
    run: (tree: Tree) =>
      runNode(tree, [cli, 'check', 'src', '--format', 'sarif', '-o', 'report.sarif'], () => {
        const { runs } = JSON.parse(readFileSync(path.join(tree.root, 'report.sarif'), 'utf8')) as {
          runs: { results: unknown[] }[];
        };
        if (runs[0]!.results.length !== tree.features * 8)
          throw new Error(`${runs[0]!.results.length} results`);
      }),
    teardown: reportRss('10,000 files, SARIF'),
  },
];
