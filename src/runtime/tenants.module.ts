import type { DomainLogger } from '../domain/logger.js';
import { TenantService } from '../domain/tenants/tenant.service.js';
import type { Database } from '../infra/mongo/database.js';
import { MongoTenantStore } from '../infra/mongo/tenant.repository.js';
import type { BackgroundJob } from './background.js';

/** Tenants: the known tenants, and the adoption of those an older database names. */
export function tenantsModule(options: { db: Database; logger: DomainLogger }) {
  const { db, logger } = options;
  const store = new MongoTenantStore(db.models.tenants, {
    tickets: db.models.tickets,
    apiKeys: db.models.apiKeys,
  });
  const tenants = new TenantService(store);
  // A database filled before tenants were tracked: the tenants its tickets and keys name
  // become known before anything asks.
  const adoptTenants: BackgroundJob = {
    name: 'known tenants',
    start: async () => {
      const adopted = await tenants.adoptExisting();
      if (adopted > 0)
        logger.info({ adopted }, 'tenants named by stored tickets or keys are known');
    },
    stop: () => undefined,
  };
  return { tenants, ids: () => store.ids(), jobs: [adoptTenants] };
}
