// Runs the end-to-end tests in a real VS Code: code-server (VS Code's server and extension host)
// driven by headless Chromium through playwright-core.
//
//   1. the Mocha suite (test/e2e/suite) inside the extension host, loaded through the workbench's
//      smoke-test-driver payload (extensionDevelopmentPath = this repo, extensionTestsPath = the
//      bundled suite), exactly what @vscode/test-electron does on a desktop;
//   2. the UI checks (test/e2e/ui/*.ui.mjs) against the packaged extension (the .vsix a user
//      installs), clicking and hovering like a person, with screenshots in test-results/e2e.
//
//   node scripts/e2e/run.mjs [--grep TEXT] [--suite-only | --ui-only] [--keep]
//
// Expects `npm run build` to have written dist/ (npm run test:e2e does). Exits non-zero when
// anything failed; the last line is the summary.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildSuite, repoRoot, suiteOutDir } from './buildSuite.mjs';
import { node24Env, setup } from './setup.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const options = {
  grep: option('--grep') ?? process.env.E2E_GREP,
  suite: !flag('--ui-only'),
  ui: !flag('--suite-only'),
  keep: flag('--keep'),
  suiteTimeoutMs: Number(process.env.E2E_SUITE_TIMEOUT_MS ?? 240_000),
};

const resultsDir = join(repoRoot, 'test-results', 'e2e');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`[e2e ${elapsed()}] ${message}`);

// Chromium as the notes on these machines prescribe: headless, no sandbox (root), nothing phoning home.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Marks the suite reporter's lines in the workbench log (see test/e2e/suite/index.ts).
const MOCHA_PREFIX = '[mocha] ';

// User settings that keep a 2-core machine quiet and the workbench predictable.
const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.hover.delay': 100,
  // The chat side bar would otherwise open, empty, on the right of every screenshot.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Cleanup steps, run once, last registered first. */
