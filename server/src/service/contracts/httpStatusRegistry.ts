import registry from '../../../../catalogs/http-statuses.json';
import type { ClientAction, StatusContract } from './model';

/** One entry of the IANA HTTP Status Code Registry. */
export interface RegisteredStatus {
  /** The three-digit code. */
  code: number;
  /** The name per RFC 9110 (or the RFC that registered it). */
  title: string;
  /** One-line meaning. */
  meaning: string;
  /** The default client action when no API documents otherwise. */
  action: ClientAction;
  /** True when `Retry-After` commonly accompanies the status. */
  retryAfter?: boolean;
  /** The defining document and section, e.g. `RFC 9110, Section 15.5.10`. */
  reference: string;
  /** Link to that section. */
  href: string;
}

const byCode = new Map<number, RegisteredStatus>(
  (registry.statuses as RegisteredStatus[]).map((status) => [status.code, status]),
);

/** The registry entry of a status code, or undefined for an unregistered code. */
export function getRegisteredStatus(code: number): RegisteredStatus | undefined {
  return byCode.get(code);
}

/** Every registered status, ascending. */
export function getRegisteredStatuses(): readonly RegisteredStatus[] {
  return [...byCode.values()];
}

/** The registry entry as a generic contract, the fallback wherever an API says nothing. */
export function getGenericStatusContract(code: number): StatusContract | undefined {
  const status = byCode.get(code);
  if (!status) return undefined;
  return {
    key: String(code),
    title: status.title,
    meaning: status.meaning,
    action: status.action,
    retryAfter: status.retryAfter,
    docs: status.href,
  };
}

/** A title for any code in 100–599: the registered name, or the class name for unassigned codes. */
export function getStatusTitle(code: number): string {
  const status = byCode.get(code);
  if (status) return status.title;
  const classes = [
    '',
    'Informational',
    'Successful',
    'Redirection',
    'Client Error',
    'Server Error',
  ];
  return `Unassigned (${classes[Math.floor(code / 100)] ?? 'invalid'})`;
}
