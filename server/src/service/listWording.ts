/** `a`, `a and b`, `a, b and c`: a list as a message or a doc comment reads it. */
export function formatList(items: readonly (string | number)[]): string {
  return items.length <= 1
    ? String(items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
