/** Work a process does besides answering requests; the runtime starts and stops it in order. */
export interface BackgroundJob {
  name: string;
  start(): Promise<void> | void;
  /** Finishes what is in flight; called in the reverse order of start. */
  stop(): Promise<void> | void;
}

/** Runs `step` at start, then every `everyMs`, until stopped; a failed step is reported and retried. */
export function periodicJob(
  name: string,
  everyMs: number,
  step: () => Promise<void>,
  onError: (error: unknown) => void,
): BackgroundJob {
  let timer: NodeJS.Timeout | undefined;
  const run = () => step().catch(onError);
  return {
    name,
    async start() {
      await run();
      timer = setInterval(() => void run(), everyMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
