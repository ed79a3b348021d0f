// Runs the end-to-end Mocha suite (test/e2e/suite) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code or have it installed:
//
//   node test/e2e/runTestElectron.mjs                    download VS Code (VSCODE_VERSION, default stable)
//   VSCODE_EXECUTABLE_PATH=/path/to/code node test/e2e/runTestElectron.mjs   use a local install
//
// Expects `npm run build` to have written dist/. Where VS Code cannot be downloaded, use
// `npm run test:e2e` (the same suite in code-server).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuite, repoRoot, suiteOutDir } from '../../scripts/e2e/buildSuite.mjs';

const suiteOut = suiteOutDir();
const { tests, index: suiteIndex } = await buildSuite(suiteOut);
console.log(`[e2e] suite bundled: ${tests.join(', ')}`);

const tmp = mkdtempSync(join(tmpdir(), 'api-error-contracts-e2e-electron-'));
const workspace = join(tmp, 'workspace');
const userData = join(tmp, 'user-data');
const resultsFile = join(tmp, 'suite-results.json');
// A copy, so tests that edit or save files never touch the repository's fixtures.
cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
    },
    null,
    2,
  ),
);

let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteIndex,
    extensionTestsEnv: {
      E2E_RESULTS_FILE: resultsFile,
      E2E_EXTENSION_PATH: repoRoot,
      E2E_GREP: process.env.E2E_GREP ?? '',
    },
    launchArgs: [
      workspace,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      join(tmp, 'extensions'),
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (error) {
  console.error(
    `[e2e] VS Code did not run the suite: ${error instanceof Error ? error.message : error}`,
  );
}
let results;
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  results = undefined;
}
rmSync(tmp, { recursive: true, force: true });
rmSync(suiteOut, { recursive: true, force: true });
if (results) console.log(`e2e: ${results.passes} passed, ${results.failures.length} failed`);
else console.log('e2e: 0 passed, 1 failed');
process.exit(exitCode === 0 && results && results.failures.length === 0 ? 0 : 1);
