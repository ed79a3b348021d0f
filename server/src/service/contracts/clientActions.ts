import type { ClientAction } from './model';

/** How each client action is worded, in one table: the few words of tables and completions, the line of hovers, and what a handling branch's error says. */
const wording: Record<ClientAction, { phrase: string; description: string; thrown: string }> = {
  'fix-request': {
    phrase: 'fix the request',
    description:
      'fix the request — surface the error body; retrying the same request will fail again',
    thrown: 'fix the request',
  },
  're-authenticate': {
    phrase: 're-authenticate',
    description: 're-authenticate — obtain valid credentials, then retry once',
    thrown: 're-authenticate, then retry once',
  },
  'check-permissions': {
    phrase: 'check permissions',
    description: 'check permissions — the credentials are valid but lack the right; do not retry',
    thrown: 'the credentials lack the permission',
  },
  'retry-later': {
    phrase: 'retry later',
    description:
      'retry later — the condition is temporary; retry after a delay with a bounded number of attempts',
    thrown: 'retry later',
  },
  'back-off-and-retry': {
    phrase: 'back off and retry',
    description: 'back off and retry — bounded attempts with exponential backoff and jitter',
    thrown: 'retry later',
  },
  none: {
    phrase: 'nothing to handle',
    description: 'nothing to handle — not an error',
    thrown: '',
  },
};

/** Whether a value is one of the client actions. */
export function isClientAction(value: unknown): value is ClientAction {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(wording, value);
}

/** One line saying what a client should do, for hovers and diagnostic messages. */
export function describeClientAction(action: ClientAction, retryAfter?: boolean): string {
  const text = wording[action].description;
  return retryAfter ? `${text}; honour \`Retry-After\` exactly when present` : text;
}

/** The client action in a few words (`retry later`). */
export function getActionPhrase(action: ClientAction): string {
  return wording[action].phrase;
}

/** What the error thrown by a handling branch says the caller should do; empty for `none`. */
export function getThrownPhrase(action: ClientAction): string {
  return wording[action].thrown;
}

/** Whether the action asks the client to send the request again. */
export function isRetryAction(action: ClientAction): boolean {
  return action === 'retry-later' || action === 'back-off-and-retry';
}
