import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The built CLI (dist/cli.js, the package's bin), run as a user runs it. */
const cliPath = path.resolve(__dirname, '../../dist/cli.js');

/** What a run of the CLI printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in `cwd` with `args`. */
export function runCli(
  cwd: string,
  args: readonly string[],
  options: Omit<SpawnSyncOptions, 'cwd' | 'encoding'> = {},
): CliRun {
  return runWith(cliPath, cwd, args, options);
}

function runWith(
  cli: string,
  cwd: string,
  args: readonly string[],
  options: Omit<SpawnSyncOptions, 'cwd' | 'encoding'>,
): CliRun {
  const result = spawnSync(process.execPath, [cli, ...args], {
    timeout: 60_000,
    ...options,
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

let unprivilegedCli: string | undefined;

/**
 * Runs the built CLI in `cwd` with `args` as a user without root's rights: as `nobody` when the
 * tests run as root (root reads and writes every file), from a copy of the CLI that user can
 * read, since a checkout may lie in a folder closed to other users (mkdtemp makes them 0700).
 * The bundles are self-contained, so the copy is the three files the launcher reads.
 */
export function runCliUnprivileged(cwd: string, args: readonly string[]): CliRun {
  if (process.getuid?.() !== 0) return runCli(cwd, args);
  if (!unprivilegedCli) {
    const folder = mkdtempSync(path.join(tmpdir(), 'aec-cli-bin-'));
    chmodSync(folder, 0o755);
    for (const file of ['cli.js', 'cliMain.js', 'cliMain.js.cache']) {
      const built = path.join(path.dirname(cliPath), file);
      if (existsSync(built)) copyFileSync(built, path.join(folder, file));
    }
    unprivilegedCli = path.join(folder, 'cli.js');
    process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  }
  return runWith(unprivilegedCli, cwd, args, { uid: 65534, gid: 65534 });
}

/** A project folder under the system's temporary folder, made of `files` (path → text). */
export function createProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'aec-cli-'));
  writeProjectFiles(root, files);
  return root;
}

/** Writes (or overwrites) `files` in the project. */
export function writeProjectFiles(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

/** Removes a project made by {@link createProject}. */
export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * A module with `count` DELETE calls to the Sales Layer DAM (a built-in catalog), each with a
 * generic failure branch: each call gets one warning, the DAM's 409 (retry later), and one
 * information, the generic 500.
 */
export function damCalls(count: number, prefix = 'remove'): string {
  const calls = Array.from(
    { length: count },
    (_, i) => `export async function ${prefix}${i}(id: string): Promise<void> {
  const res = await fetch(\`\${DAM_BASE}/image/\${id}\`, { method: 'DELETE' });
  if (!res.ok) throw new Error(\`delete failed: \${res.status}\`);
}
`,
  );
  return `const DAM_BASE = 'https://api2.saleslayer.com/dam';\n\n${calls.join('\n')}`;
}
