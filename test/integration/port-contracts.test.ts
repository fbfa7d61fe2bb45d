import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../../src/infra/mongo/database.js';
import { MongoApiKeyStore } from '../../src/infra/mongo/api-key.repository.js';
import { MongoTicketSyncStore } from '../../src/infra/mongo/ticket-sync.repository.js';
import { MongoBreakerStore } from '../../src/infra/mongo/circuit.repository.js';
import { MongoTicketReadStore } from '../../src/infra/mongo/ticket-read.repository.js';
import { MongoAlertOutbox } from '../../src/infra/mongo/alert-outbox.repository.js';
import { MongoBudgetLedger } from '../../src/infra/mongo/key-budget.repository.js';
import { MongoLockStore } from '../../src/infra/mongo/lock.repository.js';
import { MongoRunStore } from '../../src/infra/mongo/ingestion-run.repository.js';
import { MongoBudgetLogStore } from '../../src/infra/mongo/rate-budget.repository.js';
import { MongoTenantStore } from '../../src/infra/mongo/tenant.repository.js';
import { MongoRollupStore } from '../../src/infra/mongo/rollup.repository.js';
import { MongoCountedTickets } from '../../src/infra/mongo/counted-tickets.repository.js';
import { RollupWriter } from '../../src/domain/stats/rollup-writer.js';
import { apiKeyStoreContract } from '../support/contracts/api-key-store.contract.js';
import { ticketSyncStoreContract } from '../support/contracts/ticket-sync-store.contract.js';
import { breakerStoreContract } from '../support/contracts/breaker-store.contract.js';
import { ticketReadStoreContract } from '../support/contracts/ticket-read-store.contract.js';
import { alertOutboxContract } from '../support/contracts/alert-outbox.contract.js';
import { budgetLedgerContract } from '../support/contracts/budget-ledger.contract.js';
import { budgetLogStoreContract } from '../support/contracts/budget-log-store.contract.js';
import { lockStoreContract } from '../support/contracts/lock-store.contract.js';
import { runStoreContract } from '../support/contracts/run-store.contract.js';
import { tenantStoreContract } from '../support/contracts/tenant-store.contract.js';
import { rollupStoreContract } from '../support/contracts/rollup-store.contract.js';
import { statsWriterContract } from '../support/contracts/stats-writer.contract.js';
import { silentLogger } from '../support/fakes.js';
import { connectTestDatabase } from '../support/databases.js';

/**
 * The MongoDB adapters against the contracts their in-memory fakes pass in the unit project
 * (test/support/contracts): what the fakes promise, the real adapters do, on the engine.
 */
describe("MongoDB adapters against their ports' contracts", () => {
  let db: Database;
  let made = 0;
  beforeAll(async () => {
    db = await connectTestDatabase('port_contracts');
  });
  afterAll(async () => {
    await db.close();
  });
  const clearRollups = async () => {
    await db.models.statsHeads.deleteMany({});
    await db.models.statsRollups.deleteMany({});
    await db.models.statsCustomers.deleteMany({});
  };

  budgetLogStoreContract('MongoDB', async () => {
    made += 1;
    return new MongoBudgetLogStore(
      { budgets: db.models.rateLimits, waiters: db.models.rateWaiters },
      `contract-${made}`,
    );
  });

  lockStoreContract('MongoDB', async (clock) => {
    await db.models.locks.deleteMany({});
    return new MongoLockStore(db.models.locks, () => new Date(clock.now));
  });

  budgetLedgerContract('MongoDB', async () => {
    await db.models.keyBudgets.deleteMany({});
    return new MongoBudgetLedger(db.models.keyBudgets);
  });

  tenantStoreContract('MongoDB', async () => {
    await db.models.tenants.deleteMany({});
    return new MongoTenantStore(db.models.tenants, {
      tickets: db.models.tickets,
      apiKeys: db.models.apiKeys,
    });
  });

  runStoreContract('MongoDB', async () => {
    await db.models.ingestionRuns.deleteMany({});
    return new MongoRunStore(db.models.ingestionRuns);
  });

  apiKeyStoreContract('MongoDB', async () => {
    await db.models.apiKeys.deleteMany({});
    return new MongoApiKeyStore(db.models.apiKeys);
  });

  ticketSyncStoreContract('MongoDB', async () => {
    await db.models.tickets.deleteMany({});
    await db.models.ticketHistory.deleteMany({});
    return new MongoTicketSyncStore(db.models.tickets, db.models.ticketHistory);
  });

  breakerStoreContract('MongoDB', async () => {
    made += 1;
    return new MongoBreakerStore(db.models.circuits, `contract-${made}`);
  });

  ticketReadStoreContract('MongoDB', async () => {
    await db.models.tickets.deleteMany({});
    await db.models.ticketHistory.deleteMany({});
    return {
      sync: new MongoTicketSyncStore(db.models.tickets, db.models.ticketHistory),
      read: new MongoTicketReadStore(db.models.tickets, db.models.ticketHistory),
    };
  });

  alertOutboxContract('MongoDB', async () => {
    await db.models.notifications.deleteMany({});
    return new MongoAlertOutbox(db.models.notifications);
  });

  rollupStoreContract('MongoDB', async (clock) => {
    await clearRollups();
    const { statsHeads, statsRollups, statsCustomers, tickets } = db.models;
    return new MongoRollupStore(
      { heads: statsHeads, rollups: statsRollups, customers: statsCustomers, tickets },
      () => new Date(clock.now),
    );
  });

  statsWriterContract('roll-up writer over MongoDB', async () => {
    await clearRollups();
    return new RollupWriter(
      MongoRollupStore.of(db.models),
      new MongoCountedTickets(db.models.tickets),
      { owner: 'contract', leaseTtlMs: 10_000, pollMs: 5 },
      silentLogger,
    );
  });
});
