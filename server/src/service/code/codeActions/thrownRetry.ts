import type { TextEdit } from 'vscode-languageserver-types';
import { helperNeverRetried } from '../retryCoverage';
import { idempotentMethods } from '../idempotency';
import { formatList } from '../../listWording';
import type { CodeStyle } from './codeStyle';
import { wrapWords } from './layout';
import {
  createHelperText,
  helperSignatureLines,
  libraryRetryDefaults,
  retryAfterLines,
  retryPolicyDefaultLines,
  retryPolicyLines,
  wrapInHelper,
  type RetryFixInput,
} from './retryPolicy';

/** A client whose failed request rejects with an `HTTPError` of its own shape. */
type ThrowingClient = 'ky' | 'got';

/** What each client's `HTTPError` holds, as its helper reads it. */
interface ErrorShape {
  helperName: string;
  policyName: string;
  /** The name of the type the caught error is read as. */
  failedName: string;
  /** The members of that type, one a line, `inner` indenting those of a nested type. */
  failedMembers: (end: string, inner: string) => string[];
  /** The parts of the error the helper destructures, `{ request, response }`. */
  parts: string;
  /** Lines (in the `catch`) binding `method`, `keyed`, `status` and `header`, or throwing. */
  read: (end: string, q: (value: string) => string) => string[];
}

const shapes: Record<ThrowingClient, ErrorShape> = {
  // ky's HTTPError: the `Request` it sent and the `Response` it got, a fetch one.
  ky: {
    helperName: 'withKyRetry',
    policyName: 'KyRetryPolicy',
    failedName: 'FailedKyRequest',
    failedMembers: (end, inner) => [
      `request?: { method: string; headers: { has(name: string): boolean } }${end}`,
      'response?: {',
      `${inner}status: number${end}`,
      `${inner}headers: { get(name: string): string | null }${end}`,
      `${inner}bodyUsed: boolean${end}`,
      `${inner}body: { cancel(): Promise<void> } | null${end}`,
      `}${end}`,
    ],
    parts: '{ request, response }',
    read: (end, q) => [
      `if (attempt >= maxAttempts || !request || !response) throw error${end}`,
      `const method = request.method.toUpperCase()${end}`,
      `const keyed = request.headers.has(${q('Idempotency-Key')})${end}`,
      `const status = response.status${end}`,
      `const header = response.headers.get(${q('Retry-After')}) ?? ${q('')}${end}`,
    ],
  },
  // got's HTTPError: the options it sent (header names lower-cased) and the response it got,
  // its body read already.
  got: {
    helperName: 'withGotRetry',
    policyName: 'GotRetryPolicy',
    failedName: 'FailedGotRequest',
    failedMembers: (end) => [
      `options?: { method: string; headers: Record<string, unknown> }${end}`,
      `response?: { statusCode: number; headers: Record<string, unknown> }${end}`,
    ],
    parts: '{ options, response }',
    read: (end, q) => [
      `if (attempt >= maxAttempts || !options || !response) throw error${end}`,
      `const method = options.method.toUpperCase()${end}`,
      `const keyed = options.headers[${q('idempotency-key')}] !== undefined${end}`,
      `const status = response.statusCode${end}`,
      `const header = String(response.headers[${q('retry-after')}] ?? ${q('')})${end}`,
    ],
  },
};

/**
 * `damDelete(path)` (a project function making a ky or got request) →
 * `withKyRetry(() => damDelete(path), { retryOn: [409] })`, the helper added once to the file: it
 * reads the client's own `HTTPError`, which the axios helper's reading (`config`, a status and
 * headers as a plain object) does not fit.
 */
export function getThrownRetryEdits(
  input: RetryFixInput,
  client: ThrowingClient,
  statuses: readonly number[],
): { edits: TextEdit[]; mechanism: string } {
  const shape = shapes[client];
  return wrapInHelper(input, shape.helperName, statuses, (style) => getHelperText(style, client));
}

/**
 * The helper's text in the file's style. It retries `retryOn` only: the client retries its own
 * default statuses and network failures itself, and a helper retrying them again would multiply
 * the attempts. Every line is short of 80 columns and no construct is one Prettier would join on
 * a wider line, so it is Prettier-clean from 80 up.
 */
