import type { StatusContract } from './model';

/** The code of an exact status key (`"409"`); undefined for ranges (`"4XX"`) and `default`. */
export function exactStatus(entry: StatusContract): number | undefined {
  return /^[1-5]\d\d$/.test(entry.key) ? Number(entry.key) : undefined;
}
