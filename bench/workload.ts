/** One timed piece of work in `npm run bench`. */
export interface Workload {
  /** Unique name, shown in the report. */
  name: string;
  /** Name of another workload in the same run that this one is reported as a ratio against. */
  baseline?: string;
  /** Prepares inputs; runs once, untimed. Its result is passed to `run`. */
  setup?(): unknown | Promise<unknown>;
  /** The timed work. */
  run(state: any): unknown | Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Releases what `setup` acquired (a server process); runs once, untimed. */
  teardown?(state: any): unknown | Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Timed repetitions (default 15), after two untimed warm-up runs. */
  iterations?: number;
}
