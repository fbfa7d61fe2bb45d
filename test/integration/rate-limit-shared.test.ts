import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { startReplicaPair, type ReplicaPair } from '../support/main-process.js';
import { busiestWindow } from '../support/rate-window.js';
import { eventually } from '../support/eventually.js';

const ADMIN_API_KEY = 'tgw_rate-limit-admin-key-0123456789';

/**
 * The real figures of SPEC.md: the mock allows 60 calls per minute; two tenants ingest at
 * once on two processes, about 80 calls in all, so the shared budget must spread them over more
 * than a minute without a single 429. Takes a little over a minute.
 */
describe('one provider budget for two processes and two tenants', () => {
  let pair: ReplicaPair;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'rate_shared',
      adminKey: ADMIN_API_KEY,
      mock: { tickets: 4000, rateLimit: 60 },
      env: { PROVIDER_RATE_LIMIT: '60' },
    });
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it('keeps every rolling minute at or under 60 calls, and the mock answers no 429', async () => {
    const { a, b, mock } = pair;
    const [runA, runB] = await Promise.all([
      a.graphql(StartIngestionDocument, { input: { tenantId: 'tenant_a' } }, ADMIN_API_KEY),
      b.graphql(StartIngestionDocument, { input: { tenantId: 'tenant_b' } }, ADMIN_API_KEY),
    ]);
    const ids = [runA.body.data!.startIngestion.run!.id, runB.body.data!.startIngestion.run!.id];
    const finished = await Promise.all(
      ids.map((id, i) =>
        eventually(
          async () =>
            (await (i === 0 ? a : b).graphql(IngestionRunDocument, { id }, ADMIN_API_KEY)).body
              .data!.ingestionRun!,
          (run) => run.finishedAt !== null,
          300_000,
          500,
        ),
      ),
    );
    for (const run of finished) expect(run.status).toBe('SUCCEEDED');
    // One call per page and one for deleted-tickets, per run: well over one minute's budget.
    expect(mock.calls.length).toBe(
      finished.reduce((sum, run) => sum + run.progress.totalPages! + 1, 0),
    );
    expect(mock.calls.length).toBeGreaterThan(70);
    expect(mock.calls.filter((c) => c.status === 429)).toEqual([]);
    expect(busiestWindow(mock.calls)).toBeLessThanOrEqual(60);
    expect(finished.reduce((sum, run) => sum + run.progress.rateLimitWaits, 0)).toBeGreaterThan(0);
  }, 150_000);
});
