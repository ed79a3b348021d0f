// A seeded fuzz and stress pass over the built server (dist/server.js --stdio) and CLI
// (dist/cli.js): generated documents (JSON payloads, OpenAPI YAML, TS/JS with client calls, deep
// and large ones), random edits with cancellations, forged requests, a hostile workspace (links
// out of it, a FIFO, a huge file, bad globs in its config) and the CLI on hostile folders.
// Fails (exit 1) on an exception in the server's log or stderr, a request over --max-ms, an
// internal error answer, a server exit, a CLI crash or hang, or a read of a file outside the
// workspace that a link points at: every file the server and the CLI open is traced with strace
// when it is installed (each opened path resolved, links followed), else the linked file's access
// time is compared.
//
//   npm run fuzz -- [--seed 1] [--count 120] [--edits 10000] [--time 300] [--max-mb 5] [--max-ms 1000]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

const root = path.resolve(import.meta.dirname, '..');
const options = { seed: 1, count: 120, edits: 10000, time: 300, 'max-mb': 5, 'max-ms': 1000 };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options)) throw new Error(`unknown option --${name}`);
  options[name] = Number(process.argv[i + 1]);
}
// The hostile workspace (an alias bomb, a 64 MB file, a FIFO, a ReDoS glob) loads in bounded time.
const maxLoadMs = 10_000;
const deadline = Date.now() + options.time * 1000;
const outOfTime = () => Date.now() > deadline;

// mulberry32: the same seed, the same run.
let state = options.seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

const failures = [];
const fail = (message) => {
  if (failures.length < 50) failures.push(message);
};

// ---- the hostile workspace
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aec-fuzz-'));
const workspace = path.join(work, 'workspace');
const outside = path.join(work, 'outside');
fs.mkdirSync(path.join(workspace, 'openapi'), { recursive: true });
fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
fs.mkdirSync(outside);
const secret = path.join(outside, 'secret.yaml');
fs.writeFileSync(secret, 'openapi: 3.0.0\ninfo: { title: secret, version: "1" }\npaths: {}\n');
// An access time before the modification time: relatime updates it on the next read.
const old = new Date(Date.now() - 86_400_000);
fs.utimesSync(secret, old, new Date());
const secretAtime = () => fs.statSync(secret).atimeMs;
const secretAtimeBefore = secretAtime();

// ---- what the processes open
// Only successful opens are written; --seccomp-bpf stops the process for those calls only.
const straceOptions = [
  '-f',
  '-qq',
  '--seccomp-bpf',
  '-e',
  'trace=open,openat,openat2',
  '-e',
  'status=successful',
];
// Tried once, as the runs use it: strace may be missing, too old for these options, or not
// allowed to trace (ptrace restricted).
const traced =
  spawnSync('strace', [...straceOptions, '-o', '/dev/null', process.execPath, '-e', '0']).status ===
  0;
const traceFiles = [];
/** The command and arguments that run node with `args`, traced when strace can. */
function nodeCommand(args) {
  if (!traced) return [process.execPath, args];
  const traceFile = path.join(work, `trace-${traceFiles.length}.txt`);
  traceFiles.push(traceFile);
  return ['strace', [...straceOptions, '-o', traceFile, process.execPath, ...args]];
}
/** The PID of the node process a child runs (strace's own child when traced); undefined once gone. */
function nodePid(child) {
  if (!traced) return child.pid;
  try {
    const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8');
    return Number(children.trim().split(/\s+/)[0]) || undefined;
  } catch {
    return undefined;
  }
}
/** Every file outside the workspace that a traced process opened, links followed. */
function openedOutside() {
  const found = new Set();
  for (const file of traceFiles) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const opened = /open(?:at2?)?\((?:AT_FDCWD, |\d+, )?"((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
      if (!opened) continue;
      const absolute = path.resolve(workspace, opened);
      let real = absolute;
      try {
        real = fs.realpathSync(absolute);
      } catch {
        // Gone since: judged by the path it was opened by.
      }
      const inside = (folder) => real === folder || real.startsWith(folder + path.sep);
      if (inside(work) && !inside(workspace)) found.add(`${opened} (${real})`);
    }
  }
  return [...found];
}

