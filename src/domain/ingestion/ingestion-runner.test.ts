import { describe, expect, it } from 'vitest';
import {
  FakeProvider,
  InMemoryAlertOutbox,
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
import { AlertingService } from '../alerting/alerting.service.js';
import { Urgency } from '../tickets/ticket.types.js';
import { IngestionRunner, tenantLockKey } from './ingestion-runner.js';
import { IngestionStatus, isFinal } from './ingestion.types.js';
import { emptyProgress, type ParsedTicket, type RunRecord } from './ports.js';

/** Outages are HIGH; everything else LOW (the classifier has tests of its own). */
const classify = (ticket: { subject: string }) =>
  testClassification(ticket.subject.includes('outage') ? Urgency.HIGH : Urgency.LOW);

function harness(served: ParsedTicket[], explainFailure?: (error: unknown) => string | null) {
  const runs = new InMemoryRunStore();
  const locks = new InMemoryLockStore();
  const provider = new FakeProvider(served);
  const tickets = new InMemoryTicketSyncStore();
  const outbox = new InMemoryAlertOutbox();
  const settings = { executorId: 'test', lockTtlMs: 60_000, heartbeatMs: 20_000, pageSize: 2 };
  const tenants = knownTenants();
  const rollups = new RecordingStatsWriter();
  const runner = new IngestionRunner({
    runs,
    locks,
    provider,
    tickets,
    alerts: new AlertingService(
      outbox,
      { status: async () => never(), reset: async () => never() },
      { maxAgeMs: 0 },
      tenants,
    ),
    tenants,
    rollups,
    classify,
    logger: silentLogger,
    settings,
    explainFailure,
  });
  /** Queues a run as the service would (run stored, lock taken), launches it, waits for its end. */
  async function run(tenantId: string, options: { wait?: boolean } = {}): Promise<RunRecord> {
    const record: RunRecord = {
      id: runs.newId(),
      tenantId,
      status: IngestionStatus.QUEUED,
      requestedBy: 'test',
      full: false,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      progress: emptyProgress(),
      error: null,
      executor: null,
    };
    await runs.create(record);
    await locks.tryAcquire(tenantLockKey(tenantId), 'test', record.id, settings.lockTtlMs);
    runner.launch(record);
    if (options.wait === false) return record;
    await until(() => isFinal(runs.runs.get(record.id)!.status));
    return runs.runs.get(record.id)!;
  }
  return { runs, locks, provider, tickets, outbox, runner, run, moved: rollups.moved };
}

function never(): never {
  throw new Error('not used by the runner');
}

describe('IngestionRunner (in-memory ports)', () => {
  it('walks every page, writes its tenant, alerts HIGH tickets once, and releases the lock', async () => {
    const h = harness([
      parsedTicket('a', '1'),
      parsedTicket('b', '2'),
      parsedTicket('a', '3', { subject: 'Total outage' }),
      parsedTicket('a', '4'),
    ]);
    const first = await h.run('a');
    expect(first.status).toBe(IngestionStatus.SUCCEEDED);
    expect(first.progress).toMatchObject({
      totalPages: 2,
      processedPages: 2,
      fetched: 3,
      created: 3,
      notificationsQueued: 1,
    });
    expect([...h.tickets.tickets.keys()].sort()).toEqual(['a/1', 'a/3', 'a/4']);
    expect(h.outbox.alerts.map((a) => a.externalId)).toEqual(['3']);
    expect(await h.locks.find(tenantLockKey('a'))).toBeNull();

    const second = await h.run('a');
    expect(second.progress).toMatchObject({ created: 0, unchanged: 3, notificationsQueued: 0 });
    expect(h.outbox.alerts).toHaveLength(1);
    // The figures moved once per page that changed tickets, and not on the second run.
    expect(h.moved).toEqual(['a', 'a']);
  });

  it('counts malformed tickets of its tenant and ends PARTIALLY_SUCCEEDED', async () => {
    const malformed: ParsedTicket = { ok: false, externalId: 'x', tenantId: 'a', reason: 'bad' };
    const foreign: ParsedTicket = { ok: false, externalId: 'y', tenantId: 'b', reason: 'bad' };
    const h = harness([parsedTicket('a', '1'), malformed, foreign]);
    const run = await h.run('a');
    expect(run.status).toBe(IngestionStatus.PARTIALLY_SUCCEEDED);
    expect(run.progress).toMatchObject({ created: 1, failed: 1 });
    expect(run.error).toMatch(/1 malformed ticket/);
  });

  it('soft-deletes what a complete walk no longer sees', async () => {
    const h = harness([parsedTicket('a', '1'), parsedTicket('a', '2')]);
    await h.run('a');
    h.provider.tickets.pop();
    const run = await h.run('a');
    expect(run.progress.deleted).toBe(1);
    expect(h.tickets.tickets.get('a/2')!.deletedAt).not.toBeNull();
    expect(h.tickets.history.filter((e) => e.action === 'DELETED')).toHaveLength(1);
  });

  it("skips a deleted ticket's due alert (DELETED), and decides it again when the ticket is restored", async () => {
    const h = harness([
      parsedTicket('a', '1', { subject: 'Total outage' }),
      parsedTicket('a', '2'),
    ]);
    await h.run('a');
    const alertOf = () => h.outbox.alerts.find((alert) => alert.externalId === '1')!;
    expect(alertOf()).toMatchObject({ status: 'PENDING', skipReason: null });
    const gone = h.provider.tickets.shift()!;
    await h.run('a');
    expect(h.tickets.tickets.get('a/1')!.deletedAt).not.toBeNull();
    expect(alertOf()).toMatchObject({ status: 'SKIPPED', skipReason: 'DELETED' });
    h.provider.tickets.unshift(gone);
    await h.run('a');
    expect(h.tickets.tickets.get('a/1')!.deletedAt).toBeNull();
    expect(alertOf()).toMatchObject({ status: 'PENDING', skipReason: null });
  });

  it('stops between pages when cancelled, keeping what it wrote', async () => {
    const h = harness([parsedTicket('a', '1'), parsedTicket('a', '2'), parsedTicket('a', '3')]);
    let open!: () => void;
    h.provider.gate = new Promise((resolve) => (open = resolve));
    const queued = await h.run('a', { wait: false });
    await until(() => h.provider.calls === 1);
    await h.runs.requestCancel(queued.id);
    open();
    await until(() => isFinal(h.runs.runs.get(queued.id)!.status));
    const run = h.runs.runs.get(queued.id)!;
    expect(run.status).toBe(IngestionStatus.CANCELLED);
    expect(run.progress.processedPages).toBe(1);
    expect(h.tickets.tickets.has('a/1')).toBe(true);
  });

  it('ends FAILED with the provider error and frees the tenant', async () => {
    const h = harness([parsedTicket('a', '1')]);
    h.provider.fail = new Error('provider answered 503 five times');
    const run = await h.run('a');
    expect(run).toMatchObject({
      status: IngestionStatus.FAILED,
      error: 'provider answered 503 five times',
    });
    expect(await h.locks.find(tenantLockKey('a'))).toBeNull();
  });

  it('ends runs in flight FAILED on shutdown, saying why', async () => {
    const h = harness([parsedTicket('a', '1')]);
    h.provider.gate = new Promise(() => undefined);
    const queued = await h.run('a', { wait: false });
    await until(() => h.provider.calls === 1);
    expect(h.runner.activeRuns).toBe(1);
    await h.runner.shutdown();
    expect(h.runs.runs.get(queued.id)).toMatchObject({
      status: IngestionStatus.FAILED,
      error: expect.stringMatching(/^Interrupted/),
    });
    expect(h.runner.activeRuns).toBe(0);
  });

  it('names a cause the infrastructure recognises (a lost database) in the run error', async () => {
    const lost = Object.assign(new Error('connection closed'), { name: 'LostDatabase' });
    const h = harness([parsedTicket('a', '1')], (error) =>
      (error as Error).name === 'LostDatabase' ? 'The database became unreachable' : null,
    );
    h.provider.fail = lost;
    const run = await h.run('a');
    expect(run.error).toBe('The database became unreachable: connection closed');
  });
});
