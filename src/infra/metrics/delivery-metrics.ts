import { Counter, Histogram, type Registry } from 'prom-client';
import type { BreakerObserver } from '../../domain/alerting/circuit-breaker.js';
import type { DeliveryObserver } from '../../domain/alerting/dispatcher.js';

/** Alert delivery (counts and latency) and circuit transitions, for Prometheus. */
export function deliveryMetrics(registry: Registry): DeliveryObserver & BreakerObserver {
  const delivered = new Counter({
    name: 'ticket_gateway_notifications_delivered_total',
    help: 'High-urgency alerts the provider accepted.',
    registers: [registry],
  });
  const attemptFailures = new Counter({
    name: 'ticket_gateway_notification_attempt_failures_total',
    help: 'Failed /notify calls, by kind: dependency (5xx, timeout, network) or rejected (4xx).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const gaveUp = new Counter({
    name: 'ticket_gateway_notifications_failed_total',
    help: 'Alerts given up on (FAILED) after their last attempt or a rejection.',
    registers: [registry],
  });
  const shortCircuited = new Counter({
    name: 'ticket_gateway_notifications_short_circuited_total',
    help: 'Deliveries held back without a call because the circuit was open.',
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'ticket_gateway_notifications_skipped_at_delivery_total',
    help: 'Alerts that went stale while waiting and were SKIPPED instead of sent.',
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ticket_gateway_notification_delivery_latency_seconds',
    help: 'From the moment an alert became due (its ticket was ingested) to its delivery.',
    buckets: [1, 5, 10, 15, 30, 45, 60, 90, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const transitions = new Counter({
    name: 'ticket_gateway_circuit_transitions_total',
    help: 'Circuit breaker state changes seen by this process.',
    labelNames: ['from', 'to'],
    registers: [registry],
  });
  return {
    delivered: (latencyMs) => {
      delivered.inc();
      latency.observe(latencyMs / 1000);
    },
    attemptFailed: (dependencyFailed) =>
      attemptFailures.inc({ kind: dependencyFailed ? 'dependency' : 'rejected' }),
    gaveUp: () => gaveUp.inc(),
    shortCircuited: () => shortCircuited.inc(),
    skipped: () => skipped.inc(),
    transition: (from, to) => transitions.inc({ from, to }),
  };
}
