import { ApiKeyService } from '../domain/auth/api-key.service.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import { AddressBudget } from '../domain/budgets/address-budget.js';
import { KeyBudgetService } from '../domain/budgets/key-budget.js';
import type { GatewayConfig } from '../infra/config/env.js';
import { MongoApiKeyStore } from '../infra/mongo/api-key.repository.js';
import type { Database } from '../infra/mongo/database.js';
import { MongoBudgetLedger } from '../infra/mongo/key-budget.repository.js';

/** Access: API keys, each key's budget of points, and the budget of callers without a key. */
export function accessModule(options: {
  config: Pick<GatewayConfig, 'budgets'>;
  db: Database;
  tenants: TenantService;
}) {
  const { config, db, tenants } = options;
  return {
    apiKeys: new ApiKeyService(new MongoApiKeyStore(db.models.apiKeys), tenants),
    budgets: new KeyBudgetService(new MongoBudgetLedger(db.models.keyBudgets), config.budgets),
    anonymous: new AddressBudget(),
  };
}
