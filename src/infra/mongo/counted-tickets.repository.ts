import type { Model } from 'mongoose';
import type { CountedTickets } from '../../domain/stats/rollup-ports.js';
import type { FactsChange, StatsFacts } from '../../domain/stats/ticket-facts.js';
import type { TicketDoc } from './models/ticket.model.js';
import { FACTS_PROJECTION, storedFacts, type FactsFields } from './ticket-facts.js';

type Stamped = FactsFields & { rollup: { seq: number; from: StatsFacts | null } };

/** The tickets as the roll-ups count them: what an unfinished op wrote, and every live ticket. */
export class MongoCountedTickets implements CountedTickets {
  constructor(private readonly tickets: Model<TicketDoc>) {}

  async *stamped(
    tenantId: string,
    after: number,
    upTo: number,
  ): AsyncIterable<FactsChange & { seq: number }> {
    const cursor = this.tickets
      .find(
        { tenantId, 'rollup.seq': { $gt: after, $lte: upTo } },
        { ...FACTS_PROJECTION, rollup: 1 },
      )
      .lean<Stamped>()
      .cursor({ batchSize: 1000 });
    for await (const doc of cursor)
      yield { seq: doc.rollup.seq, from: doc.rollup.from ?? null, to: storedFacts(doc) };
  }

  async *live(tenantId: string): AsyncIterable<StatsFacts> {
    const cursor = this.tickets
      .find({ tenantId, deletedAt: null }, FACTS_PROJECTION)
      .lean<FactsFields>()
      .cursor({ batchSize: 5000 });
    for await (const doc of cursor) {
      const facts = storedFacts(doc);
      if (facts !== null) yield facts;
    }
  }
}
