import { describe, expect, it } from 'vitest';
import type { ActiveTicket, TicketSyncStore } from '../../../src/domain/ingestion/ports.js';
import type { PagePlan } from '../../../src/domain/ingestion/ticket-sync.js';
import { factsOf } from '../../../src/domain/stats/ticket-facts.js';
import { Urgency, type IncomingTicket } from '../../../src/domain/tickets/ticket.types.js';
import { parsedTicket, testClassification } from '../fakes.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));

function incoming(externalId: string, overrides: Partial<IncomingTicket> = {}): IncomingTicket {
  const parsed = parsedTicket('t1', externalId, overrides);
  if (!parsed.ok) throw new Error('unreachable');
  return parsed.ticket;
}

function plan(parts: Partial<PagePlan>): PagePlan {
  return {
    creates: [],
    rewrites: [],
    history: [],
    alerts: [],
    changes: [],
    counts: { created: 0, updated: 0, unchanged: 0 },
    ...parts,
  };
}

async function listed(store: TicketSyncStore, tenantId: string): Promise<ActiveTicket[]> {
  const tickets: ActiveTicket[] = [];
  for await (const ticket of store.activeTickets(tenantId)) tickets.push(ticket);
  return tickets.sort((a, b) => a.externalId.localeCompare(b.externalId));
}

/** Writes new tickets as one page of run `runId`. */
function create(
  store: TicketSyncStore,
  runId: string,
  creates: PagePlan['creates'],
  minute = 0,
): Promise<Map<string, string>> {
  return store.applyPlan('t1', runId, plan({ creates }), at(minute), minute + 1);
}

/**
 * What every TicketSyncStore does, run against the in-memory fake (unit) and the MongoDB
 * adapter (integration) alike. `make` gives an empty store.
 */
export function ticketSyncStoreContract(name: string, make: () => Promise<TicketSyncStore>) {
  describe(`TicketSyncStore contract: ${name}`, () => {
    const low = testClassification(Urgency.LOW);
    const high = testClassification(Urgency.HIGH);

    it('creates tickets, and loads each with its id, figures and no correction', async () => {
      const store = await make();
      const ids = await create(store, 'run-1', [
        { ticket: incoming('e1'), classification: low },
        { ticket: incoming('e2'), classification: high },
      ]);
      const states = await store.loadStates('t1', ['e1', 'e2', 'e9']);
      expect([...states.keys()].sort()).toEqual(['e1', 'e2']);
      expect(states.get('e2')).toMatchObject({
        id: ids.get('e2'),
        externalId: 'e2',
        subject: 'Ticket e2',
        deletedAt: null,
        correction: null,
        facts: factsOf(incoming('e2'), high),
      });
      expect((await store.loadStates('t2', ['e1'])).size).toBe(0);
      expect(await store.loadStates('t1', [])).toEqual(new Map());
    });

    it('rewrites a ticket only when its updatedAt is still the one the plan saw', async () => {
      const store = await make();
      const ids = await create(store, 'run-1', [{ ticket: incoming('e1'), classification: low }]);
      const id = ids.get('e1')!;
      const rewrite = (subject: string, expectedUpdatedAt: Date, updatedAt: Date) =>
        store.applyPlan(
          't1',
          'run-2',
          plan({
            rewrites: [
              {
                id,
                ticket: incoming('e1', { subject, updatedAt }),
                classification: low,
                expectedUpdatedAt,
                restore: false,
                from: factsOf(incoming('e1'), low),
              },
            ],
          }),
          at(5),
          2,
        );
      const stored = incoming('e1').updatedAt;
      await rewrite('Newer', stored, at(30));
      expect((await store.loadStates('t1', ['e1'])).get('e1')).toMatchObject({
        id,
        subject: 'Newer',
        updatedAt: at(30),
      });
      // Planned against the first version: stale, so nothing is written.
      await rewrite('Stale', stored, at(40));
      expect((await store.loadStates('t1', ['e1'])).get('e1')?.subject).toBe('Newer');
    });

    it('lists live tickets, soft-deletes each once, and restores one by a rewrite', async () => {
      const store = await make();
      const ids = await create(store, 'run-1', [
        { ticket: incoming('e1'), classification: low },
        { ticket: incoming('e2'), classification: low },
      ]);
      expect((await listed(store, 't1')).map((t) => t.externalId)).toEqual(['e1', 'e2']);
      expect(await listed(store, 't2')).toEqual([]);
      const gone = { id: ids.get('e2')!, externalId: 'e2', facts: factsOf(incoming('e2'), low)! };
      expect(await store.softDelete('t1', 'run-2', [gone], at(10), 2)).toBe(1);
      expect(await store.softDelete('t1', 'run-3', [gone], at(11), 3)).toBe(0);
      expect(await store.softDelete('t1', 'run-3', [], at(11), 3)).toBe(0);
      expect((await listed(store, 't1')).map((t) => t.externalId)).toEqual(['e1']);
      expect((await store.loadStates('t1', ['e2'])).get('e2')).toMatchObject({
        deletedAt: at(10),
        facts: null,
      });
      await store.applyPlan(
        't1',
        'run-4',
        plan({
          rewrites: [
            {
              id: gone.id,
              ticket: incoming('e2', { updatedAt: at(20) }),
              classification: low,
              expectedUpdatedAt: incoming('e2').updatedAt,
              restore: true,
              from: null,
            },
          ],
        }),
        at(20),
        4,
      );
      expect((await store.loadStates('t1', ['e2'])).get('e2')).toMatchObject({
        deletedAt: null,
        facts: factsOf(incoming('e2', { updatedAt: at(20) }), low),
      });
      expect((await listed(store, 't1')).map((t) => t.externalId)).toEqual(['e1', 'e2']);
    });

    it('keeps the stored ticket when a create meets one already there', async () => {
      const store = await make();
      await create(store, 'run-1', [{ ticket: incoming('e1'), classification: low }]);
      await create(
        store,
        'run-2',
        [{ ticket: incoming('e1', { subject: 'Other' }), classification: low }],
        1,
      );
      expect((await store.loadStates('t1', ['e1'])).get('e1')?.subject).toBe('Ticket e1');
    });
  });
}
