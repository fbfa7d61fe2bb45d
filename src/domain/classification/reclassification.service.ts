import type { Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';
import { highTicket, needsAlert } from '../alerting/alert-policy.js';
import type { AlertQueue } from '../alerting/ports.js';
import type { DataVersions } from '../stats/data-versions.js';
import type { TenantService } from '../tenants/tenant.service.js';
import type { Classification, TicketStatus, Urgency } from '../tickets/ticket.types.js';
import type { UserError } from '../user-error.js';
import type { Classifier } from './classifier.js';

export interface TicketToClassify {
  id: string;
  tenantId: string;
  externalId: string;
  subject: string;
  message: string;
  /** The urgency of the stored classification. */
  urgency: Urgency;
  /** What the alert rule reads when the ticket becomes HIGH. */
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClassificationUpdate {
  ticket: TicketToClassify;
  classification: Classification;
}

/** Storage port: tickets whose classification is from another rules version, in id order. */
export interface ClassificationStore {
  findOutdated(query: {
    rulesVersion: string;
    tenantId: string | null;
    afterId: string | null;
    limit: number;
  }): Promise<TicketToClassify[]>;
  /** Returns how many tickets changed. */
  saveClassifications(updates: ClassificationUpdate[]): Promise<number>;
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
 * Brings stored tickets to the rules in force, batch by batch (bounded memory), so stats
 * stay consistent with the rules; tickets that become HIGH are alerted. Safe to re-run:
 * finished tickets are no longer outdated.
 */
export class ReclassificationService {
  constructor(
    private readonly store: ClassificationStore,
    private readonly classifier: Classifier,
    private readonly alerts: AlertQueue,
    private readonly tenants: Pick<TenantService, 'checkKnown'>,
    private readonly versions: Pick<DataVersions, 'bump'>,
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
    let afterId: string | null = null;
    for (;;) {
      const batch = await this.store.findOutdated({
        rulesVersion,
        tenantId,
        afterId,
        limit: BATCH_SIZE,
      });
      if (batch.length === 0) break;
      report.scanned += batch.length;
      const updates = batch.map((ticket) => ({
        ticket,
        classification: this.classifier.classify(ticket),
      }));
      const changed = await this.store.saveClassifications(updates);
      report.reclassified += changed;
      if (changed > 0) await this.versions.bump(batch.map((ticket) => ticket.tenantId));
      // Tickets that became HIGH get their alert by the same rule as in ingestion.
      report.notificationsQueued += await this.alerts.recordHighTickets(
        updates
          .filter(({ ticket, classification }) => needsAlert(ticket.urgency, classification))
          .map(({ ticket, classification }) => highTicket(ticket, classification)),
      );
      afterId = batch[batch.length - 1]!.id;
    }
    return report;
  }
}
