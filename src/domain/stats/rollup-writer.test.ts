import { describe, expect, it } from 'vitest';
import { liveFacts, silentLogger } from '../../../test/support/fakes.js';
import { InMemoryRollupStore } from '../../../test/support/fake-rollups.js';
import type { CountedTickets } from './rollup-ports.js';
import { RollupWriter } from './rollup-writer.js';
import type { StatsFacts } from './ticket-facts.js';

function harness(live: StatsFacts[] = []) {
  const store = new InMemoryRollupStore();
  const stamped: { seq: number; from: StatsFacts | null; to: StatsFacts | null }[] = [];
  const tickets: CountedTickets = {
    async *stamped(_tenantId, after, upTo) {
      yield* stamped.filter((s) => s.seq > after && s.seq <= upTo);
    },
    async *live() {
      yield* live;
    },
  };
  const writer = (owner: string) =>
    new RollupWriter(store, tickets, { owner, leaseTtlMs: 60_000, pollMs: 1 }, silentLogger);
  return { store, stamped, writer };
}

/** Lets every other ready callback run: an op that overlaps another would show here. */
const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('RollupWriter', () => {
  it("builds a tenant's roll-ups from its tickets on its first op, then counts the op", async () => {
    const { store, writer } = harness([liveFacts(), liveFacts()]);
    await writer('a').write('t', async () => ({
      changes: [{ from: null, to: liveFacts() }],
      result: null,
    }));
    expect(store.applied).toEqual([
      { tenantId: 't', seq: 1, total: 2, redo: false },
      { tenantId: 't', seq: 2, total: 1, redo: false },
    ]);
    expect(store.builtTenants).toEqual(new Set(['t']));
  });

  it('runs the ops of one tenant one at a time, across writers, and those of others alongside', async () => {
    const { store, writer } = harness();
    store.builtTenants.add('t').add('u');
    const running = new Set<string>();
    const overlaps: string[] = [];
    const op = (w: RollupWriter, tenantId: string) =>
      w.write(tenantId, async (seq) => {
        if ([...running].some((r) => r.startsWith(tenantId))) overlaps.push(`${tenantId}#${seq}`);
        running.add(`${tenantId}#${seq}`);
        await yieldTurn();
        await yieldTurn();
        running.delete(`${tenantId}#${seq}`);
        return { changes: [{ from: null, to: liveFacts() }], result: seq };
      });
    const seqs = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => op(writer(`w${i % 3}`), 't')),
      op(writer('x'), 'u'),
    ]);
    expect(overlaps).toEqual([]);
    expect(seqs.slice(0, 6).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.applied.filter((a) => a.tenantId === 't')).toHaveLength(6);
  });

  it('redoes, op by op, what a writer left unfinished before its own op', async () => {
    const { store, stamped, writer } = harness();
    store.builtTenants.add('t');
    await writer('a').write('t', async () => ({ changes: [], result: null }));
    // A writer took op 2, stamped two tickets, and died (its lease lapsed).
    store.heads.set('t', { seq: 2, done: 1, open: true, owner: 'dead', until: 0, version: 0 });
    stamped.push({ seq: 2, from: null, to: liveFacts() }, { seq: 2, from: null, to: liveFacts() });
    expect(await store.abandoned()).toEqual(['t']);
    await writer('b').write('t', async () => ({
      changes: [{ from: null, to: liveFacts() }],
      result: null,
    }));
    expect(store.applied).toEqual([
      { tenantId: 't', seq: 2, total: 2, redo: true },
      { tenantId: 't', seq: 4, total: 1, redo: false },
    ]);
    expect(store.heads.get('t')).toMatchObject({ seq: 4, done: 4, open: false });
  });

  it('leaves its op open when the work fails, for the next writer to redo', async () => {
    const { store, writer } = harness();
    store.builtTenants.add('t');
    await expect(
      writer('a').write('t', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(store.heads.get('t')).toMatchObject({ seq: 1, done: 0, open: true, until: 0 });
  });

  it('stops waiting for a busy tenant when its signal aborts', async () => {
    const { store, writer } = harness();
    store.heads.set('t', {
      seq: 1,
      done: 1,
      open: false,
      owner: 'other',
      until: Infinity,
      version: 0,
    });
    const controller = new AbortController();
    const waiting = writer('a').write(
      't',
      async () => ({ changes: [], result: null }),
      controller.signal,
    );
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
  });
});
