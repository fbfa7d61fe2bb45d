import { forbidden } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import type { Classification, Classifier } from './classifier.js';

export interface TicketToClassify {
  id: string;
  subject: string;
  message: string;
}

/** Storage port: tickets whose classification is from another rules version, in id order. */
export interface ClassificationStore {
  findOutdated(query: {
    rulesVersion: string;
    tenantId: string | null;
    afterId: string | null;
    limit: number;
  }): Promise<TicketToClassify[]>;
  saveClassifications(updates: { id: string; classification: Classification }[]): Promise<number>;
}

export interface ReclassificationReport {
  rulesVersion: string;
  scanned: number;
  reclassified: number;
}

const BATCH_SIZE = 500;

/**
 * Brings stored tickets to the rules in force, batch by batch (bounded memory), so stats
 * stay consistent with the rules. Safe to re-run: finished tickets are no longer outdated.
 */
export class ReclassificationService {
  constructor(
    private readonly store: ClassificationStore,
    private readonly classifier: Classifier,
  ) {}

  async reclassify(caller: Principal, tenantId: string | null): Promise<ReclassificationReport> {
    if (!caller.isAdmin) throw forbidden('An admin API key is required.');
    const rulesVersion = this.classifier.rulesVersion;
    let scanned = 0;
    let reclassified = 0;
    let afterId: string | null = null;
    for (;;) {
      const batch = await this.store.findOutdated({
        rulesVersion,
        tenantId,
        afterId,
        limit: BATCH_SIZE,
      });
      if (batch.length === 0) break;
      scanned += batch.length;
      reclassified += await this.store.saveClassifications(
        batch.map((ticket) => ({
          id: ticket.id,
          classification: this.classifier.classify(ticket),
        })),
      );
      afterId = batch[batch.length - 1]!.id;
    }
    return { rulesVersion, scanned, reclassified };
  }
}
