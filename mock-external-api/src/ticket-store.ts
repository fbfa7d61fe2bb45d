import { generateSeedTickets, SEED_TENANTS, type ProviderTicket } from './seed-data.js';

/** A ticket as stored by the mock; injected ones may be deliberately malformed. */
export interface StoredTicket {
  ticket: Record<string, unknown>;
  deleted: boolean;
}

export interface TicketKey {
  tenant_id?: string | undefined;
  id: string;
}

const MALFORMATIONS: ((ticket: ProviderTicket) => Record<string, unknown>)[] = [
  ({ id: _id, ...rest }) => rest,
  (ticket) => ({ ...ticket, created_at: 'not-a-date' }),
  (ticket) => ({ ...ticket, status: 'escalated' }),
  (ticket) => ({ ...ticket, source: 'fax' }),
];

/** The provider's tickets, in a stable order, with the edits tests make to them. */
export class TicketStore {
  private tickets: StoredTicket[] = [];

  constructor(
    private readonly options: { count: number; seed: number; malformed: number },
    private readonly now: () => number,
  ) {
    this.reset();
  }

  reset(): void {
    const now = this.now();
    const seed = generateSeedTickets({ count: this.options.count, seed: this.options.seed, now });
    this.tickets = seed.map(({ ticket, deleted }) => ({ ticket: { ...ticket }, deleted }));
    for (let i = 0; i < this.options.malformed; i++) {
      const template = seed[i % Math.max(1, seed.length)]?.ticket ?? this.blankTicket(i, now);
      const broken = MALFORMATIONS[i % MALFORMATIONS.length]!({
        ...template,
        id: `bad-${String(i + 1).padStart(3, '0')}`,
      });
      // Spread them through the pages rather than all at the end.
      this.tickets.splice(
        Math.floor((i + 1) * (this.tickets.length / (this.options.malformed + 1))),
        0,
        {
          ticket: broken,
          deleted: false,
        },
      );
    }
  }

  page(page: number, pageSize: number, includeDeleted: boolean) {
    const visible = this.tickets.filter((t) => includeDeleted || !t.deleted);
    const start = (page - 1) * pageSize;
    return {
      tickets: visible.slice(start, start + pageSize).map((t) => t.ticket),
      next_page: start + pageSize < visible.length ? page + 1 : null,
      total_count: visible.length,
    };
  }

  /** Matches by id, and by tenant when given (ids are unique per tenant only). */
  find(key: TicketKey): StoredTicket[] {
    return this.tickets.filter(
      (t) =>
        t.ticket.id === key.id &&
        (key.tenant_id === undefined || t.ticket.tenant_id === key.tenant_id),
    );
  }

  deleted(tenantId?: string): { id: string; tenant_id: string }[] {
    return this.tickets
      .filter((t) => t.deleted && (tenantId === undefined || t.ticket.tenant_id === tenantId))
      .map((t) => ({ id: String(t.ticket.id), tenant_id: String(t.ticket.tenant_id) }));
  }

  append(tickets: Record<string, unknown>[]): void {
    this.tickets.push(...tickets.map((ticket) => ({ ticket: { ...ticket }, deleted: false })));
  }

  /** Applies `changes` and bumps updated_at (to now unless given); false when not found. */
  modify(key: TicketKey, changes: Record<string, unknown>): boolean {
    const matches = this.find(key);
    for (const match of matches) {
      match.ticket = {
        ...match.ticket,
        updated_at: new Date(this.now()).toISOString(),
        ...changes,
      };
    }
    return matches.length > 0;
  }

  setDeleted(key: TicketKey, deleted: boolean): boolean {
    const matches = this.find(key);
    for (const match of matches) match.deleted = deleted;
    return matches.length > 0;
  }

  private blankTicket(i: number, now: number): ProviderTicket {
    const at = new Date(now).toISOString();
    return {
      id: `bad-${i}`,
      tenant_id: SEED_TENANTS[0],
      source: 'email',
      customer_id: 'cust-a-001',
      subject: 'Issue',
      message: 'Broken ticket',
      created_at: at,
      updated_at: at,
      status: 'open',
    };
  }
}
