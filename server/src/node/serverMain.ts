import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

// The transport (--stdio, --node-ipc, --socket=N) is read from the command line.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) =>
  connection.console.error(`uncaught: ${error.stack ?? error.message}`),
);
startServer(connection, { enableFaultInjection: process.env.API_ERROR_CONTRACTS_DEBUG === '1' });
