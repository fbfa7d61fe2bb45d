/**
 * Polls `probe` until `accept` takes its value, and returns that value; a probe that throws
 * counts as "not yet". Throws with the last value after `timeoutMs`. The one way tests wait
 * for something to happen: never a fixed sleep.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`not reached in ${timeoutMs} ms; last: ${String(JSON.stringify(last))}`);
    // allow-sleep: the polling interval.
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `condition` holds: `eventually` for a yes-or-no question. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const { timeoutMs = 5000, intervalMs = 2 } = options;
  await eventually(
    async () => condition(),
    (held) => held,
    timeoutMs,
    intervalMs,
  );
}
