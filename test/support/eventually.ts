/**
 * Polls `probe` until `accept` takes its value, and returns that value; a probe that throws
 * counts as "not yet". Throws with the last value after `timeoutMs`.
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
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
