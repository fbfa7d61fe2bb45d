import { ApiKeyService } from './domain/auth/api-key.service.js';
import { Classifier } from './domain/classification/classifier.js';
import { ReclassificationService } from './domain/classification/reclassification.service.js';
import { HealthService } from './domain/health/health.service.js';
import { MongoApiKeyStore } from './infra/mongo/api-key.repository.js';
import type { Database } from './infra/mongo/database.js';
import { mongoHealthProbe } from './infra/mongo/mongo-health.js';
import { MongoClassificationStore } from './infra/mongo/ticket-classification.repository.js';
import { providerHealthProbe } from './infra/provider/provider-health.js';
import type { Services } from './schema/context.js';

const HEALTH_PROBE_TIMEOUT_MS = 2000;

/** Wires the domain services to their adapters, once per process. */
export function createServices(db: Database, providerUrl: string): Services {
  const classifier = new Classifier();
  return {
    apiKeys: new ApiKeyService(new MongoApiKeyStore(db.models.apiKeys)),
    health: new HealthService([
      mongoHealthProbe(db, HEALTH_PROBE_TIMEOUT_MS),
      providerHealthProbe(providerUrl, HEALTH_PROBE_TIMEOUT_MS),
    ]),
    reclassification: new ReclassificationService(
      new MongoClassificationStore(db.models.tickets),
      classifier,
    ),
  };
}
