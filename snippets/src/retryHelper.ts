/** Options of {@link fetchWithRetry}. */
export interface RetryOptions {
  /**
   * Statuses to retry besides 408, 429, 500, 502, 503 and 504, e.g. an API's
   * documented temporary 409.
   */
  retryOn?: readonly number[];
  /** Attempts in all, the first one included. */
  maxAttempts?: number;
  /** The backoff before the first retry, doubled for each further one. */
  baseDelayMs?: number;
  /** The longest backoff between two attempts. */
  maxDelayMs?: number;
  /** The longest `Retry-After` wait taken; a longer one is cut to this. */
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
/** The request itself is wrong: sending it again cannot succeed. */
const NEVER_RETRIED_STATUSES = [400, 401, 403, 404, 422];
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

/**
 * `fetch` with bounded retries of the statuses worth sending again. Only
 * idempotent requests are retried: GET, HEAD, OPTIONS, PUT and DELETE, or POST
 * and PATCH carrying an `Idempotency-Key`. Between attempts it waits
 * `Retry-After` exactly when the response has one (up to `maxRetryAfterMs`),
 * else an exponential backoff with full jitter capped at `maxDelayMs`. Aborting
 * `init.signal` stops the request and the wait. The last response is returned
 * as it is: its status is still the caller's to handle.
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
  const keyed = new Headers(init.headers).has('Idempotency-Key');
  const unsafe = method === 'POST' || method === 'PATCH';
  const idempotent = IDEMPOTENT_METHODS.includes(method) || (unsafe && keyed);
  const attempts = idempotent ? Math.max(1, Math.floor(maxAttempts)) : 1;
  const wanted = [...RETRYABLE_STATUSES, ...retryOn];
  const isRetried = (code: number) => !NEVER_RETRIED_STATUSES.includes(code);
  const statuses = new Set(wanted.filter(isRetried));
  const signal = init.signal ?? undefined;
  const backoff = (attempt: number): number => {
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return random() * cap;
  };

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      // fetch rejects with a TypeError when the network fails; an abort is no
      // network failure.
      const network = error instanceof TypeError && !signal?.aborted;
      if (attempt >= attempts || !network) throw error;
      await sleep(backoff(attempt), signal);
      continue;
    }
    if (attempt >= attempts || !statuses.has(response.status)) return response;
    const header = response.headers.get('Retry-After');
    const retryAfter = parseRetryAfter(header, now());
    // An unread body holds the connection open.
    await response.body?.cancel();
    const wait = retryAfter ?? backoff(attempt);
    await sleep(Math.min(wait, maxRetryAfterMs), signal);
  }
}

/**
 * A `Retry-After` value in ms from `now`: delay-seconds or an HTTP-date (a past
 * date is 0); undefined when absent or malformed. An HTTP-date starts with its
 * day name: Date.parse would take even '1.5' for a day of 2001, and not wait.
 */
export function parseRetryAfter(raw: string | null, now: number): number | undefined {
  if (raw === null) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = /^[A-Z]/.test(text) ? Date.parse(text) : NaN;
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
