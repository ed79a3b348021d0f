/**
 * What features derive from one parse (the call analysis, the recognised payloads), kept with the
 * parse itself: it lives as long as the caller keeps the parse, and is shared by every feature.
 */
export interface ParseMemo {
  /** The value of `slot` computed for `inputs`; recomputed when any input differs (by identity). */
  get<T>(slot: MemoSlot<T>, inputs: readonly unknown[], compute: () => T): T;
}

/** A typed key of one derived value; made once per kind of value by the feature deriving it. */
export interface MemoSlot<T> {
  /** Not read: it carries the value's type. */
  readonly type?: T;
}

/** A new, empty memo, one per parse. */
export function createParseMemo(): ParseMemo {
  const values = new Map<MemoSlot<unknown>, { inputs: readonly unknown[]; value: unknown }>();
  return {
    get<T>(slot: MemoSlot<T>, inputs: readonly unknown[], compute: () => T): T {
      const known = values.get(slot);
      if (
        known &&
        known.inputs.length === inputs.length &&
        known.inputs.every((input, index) => input === inputs[index])
      )
        return known.value as T;
      const value = compute();
      values.set(slot, { inputs, value });
      return value;
    },
  };
}
