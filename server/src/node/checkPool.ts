import * as os from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { Concurrency } from '../cli/arguments';
import {
  createFileChecker,
  type FileChecker,
  type FileCheckerOptions,
  type FileResult,
} from './fileChecker';

/** Files per worker below which a thread costs more to start (it loads the compiler) than it saves. */
const filesPerWorker = 32;
/** Files sent ahead to each worker, so it never waits for the main thread between files. */
const inFlight = 4;
const workerRole = 'api-error-contracts-check';

/**
 * The worker threads a run uses: none for `off`; for `auto` one per core, as long as each has
 * enough files to be worth starting; a number as given.
 */
export function threadsFor(concurrency: Concurrency, files: number): number {
  if (concurrency === 'off') return 0;
  if (concurrency !== 'auto') return concurrency;
  const threads = Math.min(os.availableParallelism(), Math.floor(files / filesPerWorker));
  return threads >= 2 ? threads : 0;
}

/**
 * Checks `files` on `threads` worker threads (each with its own language service, reading each
 * file when it gets to it), or on this thread with `local` when `threads` is 0. `onResult` gets
 * each file's result with its index in `files`, in the order they finish.
 */
export async function checkFiles(
  files: readonly string[],
  threads: number,
  options: FileCheckerOptions,
  local: () => Promise<FileChecker>,
  onResult: (index: number, result: FileResult) => void,
): Promise<void> {
  if (files.length === 0) return;
  if (threads === 0) {
    const checker = await local();
    for (let i = 0; i < files.length; i++) onResult(i, await checker.check(files[i]!));
    return;
  }
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const send = (worker: Worker) => {
        if (next >= files.length) return;
        const index = next++;
        worker.postMessage({ index, file: files[index] });
      };
      for (let t = 0; t < Math.min(threads, files.length); t++) {
        // The CLI's own bundle, started as a worker: it checks what it is sent (see runCheckWorker).
        const worker = new Worker(__filename, { workerData: { role: workerRole, options } });
        workers.push(worker);
        worker.on('message', ({ index, result }: { index: number; result: FileResult }) => {
          onResult(index, result);
          if (++done === files.length) resolve();
          else send(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < files.length) reject(new Error(`a worker thread stopped (exit code ${code})`));
        });
        for (let k = 0; k < inFlight; k++) send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Whether this thread is a worker {@link checkFiles} started. */
export function isCheckWorker(): boolean {
  return (workerData as { role?: string } | null)?.role === workerRole;
}

/** The body of a worker thread: checks each file the main thread sends, one at a time. */
export function runCheckWorker(): void {
  const { options } = workerData as { options: FileCheckerOptions };
  const checker = createFileChecker(options);
  // Files are checked in the order they come; a chain keeps one at a time.
  let queue: Promise<unknown> = checker;
  parentPort!.on('message', ({ index, file }: { index: number; file: string }) => {
    queue = queue.then(async () => {
      const result = await (await checker).check(file);
      parentPort!.postMessage({ index, result });
    });
    // A failure here is an internal error: the worker's error event ends the run with it.
    queue.catch((error: unknown) => {
      setImmediate(() => {
        throw error;
      });
    });
  });
}