const write = (file, text) => fs.writeFileSync(path.join(workspace, file), text);
write(
  'api-error-contracts.json',
  JSON.stringify(
    {
      specs: ['openapi/*.yaml', 'openapi/**/*.yaml', '{unclosed', 'x'.repeat(70_000)],
      ignore: ['*a*a*a*a*a*a*a*a*a*a*a*b', '[z-a]', '**/node_modules/**'],
      payloads: ['fixtures/**/*.json', '[z-a]'],
      rules: { 'unhandled-statuss': 'error' },
      catalogs: ['saleslayer-dm'],
    },
    null,
    2,
  ),
);
write(
  'openapi/images.yaml',
  `openapi: 3.0.0\ninfo: { title: Images, version: "1" }\nservers: [{ url: https://images.example.test }]\npaths:\n  /images/{id}:\n    delete:\n      responses:\n        "204": { description: gone }\n        "404": { description: not found }\n        "409": { description: in use }\n        "429": { description: slow down }\n`,
);
// Nine levels of ten aliases.
let bomb = 'openapi: 3.0.0\ninfo: { title: Bomb, version: "1" }\nx0: &a0 [lol]\n';
for (let level = 1; level < 10; level++)
  bomb += `x${level}: &a${level} [${Array(10)
    .fill(`*a${level - 1}`)
    .join(', ')}]\n`;
write('openapi/bomb.yaml', `${bomb}paths: {}\n`);
write(
  'openapi/recursive.yaml',
  'openapi: 3.0.0\ninfo: &i { title: R, version: "1", self: *i }\npaths: {}\n',
);
write('openapi/broken.yaml', `openapi: 3.0.0\ninfo: {\n${'- *a\n'.repeat(200)}`);
fs.symlinkSync(secret, path.join(workspace, 'openapi', 'linked.yaml'));
fs.symlinkSync(outside, path.join(workspace, 'openapi', 'out'));
execFileSync('mkfifo', [path.join(workspace, 'openapi', 'fifo.yaml')]);
// A sparse 64 MB file: its size alone must keep it from being read.
write('openapi/huge.yaml', 'openapi: 3.0.0\n');
fs.truncateSync(path.join(workspace, 'openapi', 'huge.yaml'), 64 * 1024 * 1024);

// ---- generated documents
const dam = 'https://api2.saleslayer.com/dam';
const clientCall = (i) => {
  const handled = pick([
    '',
    'if (res.status === 409) return;\n  ',
    'if (res.status === 404) throw new Error();\n  ',
  ]);
  return pick([
    `export async function del${i}(id: string) {\n  const res = await fetch(\`${dam}/image/\${id}\`, { method: 'DELETE' });\n  ${handled}if (!res.ok) throw new Error(String(res.status));\n}\n`,
    `export async function get${i}(id: string) {\n  const res = await fetch(\`${dam}/image/\${id}\`);\n  return res.json();\n}\n`,
    `export async function img${i}(id: string) {\n  const res = await fetch('https://images.example.test/images/' + id, { method: 'DELETE' });\n  ${handled}return res.ok;\n}\n`,
    `export const put${i} = (id: string) => axios.put(\`${dam}/image/\${id}\`, {}).then((r) => r.data);\n`,
  ]);
};
const header = "import axios from 'axios';\n";
function codeOfSize(bytes) {
  let text = header;
  for (let i = 0; text.length < bytes; i++) text += clientCall(i);
  return text;
}
function deepCode() {
  return pick([
    `const x = ${Array(2600 + int(4000))
      .fill('a')
      .join('+')};\n`,
    `const f = ${'() => '.repeat(1100 + int(2000))}1;\n`,
    `${'if (a) { '.repeat(1100)}${'}'.repeat(1100)}\n`,
    `g(${'g('.repeat(1100 + int(3000))}${')'.repeat(1100)});\n`,
    `const p = ${'('.repeat(5000)}1${')'.repeat(5000)};\n`,
    `const o = ${'{ a: '.repeat(3000)}1${' }'.repeat(3000)};\n`,
    `const t = ${'`${'.repeat(2000)}x${'}`'.repeat(2000)};\n`,
  ]);
}
const payload = () =>
  pick([
    `{ "type": "about:blank", "title": "Conflict", "status": ${pick(['409', '"409"', '4090', 'null'])}, "detail": "x" }`,
    `{ "errors": [{ "status": 404, "source": { "pointer": "data/x" } }], "data": {} }`,
    `{ "code": ${pick(['"E_CONFLICT"', '42', 'true'])}, "message": "m" }`,
  ]);