const cleanups = [];
let cleaning;
/** Runs the cleanup steps once; every caller (normal end, error, signal) awaits the same run. */
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`[e2e] cleanup: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`[e2e] ${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every `intervalMs` until it returns a truthy value; throws after `timeoutMs`. */
async function poll(what, probe, { timeoutMs = 60_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process group: SIGTERM, then SIGKILL whatever is left after 5 s. */
async function killGroup(pgid) {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  const gone = await poll('code-server to stop', () => !groupAlive(pgid), {
    timeoutMs: 5_000,
  }).catch(() => false);
  if (!gone && groupAlive(pgid)) {
    log('code-server still running after SIGTERM: SIGKILL');
    process.kill(-pgid, 'SIGKILL');
  }
}

function packageExtension(outFile) {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  // As `npm run package` does: the README's images stay relative, to files inside the package.
  const vsceArgs = [
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--allow-missing-repository',
    '--out',
    outFile,
  ];
  const result = spawnSync(process.execPath, [vsce, ...vsceArgs], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0)
    throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
}

function codeServerArgs(tools, dirs) {
  return [
    tools.codeServerEntry,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

async function startCodeServer(tools, dirs, env) {
  const port = await freePort();
  const serverLog = join(resultsDir, 'code-server.log');
  const out = createWriteStream(serverLog);
  await new Promise((resolve) => out.once('open', resolve));
  const child = spawn(
    tools.nodeBin,
    [
      ...codeServerArgs(tools, dirs),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--reconnection-grace-time',
      '5',
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    // detached: the child calls setsid(), so it leads its own process group and the whole tree
    // (extension hosts, language servers) goes with `kill -- -pgid`.
    { detached: true, env, stdio: ['ignore', out, out] },
  );
  const pgid = child.pid;
  // Last resort when the runner exits without its cleanup (an uncaught error, process.exit).
  process.on('exit', () => groupAlive(pgid) && process.kill(-pgid, 'SIGKILL'));
  cleanups.push(async () => {
    await killGroup(pgid);
    out.end();
  });
  let exited;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const baseUrl = `http://127.0.0.1:${port}`;
  await poll('code-server /healthz', async () => {
    if (exited)
      throw new Error(
        `code-server ${exited} before answering; see ${relative(repoRoot, serverLog)}`,
      );
    try {
      return (await fetch(`${baseUrl}/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return { baseUrl, port, pgid, serverLog };
}

/** Runs the Mocha suite in the extension host; returns its counts. */
async function runSuite(browser, server, dirs) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(dirs.suiteIndex)],
  ];
  const url = `${server.baseUrl}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  const workbenchLog = createWriteStream(join(resultsDir, 'suite-workbench.log'));
  try {
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      // The workbench hands over its log files with the exit code: keep them for a failed run.
      for (const { relativePath, contents } of Array.isArray(logs) ? logs : []) {
        const file = join(resultsDir, 'suite-logs', relativePath);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, contents);
      }
      resolveExit(code);
    });
    // The workbench's log, which carries the extension host's console (the suite's reporter).
    await page.exposeFunction('codeAutomationLog', (type, message) => {
      const text = String(message);
      workbenchLog.write(`[${type}] ${text}\n`);
      if (text.startsWith(MOCHA_PREFIX))
        console.log(`  ${text.slice(MOCHA_PREFIX.length).split('\n').join('\n  ')}`);
    });
    page.on('pageerror', (error) => workbenchLog.write(`[pageerror] ${error.stack ?? error}\n`));
    log('suite: opening the workbench with the test payload');
    await page.goto(url);
    let timer;
    const code = await Promise.race([
      exit,
      new Promise(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), options.suiteTimeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') {
      await page.screenshot({ path: join(resultsDir, 'suite-timeout.png') }).catch(() => undefined);
      throw new Error(
        `the suite did not finish within ${options.suiteTimeoutMs} ms (screenshot: test-results/e2e/suite-timeout.png)`,
      );
    }
    const results = readResults(dirs.resultsFile);
    log(`suite: extension host exited with ${code}`);
    if (!results) {
      return {
        passed: 0,
        failed: 1,
        note: `the suite wrote no results (exit code ${code}); see test-results/e2e/suite-workbench.log`,
      };
    }
    for (const failure of results.failures) console.log(`  FAILED ${failure.title}`);
    const failed = results.failures.length || (code === 0 ? 0 : 1);
    return { passed: results.passes, failed, skipped: results.pending };
  } finally {
    workbenchLog.end();
    await context.close().catch(() => undefined);
  }
}

function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs each test/e2e/ui/*.ui.mjs (default export: async ({ browser, ... }) => void). */
async function runUiChecks(browser, server, dirs) {
  const uiDir = join(repoRoot, 'test', 'e2e', 'ui');
  const checks = readdirSync(uiDir)
    .filter((name) => name.endsWith('.ui.mjs'))
    .filter((name) => !options.grep || name.includes(options.grep))
    .sort();
  let passed = 0;
  let failed = 0;
  for (const name of checks) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const checkStarted = Date.now();
    try {
      const { default: check } = await import(pathToFileURL(join(uiDir, name)).href);
      await check({
        page,
        baseUrl: server.baseUrl,
        workspaceDir: dirs.workspace,
        workbenchUrl: `${server.baseUrl}/?folder=${encodeURIComponent(dirs.workspace)}`,
        resultsDir,
        log: (message) => log(`ui ${name}: ${message}`),
      });
      passed++;
      log(`ui: ✓ ${name} (${Date.now() - checkStarted} ms)`);
    } catch (error) {
      failed++;
      const shot = join(resultsDir, `${name.replace(/\.ui\.mjs$/, '')}-failure.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(
        `ui: ✗ ${name}: ${error instanceof Error ? error.stack : error}\n    screenshot: ${relative(repoRoot, shot)}`,
      );
    } finally {
      await context.close().catch(() => undefined);
    }
  }
  return { passed, failed };
}

async function main() {
  if (
    !existsSync(join(repoRoot, 'dist', 'client.js')) ||
    !existsSync(join(repoRoot, 'dist', 'server.js'))
  ) {
    throw new Error(
      'dist/client.js or dist/server.js is missing: run `npm run build` first (npm run test:e2e does)',
    );
  }
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  const tools = await setup();
  const suiteOut = suiteOutDir();
  cleanups.push(() => rmSync(suiteOut, { recursive: true, force: true }));
  const { tests, index: suiteIndex } = await buildSuite(suiteOut);
  log(`suite bundled: ${tests.join(', ')}`);

  const tmp = mkdtempSync(join(tmpdir(), 'api-error-contracts-e2e-'));
  cleanups.push(() => {
    // The server side's logs: extension host, the extension's output channel (language server).
    const logs = join(tmp, 'user-data', 'logs');
    if (existsSync(logs)) cpSync(logs, join(resultsDir, 'server-logs'), { recursive: true });
    if (options.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });
  const dirs = {
    userData: join(tmp, 'user-data'),
    extensions: join(tmp, 'extensions'),
    workspace: join(tmp, 'workspace'),
    resultsFile: join(tmp, 'suite-results.json'),
    suiteIndex,
  };
  // A copy, so tests that edit or save files never touch the repository's fixtures.
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), dirs.workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(USER_SETTINGS, null, 2),
  );
  const env = {
    ...node24Env(tools),
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_DATA_HOME: join(tmp, 'data'),
    XDG_CACHE_HOME: join(tmp, 'cache'),
    E2E_RESULTS_FILE: dirs.resultsFile,
    E2E_LOG_PREFIX: MOCHA_PREFIX,
    E2E_EXTENSION_PATH: repoRoot,
    ...(options.grep ? { E2E_GREP: options.grep } : {}),
  };
  delete env.VSCODE_IPC_HOOK_CLI;

  if (options.ui) {
    const vsix = join(tmp, 'api-error-contracts.vsix');
    packageExtension(vsix);
    const install = spawnSync(
      tools.nodeBin,
      [...codeServerArgs(tools, dirs), '--install-extension', vsix],
      {
        env,
        encoding: 'utf8',
      },
    );
    if (install.status !== 0)
      throw new Error(`installing the .vsix failed:\n${install.stdout}${install.stderr}`);
    log('extension packaged and installed from its .vsix');
  }

  const server = await startCodeServer(tools, dirs, env);
  log(`code-server ready at ${server.baseUrl} (process group ${server.pgid})`);

  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    // Signals are this runner's to handle: it closes the browser, then stops code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // A browser that is already gone can leave close() pending: do not let that block the rest.
  cleanups.push(() =>
    Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]),
  );

  const totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (counts) => {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped ?? 0;
  };
  if (options.suite) {
    const suite = await runSuite(browser, server, dirs);
    if (suite.note) log(`suite: ${suite.note}`);
    log(`suite: ${suite.passed} passed, ${suite.failed} failed`);
    add(suite);
  }
  if (options.ui) {
    const ui = await runUiChecks(browser, server, dirs);
    log(`ui: ${ui.passed} passed, ${ui.failed} failed`);
    add(ui);
  }
  return totals;
}

let exitCode = 1;
try {
  const totals = await main();
  exitCode = totals.failed === 0 && totals.passed > 0 ? 0 : 1;
  await cleanup();
  console.log(
    `[e2e] ${exitCode === 0 ? 'PASSED' : 'FAILED'} in ${elapsed()}; logs and screenshots in test-results/e2e`,
  );
  console.log(
    `e2e: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
} catch (error) {
  await cleanup();
  console.error(`[e2e] FAILED in ${elapsed()}: ${error instanceof Error ? error.message : error}`);
  console.log('e2e: 0 passed, 1 failed');
}
process.exit(exitCode);
