import type { CancellationToken } from 'vscode-languageserver';

/** Where the server writes its log lines (the client's output channel). */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/**
 * Runs a request handler so that neither an exception nor a cancellation kills the server:
 * both become the `empty` answer and a log line. The work starts on the next turn of the event
 * loop so that a cancellation already queued is seen first.
 */
export function runSafe<T>(
  logger: Logger,
  name: string,
  empty: T,
  token: CancellationToken,
  work: () => T,
): Promise<T> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) {
        logger.info(`${name}: cancelled`);
        resolve(empty);
        return;
      }
      try {
        resolve(work());
      } catch (error) {
        logger.error(
          `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        resolve(empty);
      }
    });
  });
}
