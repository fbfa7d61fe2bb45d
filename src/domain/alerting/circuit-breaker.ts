import { CircuitState, type CircuitStatus } from './circuit.types.js';

export interface BreakerSettings {
  name: string;
  /** Outcomes remembered while CLOSED. */
  windowSize: number;
  /** Failures among them that open the circuit. */
  failureThreshold: number;
  /** How long OPEN lasts before one trial call is let through. */
  openMs: number;
  /** A trial whose caller never reports back is given up after this long. */
  trialTimeoutMs: number;
}

/** The breaker around /notify; how long it stays open is configuration (NOTIFY_CIRCUIT_OPEN_MS). */
export const NOTIFY_BREAKER_POLICY: Omit<BreakerSettings, 'openMs'> = {
  name: 'provider-notify',
  windowSize: 10,
  failureThreshold: 5,
  trialTimeoutMs: 15_000,
};

/** The whole state, shared by every replica (stored as one document). */
export interface BreakerState {
  state: CircuitState;
  /**
   * The window: the last outcomes, oldest first (true = failure). Kept while OPEN and
   * HALF_OPEN (it shows why the circuit opened, and a failed trial joins it); a successful
   * trial closes the circuit with an empty window.
   */
  outcomes: boolean[];
  openedAt: number | null;
  nextAttemptAt: number | null;
  /** While HALF_OPEN: until when the one trial call in flight holds its slot. */
  trialUntil: number | null;
}

export const CLOSED: BreakerState = {
  state: CircuitState.CLOSED,
  outcomes: [],
  openedAt: null,
  nextAttemptAt: null,
  trialUntil: null,
};

export interface Admission {
  allowed: boolean;
  /** The one call HALF_OPEN lets through. */
  trial: boolean;
  next: BreakerState;
}

function opened(now: number, settings: BreakerSettings, outcomes: boolean[]): BreakerState {
  return {
    state: CircuitState.OPEN,
    outcomes: outcomes.slice(-settings.windowSize),
    openedAt: now,
    nextAttemptAt: now + settings.openMs,
    trialUntil: null,
  };
}

/**
 * May a call go out now? CLOSED: yes. OPEN: no (no HTTP call at all) until its time is up,
 * then the caller becomes the one trial (HALF_OPEN). HALF_OPEN: no while the trial is out.
 */
export function admit(current: BreakerState, now: number, settings: BreakerSettings): Admission {
  switch (current.state) {
    case CircuitState.CLOSED:
      return { allowed: true, trial: false, next: current };
    case CircuitState.OPEN:
      if (now < (current.nextAttemptAt ?? 0))
        return { allowed: false, trial: false, next: current };
      return {
        allowed: true,
        trial: true,
        next: {
          ...current,
          state: CircuitState.HALF_OPEN,
          trialUntil: now + settings.trialTimeoutMs,
        },
      };
    case CircuitState.HALF_OPEN:
      if (current.trialUntil !== null && now < current.trialUntil)
        return { allowed: false, trial: false, next: current };
      return {
        allowed: true,
        trial: true,
        next: { ...current, trialUntil: now + settings.trialTimeoutMs },
      };
  }
}

/**
 * The outcome of an admitted call. A trial closes the circuit on success and reopens it on
 * failure. A normal call counts in the window while CLOSED: at `failureThreshold` failures
 * among the last `windowSize` the circuit opens. Late results of calls admitted before the
 * circuit opened change nothing.
 */
export function settle(
  current: BreakerState,
  outcome: { failed: boolean; trial: boolean },
  now: number,
  settings: BreakerSettings,
): BreakerState {
  if (outcome.trial) {
    if (current.state !== CircuitState.HALF_OPEN) return current;
    return outcome.failed ? opened(now, settings, [...current.outcomes, true]) : CLOSED;
  }
  if (current.state !== CircuitState.CLOSED) return current;
  const outcomes = [...current.outcomes, outcome.failed].slice(-settings.windowSize);
  if (outcomes.filter(Boolean).length >= settings.failureThreshold)
    return opened(now, settings, outcomes);
  return { ...current, outcomes };
}

export function toStatus(current: BreakerState, settings: BreakerSettings): CircuitStatus {
  return {
    name: settings.name,
    state: current.state,
    failureCount: current.outcomes.filter(Boolean).length,
    windowSize: settings.windowSize,
    openedAt: current.openedAt === null ? null : new Date(current.openedAt),
    nextAttemptAt:
      current.nextAttemptAt === null || current.state === CircuitState.CLOSED
        ? null
        : new Date(current.nextAttemptAt),
  };
}

/** Where the shared state lives; writes are compare-and-swap on a version. */
export interface BreakerStore {
  load(): Promise<{ state: BreakerState; version: number }>;
  /** False when someone else wrote first (the caller reloads and decides again). */
  save(state: BreakerState, expectedVersion: number): Promise<boolean>;
}

export interface BreakerObserver {
  transition(from: CircuitState, to: CircuitState): void;
}

export type Outlook =
  { kind: 'closed'; headroom: number } | { kind: 'trial' } | { kind: 'wait'; until: number };

/** The circuit breaker around /notify, shared by replicas through its store. */
export class CircuitBreaker {
  constructor(
    private readonly store: BreakerStore,
    readonly settings: BreakerSettings,
    private readonly observer: BreakerObserver,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(): Promise<{ allowed: boolean; trial: boolean; retryAt: number | null }> {
    const admission = await this.update((state) => admit(state, this.now(), this.settings));
    return {
      allowed: admission.allowed,
      trial: admission.trial,
      retryAt: admission.allowed
        ? null
        : (admission.next.trialUntil ?? admission.next.nextAttemptAt),
    };
  }

  /**
   * What a call would be told now, without taking anything: go ahead (CLOSED, with how many
   * more failures the window takes before it opens), be the one trial (its time has come),
   * or wait until `until`. Lets a caller choose what to send.
   */
  async outlook(): Promise<Outlook> {
    const { state } = await this.store.load();
    const admission = admit(state, this.now(), this.settings);
    if (!admission.allowed)
      return {
        kind: 'wait',
        until: admission.next.trialUntil ?? admission.next.nextAttemptAt ?? 0,
      };
    if (admission.trial) return { kind: 'trial' };
    const failures = state.outcomes.filter(Boolean).length;
    return { kind: 'closed', headroom: this.settings.failureThreshold - 1 - failures };
  }

  async record(outcome: { failed: boolean; trial: boolean }): Promise<void> {
    await this.update((state) => {
      const next = settle(state, outcome, this.now(), this.settings);
      return { allowed: true, trial: outcome.trial, next };
    });
  }

  async status(): Promise<CircuitStatus> {
    return toStatus((await this.store.load()).state, this.settings);
  }

  async reset(): Promise<CircuitStatus> {
    await this.update(() => ({ allowed: true, trial: false, next: CLOSED }));
    return this.status();
  }

  private async update(decide: (state: BreakerState) => Admission): Promise<Admission> {
    for (;;) {
      const { state, version } = await this.store.load();
      const admission = decide(state);
      if (admission.next === state) return admission;
      if (await this.store.save(admission.next, version)) {
        if (admission.next.state !== state.state)
          this.observer.transition(state.state, admission.next.state);
        return admission;
      }
    }
  }
}
