import { describe, expect, it } from 'vitest';
import { IngestionStatus } from '../../../src/domain/ingestion/ingestion.types.js';
import {
  emptyProgress,
  type RunRecord,
  type RunStore,
} from '../../../src/domain/ingestion/ports.js';

const FORWARD = { direction: 'forward', size: 10, after: null, before: null } as const;

/**
 * What every RunStore does, run against the in-memory fake (unit) and the MongoDB adapter
 * (integration) alike. `make` gives an empty store.
 */
export function runStoreContract(name: string, make: () => Promise<RunStore>) {
  describe(`RunStore contract: ${name}`, () => {
    const queued = (
      store: RunStore,
      tenantId: string,
      minute: number,
      full = false,
    ): RunRecord => ({
      id: store.newId(),
      tenantId,
      status: IngestionStatus.QUEUED,
      requestedBy: 'test',
      full,
      queuedAt: new Date(Date.UTC(2026, 11, 1, 0, minute)),
      startedAt: null,
      finishedAt: null,
      progress: emptyProgress(),
      error: null,
      executor: null,
    });

    it('keeps a run as created, and moves it through running, progress and its end', async () => {
      const store = await make();
      const run = queued(store, 't', 1);
      await store.create(run);
      expect(await store.findById(run.id)).toEqual(run);
      const at = new Date(Date.UTC(2026, 11, 1, 1));
      expect(await store.markRunning(run.id, 'exec-1', at)).toMatchObject({
        status: IngestionStatus.RUNNING,
        executor: 'exec-1',
        startedAt: at,
      });
      await store.waitingForProvider(run.id, new Date(at.getTime() + 5000));
      expect((await store.findById(run.id))!.progress.waitingForProviderUntil).toEqual(
        new Date(at.getTime() + 5000),
      );
      const progressed = await store.addProgress(run.id, { processedPages: 1, created: 3 }, 4);
      expect(progressed!.progress).toMatchObject({
        processedPages: 1,
        created: 3,
        totalPages: 4,
        waitingForProviderUntil: null,
      });
      await store.addProgress(run.id, { processedPages: 1, created: 2 });
      const done = await store.finish(run.id, IngestionStatus.SUCCEEDED, null, at);
      expect(done).toMatchObject({ status: IngestionStatus.SUCCEEDED, finishedAt: at });
      expect(done!.progress).toMatchObject({ processedPages: 2, created: 5, totalPages: 4 });
      // A final status stays.
      await store.finish(run.id, IngestionStatus.FAILED, 'late', at);
      expect((await store.findById(run.id))!.status).toBe(IngestionStatus.SUCCEEDED);
      expect(await store.requestCancel(run.id)).toMatchObject({
        status: IngestionStatus.SUCCEEDED,
      });
    });

    it('asks an unfinished run to cancel, and lists the unfinished ones', async () => {
      const store = await make();
      const a = queued(store, 't', 1);
      const b = queued(store, 't', 2);
      await store.create(a);
      await store.create(b);
      await store.finish(b.id, IngestionStatus.FAILED, 'boom', new Date());
      expect(await store.requestCancel(a.id)).toMatchObject({ status: IngestionStatus.CANCELLING });
      expect((await store.findUnfinished()).map((run) => run.id)).toEqual([a.id]);
      expect((await store.findMany([a.id, b.id])).map((run) => run.id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      await store.remove(a.id);
      expect(await store.findById(a.id)).toBeNull();
    });

    it("lists a tenant's runs newest first, by status, and knows its latest full run", async () => {
      const store = await make();
      const runs = [queued(store, 't', 1, true), queued(store, 't', 2), queued(store, 'u', 3)];
      for (const run of runs) await store.create(run);
      await store.finish(runs[0]!.id, IngestionStatus.SUCCEEDED, null, new Date());
      const page = await store.list('t', [], FORWARD);
      expect(page.items.map((item) => item.node.id)).toEqual([runs[1]!.id, runs[0]!.id]);
      const queuedOnly = await store.list('t', [IngestionStatus.QUEUED], FORWARD);
      expect(queuedOnly.items.map((item) => item.node.id)).toEqual([runs[1]!.id]);
      expect(await store.lastFullRunAt('t')).toEqual(runs[0]!.queuedAt);
      expect(await store.lastFullRunAt('u')).toBeNull();
    });
  });
}
