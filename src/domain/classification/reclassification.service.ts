import type { Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';
import { highTicket, needsAlert } from '../alerting/alert-policy.js';
import type { AlertQueue } from '../alerting/ports.js';
import type { StatsWriter } from '../stats/rollup-ports.js';
import { factsOf, type StatsFacts } from '../stats/ticket-facts.js';
import type { TenantService } from '../tenants/tenant.service.js';
import type {
  Classification,
  FieldChange,
  LabelCorrection,
  TicketStatus,
} from '../tickets/ticket.types.js';
import type { UserError } from '../user-error.js';
import type { TicketClassifier } from './classifier.js';
import { classifyInTurns } from './classify-in-turns.js';
import { labelChanges, withCorrection } from './correction.js';

export interface TicketToClassify {
  id: string;
  tenantId: string;
  externalId: string;
  subject: string;
  message: string;
  /** Whether the stored classification raised an alert. */
  raisesAlert: boolean;
  /** What the alert rule reads when the ticket becomes HIGH. */
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
  /** What the figures count of it now (null: deleted). */
  facts: StatsFacts | null;
  /** Labels a person set: re-classification keeps them. */
  correction: LabelCorrection | null;
}

export interface ClassificationUpdate {
  ticket: TicketToClassify;
  classification: Classification;
  /** The labels that changed (recorded in the ticket's history as RECLASSIFIED); may be none. */
  changes: FieldChange[];
}

/** Storage port: a tenant's tickets whose classification is from another rules version, in id order. */
export interface ClassificationStore {
  findOutdated(query: {
    rulesVersion: string;
    tenantId: string;
    afterId: string | null;
    limit: number;
  }): Promise<TicketToClassify[]>;
  /**
   * Writes as roll-up op `seq`, with a RECLASSIFIED history entry for each ticket whose labels
   * changed; returns how many tickets changed.
   */
  saveClassifications(
    tenantId: string,
    updates: ClassificationUpdate[],
    seq: number,
  ): Promise<number>;
}

export interface ReclassificationReport {
  rulesVersion: string;
  scanned: number;
  reclassified: number;
  notificationsQueued: number;
  /** Why nothing was done (an unknown tenant), or null. */
  error: UserError | null;
}

const BATCH_SIZE = 500;

/**
 * Brings stored tickets to the rules in force, tenant by tenant and batch by batch (bounded
 * memory), so stats stay consistent with the rules; tickets that become HIGH are alerted.
 * Each batch is one roll-up op of its tenant, so the figures move with it. Safe to re-run:
 * finished tickets are no longer outdated.
 */
export class ReclassificationService {
  constructor(
    private readonly store: ClassificationStore,
    private readonly classifier: TicketClassifier,
    private readonly alerts: AlertQueue,
    private readonly tenants: Pick<TenantService, 'checkKnown' | 'ids'>,
    private readonly rollups: StatsWriter,
  ) {}

  async reclassify(caller: Principal, tenantId: string | null): Promise<ReclassificationReport> {
    if (!caller.isAdmin) throw forbidden('An admin API key is required.');
    const rulesVersion = this.classifier.rulesVersion;
    const report: ReclassificationReport = {
      rulesVersion,
      scanned: 0,
      reclassified: 0,
      notificationsQueued: 0,
      error: tenantId === null ? null : await this.tenants.checkKnown(tenantId),
    };
    if (report.error !== null) return report;
    for (const tenant of tenantId === null ? await this.tenants.ids() : [tenantId])
      await this.reclassifyTenant(tenant, report);
    return report;
  }

  private async reclassifyTenant(tenantId: string, report: ReclassificationReport): Promise<void> {
    const rulesVersion = this.classifier.rulesVersion;
    let afterId: string | null = null;
    for (;;) {
      const after: string | null = afterId;
      const { updates, changed } = await this.rollups.write(tenantId, async (seq) => {
        const batch = await this.store.findOutdated({
          rulesVersion,
          tenantId,
          afterId: after,
          limit: BATCH_SIZE,
        });
        const classify = await classifyInTurns(batch, (ticket) => this.classifier.classify(ticket));
        const updates = batch.map((ticket) => {
          const classification = withCorrection(classify(ticket), ticket.correction);
          const changes = ticket.facts === null ? [] : labelChanges(ticket.facts, classification);
          return { ticket, classification, changes };
        });
        const changed = await this.store.saveClassifications(tenantId, updates, seq);
        const counted = updates.map(({ ticket, classification }) => ({
          from: ticket.facts,
          to: ticket.facts && factsOf(ticket.facts, classification),
        }));
        return { changes: counted, result: { updates, changed } };
      });
      if (updates.length === 0) return;
      report.scanned += updates.length;
      report.reclassified += changed;
      // Tickets that became HIGH get their alert by the same rule as in ingestion.
      report.notificationsQueued += await this.alerts.recordHighTickets(
        updates
          .filter(({ ticket, classification }) => needsAlert(ticket.raisesAlert, classification))
          .map(({ ticket, classification }) =>
            highTicket({ ...ticket, deleted: ticket.facts === null }, classification),
          ),
      );
      afterId = updates[updates.length - 1]!.ticket.id;
    }
  }
}
