import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';

/**
 * The Mocha entry the extension host loads (`extensionTestsPath`): runs every `*.test.js` bundled
 * beside it, with the TDD interface (`suite`, `test`).
 *
 * Environment: `E2E_GREP` filters tests by title; `E2E_RESULTS_FILE` receives the counts and the
 * failures as JSON; `E2E_LOG_PREFIX` marks the reporter's lines so a runner can pick them out of
 * the workbench log.
 */
export async function run(): Promise<void> {
  // Stack traces of failed tests point into test/e2e/suite/*.ts (the bundles carry inline maps).
  process.setSourceMapsEnabled(true);
  // Mocha's package entry is ESM; its CommonJS build loads in every extension host's node.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MochaClass: typeof Mocha = require('mocha/lib/mocha.cjs');
  const mocha = new MochaClass({
    ui: 'tdd',
    reporter: lineReporter(MochaClass),
    color: false,
    timeout: 60_000,
    slow: 5_000,
  });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(join(__dirname, name));

  const failures: { title: string; error: string }[] = [];
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>(
    (resolve) => {
      const runner = mocha.run(() =>
        resolve({
          passes: runner.stats?.passes ?? 0,
          failures: runner.stats?.failures ?? 0,
          pending: runner.stats?.pending ?? 0,
        }),
      );
      runner.on('fail', (test: Mocha.Test, error: Error) =>
        failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) }),
      );
    },
  );
  const summary = `${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`;
  if (process.env.E2E_RESULTS_FILE)
    writeFileSync(
      process.env.E2E_RESULTS_FILE,
      JSON.stringify({ ...stats, files, failures }, null, 2),
    );
  if (stats.failures > 0 || stats.passes === 0) throw new Error(`e2e suite: ${summary}`);
}

/**
 * A spec-like reporter that prints whole lines with one `console.log` each: the extension host
 * forwards its console to the workbench log message by message, and Mocha's own reporters print
 * printf-style fragments that arrive unformatted.
 */
function lineReporter(MochaClass: typeof Mocha): typeof Mocha.reporters.Base {
  const prefix = process.env.E2E_LOG_PREFIX ?? '';
  const print = (line: string) => console.log(prefix + line);
  return class LineReporter extends MochaClass.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      let depth = 0;
      const indent = () => '  '.repeat(depth);
      runner.on('suite', (suite) => {
        if (suite.title) print(`${indent()}${suite.title}`);
        depth++;
      });
      runner.on('suite end', () => depth--);
      runner.on('pass', (test) => print(`${indent()}✓ ${test.title} (${test.duration ?? 0} ms)`));
      runner.on('pending', (test) => print(`${indent()}- ${test.title} (skipped)`));
      runner.on('fail', (test, error: Error) => {
        print(`${indent()}✗ ${test.title}`);
        print(
          `${indent()}  ${(error?.stack ?? String(error)).split('\n').join(`\n${indent()}  `)}`,
        );
      });
      runner.once('end', () => {
        const stats = runner.stats;
        print(
          `${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed, ${stats?.pending ?? 0} skipped (${stats?.duration ?? 0} ms)`,
        );
      });
    }
  };
}