function jsonOfSize(bytes) {
  const parts = [];
  for (let size = 2; size < bytes;) {
    const part = payload();
    parts.push(part);
    size += part.length + 2;
  }
  return `[\n${parts.join(',\n')}\n]\n`;
}
const garbage = (n) => Array.from({ length: n }, () => String.fromCharCode(int(0x3000))).join('');
const maxBytes = options['max-mb'] * 1024 * 1024;

function generateDocument(i) {
  const size = Math.min(maxBytes, pick([200, 2_000, 20_000, 200_000, int(maxBytes)]));
  const kind = pick([
    'ts',
    'ts',
    'js',
    'json',
    'yaml',
    'deep-ts',
    'deep-json',
    'garbage',
    'config',
  ]);
  const name = `doc${i}`;
  switch (kind) {
    case 'ts':
      return { uri: `src/${name}.ts`, languageId: 'typescript', text: codeOfSize(size) };
    case 'js':
      return {
        uri: `src/${name}.js`,
        languageId: 'javascript',
        text: codeOfSize(size).replace(/\(id: string\)/g, '(id)'),
      };
    case 'json':
      return { uri: `fixtures/${name}.json`, languageId: 'json', text: jsonOfSize(size) };
    case 'yaml':
      return {
        uri: `openapi/${name}.yaml`,
        languageId: 'yaml',
        text: pick([bomb, fs.readFileSync(path.join(workspace, 'openapi/images.yaml'), 'utf8')]),
      };
    case 'deep-ts':
      return {
        uri: `src/${name}.ts`,
        languageId: 'typescript',
        text: codeOfSize(2000) + deepCode() + codeOfSize(2000),
      };
    case 'deep-json':
      return {
        uri: `fixtures/${name}.json`,
        languageId: 'json',
        text: `[${payload()}, ${'['.repeat(3000 + int(5000))}1${']'.repeat(3000)}]`,
      };
    case 'garbage':
      return {
        uri: `src/${name}.${pick(['ts', 'tsx', 'js', 'json'])}`,
        languageId: pick(['typescript', 'typescriptreact', 'javascript', 'json']),
        text: garbage(Math.min(size, 100_000)),
      };
    default:
      return {
        uri: 'api-error-contracts.json',
        languageId: 'jsonc',
        text: `{ "ignore": ["${'*a'.repeat(int(50))}b", "[z-a]"], "rules": { "nope": "off" }, ${garbage(20)}`,
      };
  }
}

