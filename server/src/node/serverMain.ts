import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { startServer } from '../server';

/**
 * Over stdio the server reads its messages itself, to see framing errors: a header without a
 * valid `Content-Length` leaves the stream at no message boundary, so every later message would be
 * lost and the server deaf. It exits instead (non-zero), and the client restarts it. A body that
 * is not JSON is framed correctly and only that message is lost.
 */
function stdioConnection() {
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    if (error instanceof SyntaxError) return;
    process.stderr.write(`unrecoverable framing error on stdin, exiting: ${error.message}\n`);
    process.exit(1);
  });
  // What the library does for its own stdio streams: stdout carries messages only.
  console.log = console.info = console.debug = console.error;
  let shutdown = false;
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const connection = createConnection(
    ProposedFeatures.all,
    reader,
    new StreamMessageWriter(process.stdout),
  );
  connection.onShutdown(() => {
    shutdown = true;
  });
  return connection;
}

// The transport (--stdio, --node-ipc, --socket=N) is read from the command line.
const connection = process.argv.includes('--stdio')
  ? stdioConnection()
  : createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) =>
  connection.console.error(`uncaught: ${error.stack ?? error.message}`),
);
startServer(connection, { enableFaultInjection: process.env.API_ERROR_CONTRACTS_DEBUG === '1' });
