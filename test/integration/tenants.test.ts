import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartIngestionDocument } from '../generated/graphql.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest, waitForRun } from '../support/ingestion.js';

const UNKNOWN = 'tenant_zzz';

/**
 * Reads (thrown UNKNOWN_TENANT) and mutations (userError UNKNOWN_TENANT) naming a tenant;
 * tickets, createApiKey and registerTenant are tested in process (test/unit/graphql).
 */
const READS = [
  `{ tenantStats(tenantId: "${UNKNOWN}") { totalTickets } }`,
  `{ ingestionRuns(tenantId: "${UNKNOWN}") { totalCount } }`,
  `{ ingestionLock(tenantId: "${UNKNOWN}") { locked } }`,
  `{ notificationQueue(tenantId: "${UNKNOWN}") { tenantId } }`,
];
const MUTATIONS = [
  `mutation { startIngestion(input: { tenantId: "${UNKNOWN}" }) { run { id } userErrors { code field } } }`,
  `mutation { reclassifyTickets(input: { tenantId: "${UNKNOWN}" }) { scanned userErrors { code field } } }`,
  `mutation { requeueNotifications(input: { tenantId: "${UNKNOWN}" }) { queued userErrors { code field } } }`,
];

describe('tenants', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'tenants', mock: { tickets: 400 } });
  });
  afterAll(() => t?.stop());

  it('startIngestion for an unknown tenant answers UNKNOWN_TENANT at once, with no provider call', async () => {
    const before = t.mock.calls.length;
    const started = Date.now();
    const response = await t.graphql(StartIngestionDocument, { input: { tenantId: UNKNOWN } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.body.data!.startIngestion).toMatchObject({
      run: null,
      userErrors: [{ code: 'UNKNOWN_TENANT', field: ['tenantId'] }],
    });
    // No run exists to call it later.
    expect(t.mock.calls.slice(before)).toEqual([]);
    expect(await t.db.models.ingestionRuns.countDocuments({ tenantId: UNKNOWN })).toBe(0);
  });

  it.each(READS)('a read naming an unknown tenant is UNKNOWN_TENANT: %s', async (query) => {
    const response = await t.graphql(query);
    expect(errorCodes(response)).toEqual(['UNKNOWN_TENANT']);
    expect(response.body.errors![0]!.message).toContain('registerTenant');
  });

  it.each(MUTATIONS)(
    'a mutation naming an unknown tenant gets the userError: %s',
    async (query) => {
      const response = await t.graphql<Record<string, { userErrors: unknown[] }>>(query);
      expect(response.body.errors).toBeUndefined();
      const payload = Object.values(response.body.data!)[0]!;
      expect(payload.userErrors).toEqual([{ code: 'UNKNOWN_TENANT', field: ['tenantId'] }]);
    },
  );

  it('a tenant shows its ticket count, last run and stats as fields', async () => {
    const run = await ingest(t, 'tenant_a');
    const live = t.mock.store
      .page(1, 100_000, false)
      .tickets.filter((x) => x.tenant_id === 'tenant_a').length;
    const response = await t.graphql<any, any>(`{
      tenant(id: "tenant_a") {
        id ticketCount lastRun { id status } stats { totalTickets }
      }
    }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.tenant).toEqual({
      id: 'tenant_a',
      ticketCount: live,
      lastRun: { id: run.id, status: 'SUCCEEDED' },
      stats: { totalTickets: live },
    });
    const list = await t.graphql<any, any>('{ tenants(first: 100) { totalCount nodes { id } } }');
    expect(list.body.data.tenants.nodes.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining(['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d']),
    );
  });

  it('an out-of-range argument inside a nullable field is an error of that field only', async () => {
    const response = await t.graphql<any, any>(`{
      tenant(id: "tenant_a") {
        id
        good: stats { totalTickets }
        bad: stats { dailyTrend(days: 0) { count } }
      }
    }`);
    expect(response.body.data.tenant.id).toBe('tenant_a');
    expect(response.body.data.tenant.good.totalTickets).toBeGreaterThan(0);
    expect(response.body.data.tenant.bad).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors![0]).toMatchObject({
      path: ['tenant', 'bad', 'dailyTrend'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // Under the contract's non-null tenantStats the error names the same nested field.
    const stats = await t.graphql(
      '{ tenantStats(tenantId: "tenant_a") { dailyTrend(days: 0) { count } } }',
    );
    expect(stats.body.errors![0]).toMatchObject({
      path: ['tenantStats', 'dailyTrend'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('tenants met by a sweep', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'tenants_sweep', mock: { tickets: 300 }, tenants: [] });
  });
  afterAll(() => t?.stop());

  it('are unknown before it, and known (SEEN_BY_SWEEP) after it; the sweep run lists under "*"', async () => {
    const before = await t.graphql('{ tickets(tenantId: "tenant_b") { totalCount } }');
    expect(errorCodes(before)).toEqual(['UNKNOWN_TENANT']);
    const started = await t.graphql(StartIngestionDocument, { input: { allTenants: true } });
    const run = await waitForRun(t, started.body.data!.startIngestion.run!.id);
    expect(run.status).toBe('SUCCEEDED');
    const tenants = await t.graphql<any, any>('{ tenants { nodes { id origin } } }');
    expect(
      [...tenants.body.data.tenants.nodes].sort((a: any, b: any) => a.id.localeCompare(b.id)),
    ).toEqual(
      ['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d'].map((id) => ({
        id,
        origin: 'SEEN_BY_SWEEP',
      })),
    );
    const after = await t.graphql<any, any>('{ tickets(tenantId: "tenant_b") { totalCount } }');
    expect(after.body.data.tickets.totalCount).toBeGreaterThan(0);
    const sweeps = await t.graphql<any, any>('{ ingestionRuns(tenantId: "*") { nodes { id } } }');
    expect(sweeps.body.data.ingestionRuns.nodes).toEqual([{ id: run.id }]);
  });

  it('a database filled before tenants were tracked: its tenants are adopted at start', async () => {
    await t.db.models.tenants.deleteMany({});
    const adopted = await t.runtime.services.tenants.adoptExisting();
    expect(adopted).toBe(4);
    const known = await t.graphql<any, any>('{ tenant(id: "tenant_c") { id origin } }');
    expect(known.body.data.tenant).toEqual({ id: 'tenant_c', origin: 'SEEN_BY_SWEEP' });
  });
});
