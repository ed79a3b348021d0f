import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseArguments } from '../../server/src/cli/arguments';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.resolve(__dirname, '../../action.yml'), 'utf8')) as Action;

/** The arguments a step's bash script gives the CLI, with every input at its default value. */
function cliArguments(step: Step): string[] {
  const env = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => [
      name,
      value.replace(
        /\$\{\{ inputs\.([\w-]+) \}\}/,
        (_, input: string) => action.inputs[input]!.default,
      ),
    ]),
  );
  // The script itself, with the CLI replaced by a printer of its arguments.
  const script = step.run!.replace(/\(npx --no-install api-error-contracts\)/, "(printf '%s\\0')");
  const folder = mkdtempSync(path.join(tmpdir(), 'aec-action-'));
  const summary = path.join(folder, 'summary.md');
  try {
    const result = spawnSync('bash', ['-c', script], {
      encoding: 'utf8',
      env: {
        ...process.env,
        ...env,
        GITHUB_OUTPUT: path.join(folder, 'output'),
        GITHUB_STEP_SUMMARY: summary,
      },
    });
    assert.equal(result.status, 0, result.stderr);
    const printed = result.stdout + (existsSync(summary) ? readFileSync(summary, 'utf8') : '');
    return printed.split('\0').filter((argument) => argument !== '');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('action.yml, the composite action', () => {
  it('declares every input its steps use, and uses every input it declares', () => {
    assert.equal(action.runs.using, 'composite');
    const text = JSON.stringify(action.runs.steps);
    const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((match) => match[1]!));
    assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
  });

  it('runs check and coverage with options the CLI accepts, and uploads the SARIF it wrote', () => {
    const check = action.runs.steps.find((step) => step.id === 'check')!;
    const parsed = parseArguments(cliArguments(check));
    assert.equal(parsed.kind, 'check', JSON.stringify(parsed));
    assert.deepEqual(
      parsed.kind === 'check' && {
        format: parsed.format,
        outputFile: parsed.outputFile,
        maxWarnings: parsed.maxWarnings,
        concurrency: parsed.concurrency,
        cache: parsed.cache,
        cacheLocation: parsed.cacheLocation,
        paths: parsed.paths,
      },
      {
        format: 'sarif',
        outputFile: 'api-error-contracts.sarif',
        maxWarnings: 0,
        concurrency: 'auto',
        cache: true,
        cacheLocation: '.api-error-contracts-cache',
        paths: ['.'],
      },
    );

    const coverage = action.runs.steps.find((step) => step.run?.includes('(coverage '))!;
    const parsedCoverage = parseArguments(cliArguments(coverage));
    assert.equal(parsedCoverage.kind, 'coverage', JSON.stringify(parsedCoverage));
    assert.equal(parsedCoverage.kind === 'coverage' && parsedCoverage.format, 'markdown');

    const upload = action.runs.steps.find((step) =>
      step.uses?.startsWith('github/codeql-action/upload-sarif@'),
    )!;
    assert.equal(upload.with?.sarif_file, '${{ inputs.sarif-file }}');
    assert.match(upload.if ?? '', /always\(\)/);
    // The cache the check writes is the one actions/cache keeps.
    const cache = action.runs.steps.find((step) => step.uses?.startsWith('actions/cache@'))!;
    assert.equal(
      cache.with?.path,
      parsedCoverage.kind === 'coverage' && parsedCoverage.cacheLocation,
    );
  });
});
