import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeAction } from '../../src/domain/tickets/ticket.types.js';
import { MongoLockStore } from '../../src/infra/mongo/lock.repository.js';
import {
  CancelIngestionDocument,
  CreateApiKeyDocument,
  IngestionLockDocument,
  IngestionRunDocument,
  NodeDocument,
  ProviderRateLimitDocument,
  StartIngestionDocument,
} from '../generated/graphql.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectOneWinner, ingest, startRun, waitForRun } from '../support/ingestion.js';

async function tenantKey(t: TestGateway, tenantId: string): Promise<string> {
  const created = await t.graphql(CreateApiKeyDocument, {
    input: { name: `${tenantId}-key`, tenantId },
  });
  return created.body.data!.createApiKey.secret!;
}

describe('ingestion of one tenant', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'ingestion', mock: { tickets: 1200 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('is idempotent: three runs leave the same tickets, the 2nd and 3rd create and rewrite nothing', async () => {
    const visible = t.mock.store
      .page(1, 100_000, false)
      .tickets.filter((x) => x.tenant_id === 'tenant_a').length;
    const others = () => t.db.models.tickets.countDocuments({ tenantId: { $ne: 'tenant_a' } });
    const othersBefore = await others();
    const first = await ingest(t, 'tenant_a');
    expect(first.status).toBe('SUCCEEDED');
    expect(first.progress).toMatchObject({ created: visible, updated: 0, failed: 0, percent: 100 });
    expect(first.progress.processedPages).toBe(first.progress.totalPages);
    for (let run = 2; run <= 3; run++) {
      const again = await ingest(t, 'tenant_a');
      expect(again.status).toBe('SUCCEEDED');
      expect(again.progress).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: visible,
        deleted: 0,
      });
    }
    expect(await t.db.models.tickets.countDocuments({ tenantId: 'tenant_a' })).toBe(visible);
    expect(await others()).toBe(othersBefore);
    expect(
      await t.db.models.ticketHistory.countDocuments({
        tenantId: 'tenant_a',
        action: ChangeAction.CREATED,
      }),
    ).toBe(visible);
  });

  it('classifies tickets and queues one alert per HIGH ticket, once', async () => {
    await ingest(t, 'tenant_b');
    const high = await t.db.models.tickets.countDocuments({
      tenantId: 'tenant_b',
      // Alerts follow raisesAlert: HIGH, or a combined P(HIGH) above the fitted threshold.
      'classification.raisesAlert': true,
    });
    expect(high).toBeGreaterThan(0);
    expect(await t.db.models.notifications.countDocuments({ tenantId: 'tenant_b' })).toBe(high);
    const lawsuit = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_b', subject: /lawsuit$/ })
      .lean();
    expect(lawsuit?.classification).toMatchObject({ urgency: 'HIGH', sentiment: 'NEGATIVE' });
    const again = await ingest(t, 'tenant_b', { full: true });
    expect(again.progress.notificationsQueued).toBe(0);
  });

  it('records modifications, soft-deletes tickets gone upstream, restores them, and skips malformed ones', async () => {
    await ingest(t, 'tenant_c');
    const [modified, removed] = t.mock.store
      .page(1, 100_000, false)
      .tickets.filter((x) => x.tenant_id === 'tenant_c')
      .slice(0, 2) as { id: string; status: string }[];
    const newStatus = modified!.status === 'closed' ? 'pending' : 'closed';
    t.mock.store.modify(
      { tenant_id: 'tenant_c', id: modified!.id },
      { status: newStatus, subject: 'Issue: lawsuit now' },
    );
    t.mock.store.setDeleted({ tenant_id: 'tenant_c', id: removed!.id }, true);
    t.mock.store.append([
      {
        id: 'bad-date',
        tenant_id: 'tenant_c',
        source: 'email',
        customer_id: 'c',
        subject: 's',
        message: 'm',
        created_at: 'yesterday',
        updated_at: 'today',
        status: 'open',
      },
      { tenant_id: 'tenant_c', subject: 'no id' },
    ]);
    const run = await ingest(t, 'tenant_c');
    expect(run.status).toBe('PARTIALLY_SUCCEEDED');
    expect(run.progress).toMatchObject({ updated: 1, deleted: 1, failed: 2, created: 0 });
    expect(run.error).toContain('2 malformed');

    const updated = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_c', externalId: modified!.id })
      .lean();
    expect(updated).toMatchObject({
      status: newStatus.toUpperCase(),
      subject: 'Issue: lawsuit now',
    });
    const change = await t.db.models.ticketHistory
      .findOne({ externalId: modified!.id, action: ChangeAction.UPDATED })
      .lean();
    expect(change?.changes.map((c) => c.field).sort()).toEqual(['status', 'subject']);
    expect(`IngestionRun:${change?.runId}`).toBe(Buffer.from(run.id, 'base64url').toString());
    // Through the API, newest first, one entry per page.
    const historyPage = (after: string | null) =>
      t.graphql<
        {
          ticket: {
            history: {
              totalCount: number;
              pageInfo: { endCursor: string };
              nodes: { action: string }[];
            };
          };
        },
        { id: string; after: string | null }
      >(
        'query($id: ID!, $after: String) { ticket(id: $id) { history(first: 1, after: $after) { totalCount pageInfo { endCursor } nodes { action } } } }',
        { id: Buffer.from(`Ticket:${String(updated!._id)}`).toString('base64url'), after },
      );
    // The new subject changed its labels: recorded after the fields' change.
    const newest = (await historyPage(null)).body.data!.ticket.history;
    expect(newest).toMatchObject({ totalCount: 3, nodes: [{ action: 'RECLASSIFIED' }] });
    const relabelled = await t.db.models.ticketHistory
      .findOne({ externalId: modified!.id, action: ChangeAction.RECLASSIFIED })
      .lean();
    expect(relabelled?.changes.length).toBeGreaterThan(0);
    for (const change of relabelled!.changes)
      expect(['urgency', 'sentiment', 'requiresAction']).toContain(change.field);
    const updatedPage = (await historyPage(newest.pageInfo.endCursor)).body.data!.ticket.history;
    expect(updatedPage.nodes).toEqual([{ action: 'UPDATED' }]);
    const older = (await historyPage(updatedPage.pageInfo.endCursor)).body.data!.ticket.history;
    expect(older.nodes).toEqual([{ action: 'CREATED' }]);
    // Backwards: last/before, from the oldest change.
    const oldest = await t.graphql<any, any>(
      'query($id: ID!) { ticket(id: $id) { history(last: 1) { pageInfo { startCursor hasPreviousPage hasNextPage } nodes { action } } } }',
      { id: Buffer.from(`Ticket:${String(updated!._id)}`).toString('base64url') },
    );
    const first = oldest.body.data.ticket.history;
    expect(first).toMatchObject({
      nodes: [{ action: 'CREATED' }],
      pageInfo: { hasPreviousPage: true, hasNextPage: false },
    });
    const newer = await t.graphql<any, any>(
      'query($id: ID!, $before: String) { ticket(id: $id) { history(last: 5, before: $before) { nodes { action } } } }',
      {
        id: Buffer.from(`Ticket:${String(updated!._id)}`).toString('base64url'),
        before: first.pageInfo.startCursor,
      },
    );
    expect(newer.body.data.ticket.history.nodes).toEqual([
      { action: 'RECLASSIFIED' },
      { action: 'UPDATED' },
    ]);
    const gone = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_c', externalId: removed!.id })
      .lean();
    expect(gone?.deletedAt).toBeInstanceOf(Date);
    expect(
      await t.db.models.ticketHistory.countDocuments({
        externalId: removed!.id,
        action: ChangeAction.DELETED,
      }),
    ).toBe(1);

    t.mock.store.setDeleted({ tenant_id: 'tenant_c', id: removed!.id }, false);
    const restoring = await ingest(t, 'tenant_c');
    expect(restoring.progress.deleted).toBe(0);
    const back = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_c', externalId: removed!.id })
      .lean();
    expect(back?.deletedAt).toBeNull();
    expect(
      await t.db.models.ticketHistory.countDocuments({
        externalId: removed!.id,
        action: ChangeAction.RESTORED,
      }),
    ).toBe(1);
  });

  it('lets one of 20 concurrent starts win; the others get INGESTION_ALREADY_RUNNING with its id', async () => {
    await t.mock.store.reset();
    const runsBefore = await t.db.models.ingestionRuns.countDocuments({ tenantId: 'tenant_b' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.graphql(StartIngestionDocument, { input: { tenantId: 'tenant_b' } }),
      ),
    );
    const runId = expectOneWinner(results.map((r) => r.body.data!.startIngestion));
    const lock = await t.graphql(IngestionLockDocument, { tenantId: 'tenant_b' });
    expect(lock.body.data?.ingestionLock).toMatchObject({ tenantId: 'tenant_b' });
    await waitForRun(t, runId);
    expect(await t.db.models.ingestionRuns.countDocuments({ tenantId: 'tenant_b' })).toBe(
      runsBefore + 1,
    );
    const after = await t.graphql(IngestionLockDocument, { tenantId: 'tenant_b' });
    expect(after.body.data?.ingestionLock).toMatchObject({ locked: false, runId: null });
  });

  it('keeps tenant keys to their tenant', async () => {
    const key = await tenantKey(t, 'tenant_c');
    const other = await t.graphql(StartIngestionDocument, { input: { tenantId: 'tenant_a' } }, key);
    expect(other.body.data?.startIngestion).toMatchObject({
      run: null,
      userErrors: [{ code: 'FORBIDDEN', field: ['tenantId'] }],
    });
    expect(JSON.stringify(other.body)).not.toContain('tenant_a');
    const adminWithout = await t.graphql(StartIngestionDocument, { input: {} });
    expect(adminWithout.body.data?.startIngestion).toMatchObject({
      run: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['tenantId'] }],
    });

    const aRun = await t.db.models.ingestionRuns.findOne({ tenantId: 'tenant_a' }).lean();
    const foreignId = Buffer.from(`IngestionRun:${String(aRun!._id)}`).toString('base64url');
    expect(
      (await t.graphql(IngestionRunDocument, { id: foreignId }, key)).body.data?.ingestionRun,
    ).toBeNull();
    expect((await t.graphql(NodeDocument, { id: foreignId }, key)).body.data?.node).toBeNull();
    const cancel = await t.graphql(CancelIngestionDocument, { input: { runId: foreignId } }, key);
    expect(cancel.body.data?.cancelIngestion.userErrors[0]?.code).toBe('NOT_FOUND');
    expect(
      errorCodes(await t.graphql(IngestionLockDocument, { tenantId: 'tenant_a' }, key)),
    ).toEqual(['FORBIDDEN']);

    const own = await startRun(t, {}, key);
    expect(own.run?.tenantId).toBe('tenant_c');
    const done = await waitForRun({ graphql: (d, v) => t.graphql(d, v, key) }, own.run!.id);
    expect(done.requestedBy).toBe('tenant_c-key');
    const late = await t.graphql(CancelIngestionDocument, { input: { runId: own.run!.id } }, key);
    expect(late.body.data?.cancelIngestion.userErrors[0]?.code).toBe('NOT_CANCELLABLE');
  });
});