// ---- the server
function startServer() {
  const [command, args] = nodeCommand([path.join(root, 'dist/server.js'), '--stdio']);
  const child = spawn(command, args, {
    cwd: workspace,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const server = { child, exited: undefined, stderr: '', logs: [], pid: undefined };
  child.stderr.on('data', (chunk) => (server.stderr += chunk.toString()));
  child.on('exit', (code, signal) => (server.exited = signal ?? code));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.onNotification('window/logMessage', (params) => server.logs.push(params.message));
  connection.onNotification('textDocument/publishDiagnostics', () => {});
  connection.onNotification('apiErrorContracts/workspaceStatus', () => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onError(() => {});
  connection.listen();
  server.connection = connection;
  return server;
}

const stats = {
  documents: 0,
  requests: 0,
  cancelled: 0,
  invalidParams: 0,
  compared: 0,
  slowest: { ms: 0, what: '' },
};
const uriOf = (relative) => pathToFileURL(path.join(workspace, relative)).href;

async function request(server, method, params, what, cancelAfter) {
  stats.requests++;
  const source = new CancellationTokenSource();
  if (cancelAfter !== undefined) {
    stats.cancelled++;
    setTimeout(() => source.cancel(), cancelAfter);
  }
  const start = performance.now();
  try {
    return await server.connection.sendRequest(method, params, source.token);
  } catch (error) {
    if (error?.code === -32800) return undefined;
    if (error?.code === -32602) stats.invalidParams++;
    else if (server.exited === undefined)
      fail(`${method} on ${what}: answered ${error?.code} ${error?.message}`);
    return undefined;
  } finally {
    const ms = performance.now() - start;
    if (ms > stats.slowest.ms && cancelAfter === undefined)
      stats.slowest = { ms, what: `${method} on ${what}` };
    if (ms > options['max-ms'] && cancelAfter === undefined)
      fail(`${method} on ${what} took ${ms.toFixed(0)} ms`);
  }
}

const position = (text) => {
  const lines = text.split('\n', 2000);
  const line = int(lines.length);
  return { line, character: int((lines[line]?.length ?? 0) + 2) };
};

async function exercise(server, doc) {
  const uri = uriOf(doc.uri);
  const what = `${doc.uri} (${(doc.text.length / 1024).toFixed(0)} KB)`;
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: doc.languageId, version: 1, text: doc.text },
  });
  stats.documents++;
  const report = await request(server, 'textDocument/diagnostic', { textDocument: { uri } }, what);
  const diagnostics = report?.items ?? [];
  for (let i = 0; i < 3; i++) {
    const at = position(doc.text);
    await request(server, 'textDocument/hover', { textDocument: { uri }, position: at }, what);
    await request(server, 'textDocument/completion', { textDocument: { uri }, position: at }, what);
    await request(server, 'textDocument/definition', { textDocument: { uri }, position: at }, what);
  }
  const range = diagnostics[0]?.range ?? {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 0 },
  };
  await request(
    server,
    'textDocument/codeAction',
    { textDocument: { uri }, range, context: { diagnostics: diagnostics.slice(0, 5) } },
    what,
  );
  await request(
    server,
    'textDocument/codeAction',
    { textDocument: { uri }, range, context: { diagnostics } },
    what,
  );
  await request(
    server,
    'textDocument/codeAction',
    { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } },
    what,
  );
  const lenses =
    (await request(server, 'textDocument/codeLens', { textDocument: { uri } }, what)) ?? [];
  for (const lens of lenses.slice(0, 5)) await request(server, 'codeLens/resolve', lens, what);
  await request(server, 'textDocument/documentLink', { textDocument: { uri } }, what);
  await forged(server, uri, what, diagnostics);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

async function forged(server, uri, what, diagnostics) {
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const statuses = Array.from({ length: 1000 }, () => 100 + int(500));
  const fake = {
    range: diagnostics[0]?.range ?? zero,
    code: pick(['unchecked-response', 'unhandled-status']),
    source: 'api-error-contracts',
    message: 'forged',
    data: {
      method: 'DELETE',
      path: '/image/{id}',
      apiId: 'saleslayer-dam',
      status: 409,
      action: 'retry-later',
      statuses,
    },
  };
  const cases = [
    ['textDocument/hover', { textDocument: { uri } }],
    ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 'x' } }],
    ['textDocument/completion', { position: zero.start }],
    ['textDocument/definition', { textDocument: { uri: 42 }, position: zero.start }],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, range: zero, context: { diagnostics: null } },
    ],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, range: zero, context: { diagnostics: [{}] } },
    ],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, range: zero, context: { diagnostics: [fake] } },
    ],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, range: zero, context: { diagnostics: Array(2000).fill(fake) } },
    ],
    [
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: zero,
        context: { diagnostics: [{ ...fake, data: 'x'.repeat(100_000) }], only: [42] },
      },
    ],
    ['textDocument/diagnostic', { textDocument: {} }],
    ['codeLens/resolve', { data: { uri, offset: -5 } }],
    ['codeLens/resolve', { range: zero, data: { uri, offset: 1e12 } }],
    [
      'apiErrorContracts/callContract',
      { textDocument: { uri }, position: { line: 1e9, character: 1e9 } },
    ],
    [
      'apiErrorContracts/contractsOverview',
      { uris: [uri, 'file:///etc/passwd', uriOf('openapi/linked.yaml'), 7] },
    ],
    [
      'apiErrorContracts/contractsOverview',
      {
        uris: [uri, 'file:///etc/passwd', uriOf('openapi/linked.yaml'), uriOf('openapi/fifo.yaml')],
      },
    ],
  ];
  for (const [method, params] of cases) await request(server, method, params, `forged ${what}`);
}

