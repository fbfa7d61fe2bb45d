import type { RollupDelta } from '../../src/domain/stats/rollup-delta.js';
import type { RollupLease, RollupStore } from '../../src/domain/stats/rollup-ports.js';

/** A tenant's roll-up head as the in-memory store keeps it. */
export interface MemoryHead {
  seq: number;
  done: number;
  open: boolean;
  owner: string;
  until: number;
  version: number;
}

/**
 * The roll-up heads with the MongoDB adapter's lease rules (checked by the RollupStore
 * contract), and a log of the deltas applied instead of roll-up documents.
 */
export class InMemoryRollupStore implements RollupStore {
  readonly heads = new Map<string, MemoryHead>();
  readonly applied: { tenantId: string; seq: number; total: number; redo: boolean }[] = [];
  readonly builtTenants = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(tenantId: string, owner: string, ttlMs: number): Promise<RollupLease | null> {
    const before = this.heads.get(tenantId);
    if (before !== undefined && before.until > this.now()) return null;
    const seq = (before?.seq ?? 0) + 1;
    this.heads.set(tenantId, {
      seq,
      done: before?.done ?? 0,
      open: true,
      owner,
      until: this.now() + ttlMs,
      version: before?.version ?? 0,
    });
    return {
      seq,
      fresh: before === undefined,
      unfinished:
        before !== undefined && before.done < before.seq
          ? { after: before.done, upTo: before.seq }
          : null,
    };
  }

  async renew(tenantId: string, owner: string, seq: number, ttlMs: number) {
    const head = this.held(tenantId, owner, seq);
    if (head !== undefined) head.until = this.now() + ttlMs;
    return head !== undefined;
  }

  async next(tenantId: string, owner: string, seq: number) {
    const head = this.held(tenantId, owner, seq);
    if (head === undefined)
      throw new Error(`The roll-up lease of tenant ${tenantId} was lost before op ${seq + 1}.`);
    head.done = seq;
    head.seq = seq + 1;
    return head.seq;
  }

  async apply(tenantId: string, seq: number, delta: RollupDelta, redo: boolean) {
    this.applied.push({ tenantId, seq, total: delta.total, redo });
  }

  async refreshLatest() {}

  async release(
    tenantId: string,
    owner: string,
    seq: number,
    outcome: { done: boolean; changed: boolean },
  ) {
    const head = this.held(tenantId, owner, seq);
    if (head === undefined) return;
    head.until = 0;
    if (outcome.done) Object.assign(head, { done: seq, open: false });
    if (outcome.changed) head.version += 1;
  }

  async built(tenantIds: string[]) {
    return new Set(tenantIds.filter((id) => this.builtTenants.has(id)));
  }

  async clear(tenantId: string) {
    this.builtTenants.delete(tenantId);
  }

  async markBuilt(tenantId: string) {
    this.builtTenants.add(tenantId);
  }

  async abandoned() {
    return [...this.heads]
      .filter(([, head]) => head.open && head.until <= this.now())
      .map(([tenantId]) => tenantId);
  }

  /** The head while this owner holds op `seq` of it (the adapter's `{ tenantId, owner, seq }` match). */
  private held(tenantId: string, owner: string, seq: number) {
    const head = this.heads.get(tenantId);
    return head?.owner === owner && head.seq === seq ? head : undefined;
  }
}