function getHelperText(style: CodeStyle, client: ThrowingClient): string {
  const shape = shapes[client];
  const typed = style.typescript;
  const { lines, push, end, q } = createHelperText(style);
  if (typed) lines.push(...typeLines(style, client));
  const ownStatuses = formatList(libraryRetryDefaults[client].statusCodes);
  const doc =
    `Runs \`send\` (a ${client} request) again when it fails with a status of \`retryOn\`, ` +
    `at most \`maxAttempts\` times in all; by default ${client} itself retries ${ownStatuses}, ` +
    `and network failures. Only idempotent requests are retried: ${formatList(idempotentMethods)}, ` +
    'or POST and PATCH carrying an `Idempotency-Key`. Between attempts it waits ' +
    '`Retry-After` exactly when the response has one (up to `maxRetryAfterMs`), else an ' +
    'exponential backoff with full jitter capped at `maxDelayMs`. The last failure is ' +
    "rethrown as it is: its status is still the caller's.";
  push(0, '/**');
  for (const line of wrapWords(doc, 74)) push(0, ` * ${line}`);
  push(0, ' */');
  lines.push(
    ...(typed
      ? helperSignatureLines(
          `${shape.helperName}<T>`,
          ['send: () => Promise<T>', `policy: ${shape.policyName} = {}`],
          ': Promise<T>',
          style,
        )
      : [`async function ${shape.helperName}(send, policy = {}) {`]),
  );
  lines.push(...retryPolicyDefaultLines(style));
  push(1, '// The request itself is wrong: sending it again cannot succeed.');
  push(1, `const neverRetried = [${helperNeverRetried.join(', ')}]${end}`);
  push(1, `const idempotent = [${idempotentMethods.map(q).join(', ')}]${end}`);
  push(1, `const retried = retryOn.filter((code) => !neverRetried.includes(code))${end}`);
  push(1, 'for (let attempt = 1; ; attempt++) {');
  push(2, 'try {');
  push(3, `return await send()${end}`);
  push(2, '} catch (error) {');
  const failed = typed ? `(error ?? {}) as ${shape.failedName}` : 'error ?? {}';
  push(3, `const ${shape.parts} = ${failed}${end}`);
  for (const line of shape.read(end, q)) push(3, line);
  push(3, `const unsafe = method === ${q('POST')} || method === ${q('PATCH')}${end}`);
  push(3, `const resendable = idempotent.includes(method) || (unsafe && keyed)${end}`);
  push(3, `if (!resendable || !retried.includes(status)) throw error${end}`);
  push(3, `const text = header.trim()${end}`);
  for (const line of retryAfterLines(style, 'retryAfter', 'now()')) push(3, line);
  if (client === 'ky') {
    push(3, '// An unread body holds the connection open.');
    push(3, `if (!response.bodyUsed) await response.body?.cancel()${end}`);
  }
  push(3, `const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))${end}`);
  push(3, `let wait = random() * cap${end}`);
  push(3, `if (!Number.isNaN(retryAfter)) wait = Math.max(0, retryAfter)${end}`);
  push(3, `await sleep(Math.min(wait, maxRetryAfterMs))${end}`);
  push(2, '}');
  push(1, '}');
  push(0, '}');
  return lines.join(style.eol);
}

/** A TypeScript file's declarations before the helper: its options and the error parts it reads. */
function typeLines(style: CodeStyle, client: ThrowingClient): string[] {
  const shape = shapes[client];
  const { lines, push, end } = createHelperText(style);
  lines.push(
    ...retryPolicyLines(
      shape.policyName,
      shape.helperName,
      style,
      `The statuses to retry: those ${client} does not retry itself.`,
    ),
  );
  push(0, `/** The parts of a failed ${client} request the retry reads. */`);
  push(0, `interface ${shape.failedName} {`);
  for (const member of shape.failedMembers(end, style.indentUnit)) push(1, member);
  push(0, '}');
  push(0, '');
  return lines;
}
