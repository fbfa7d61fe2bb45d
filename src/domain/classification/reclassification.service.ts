import type { Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';
import { needsNotification } from '../ingestion/ticket-sync.js';
import type { Urgency } from '../tickets/ticket.types.js';
import type { Classification, Classifier } from './classifier.js';

export interface TicketToClassify {
  id: string;
  tenantId: string;
  externalId: string;
  subject: string;
  message: string;
  /** The urgency of the stored classification. */
  urgency: Urgency;
}

export interface ClassificationUpdate {
  ticket: TicketToClassify;
  classification: Classification;
  /** The ticket became HIGH: it gets an alert, as ingestion would give it. */
  alert: boolean;
}

/** Storage port: tickets whose classification is from another rules version, in id order. */
export interface ClassificationStore {
  findOutdated(query: {
    rulesVersion: string;
    tenantId: string | null;
    afterId: string | null;
    limit: number;
  }): Promise<TicketToClassify[]>;
  /** Returns how many tickets changed and how many alerts were newly queued. */
  saveClassifications(
    updates: ClassificationUpdate[],
  ): Promise<{ reclassified: number; notificationsQueued: number }>;
}

export interface ReclassificationReport {
  rulesVersion: string;
  scanned: number;
  reclassified: number;
  notificationsQueued: number;
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
  ) {}

  async reclassify(caller: Principal, tenantId: string | null): Promise<ReclassificationReport> {
    if (!caller.isAdmin) throw forbidden('An admin API key is required.');
    const rulesVersion = this.classifier.rulesVersion;
    const report: ReclassificationReport = {
      rulesVersion,
      scanned: 0,
      reclassified: 0,
      notificationsQueued: 0,
    };
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
      const saved = await this.store.saveClassifications(
        batch.map((ticket) => {
          const classification = this.classifier.classify(ticket);
          return {
            ticket,
            classification,
            alert: needsNotification(ticket.urgency, classification),
          };
        }),
      );
      report.reclassified += saved.reclassified;
      report.notificationsQueued += saved.notificationsQueued;
      afterId = batch[batch.length - 1]!.id;
    }
    return report;
  }
}
