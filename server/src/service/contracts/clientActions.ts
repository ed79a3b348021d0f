import type { ClientAction } from './model';

const descriptions: Record<ClientAction, string> = {
  'fix-request':
    'fix the request — surface the error body; retrying the same request will fail again',
  're-authenticate': 're-authenticate — obtain valid credentials, then retry once',
  'check-permissions':
    'check permissions — the credentials are valid but lack the right; do not retry',
  'retry-later':
    'retry later — the condition is temporary; retry after a delay with a bounded number of attempts',
  'back-off-and-retry': 'back off and retry — bounded attempts with exponential backoff and jitter',
  none: 'nothing to handle — not an error',
};

/** One line saying what a client should do, for hovers and diagnostic messages. */
export function describeClientAction(action: ClientAction, retryAfter?: boolean): string {
  const text = descriptions[action];
  return retryAfter ? `${text}; honour \`Retry-After\` exactly when present` : text;
}

/** Whether the action asks the client to send the request again. */
export function isRetryAction(action: ClientAction): boolean {
  return action === 'retry-later' || action === 'back-off-and-retry';
}
