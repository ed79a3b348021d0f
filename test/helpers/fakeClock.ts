import { performance } from 'node:perf_hooks';
import { setImmediate as realSetImmediate } from 'node:timers';

/**
 * A clock for code that waits between HTTP attempts: `Date.now` and the timers that code sets
 * (from user modules and packages, not from node's own internals, whose sockets and fetch run on
 * real time) stand still until the test moves the clock to the next wait. Each wait taken is
 * recorded in ms, so a test asserts what the code asked for rather than what a loaded machine
 * took.
 */
export interface FakeClock {
  /** The delays of the fake timers run so far, in order. */
  readonly waits: number[];
  /**
   * Waits (in real time) until a timer set after `since` is pending, moves the clock to it and
   * runs it; returns its delay. Rejects after `timeoutMs` of real time without one.
   */
  runNextTimer(since: number, timeoutMs?: number): Promise<number>;
  /** A mark of the timers set so far, for {@link runNextTimer}'s `since`. */
  mark(): number;
  /** Puts the real timers and `Date.now` back. */
  uninstall(): void;
}

interface FakeTimer {
  id: number;
  at: number;
  delay: number;
  run: () => void;
}

let active: FakeClock | undefined;

/** The clock installed now, if any: a local server marks its answers with it. */
export function getActiveClock(): FakeClock | undefined {
  return active;
}

/** Where the fake clock starts: a whole second, so that an HTTP-date names its time exactly. */
export const clockStart = Date.UTC(2026, 0, 5, 9, 30, 0);

/**
 * Runs `send` on a fake clock started at `start`: each time the server has answered (`answers`
 * lists the clock's mark at each answer), the timer the client sets in reaction is run, up to
 * `retries` times. The waits are the delays of those timers.
 */
export async function runOnFakeClock(
  start: number,
  answers: () => readonly { mark: number }[],
  retries: number,
  send: () => Promise<unknown>,
): Promise<{ waits: number[]; error?: unknown }> {
  const clock = installFakeClock(start);
  try {
    let settled = false;
    const outcome = send().then(
      () => ({ waits: clock.waits }),
      (error: unknown) => ({ waits: clock.waits, error }),
    );
    void outcome.finally(() => (settled = true));
    for (let retry = 0; retry < retries; retry++) {
      const answered = await until(() => answers()[retry] !== undefined || settled);
      if (!answered || settled) break;
      await clock.runNextTimer(answers()[retry]!.mark);
    }
    return await outcome;
  } finally {
    clock.uninstall();
  }
}

/** Polls `condition` on real time for up to 10 s. */
async function until(condition: () => boolean): Promise<boolean> {
  const deadline = performance.now() + 10_000;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => realSetImmediate(resolve));
  }
  return true;
}

/** Installs a fake clock starting at `start` ms (a whole second, so an HTTP-date wait is exact). */
function installFakeClock(start: number): FakeClock {
  const real = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    now: Date.now,
  };
  let now = start;
  let nextId = 1;
  const pending = new Map<number, FakeTimer>();
  const waits: number[] = [];
  const handles = new WeakMap<object, number>();

  // The frame that called setTimeout: node's internals keep real timers.
  const calledFromUserCode = (): boolean => {
    const frames = (new Error().stack ?? '').split('\n').slice(3);
    const caller = frames[0] ?? '';
    return !/\(node:|at node:/.test(caller);
  };

  const fakeSetTimeout = ((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    if (!calledFromUserCode()) return real.setTimeout(callback, ms, ...args);
    const id = nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    pending.set(id, { id, at: now + delay, delay, run: () => callback(...args) });
    const handle = {
      ref: () => handle,
      unref: () => handle,
      hasRef: () => true,
      refresh: () => handle,
      [Symbol.toPrimitive]: () => id,
    };
    handles.set(handle, id);
    return handle;
  }) as unknown as typeof setTimeout;

  const fakeClearTimeout = ((handle: unknown) => {
    const id =
      typeof handle === 'object' && handle !== null ? handles.get(handle) : (handle as number);
    if (id !== undefined && pending.delete(id)) return;
    real.clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
  }) as typeof clearTimeout;

  globalThis.setTimeout = fakeSetTimeout;
  globalThis.clearTimeout = fakeClearTimeout;
  Date.now = () => now;

  const since = (mark: number) => [...pending.values()].filter((timer) => timer.id > mark);

  const clock: FakeClock = {
    waits,
    mark: () => nextId - 1,
    async runNextTimer(mark, timeoutMs = 10_000) {
      const deadline = real.now() + timeoutMs;
      for (;;) {
        const candidates = since(mark).sort((a, b) => a.at - b.at || a.id - b.id);
        const timer = candidates[0];
        if (timer) {
          pending.delete(timer.id);
          now = Math.max(now, timer.at);
          waits.push(timer.delay);
          timer.run();
          return timer.delay;
        }
        if (real.now() > deadline) throw new Error(`no timer was set in ${timeoutMs} ms`);
        await new Promise((resolve) => realSetImmediate(resolve));
      }
    },
    uninstall() {
      globalThis.setTimeout = real.setTimeout;
      globalThis.clearTimeout = real.clearTimeout;
      Date.now = real.now;
      active = undefined;
    },
  };
  active = clock;
  return clock;
}
