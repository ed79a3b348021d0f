import * as os from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { Concurrency } from '../cli/arguments';
import {
  createFileChecker,
  type FileChecker,
  type FileCheckerOptions,
  type FileResult,
} from './fileChecker';

/** Files per thread below which a thread costs more to start (it loads the compiler) than it saves. */
const filesPerWorker = 32;
/**
 * Most files sent to a worker at once. Files go, and results come back, a batch per message: one
 * message between threads cost about 0.3 ms, as much as checking a small file.
 */
const maxBatch = 64;
/** Batches each worker holds, so it never waits for the main thread between them. */
const batchesInFlight = 2;
const workerRole = 'api-error-contracts-check';

/**
 * The threads a run checks on, the main thread among them: one for `off`; for `auto` one per two
 * cores (as ESLint's `auto`), as long as each has enough files to be worth starting; a number as
 * given (no more than there are files). Half the cores, because one thread already keeps more
 * than one busy: V8 compiles and collects garbage beside it. On 2 cores a 2,000-file check took
 * 1.87 s on one thread and 2.07 s on two, and a bare parse of 1,000 files 276 ms alone but 460 ms
 * next to a second one.
 */
export function threadsFor(
  concurrency: Concurrency,
  files: number,
  cores = os.availableParallelism(),
): number {
  if (concurrency === 'off') return 1;
  if (concurrency !== 'auto') return Math.max(1, Math.min(concurrency, files));
  const threads = Math.min(cores >> 1, Math.floor(files / filesPerWorker));
  return Math.max(1, threads);
}

/**
 * The script a worker thread starts: the one node was started with, which is the launcher that
 * compiles the bundle from its code cache (the bundle itself when run directly).
 */
function workerScript(): string {
  return require.main?.filename ?? __filename;
}

/** A check of files on several threads, started by {@link startWorkers}. */
export interface CheckPool {
  /**
   * Checks `files` on the pool's workers and, with `local`, on this thread too. `onResult` gets
   * each file's result with its index in `files`: a batch's files in order, batches in any order.
   */
  check(
    files: readonly string[],
    local: () => Promise<FileChecker>,
    onResult: (index: number, result: FileResult) => void,
  ): Promise<void>;
}

/**
 * Starts `threads - 1` worker threads (this thread is the last one), each loading its own
 * language service while this thread goes on: the compiler and the workspace take them a few
 * hundred milliseconds.
 */
export function startWorkers(threads: number, options: FileCheckerOptions): CheckPool {
  const workers: Worker[] = [];
  // A worker that fails or stops before it is given files fails the check it is given.
  let stopped: Error | undefined;
  for (let t = 1; t < threads; t++) {
    // The CLI's own script, started as a worker: it checks what it is sent (see runCheckWorker).
    const worker = new Worker(workerScript(), { workerData: { role: workerRole, options } });
    worker.on('error', (error) => (stopped ??= error));
    worker.on(
      'exit',
      (code) => (stopped ??= new Error(`a worker thread stopped (exit code ${code})`)),
    );
    // Until it is given files, a worker does not keep the process alive: a run that stops
    // before checking (bad input) exits as it would without one.
    worker.unref();
    workers.push(worker);
  }
  return {
    async check(files, local, onResult) {
      for (const worker of workers) worker.ref();
      try {
        if (stopped) throw stopped;
        if (files.length > 0) await checkOn(workers, files, local, onResult);
      } finally {
        await Promise.all(workers.map((worker) => worker.terminate()));
      }
    },
  };
}

async function checkOn(
  workers: readonly Worker[],
  files: readonly string[],
  local: () => Promise<FileChecker>,
  onResult: (index: number, result: FileResult) => void,
): Promise<void> {
  const threads = workers.length + 1;
  // Large batches save messages; enough of them keep the threads finishing together.
  const batchSize = Math.max(1, Math.min(maxBatch, Math.ceil(files.length / (threads * 8))));
  let next = 0;
  let done = 0;
  let failed = false;
  const take = (): [number, number] | undefined => {
    if (failed || next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, next + batchSize);
    return [start, next];
  };
  await new Promise<void>((resolve, fail) => {
    const reject = (error: unknown) => {
      failed = true;
      fail(error);
    };
    const finished = (count: number) => {
      done += count;
      if (done === files.length) resolve();
    };
    const send = (worker: Worker) => {
      const batch = take();
      if (batch) worker.postMessage({ start: batch[0], files: files.slice(...batch) });
    };
    for (const worker of workers) {
      worker.on('message', ({ start, results }: { start: number; results: FileResult[] }) => {
        for (let i = 0; i < results.length; i++) onResult(start + i, results[i]!);
        send(worker);
        finished(results.length);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (done < files.length) reject(new Error(`a worker thread stopped (exit code ${code})`));
      });
      for (let k = 0; k < batchesInFlight; k++) send(worker);
    }
    // This thread checks batches too, a file at a time, letting the workers' results in between.
    void (async () => {
      const checker = await local();
      for (let batch = take(); batch; batch = take()) {
        for (let i = batch[0]; i < batch[1]; i++) {
          onResult(i, await checker.check(files[i]!));
          if (workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
        }
        finished(batch[1] - batch[0]);
      }
    })().catch(reject);
  });
}

/** Whether this thread is a worker {@link startWorkers} started. */
export function isCheckWorker(): boolean {
  return (workerData as { role?: string } | null)?.role === workerRole;
}

/** The body of a worker thread: checks each batch of files the main thread sends, one at a time. */
export function runCheckWorker(): void {
  const { options } = workerData as { options: FileCheckerOptions };
  const checker = createFileChecker(options);
  // Batches are checked in the order they come; a chain keeps one at a time.
  let queue: Promise<unknown> = checker;
  parentPort!.on('message', ({ start, files }: { start: number; files: string[] }) => {
    queue = queue.then(async () => {
      const results: FileResult[] = [];
      for (const file of files) results.push(await (await checker).check(file));
      parentPort!.postMessage({ start, results });
    });
    // A failure here is an internal error: the worker's error event ends the run with it.
    queue.catch((error: unknown) => {
      setImmediate(() => {
        throw error;
      });
    });
  });
}
