// Runs the static checks of `npm test` (types, lint, unused code, formatting) at once rather than
// one after another: each is single-threaded, so on a 2-core machine two run in the time of one.
// Each check's output is printed whole when it ends; the exit code is 1 when any check failed.
import { spawn } from 'node:child_process';

const checks = [
  ['typecheck', 'tsc', ['-p', '.', '--noEmit']],
  ['lint', 'eslint', ['.']],
  ['knip', 'knip', []],
  ['format:check', 'prettier', ['--check', '.']],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npx', ['--no-install', command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`> ${name}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s\n`);
      if (code !== 0 || output.trim()) process.stdout.write(`${output.trimEnd()}\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(checks.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
