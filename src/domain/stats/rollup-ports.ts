import type { RollupDelta } from './rollup-delta.js';
import type { FactsChange, StatsFacts } from './ticket-facts.js';

/**
 * A writer's hold on a tenant's roll-ups: the number of its operation (a fencing token: ops
 * of one tenant are numbered and never overlap), and the ops a dead writer left unfinished.
 */
export interface RollupLease {
  seq: number;
  /** Ops after `after` up to `upTo` began and did not finish: they are redone first. */
  unfinished: { after: number; upTo: number } | null;
  /** The tenant had no roll-up head: its roll-ups may never have been built. */
  fresh: boolean;
}

/**
 * The roll-up documents of each tenant (totals and breakdowns, keyword counts, tickets per
 * quarter-hour and per creation instant, customers) and their head (lease, op numbers,
 * data version).
 */
export interface RollupStore {
  /** Takes the tenant's lease and numbers a new op; null while another writer holds it. */
  acquire(tenantId: string, owner: string, ttlMs: number): Promise<RollupLease | null>;
  /** Extends the lease; false when it was lost. */
  renew(tenantId: string, owner: string, seq: number, ttlMs: number): Promise<boolean>;
  /** Ends op `seq` as done and numbers the next one under the same lease. */
  next(tenantId: string, owner: string, seq: number): Promise<number>;
  /**
   * Adds the delta as op `seq`. A redo skips each document op `seq` (or a later op) already
   * changed, so an op applied twice counts once.
   */
  apply(tenantId: string, seq: number, delta: RollupDelta, redo: boolean): Promise<void>;
  /** Sets these customers' latest ticket time from their live tickets (one left them). */
  refreshLatest(tenantId: string, customerIds: string[]): Promise<void>;
  /**
   * Gives the lease up. `done`: the op finished (otherwise the next writer redoes it);
   * `changed`: the figures moved, so the tenant's data version is bumped.
   */
  release(
    tenantId: string,
    owner: string,
    seq: number,
    outcome: { done: boolean; changed: boolean },
  ): Promise<void>;
  /** Which of these tenants have complete roll-ups (built once, not being rebuilt). */
  built(tenantIds: string[]): Promise<Set<string>>;
  /** Drops the tenant's roll-ups and marks them incomplete (a rebuild starts). */
  clear(tenantId: string): Promise<void>;
  markBuilt(tenantId: string, seq: number): Promise<void>;
  /** Tenants whose last writer died mid-op (its lease lapsed with the op open). */
  abandoned(): Promise<string[]>;
}

/** The tickets as the roll-ups count them. */
export interface CountedTickets {
  /** Tickets written by ops after `after` up to `upTo`: what each op counted before, and now. */
  stamped(
    tenantId: string,
    after: number,
    upTo: number,
  ): AsyncIterable<FactsChange & { seq: number }>;
  /** The facts of every live ticket of the tenant (a rebuild). */
  live(tenantId: string): AsyncIterable<StatsFacts>;
}

/** A write of tickets under op `seq`: each written ticket carries the op and what it counted before. */
export type RollupWork<T> = (seq: number) => Promise<{ changes: FactsChange[]; result: T }>;

/** How writes of tickets keep the roll-ups current (RollupWriter; a pass-through in unit tests). */
export interface StatsWriter {
  write<T>(tenantId: string, work: RollupWork<T>, signal?: AbortSignal): Promise<T>;
}

export enum RepairKind {
  /** An op a dead writer left unfinished was redone from its tickets. */
  REDO = 'redo',
  /** A tenant's roll-ups were rebuilt from its tickets. */
  REBUILD = 'rebuild',
}

export interface RollupObserver {
  repaired(kind: RepairKind): void;
}
