import { AlertingService } from '../domain/alerting/alerting.service.js';
import { CircuitBreaker, NOTIFY_BREAKER_POLICY } from '../domain/alerting/circuit-breaker.js';
import { NotificationDispatcher } from '../domain/alerting/dispatcher.js';
import type { DomainLogger } from '../domain/logger.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import type { NotificationSettings } from '../infra/config/env.js';
import type { DeliveryObserver } from '../domain/alerting/dispatcher.js';
import type { BreakerObserver } from '../domain/alerting/circuit-breaker.js';
import { MongoAlertOutbox } from '../infra/mongo/alert-outbox.repository.js';
import { MongoBreakerStore } from '../infra/mongo/circuit.repository.js';
import type { Database } from '../infra/mongo/database.js';
import { NotifyClient } from '../infra/provider/notify-client.js';
import type { BackgroundJob } from './background.js';

/** Alerting: the outbox, the shared circuit breaker, the service and the delivery loop. */
export function alertingModule(options: {
  settings: NotificationSettings;
  db: Database;
  providerUrl: string;
  owner: string;
  observer: DeliveryObserver & BreakerObserver;
  tenants: TenantService;
  logger: DomainLogger;
}) {
  const { settings, db, observer } = options;
  const breakerSettings = { ...NOTIFY_BREAKER_POLICY, openMs: settings.circuitOpenMs };
  const breaker = new CircuitBreaker(
    new MongoBreakerStore(db.models.circuits, breakerSettings.name),
    breakerSettings,
    observer,
  );
  const outbox = new MongoAlertOutbox(db.models.notifications);
  const dispatcher = new NotificationDispatcher(
    outbox,
    new NotifyClient(options.providerUrl, settings.timeoutMs),
    breaker,
    observer,
    options.logger,
    {
      owner: options.owner,
      concurrency: settings.concurrency,
      maxAttempts: settings.maxAttempts,
      leaseMs: settings.leaseMs,
      pollMs: settings.pollMs,
      backoff: { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs },
      maxAgeMs: settings.maxAgeMs,
    },
  );
  const delivery: BackgroundJob = {
    name: 'alert delivery',
    start: () => (settings.enabled ? dispatcher.start() : undefined),
    stop: () => dispatcher.stop(),
  };
  const alerting = new AlertingService(
    outbox,
    breaker,
    { maxAgeMs: settings.maxAgeMs },
    options.tenants,
  );
  return { alerting, jobs: [delivery] };
}
