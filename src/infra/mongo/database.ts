import { buildSchema } from '@typegoose/typegoose';
import mongoose, { type Connection, type Model } from 'mongoose';
import { ApiKeyDoc } from './models/api-key.model.js';
import { CircuitDoc } from './models/circuit.model.js';
import { KeyBudgetDoc } from './models/key-budget.model.js';
import { IngestionRunDoc } from './models/ingestion-run.model.js';
import { LockDoc } from './models/lock.model.js';
import { NotificationDoc } from './models/notification.model.js';
import { RateLimitDoc } from './models/rate-limit.model.js';
import { RateWaiterDoc } from './models/rate-waiter.model.js';
import { TicketHistoryDoc } from './models/ticket-history.model.js';
import { TenantDoc } from './models/tenant.model.js';
import { StatsCustomerDoc } from './models/stats-customer.model.js';
import { StatsHeadDoc } from './models/stats-head.model.js';
import { StatsRollupDoc } from './models/stats-rollup.model.js';
import { TicketDoc } from './models/ticket.model.js';

export interface Models {
  tickets: Model<TicketDoc>;
  ticketHistory: Model<TicketHistoryDoc>;
  ingestionRuns: Model<IngestionRunDoc>;
  locks: Model<LockDoc>;
  notifications: Model<NotificationDoc>;
  apiKeys: Model<ApiKeyDoc>;
  rateLimits: Model<RateLimitDoc>;
  rateWaiters: Model<RateWaiterDoc>;
  keyBudgets: Model<KeyBudgetDoc>;
  circuits: Model<CircuitDoc>;
  tenants: Model<TenantDoc>;
  statsHeads: Model<StatsHeadDoc>;
  statsRollups: Model<StatsRollupDoc>;
  statsCustomers: Model<StatsCustomerDoc>;
}

export interface Database {
  connection: Connection;
  models: Models;
  /** Round trip to the server, bounded by `timeoutMs`; rejects when it does not answer. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  dbName: string;
  maxPoolSize?: number;
  serverSelectionTimeoutMS?: number;
  /** Emit driver command events (tests and benchmarks count database round trips with them). */
  monitorCommands?: boolean;
}

/**
 * Models are built per connection (not through typegoose's global model cache) so one
 * process can hold several databases, as the tests do.
 */
function bindModels(connection: Connection): Models {
  const options = { schemaOptions: { autoIndex: false } };
  return {
    tickets: connection.model('Ticket', buildSchema(TicketDoc, options)),
    ticketHistory: connection.model('TicketHistory', buildSchema(TicketHistoryDoc, options)),
    ingestionRuns: connection.model('IngestionRun', buildSchema(IngestionRunDoc, options)),
    locks: connection.model('Lock', buildSchema(LockDoc, options)),
    notifications: connection.model('Notification', buildSchema(NotificationDoc, options)),
    apiKeys: connection.model('ApiKey', buildSchema(ApiKeyDoc, options)),
    rateLimits: connection.model('RateLimit', buildSchema(RateLimitDoc, options)),
    rateWaiters: connection.model('RateWaiter', buildSchema(RateWaiterDoc, options)),
    keyBudgets: connection.model('KeyBudget', buildSchema(KeyBudgetDoc, options)),
    circuits: connection.model('Circuit', buildSchema(CircuitDoc, options)),
    tenants: connection.model('Tenant', buildSchema(TenantDoc, options)),
    statsHeads: connection.model('StatsHead', buildSchema(StatsHeadDoc, options)),
    statsRollups: connection.model('StatsRollup', buildSchema(StatsRollupDoc, options)),
    statsCustomers: connection.model('StatsCustomer', buildSchema(StatsCustomerDoc, options)),
  } as Models;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the process's one connection pool and makes sure every index exists. */
export async function connectDatabase(uri: string, options: ConnectOptions): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    maxPoolSize: options.maxPoolSize ?? 20,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    autoIndex: false,
    autoCreate: true,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  const models = bindModels(connection);
  await ensureIndexes(models);
  return {
    connection,
    models,
    async ping(timeoutMs) {
      await withTimeout(connection.db!.admin().command({ ping: 1 }), timeoutMs, 'MongoDB ping');
    },
    async close() {
      await connection.close();
    },
  };
}

/** createIndexes is idempotent: existing indexes with the same spec are left alone. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createCollection().catch((error: { codeName?: string }) => {
      if (error.codeName !== 'NamespaceExists') throw error;
    });
    await model.createIndexes();
  }
}