/** 10,000 random edits to one document, a request every few (some cancelled at once), and the server's RSS. */
async function edits(server) {
  const uri = uriOf('src/edited.ts');
  let text = codeOfSize(40_000);
  let version = 1;
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'typescript', version, text },
  });
  server.pid = nodePid(server.child);
  const rss = () => {
    const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  };
  const before = rss();
  let peak = before;
  const pending = [];
  for (let i = 0; i < options.edits && !outOfTime(); i++) {
    const offset = int(text.length + 1);
    const remove = int(3) === 0 ? int(20) : 0;
    const insert = pick([
      '',
      'a',
      '(',
      ')',
      '{',
      '}',
      '\n',
      '`',
      '"',
      "'",
      '/*',
      'fetch(`',
      `${dam}/image/`,
      'if (res.status === 409) ',
      garbage(3),
    ]);
    const start = positionOf(text, offset);
    const end = positionOf(text, Math.min(text.length, offset + remove));
    text = text.slice(0, offset) + insert + text.slice(offset + remove);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start, end }, text: insert }],
    });
    if (i % 10 === 0) {
      const cancel = int(2) === 0 ? 0 : undefined;
      pending.push(
        request(
          server,
          pick(['textDocument/diagnostic', 'textDocument/hover', 'textDocument/codeAction']),
          {
            textDocument: { uri },
            position: start,
            range: { start, end: start },
            context: { diagnostics: [] },
          },
          'src/edited.ts (edits)',
          cancel,
        ),
      );
    }
    if (i % 100 === 0) {
      await Promise.all(pending.splice(0));
      peak = Math.max(peak, rss());
    }
    if (i % 1000 === 999) await compareWithFresh(server, uri, text, version);
  }
  await Promise.all(pending.splice(0));
  await compareWithFresh(server, uri, text, version);
  const after = rss();
  return { before, after, peak, edits: version - 1 };
}

/**
 * The edited document's diagnostics equal those of the same text opened afresh: each edit is
 * parsed incrementally from the one before, and the two parses must read the text alike.
 */
async function compareWithFresh(server, uri, text, version) {
  const fresh = uriOf(`src/fresh-${version}.ts`);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: fresh, languageId: 'typescript', version: 1, text },
  });
  const shown = async (of) => {
    const report = await server.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: of },
    });
    return JSON.stringify(
      (report?.items ?? []).map(({ range, code, severity, message }) => ({
        range,
        code,
        severity,
        message,
      })),
    );
  };
  stats.compared++;
  const [edited, afresh] = [await shown(uri), await shown(fresh)];
  if (edited !== afresh)
    fail(
      `after ${version - 1} edits, the diagnostics differ from those of the same text opened afresh`,
    );
  await server.connection.sendNotification('textDocument/didClose', {
    textDocument: { uri: fresh },
  });
}

// Lines as LSP counts them (\r\n, \r or \n): a generated \r must move the client's and the
// server's texts alike.
function positionOf(text, offset) {
  return TextDocument.create('file:///x', 'typescript', 0, text).positionAt(offset);
}

const exceptionPattern =
  /\n\s+at .+:\d+|uncaught|Maximum call stack| failed: |failed with message/i;

async function runServer() {
  const server = startServer();
  const started = performance.now();
  await server.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'hostile' }],
    capabilities: {
      textDocument: { diagnostic: {}, definition: { linkSupport: true } },
      workspace: { configuration: true, codeLens: { refreshSupport: true } },
      window: { workDoneProgress: true },
    },
  });
  await server.connection.sendNotification('initialized', {});
  // A watched-file change naming every hostile file: each must be refused or read in bounded time.
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: fs
      .readdirSync(path.join(workspace, 'openapi'))
      .map((name) => ({ uri: uriOf(`openapi/${name}`), type: 2 })),
  });
  // The first answer waits for the workspace load: timed as the load, not as a request.
  const first = uriOf('src/first.ts');
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: first, languageId: 'typescript', version: 1, text: codeOfSize(100) },
  });
  await server.connection
    .sendRequest('textDocument/diagnostic', { textDocument: { uri: first } })
    .catch(() => {});
  const load = performance.now() - started;
  if (load > maxLoadMs) fail(`the hostile workspace took ${load.toFixed(0)} ms to load`);
  for (let i = 0; i < options.count && !outOfTime() && server.exited === undefined; i++)
    await exercise(server, generateDocument(i));
  const memory = server.exited === undefined ? await edits(server) : undefined;
  if (server.exited === undefined) {
    await server.connection.sendRequest('shutdown').catch(() => {});
    await server.connection.sendNotification('exit').catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 500));
  } else fail(`the server exited (${server.exited})`);
  // strace, killed, would let the server run on.
  for (const pid of [nodePid(server.child), server.child.pid]) {
    try {
      process.kill(pid);
    } catch {
      // Exited already.
    }
  }
  const exceptions = [...server.logs, ...server.stderr.split(/\n(?=\S)/)].filter((line) =>
    exceptionPattern.test(line),
  );
  for (const line of exceptions.slice(0, 5)) fail(`logged: ${line.slice(0, 400)}`);
  return { load, memory, exceptions: exceptions.length };
}

