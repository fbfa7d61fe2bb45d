import type { Principal } from '../auth/principal.js';
import type { TenantService } from '../tenants/tenant.service.js';
import { forbidden } from '../errors.js';
import { UserErrorCode, type UserError } from '../user-error.js';
import { movesFor, skipping } from './alert-moves.js';
import { decideAlert, HIGH_URGENCY_REASON } from './alert-policy.js';
import {
  NotificationStatus,
  type HighTicket,
  type NotificationRecord,
  type NotificationSkipReason,
  type QueueSummary,
} from './alert.types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitStatus } from './circuit.types.js';
import type { AlertOutbox, AlertQueue, TicketKey } from './ports.js';

export interface AlertingSettings {
  /** An alert is due only for a ticket active within this long (0: no limit). */
  maxAgeMs: number;
}

export type RequeueResult = { ok: true; queued: number } | { ok: false; error: UserError };

export interface AlertQueueView {
  tenantId: string;
  summary: QueueSummary;
  circuit: CircuitStatus;
}

const REQUEUEABLE = [NotificationStatus.FAILED, NotificationStatus.SKIPPED] as const;

/**
 * The home of alerting for everything but the delivery loop: the rule of what is due (for
 * ingestion and reclassification), sending skipped or failed alerts on demand, the circuit,
 * and what the API shows.
 */
export class AlertingService implements AlertQueue {
  constructor(
    private readonly outbox: AlertOutbox,
    private readonly breaker: Pick<CircuitBreaker, 'status' | 'reset'>,
    private readonly settings: AlertingSettings,
    private readonly tenants: Pick<TenantService, 'scoped' | 'checkKnown'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Decides each ticket's alert and records it: a ticket without one gets it as decided; an
   * existing one moves as the decision says (alert-moves.ts). Returns how many became due.
   */
  async recordHighTickets(tickets: HighTicket[]): Promise<number> {
    if (tickets.length === 0) return 0;
    const now = this.now();
    const decisions = tickets.map((ticket) => decideAlert(ticket, now, this.settings.maxAgeMs));
    const stored = await this.outbox.insertNew(decisions);
    const newlyDue = decisions.filter(
      (decision, i) => stored[i] && decision.status === NotificationStatus.PENDING,
    ).length;
    const { madeDue } = await this.outbox.applyMoves(
      decisions.filter((_, i) => !stored[i]).flatMap(movesFor),
    );
    return newlyDue + madeDue;
  }

  /** The tickets' alerts not yet sent are skipped with the reason; returns how many moved. */
  async withdraw(tickets: TicketKey[], skipReason: NotificationSkipReason): Promise<number> {
    if (tickets.length === 0) return 0;
    const moves = tickets.map(({ tenantId, externalId }) =>
      skipping({ tenantId, externalId, reason: HIGH_URGENCY_REASON }, skipReason),
    );
    return (await this.outbox.applyMoves(moves)).applied;
  }

  /**
   * Admin only: skipped or failed alerts (of one tenant, or all; by reason) become due now,
   * with fresh attempts, and are sent whatever their age. Returns how many were queued.
   */
  async requeue(
    caller: Principal,
    input: {
      tenantId?: string | null;
      statuses?: NotificationStatus[] | null;
      skipReason?: NotificationSkipReason | null;
    },
  ): Promise<RequeueResult> {
    requireAdmin(caller);
    const statuses = input.statuses ?? [...REQUEUEABLE];
    const invalid = (message: string, field: string): RequeueResult => ({
      ok: false,
      error: { code: UserErrorCode.INVALID_INPUT, message, field: [field] },
    });
    if (statuses.length === 0 || statuses.some((s) => !REQUEUEABLE.includes(s as never)))
      return invalid('statuses may hold FAILED and SKIPPED only.', 'statuses');
    const skipReason = input.skipReason ?? null;
    if (skipReason !== null && !statuses.includes(NotificationStatus.SKIPPED))
      return invalid(
        'skipReason filters SKIPPED alerts: include SKIPPED in statuses.',
        'skipReason',
      );
    const unknown = input.tenantId ? await this.tenants.checkKnown(input.tenantId) : null;
    if (unknown !== null) return { ok: false, error: unknown };
    const queued = await this.outbox.requeue(
      {
        tenantId: input.tenantId ?? null,
        statuses: statuses as (typeof REQUEUEABLE)[number][],
        skipReason,
      },
      this.now(),
    );
    return { ok: true, queued };
  }

  /** A tenant's queue at a glance (tenant keys: their own; admin keys name the tenant). */
  async queue(caller: Principal, tenantId: string | null | undefined): Promise<AlertQueueView> {
    const scoped = await this.tenants.scoped(caller, tenantId);
    const [summary, circuit] = await Promise.all([
      this.outbox.summary(scoped),
      this.breaker.status(),
    ]);
    return { tenantId: scoped, summary, circuit };
  }

  circuitStatus(): Promise<CircuitStatus> {
    return this.breaker.status();
  }

  resetCircuit(caller: Principal): Promise<CircuitStatus> {
    requireAdmin(caller);
    return this.breaker.reset();
  }

  /** Batched for the per-request DataLoader; the tickets were authorised when fetched. */
  alertsOf(ticketIds: readonly string[]): Promise<Map<string, NotificationRecord>> {
    return this.outbox.findForTickets(ticketIds, HIGH_URGENCY_REASON);
  }
}

function requireAdmin(caller: Principal): void {
  if (!caller.isAdmin) throw forbidden('An admin API key is required.');
}
