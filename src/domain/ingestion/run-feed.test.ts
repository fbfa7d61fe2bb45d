import { describe, expect, it } from 'vitest';
import { InMemoryRunStore, silentLogger } from '../../../test/support/fakes.js';
import { until } from '../../../test/support/eventually.js';
import { IngestionStatus } from './ingestion.types.js';
import { emptyProgress, type RunRecord } from './ports.js';
import { RunFeed } from './run-feed.js';

function run(id: string): RunRecord {
  return {
    id,
    tenantId: 'a',
    status: IngestionStatus.RUNNING,
    requestedBy: 'test',
    full: false,
    queuedAt: new Date(0),
    startedAt: new Date(0),
    finishedAt: null,
    progress: emptyProgress(),
    error: null,
    executor: 'x',
  };
}

/** A store that records the ids each poll asks for. */
function countingStore() {
  const store = new InMemoryRunStore();
  const asked: string[][] = [];
  const findMany = store.findMany.bind(store);
  store.findMany = (ids) => {
    asked.push([...ids].sort());
    return findMany(ids);
  };
  return { store, polls: () => asked.length, asked };
}

describe('RunFeed (in-memory store)', () => {
  it('emits the current state, every change, and the final state, then completes', async () => {
    const { store } = countingStore();
    await store.create(run('r1'));
    const feed = new RunFeed(store, silentLogger, 5);
    const states: string[] = [];
    const done = (async () => {
      for await (const state of feed.subscribe(run('r1')))
        states.push(`${state.status}:${state.progress.processedPages}`);
    })();
    await until(() => states.length === 1);
    await store.addProgress('r1', { processedPages: 1 });
    await until(() => states.length === 2);
    await store.finish('r1', IngestionStatus.SUCCEEDED, null, new Date());
    await done;
    expect(states).toEqual(['RUNNING:0', 'RUNNING:1', 'SUCCEEDED:1']);
    expect(feed.watchedRuns).toBe(0);
  });

  it('reads every watched run in one query per tick, and polls not at all when nobody watches', async () => {
    const { store, polls, asked } = countingStore();
    await store.create(run('r1'));
    await store.create(run('r2'));
    const feed = new RunFeed(store, silentLogger, 5);
    const subscriptions = [
      feed.subscribe(run('r1')),
      feed.subscribe(run('r1')),
      feed.subscribe(run('r2')),
    ];
    expect(feed.watchedRuns).toBe(2);
    await until(() => polls() >= 3);
    expect(new Set(asked.map((ids) => ids.join()))).toEqual(new Set(['r1,r2']));
    for (const subscription of subscriptions) await subscription.return!();
    const idle = polls();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(polls()).toBe(idle);
  });

  it('completes every subscription on close', async () => {
    const { store } = countingStore();
    const feed = new RunFeed(store, silentLogger, 5);
    const subscription = feed.subscribe(run('r1'));
    expect((await subscription.next()).done).toBe(false);
    feed.close();
    expect((await subscription.next()).done).toBe(true);
    expect(feed.watchedRuns).toBe(0);
  });
});
