import { TicketSource, TicketStatus } from '../../src/domain/tickets/ticket.types.js';
import { classificationFields } from '../../src/infra/mongo/classification-fields.js';
import { RebuildTenantStatsDocument } from '../generated/graphql.js';
import { productionClassifier } from './classifier.js';
import type { Stack } from './stack.js';

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

/**
 * Counts the tenants' roll-ups afresh (rebuildTenantStats), as an operator does after
 * writing tickets behind the gateway's back (a restored backup).
 */
export async function rebuildStats(
  t: Pick<Stack, 'graphql'>,
  tenantIds: Iterable<string>,
): Promise<void> {
  for (const tenantId of new Set(tenantIds)) {
    const { body } = await t.graphql(RebuildTenantStatsDocument, { tenantId });
    if (body.errors || body.data!.rebuildTenantStats.userErrors.length > 0)
      throw new Error(`rebuilding the stats of ${tenantId} failed: ${JSON.stringify(body)}`);
  }
}

/**
 * Writes tickets straight into the database, classified, for tests of read paths; then the
 * roll-ups of their tenants are rebuilt (rebuildStats).
 */
export async function insertTickets(
  t: Pick<Stack, 'db' | 'graphql'>,
  tickets: SeedTicketInput[],
): Promise<void> {
  await t.db.models.tickets.insertMany(
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
  await rebuildStats(
    t,
    tickets.map((ticket) => ticket.tenantId),
  );
}
