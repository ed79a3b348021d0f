/** Options of {@link fetchWithRetry}. */
export interface RetryOptions {
  /** Statuses to retry besides 408, 429, 500, 502, 503 and 504, e.g. an API's documented temporary 409. */
  retryOn?: readonly number[];
  /** Attempts in all, the first one included. */
  maxAttempts?: number;
  /** The backoff before the first retry, doubled for each further one (before jitter). */
  baseDelayMs?: number;
  /** The longest backoff between two attempts. */
  maxDelayMs?: number;
  /** The longest `Retry-After` wait taken; a longer one is shortened to this. */
  maxRetryAfterMs?: number;
  /** Waits `ms`, rejecting when `signal` aborts (replaceable in tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The current time in ms, to resolve a `Retry-After` HTTP-date. */
  now?: () => number;
  /** A number in [0, 1), the jitter source. */
  random?: () => number;
}

/** Transient statuses, always retried. */
const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
/** The request itself is wrong: sending it again cannot succeed, whatever `retryOn` says. */
const NEVER_RETRIED_STATUSES = [400, 401, 403, 404, 422];
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

/**
 * `fetch` with bounded retries of the statuses worth sending again. Only idempotent requests are
 * retried: GET, HEAD, OPTIONS, PUT and DELETE, or POST and PATCH carrying an `Idempotency-Key`.
 * Between attempts it waits `Retry-After` exactly when the response has one (up to
 * `maxRetryAfterMs`), else an exponential backoff with full jitter capped at `maxDelayMs`.
 * Aborting `init.signal` stops the request and the wait. The last response is returned as it
 * is: its status is still the caller's to handle.
 */
export async function fetchWithRetry(
  input: string | URL,
  init: RequestInit = {},
  options: RetryOptions = {},
): Promise<Response> {
  const {
    retryOn = [],
    maxAttempts = 4,
    baseDelayMs = 250,
    maxDelayMs = 10_000,
    maxRetryAfterMs = 60_000,
    sleep = sleepUnlessAborted,
    now = Date.now,
    random = Math.random,
  } = options;
  const method = (init.method ?? 'GET').toUpperCase();
  const idempotent =
    IDEMPOTENT_METHODS.includes(method) ||
    ((method === 'POST' || method === 'PATCH') && new Headers(init.headers).has('Idempotency-Key'));
  const attempts = idempotent ? Math.max(1, Math.floor(maxAttempts)) : 1;
  const statuses = new Set(
    [...RETRYABLE_STATUSES, ...retryOn].filter(
      (status) => !NEVER_RETRIED_STATUSES.includes(status),
    ),
  );
  const signal = init.signal ?? undefined;
  const backoff = (attempt: number): number =>
    random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      // fetch rejects with a TypeError when the network fails; an abort is not a network failure.
      if (attempt >= attempts || signal?.aborted || !(error instanceof TypeError)) throw error;
      await sleep(backoff(attempt), signal);
      continue;
    }
    if (attempt >= attempts || !statuses.has(response.status)) return response;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
    // An unread body holds the connection open.
    await response.body?.cancel();
    await sleep(
      retryAfter === undefined ? backoff(attempt) : Math.min(retryAfter, maxRetryAfterMs),
      signal,
    );
  }
}

/**
 * A `Retry-After` value in ms from `now`: delay-seconds or an HTTP-date (a past date is 0);
 * undefined when absent or malformed.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
