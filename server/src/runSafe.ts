import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** Where the server writes its log lines (the client's output channel). */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/**
 * Runs a request handler so that neither an exception nor a cancellation kills the server: an
 * exception becomes the `empty` answer and a log line; a cancellation, seen before the work starts
 * or when it ends (work that checks the token may stop early), is answered `RequestCancelled`, as
 * LSP asks. The work starts on the next turn of the event loop so that a cancellation already
 * queued is seen first.
 */
export function runSafe<T, E = void>(
  logger: Logger,
  name: string,
  empty: T,
  token: CancellationToken,
  work: () => T,
): Promise<T | ResponseError<E>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) {
        logger.info(`${name}: cancelled`);
        resolve(cancelled<E>());
        return;
      }
      try {
        const result = work();
        resolve(token.isCancellationRequested ? cancelled<E>() : result);
      } catch (error) {
        logger.error(
          `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        resolve(empty);
      }
    });
  });
}

function cancelled<E>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
