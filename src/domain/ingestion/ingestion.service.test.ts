import { describe, expect, it } from 'vitest';
import {
  FakeProvider,
  InMemoryLockStore,
  InMemoryRunStore,
  InMemoryTicketSyncStore,
  parsedTicket,
  silentLogger,
  testClassification,
  knownTenants,
  RecordingStatsWriter,
} from '../../../test/support/fakes.js';
import { until } from '../../../test/support/eventually.js';
import type { Principal } from '../auth/principal.js';
import { UserErrorCode } from '../user-error.js';
import { IngestionRunner } from './ingestion-runner.js';
import { IngestionService } from './ingestion.service.js';
import { IngestionStatus, isFinal } from './ingestion.types.js';
import { RunFeed } from './run-feed.js';

const admin: Principal = { keyId: 'k0', keyName: 'admin', tenantId: null, isAdmin: true };
const tenantA: Principal = { keyId: 'k1', keyName: 'a-key', tenantId: 'a', isAdmin: false };

function harness() {
  let now = Date.parse('2026-11-29T10:00:00Z');
  const clock = () => now;
  const runs = new InMemoryRunStore();
  const locks = new InMemoryLockStore(clock);
  const provider = new FakeProvider([parsedTicket('a', '1'), parsedTicket('b', '2')]);
  let release!: () => void;
  provider.gate = new Promise((resolve) => (release = resolve));
  const settings = { executorId: 'me', lockTtlMs: 60_000, heartbeatMs: 20_000, pageSize: 100 };
  const tenants = knownTenants('a', 'b');
  const runner = new IngestionRunner({
    runs,
    locks,
    provider,
    tickets: new InMemoryTicketSyncStore(),
    alerts: { recordHighTickets: async () => 0, withdraw: async () => 0 },
    tenants,
    rollups: new RecordingStatsWriter(),
    classify: () => testClassification(),
    logger: silentLogger,
    settings,
    now: () => new Date(now),
  });
  const service = new IngestionService(
    runs,
    locks,
    runner,
    { ...settings, fullRunIntervalMs: 15 * 60_000 },
    silentLogger,
    new RunFeed(runs, silentLogger, 5),
    tenants,
    () => new Date(now),
  );
  const finished = (id: string) => until(() => isFinal(runs.runs.get(id)!.status));
  return {
    runs,
    locks,
    service,
    runner,
    release: () => release(),
    finished,
    advance: (ms: number) => (now += ms),
  };
}

describe('IngestionService (in-memory ports)', () => {
  it('runs one ingestion per tenant: a second start gets INGESTION_ALREADY_RUNNING and the first run', async () => {
    const h = harness();
    const first = await h.service.start(admin, { tenantId: 'a' });
    expect(first.ok).toBe(true);
    const second = await h.service.start(tenantA, {});
    expect(second).toMatchObject({
      ok: false,
      error: { code: UserErrorCode.INGESTION_ALREADY_RUNNING },
      run: { id: first.run!.id },
    });
    expect(h.runs.runs.size).toBe(1);
    h.release();
    await h.finished(first.run!.id);
    expect((await h.service.start(tenantA, {})).ok).toBe(true);
    await h.runner.shutdown();
  });

  it('reports tenant and sweep refusals as userErrors, creating nothing', async () => {
    const h = harness();
    const refusals = await Promise.all([
      h.service.start(tenantA, { tenantId: 'b' }),
      h.service.start(tenantA, { allTenants: true }),
      h.service.start(admin, {}),
      h.service.start(admin, { allTenants: true, tenantId: 'a' }),
    ]);
    expect(refusals.map((r) => (r.ok ? 'ok' : [r.error.code, r.error.field]))).toEqual([
      [UserErrorCode.FORBIDDEN, ['tenantId']],
      [UserErrorCode.FORBIDDEN, ['allTenants']],
      [UserErrorCode.INVALID_INPUT, ['tenantId']],
      [UserErrorCode.INVALID_INPUT, ['tenantId']],
    ]);
    expect(h.runs.runs.size).toBe(0);
  });

  it('cancels only runs the caller may see and that have not ended', async () => {
    const h = harness();
    const other = await h.service.start(admin, { tenantId: 'b' });
    const hidden = await h.service.cancel(tenantA, other.run!.id);
    expect(hidden).toMatchObject({
      ok: false,
      error: { code: UserErrorCode.NOT_FOUND },
      run: null,
    });
    const cancelled = await h.service.cancel(admin, other.run!.id);
    expect(cancelled.run?.status).toBe(IngestionStatus.CANCELLING);
    h.release();
    await h.finished(other.run!.id);
    const again = await h.service.cancel(admin, other.run!.id);
    expect(again).toMatchObject({ ok: false, error: { code: UserErrorCode.NOT_CANCELLABLE } });
  });

  it('finalises a run whose process died once its lock has lapsed', async () => {
    const h = harness();
    const started = await h.service.start(admin, { tenantId: 'a' });
    // The process "dies": the run stays RUNNING and its lock is never renewed.
    await h.runs.markRunning(started.run!.id, 'dead', new Date());
    expect(await h.service.recoverAbandoned()).toBe(0);
    h.advance(61_000);
    expect(await h.service.recoverAbandoned()).toBe(1);
    expect(h.runs.runs.get(started.run!.id)).toMatchObject({
      status: IngestionStatus.FAILED,
      error: expect.stringMatching(/^Abandoned/),
    });
    await h.runner.shutdown();
  });

  it('lets a tenant key start a full run once per interval; admins and ordinary runs are not limited', async () => {
    const h = harness();
    h.release();
    const first = await h.service.start(tenantA, { full: true });
    expect(first.ok).toBe(true);
    await h.finished(first.run!.id);
    const again = await h.service.start(tenantA, { full: true });
    expect(again).toMatchObject({
      ok: false,
      error: { code: UserErrorCode.RATE_LIMITED, field: ['full'] },
      run: null,
    });
    expect(!again.ok && again.error.message).toMatch(/next may start from 2026-11-29T10:15:00/);
    const ordinary = await h.service.start(tenantA, {});
    expect(ordinary.ok).toBe(true);
    await h.finished(ordinary.run!.id);
    const byAdmin = await h.service.start(admin, { tenantId: 'a', full: true });
    expect(byAdmin.ok).toBe(true);
    await h.finished(byAdmin.run!.id);
    h.advance(15 * 60_000);
    expect((await h.service.start(tenantA, { full: true })).ok).toBe(true);
    await h.runner.shutdown();
  });
});