describe('the shared provider budget', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'ingestion-budget',
      mock: { tickets: 300 },
      env: { PROVIDER_RATE_LIMIT: '60' },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('counts every provider call of a run against the limit', async () => {
    const before = (await t.graphql(ProviderRateLimitDocument)).body.data!.providerRateLimit;
    expect(before).toMatchObject({ limitPerMinute: 60, remaining: 60 });
    const run = await ingest(t, 'tenant_a');
    expect(run.status).toBe('SUCCEEDED');
    const calls = t.mock.calls.length;
    expect(calls).toBe(run.progress.totalPages! + 1);
    const after = (await t.graphql(ProviderRateLimitDocument)).body.data!.providerRateLimit;
    expect(after.remaining).toBe(60 - calls);
    const resetIn = Date.parse(after.resetAt) - Date.now();
    expect(resetIn).toBeGreaterThan(50_000);
    expect(resetIn).toBeLessThanOrEqual(61_000);
  });
});

describe('cancelling and failing runs', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'ingestion-cancel',
      mock: { tickets: 3000, pageLatencyMs: 150 },
      env: { PROVIDER_TIMEOUT_MS: '2000' },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('cancels between pages and keeps what was written', async () => {
    const started = await startRun(t, { tenantId: 'tenant_a' });
    await waitForRun(t, started.run!.id, (run) => run.progress.processedPages >= 3);
    const cancel = await t.graphql(CancelIngestionDocument, { input: { runId: started.run!.id } });
    expect(cancel.body.data?.cancelIngestion.userErrors).toEqual([]);
    expect(['CANCELLING', 'CANCELLED']).toContain(cancel.body.data?.cancelIngestion.run?.status);
    const run = await waitForRun(t, started.run!.id);
    expect(run.status).toBe('CANCELLED');
    expect(run.progress.processedPages).toBeLessThan(run.progress.totalPages!);
    expect(run.progress.created).toBeGreaterThan(0);
    expect(await t.db.models.tickets.countDocuments({ tenantId: 'tenant_a' })).toBe(
      run.progress.created,
    );
    expect(
      await t.db.models.tickets.countDocuments({ tenantId: 'tenant_a', deletedAt: { $ne: null } }),
    ).toBe(0);
  });

  it('fails with a clear error when the provider is down, and audits it', async () => {
    await t.mock.close();
    const started = await startRun(t, { tenantId: 'tenant_d' });
    const run = await waitForRun(t, started.run!.id);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/Provider unavailable after 5 attempts/);
    expect(run.finishedAt).not.toBeNull();
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('a sweep over all tenants', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'ingestion-sweep', mock: { tickets: 1500 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('walks the pages once, writes every tenant, and skips a tenant busy with another run', async () => {
    // Another process's run holds tenant_d.
    await new MongoLockStore(t.db.models.locks).tryAcquire(
      'ingestion:tenant_d',
      'elsewhere',
      'run-x',
      60_000,
    );
    const started = await t.graphql(StartIngestionDocument, { input: { allTenants: true } });
    expect(started.body.data?.startIngestion.run?.tenantId).toBe('*');
    const run = await waitForRun(t, started.body.data!.startIngestion.run!.id);
    expect(run.status).toBe('PARTIALLY_SUCCEEDED');
    expect(run.error).toContain('tenant_d');
    expect(t.mock.calls.length).toBe(run.progress.totalPages! + 1);

    const visible = t.mock.store.page(1, 100_000, false).tickets as { tenant_id: string }[];
    for (const tenantId of ['tenant_a', 'tenant_b', 'tenant_c']) {
      const expected = visible.filter((x) => x.tenant_id === tenantId).length;
      expect(await t.db.models.tickets.countDocuments({ tenantId }), tenantId).toBe(expected);
    }
    expect(await t.db.models.tickets.countDocuments({ tenantId: 'tenant_d' })).toBe(0);
    expect(run.progress.created).toBe(visible.filter((x) => x.tenant_id !== 'tenant_d').length);

    const after = await ingest(t, 'tenant_a');
    expect(after.progress).toMatchObject({ created: 0, updated: 0 });
  });

  it('is for admin keys only, and without tenantId', async () => {
    const key = await tenantKey(t, 'tenant_a');
    const sweep = await t.graphql(StartIngestionDocument, { input: { allTenants: true } }, key);
    expect(sweep.body.data?.startIngestion.userErrors).toMatchObject([
      { code: 'FORBIDDEN', field: ['allTenants'] },
    ]);
    const both = await t.graphql(StartIngestionDocument, {
      input: { allTenants: true, tenantId: 'tenant_a' },
    });
    expect(both.body.data?.startIngestion.userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['tenantId'] },
    ]);
  });
});
