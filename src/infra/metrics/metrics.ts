import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per gateway instance (tests run several in one process). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'ticket-gateway' });
  collectDefaultMetrics({ register: registry });
  return registry;
}
