import { z } from 'zod';
import type { ParsedTicket } from '../../domain/ingestion/ports.js';
import type { TicketSource, TicketStatus } from '../../domain/tickets/ticket.types.js';

const isoInstant = z
  .string()
  .refine(
    (value) =>
      /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(value) &&
      !Number.isNaN(Date.parse(value)),
    {
      message: 'not an ISO 8601 instant',
    },
  )
  .transform((value) => new Date(value));

const providerTicketSchema = z.object({
  id: z.string().min(1).max(200),
  tenant_id: z.string().min(1).max(200),
  source: z.enum(['email', 'web', 'chat', 'api']).transform((s) => s.toUpperCase() as TicketSource),
  customer_id: z.string().min(1).max(200),
  subject: z.string().max(10_000),
  message: z.string().max(100_000),
  created_at: isoInstant,
  updated_at: isoInstant,
  status: z.enum(['open', 'closed', 'pending']).transform((s) => s.toUpperCase() as TicketStatus),
});

/** Validates one raw ticket of the provider's snake_case wire format; a malformed one is reported (with its id when it has one), never thrown. */
export function parseProviderTicket(raw: unknown): ParsedTicket {
  const result = providerTicketSchema.safeParse(raw);
  if (result.success) {
    const t = result.data;
    return {
      ok: true,
      ticket: {
        tenantId: t.tenant_id,
        externalId: t.id,
        source: t.source,
        customerId: t.customer_id,
        subject: t.subject,
        message: t.message,
        status: t.status,
        createdAt: t.created_at,
        updatedAt: t.updated_at,
      },
    };
  }
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    ok: false,
    externalId: typeof record.id === 'string' ? record.id : null,
    tenantId: typeof record.tenant_id === 'string' ? record.tenant_id : null,
    reason: result.error.issues
      .map((i) => `${i.path.join('.') || 'ticket'}: ${i.message}`)
      .join('; '),
  };
}
