import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndexes, type Database } from '../../src/infra/mongo/database.js';
import { connectTestDatabase } from '../support/databases.js';
import { TicketSource, TicketStatus } from '../../src/domain/tickets/ticket.types.js';
import { testClassification } from '../support/fakes.js';

describe('MongoDB layer on the embedded engine', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDatabase('database');
  });
  afterAll(async () => {
    await db.close();
  });

  const ticket = (externalId: string) => ({
    tenantId: 'tenant_a',
    externalId,
    source: TicketSource.EMAIL,
    customerId: 'cust-1',
    subject: 'Issue',
    message: 'Body',
    status: TicketStatus.OPEN,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    classification: testClassification(),
    urgencyRank: 0,
    syncedAt: new Date(),
  });

  it('creates the indexes the queries need, idempotently', async () => {
    await ensureIndexes(db.models);
    const indexes = await db.models.tickets.collection.indexes();
    const byKey = new Map(indexes.map((index) => [JSON.stringify(index.key), index]));
    expect(byKey.get(JSON.stringify({ tenantId: 1, externalId: 1 }))?.unique).toBe(true);
    expect(byKey.has(JSON.stringify({ tenantId: 1, createdAt: -1 }))).toBe(true);
    const keyIndexes = await db.models.apiKeys.collection.indexes();
    expect(keyIndexes.some((index) => index.key.secretHash === 1 && index.unique)).toBe(true);
  });

  it('rejects a second ticket with the same tenant and external id', async () => {
    await db.models.tickets.create(ticket('ext-1'));
    await expect(db.models.tickets.create(ticket('ext-1'))).rejects.toMatchObject({ code: 11000 });
    await db.models.tickets.create({ ...ticket('ext-1'), tenantId: 'tenant_b' });
    expect(await db.models.tickets.countDocuments({ externalId: 'ext-1' })).toBe(2);
  });

  it('answers ping within the bound', async () => {
    await expect(db.ping(2000)).resolves.toBeUndefined();
  });
});
