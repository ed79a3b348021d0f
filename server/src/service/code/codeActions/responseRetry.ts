import type { TextEdit } from 'vscode-languageserver-types';
import { helperNeverRetried, helperRetryable, responseRetryHelperName } from '../retryCoverage';
import type { CodeStyle } from './codeStyle';
import {
  createHelperText,
  helperSignatureLines,
  retryAfterLines,
  retryPolicyDefaultLines,
  retryPolicyLines,
  wrapInHelper,
  type RetryFixInput,
} from './retryPolicy';

/**
 * `client.DELETE('/image/{id}', …)` → `withResponseRetry(() => client.DELETE(…), { retryOn: [409] })`,
 * the helper added once to the file. A closure, since openapi-fetch builds a new `Request` for each
 * call: a request body already sent cannot be sent again, and a middleware sees only that one.
 */
export function getResponseRetryEdits(
  input: RetryFixInput,
  statuses: readonly number[],
): { edits: TextEdit[]; mechanism: string } {
  return wrapInHelper(input, responseRetryHelperName, statuses, getHelperText);
}

/**
 * The helper's text in the file's style: one interface and one function, naming nothing else at
 * the top level (the axios helper may be in the same file). Every line is short of 80 columns and
 * no construct is one Prettier would join on a wider line, so it is Prettier-clean from 80 up.
 */
function getHelperText(style: CodeStyle): string {
  const typed = style.typescript;
  const { lines, push, pushFitted, end, q } = createHelperText(style);
  if (typed) lines.push(...retryPolicyLines('ResponseRetryPolicy', responseRetryHelperName, style));
  push(0, '/**');
  push(0, ' * Calls `send` again while the response it resolves to (a `Response`, or an');
  push(0, ' * openapi-fetch result holding one) has a status worth retrying, or while it');
  push(0, ' * rejects with a network error, at most `maxAttempts` times in all. Send only');
  push(0, ' * idempotent requests through it: GET, HEAD, OPTIONS, PUT and DELETE, or POST');
  push(0, ' * and PATCH carrying an `Idempotency-Key`. Between attempts it waits');
  push(0, ' * `Retry-After` exactly when the response has one (up to `maxRetryAfterMs`),');
  push(0, ' * else an exponential backoff with full jitter capped at `maxDelayMs`. The');
  push(0, " * last result is returned as it is: its status is still the caller's.");
  push(0, ' */');
  if (typed) {
    lines.push(
      ...helperSignatureLines(
        `${responseRetryHelperName}<T extends Response | { response: Response }>`,
        ['send: () => Promise<T>', 'policy: ResponseRetryPolicy = {}'],
        ': Promise<T>',
        style,
      ),
    );
  } else {
    push(0, `async function ${responseRetryHelperName}(send, policy = {}) {`);
  }
  lines.push(...retryPolicyDefaultLines(style));
  push(1, `const retried = [${helperRetryable.join(', ')}, ...retryOn]${end}`);
  push(1, '// The request itself is wrong: sending it again cannot succeed.');
  push(1, `const neverRetried = [${helperNeverRetried.join(', ')}]${end}`);
  push(1, 'for (let attempt = 1; ; attempt++) {');
  push(2, `const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))${end}`);
  push(2, `let result${typed ? ': T' : ''}${end}`);
  push(2, 'try {');
  push(3, `result = await send()${end}`);
  push(2, '} catch (error) {');
  push(3, '// fetch rejects with a TypeError when the network fails.');
  pushFitted(
    3,
    'if (attempt >= maxAttempts || !(error instanceof TypeError))',
    `throw error${end}`,
  );
  push(3, `await sleep(random() * cap)${end}`);
  push(3, `continue${end}`);
  push(2, '}');
  if (typed) {
    push(2, `const settled: Response | { response: Response } = result${end}`);
    push(2, `const response = ${q('response')} in settled ? settled.response : settled${end}`);
  } else {
    push(2, `const response = ${q('response')} in result ? result.response : result${end}`);
  }
  push(2, `const status = response.status${end}`);
  pushFitted(
    2,
    'const retry =',
    `retried.includes(status) && !neverRetried.includes(status)${end}`,
  );
  push(2, `if (attempt >= maxAttempts || !retry) return result${end}`);
  push(2, `const text = response.headers.get(${q('Retry-After')})?.trim() ?? ${q('')}${end}`);
  for (const line of retryAfterLines(style, 'retryAfter', 'now()')) push(2, line);
  push(2, '// An unread body holds the connection open.');
  push(2, `if (!response.bodyUsed) await response.body?.cancel()${end}`);
  push(2, `let wait = random() * cap${end}`);
  push(2, `if (!Number.isNaN(retryAfter)) wait = Math.max(0, retryAfter)${end}`);
  push(2, `await sleep(Math.min(wait, maxRetryAfterMs))${end}`);
  push(1, '}');
  push(0, '}');
  return lines.join(style.eol);
}
