import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedMongoUri } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { startStack, type Stack } from '../support/stack.js';

const LEARN = { CORRECTIONS_LEARN_EVERY_MS: '200' };
const TICKET = `query($search: String!) {
  tickets(tenantId: "tenant_a", filter: { search: $search }, first: 5) {
    nodes { id classification { urgency signals } }
  }
}`;
type Found = {
  tickets: { nodes: { id: string; classification: { urgency: string; signals: string[] } }[] };
};

/** A recurring kind of ticket at one tenant, written twice in other words. */
const ticket = (id: string, subject: string, message: string) => {
  const now = new Date().toISOString();
  return {
    id,
    tenant_id: 'tenant_a',
    source: 'web' as const,
    customer_id: `cust-${id}`,
    subject,
    message,
    created_at: now,
    updated_at: now,
    status: 'open' as const,
  };
};

describe('learning from corrections, across replicas', () => {
  let a: TestGateway;
  let aStopped = false;
  let b: Stack;
  beforeAll(async () => {
    a = await startTestGateway({ label: 'learning', mock: { tickets: 20 }, env: LEARN });
    b = await startStack({
      mongoUri: sharedMongoUri(),
      dbName: a.db.connection.name,
      adminKey: a.adminKey,
      mock: { tickets: 20 },
      env: { NODE_ENV: 'test', ...LEARN },
    });
  });
  afterAll(async () => {
    await b?.stop();
    if (!aStopped) await a?.stop();
  });

  const find = async (stack: Pick<Stack, 'graphql'>, search: string) => {
    const { body } = await stack.graphql<Found, { search: string }>(TICKET, { search });
    expect(body.errors).toBeUndefined();
    return body.data!.tickets.nodes;
  };

  it("a correction made on one replica teaches the other replica that tenant's next near copy", async () => {
    const original = ticket(
      'kiosk-1',
      'Kiosk printer jammed again',
      'The receipt printer at the front kiosk has jammed again and shows error 41.',
    );
    a.mock.store.append([original]);
    b.mock.store.append([original]);
    await ingest(a, 'tenant_a');
    const [first] = await find(a, 'front kiosk');
    const taught = first!.classification.urgency === 'HIGH' ? 'LOW' : 'HIGH';
    const corrected = await a.graphql<
      { correctClassification: { userErrors: unknown[] } },
      Record<string, unknown>
    >(
      `mutation($id: ID!, $urgency: Urgency!) {
        correctClassification(input: { ticketId: $id, urgency: $urgency, note: "kiosk printers stop check-in" }) { userErrors { code } }
      }`,
      { id: first!.id, urgency: taught },
    );
    expect(corrected.body.data!.correctClassification.userErrors).toEqual([]);
    // Replica A is gone: what replica B knows of the correction, it read from the database.
    await a.stop();
    aStopped = true;

    // Replica B reads corrections every 200 ms: a copy ingested before its next read is not
    // taught yet, so copies keep arriving until one is.
    let copy = 0;
    const nextCopyTaught = async () => {
      copy += 1;
      b.mock.store.append([
        ticket(
          `kiosk-copy-${copy}`,
          'Kiosk printer jammed',
          `The receipt printer at the front kiosk jammed again, error 41 on the screen (${copy}).`,
        ),
      ]);
      await ingest(b, 'tenant_a');
      const [found] = await find(b, `error 41 on the screen (${copy})`);
      return found!.classification;
    };
    await expect
      .poll(async () => (await nextCopyTaught()).urgency, { timeout: 15_000 })
      .toBe(taught);
    const [learned] = await find(b, `error 41 on the screen (${copy})`);
    expect(learned!.classification.signals.join('\n')).toMatch(
      new RegExp(`learned:urgency ${taught} from a ticket .* corrected`),
    );
    // No other uncorrected ticket of the tenant was moved by it.
    const copies = Array.from({ length: copy }, (_, n) => `kiosk-copy-${n + 1}`);
    expect(
      await b.db.models.tickets.countDocuments({
        tenantId: 'tenant_a',
        correction: null,
        externalId: { $nin: copies },
        'classification.signals': { $regex: '^learned:' },
      }),
    ).toBe(0);
  });
});
