import { CircuitState, type CircuitStatus } from './circuit.types.js';

/** What the API asks of the /notify circuit breaker. */
export interface NotificationCircuit {
  status(): Promise<CircuitStatus>;
  reset(): Promise<CircuitStatus>;
}

/**
 * Until alert delivery lands (the alerting issue), nothing calls /notify, so the circuit is
 * always CLOSED with no failures; this reports exactly that.
 */
export class IdleNotificationCircuit implements NotificationCircuit {
  private readonly closed: CircuitStatus = {
    name: 'provider-notify',
    state: CircuitState.CLOSED,
    failureCount: 0,
    windowSize: 10,
    openedAt: null,
    nextAttemptAt: null,
  };

  async status(): Promise<CircuitStatus> {
    return this.closed;
  }

  async reset(): Promise<CircuitStatus> {
    return this.closed;
  }
}
