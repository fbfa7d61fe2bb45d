import type { Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';
import { HIGH_URGENCY_REASON } from './alert-policy.js';
import type { NewAlert, NotificationRecord } from './alert.types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitStatus } from './circuit.types.js';
import type { AlertOutbox, AlertQueue } from './ports.js';

/**
 * The home of alerting for everything but the delivery loop: enqueueing (for ingestion and
 * reclassification), the admin's requeue and circuit reset, and what the API shows.
 */
export class AlertingService implements AlertQueue {
  constructor(
    private readonly outbox: AlertOutbox,
    private readonly breaker: Pick<CircuitBreaker, 'status' | 'reset'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  enqueue(alerts: NewAlert[]): Promise<number> {
    return alerts.length === 0 ? Promise.resolve(0) : this.outbox.enqueue(alerts);
  }

  /** FAILED alerts (of one tenant, or all) go back in the queue with fresh attempts. */
  requeueFailed(caller: Principal, tenantId: string | null): Promise<number> {
    requireAdmin(caller);
    return this.outbox.requeueFailed(tenantId, this.now());
  }

  circuitStatus(): Promise<CircuitStatus> {
    return this.breaker.status();
  }

  resetCircuit(caller: Principal): Promise<CircuitStatus> {
    requireAdmin(caller);
    return this.breaker.reset();
  }

  /** Batched for the per-request DataLoader; the tickets were authorised when fetched. */
  alertsOf(ticketIds: readonly string[]): Promise<Map<string, NotificationRecord>> {
    return this.outbox.findForTickets(ticketIds, HIGH_URGENCY_REASON);
  }
}

function requireAdmin(caller: Principal): void {
  if (!caller.isAdmin) throw forbidden('An admin API key is required.');
}
