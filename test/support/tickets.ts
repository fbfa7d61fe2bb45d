import type { Database } from '../../src/infra/mongo/database.js';
import { Classifier } from '../../src/domain/classification/classifier.js';
import { TicketSource, TicketStatus } from '../../src/domain/tickets/ticket.types.js';

const classifier = new Classifier();

export interface SeedTicketInput {
  tenantId: string;
  externalId: string;
  subject: string;
  message?: string;
  createdAt?: Date;
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
        source: TicketSource.EMAIL,
        customerId: 'cust-1',
        subject: t.subject,
        message,
        status: TicketStatus.OPEN,
        createdAt: t.createdAt ?? new Date(),
        updatedAt: t.createdAt ?? new Date(),
        classification: {
          ...classification,
          rulesVersion: t.rulesVersion ?? classification.rulesVersion,
        },
        syncedAt: new Date(),
      };
    }),
  );
}
