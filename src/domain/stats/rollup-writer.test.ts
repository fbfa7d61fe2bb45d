import { describe, expect, it } from 'vitest';
import { liveFacts, silentLogger } from '../../../test/support/fakes.js';
import type { RollupDelta } from './rollup-delta.js';
import type { CountedTickets, RollupLease, RollupStore } from './rollup-ports.js';
import { RollupWriter } from './rollup-writer.js';
import type { StatsFacts } from './ticket-facts.js';

/** A head per tenant with the MongoDB adapter's lease rules, and a log of what was counted. */
class InMemoryRollupStore implements RollupStore {
  readonly heads = new Map<
    string,
    { seq: number; done: number; open: boolean; owner: string; until: number }
  >();
  readonly applied: { tenantId: string; seq: number; total: number; redo: boolean }[] = [];
  readonly builtTenants = new Set<string>();
  now = 0;

  async acquire(tenantId: string, owner: string, ttlMs: number): Promise<RollupLease | null> {
    const head = this.heads.get(tenantId);
    if (head !== undefined && head.until > this.now) return null;
    const before = head ?? null;
    const seq = (before?.seq ?? 0) + 1;
    this.heads.set(tenantId, {
      seq,
      done: before?.done ?? 0,
      open: true,
      owner,
      until: this.now + ttlMs,
    });
    return {
      seq,
      fresh: before === null,
      unfinished:
        before !== null && before.done < before.seq
          ? { after: before.done, upTo: before.seq }
          : null,
    };
  }
  async renew() {
    return true;
  }
  async next(tenantId: string, _owner: string, seq: number) {
    const head = this.heads.get(tenantId)!;
    head.done = seq;
    head.seq = seq + 1;
    return head.seq;
  }
  async apply(tenantId: string, seq: number, delta: RollupDelta, redo: boolean) {
    this.applied.push({ tenantId, seq, total: delta.total, redo });
  }
  async refreshLatest() {}
  async release(tenantId: string, _o: string, seq: number, outcome: { done: boolean }) {
    const head = this.heads.get(tenantId)!;
    head.until = 0;
    if (outcome.done) Object.assign(head, { done: seq, open: false });
  }
  async built(tenantIds: string[]) {
    return new Set(tenantIds.filter((id) => this.builtTenants.has(id)));
  }
  async clear() {}
  async markBuilt(tenantId: string) {
    this.builtTenants.add(tenantId);
  }
  async abandoned() {
    return [...this.heads].filter(([, h]) => h.open && h.until <= this.now).map(([id]) => id);
  }
}

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
    store.heads.set('t', { seq: 2, done: 1, open: true, owner: 'dead', until: 0 });
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
    store.heads.set('t', { seq: 1, done: 1, open: false, owner: 'other', until: Infinity });
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
