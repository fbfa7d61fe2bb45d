/** Jittered exponential backoff ("full jitter"): own code, as docs/shared/SPEC.md asks; no retry library. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Delay before retry number `attempt` (1 = the first retry): random in [0, min(cap, base·2^(attempt-1))]. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * Runs `operation` until it succeeds or `attempts` are used, sleeping a jittered backoff
 * between tries. For writes that must land (a run's final status) through a short outage.
 */
export async function retrying<T>(
  operation: () => Promise<T>,
  options: { attempts: number; policy: BackoffPolicy; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const pause =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= options.attempts) throw error;
      await pause(backoffDelay(attempt, options.policy));
    }
  }
}
