import { TicketSource, TicketStatus } from '../../src/domain/tickets/ticket.types.js';
import { classificationFields } from '../../src/infra/mongo/classification-fields.js';
import type { Database } from '../../src/infra/mongo/database.js';
import { productionClassifier } from './classifier.js';

const classifier = productionClassifier();

export interface SeedTicketInput {
  tenantId: string;
  externalId: string;
  subject: string;
  message?: string;
  status?: TicketStatus;
  source?: TicketSource;
  customerId?: string;
  createdAt?: Date;
  deletedAt?: Date | null;
  rulesVersion?: string;
}

/** Writes tickets straight into the database, classified, for tests of read paths. */
export async function insertTickets(db: Database, tickets: SeedTicketInput[]): Promise<void> {
  await db.models.tickets.insertMany(
    tickets.map((t) => {
      const message = t.message ?? `This is about ${t.subject}.`;
      const classification = classifier.classify({ subject: t.subject, message });
      return {
        tenantId: t.tenantId,
        externalId: t.externalId,
        source: t.source ?? TicketSource.EMAIL,
        customerId: t.customerId ?? 'cust-1',
        subject: t.subject,
        message,
        status: t.status ?? TicketStatus.OPEN,
        createdAt: t.createdAt ?? new Date(),
        updatedAt: t.createdAt ?? new Date(),
        deletedAt: t.deletedAt ?? null,
        ...classificationFields({
          ...classification,
          rulesVersion: t.rulesVersion ?? classification.rulesVersion,
        }),
        syncedAt: new Date(),
      };
    }),
  );
}