// ---- the CLI on hostile folders
function runCli() {
  const fifo = path.join(work, 'cli.fifo');
  execFileSync('mkfifo', [fifo]);
  const deepFolder = path.join(work, 'deep');
  let folder = deepFolder;
  for (let i = 0; i < 40; i++) folder = path.join(folder, 'd');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'deep.ts'), codeOfSize(500) + deepCode());
  const unreadable = path.join(work, 'unreadable');
  fs.mkdirSync(unreadable);
  fs.writeFileSync(path.join(unreadable, 'a.ts'), codeOfSize(500));
  fs.chmodSync(unreadable, 0);
  const cases = [
    [workspace],
    [path.join(workspace, 'src')],
    ['/dev/null'],
    [fifo],
    [deepFolder],
    [unreadable],
    [path.join(workspace, 'openapi', 'huge.yaml')],
    [path.join(workspace, 'openapi', 'linked.yaml')],
    [workspace, '--format', 'sarif'],
    [workspace, '--fix-dry-run'],
  ];
  let ran = 0;
  for (const args of cases) {
    if (outOfTime()) break;
    const start = performance.now();
    const [command, commandArgs] = nodeCommand([path.join(root, 'dist/cli.js'), 'check', ...args]);
    const result = spawnSync(command, commandArgs, {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    ran++;
    const ms = performance.now() - start;
    const what = `cli check ${args.join(' ').replace(work, '…')}`;
    if (result.error) fail(`${what}: ${result.error.message} after ${ms.toFixed(0)} ms`);
    else if (![0, 1, 2].includes(result.status))
      fail(`${what}: exit ${result.status ?? result.signal}`);
    if (exceptionPattern.test(result.stderr))
      fail(`${what}: stack trace on stderr: ${result.stderr.slice(0, 300)}`);
  }
  fs.chmodSync(unreadable, 0o755);
  return ran;
}

const started = performance.now();
let result;
let readOutside;
try {
  result = await runServer();
  result.cli = runCli();
} finally {
  readOutside = traced ? openedOutside() : secretAtime() !== secretAtimeBefore ? [secret] : [];
  for (const file of readOutside) fail(`a file outside the workspace was opened: ${file}`);
  fs.rmSync(work, { recursive: true, force: true });
}
const mb = (value) => `${value.toFixed(0)} MB`;
console.log(`fuzz seed ${options.seed}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(
  `  documents ${stats.documents} (up to ${options['max-mb']} MB), requests ${stats.requests} (${stats.cancelled} cancelled, ${stats.invalidParams} answered InvalidParams)`,
);
console.log(`  workspace load and first answer ${result.load.toFixed(0)} ms`);
console.log(`  slowest request ${stats.slowest.ms.toFixed(0)} ms: ${stats.slowest.what}`);
if (result.memory)
  console.log(
    `  RSS over ${result.memory.edits} edits: ${mb(result.memory.before)} → ${mb(result.memory.after)} (peak ${mb(result.memory.peak)}); diagnostics compared with a fresh parse's at ${stats.compared} points`,
  );
console.log(`  exceptions logged ${result.exceptions}; CLI cases ${result.cli}`);
console.log(
  `  files opened outside the workspace (${traced ? `strace of ${traceFiles.length} processes` : 'by the access time of a linked file'}): ${readOutside.length || 'none'}`,
);
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(failures.length === 0 ? 'fuzz: passed' : `fuzz: ${failures.length} failures`);
process.exit(failures.length === 0 ? 0 : 1);
