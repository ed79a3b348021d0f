/**
 * The CPU time `work` takes, in ms: other processes on a busy machine do not add to it, as they
 * do to the time on the clock, so a bound on it fails only when the work itself is slow. The
 * speed itself is measured by the bench and the fuzz pass.
 */
export function cpuTimed<T>(work: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = work();
  return { value, ms: cpuMsSince(start) };
}

/** {@link cpuTimed} for asynchronous work: the CPU time of the whole process until it settles. */
export async function cpuTimedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.cpuUsage();
  const value = await work();
  return { value, ms: cpuMsSince(start) };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
