import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/schema/global-id.js';
import { CreateApiKeyDocument, ReclassifyTicketsDocument } from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { expectStatsEqualScan } from '../support/stats-scan.js';

const CORRECT = `mutation Correct($input: CorrectClassificationInput!) {
  correctClassification(input: $input) {
    ticket {
      id
      classification {
        urgency sentiment requiresAction signals raisesAlert
        correction { urgency sentiment requiresAction note by at }
      }
      notification { status skipReason }
      history(first: 5) { nodes { action by note changes { field from to } } }
    }
    userErrors { code field message }
  }
}`;
const URGENCIES = `query($tenantId: String!) { tenantStats(tenantId: $tenantId) { byUrgency { urgency count } } }`;

type Corrected = {
  correctClassification: {
    ticket: {
      id: string;
      classification: Record<string, unknown> & {
        signals: string[];
        correction: Record<string, unknown> | null;
      };
      notification: { status: string; skipReason: string | null } | null;
      history: {
        nodes: { action: string; by: string | null; note: string | null; changes: unknown[] }[];
      };
    } | null;
    userErrors: { code: string; field: string[] | null }[];
  };
};

describe('correctClassification', () => {
  let t: TestGateway;
  let tenantKey: string;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'corrections', mock: { tickets: 400 } });
    // A fresh, open, calm ticket: corrected to HIGH, it is due for an alert.
    const now = new Date().toISOString();
    t.mock.store.append([
      {
        id: 'fresh-1',
        tenant_id: 'tenant_a',
        source: 'web',
        customer_id: 'cust-fresh',
        subject: 'Question about exports',
        message: 'How do I export my invoices as CSV?',
        created_at: now,
        updated_at: now,
        status: 'open',
      },
    ]);
    // Tickets too vague to be sure of (the mock's seeds are plain): the review queue's.
    const vague = [
      ['see attached', ''],
      ['Re: yesterday', 'Same as yesterday.'],
      ['again', 'It happened again.'],
      ['weird', 'Something weird with my account, not sure what.'],
      ['hm', 'Is this normal?'],
      ['any update?', 'Any update on this?'],
      ['hello?', 'hello?'],
      ['fyi', 'The numbers look off this month, just so you know.'],
    ];
    t.mock.store.append(
      vague.map(([subject, message], i) => ({
        id: `vague-${i}`,
        tenant_id: 'tenant_a',
        source: 'email' as const,
        customer_id: `cust-vague-${i}`,
        subject: subject!,
        message: message!,
        created_at: now,
        updated_at: now,
        status: 'open' as const,
      })),
    );
    await ingest(t, 'tenant_a');
    await ingest(t, 'tenant_b');
    const created = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'agent-a', tenantId: 'tenant_a' },
    });
    tenantKey = created.body.data!.createApiKey.secret!;
  });
  afterAll(() => t?.stop());

  const idOf = async (tenantId: string, externalId: string) => {
    const doc = await t.db.models.tickets.findOne({ tenantId, externalId }).lean();
    return toGlobalId('Ticket', String(doc!._id));
  };
  const correct = async (input: Record<string, unknown>, key = tenantKey) => {
    const { body } = await t.graphql<Corrected, Record<string, unknown>>(CORRECT, { input }, key);
    expect(body.errors).toBeUndefined();
    return body.data!.correctClassification;
  };
  const highCount = async () => {
    const { body } = await t.graphql<
      { tenantStats: { byUrgency: { urgency: string; count: number }[] } },
      { tenantId: string }
    >(URGENCIES, { tenantId: 'tenant_a' });
    return body.data!.tenantStats.byUrgency.find((u) => u.urgency === 'HIGH')!.count;
  };

  it('sets labels, says so in the signals and the history, and moves the figures at once', async () => {
    const ticketId = await idOf('tenant_a', 'fresh-1');
    const before = await highCount();
    const result = await correct({
      ticketId,
      urgency: 'HIGH',
      requiresAction: true,
      note: 'The customer called: payroll is blocked.',
    });
    expect(result.userErrors).toEqual([]);
    const { classification, history, notification } = result.ticket!;
    expect(classification).toMatchObject({ urgency: 'HIGH', requiresAction: true });
    expect(classification.correction).toMatchObject({
      urgency: 'HIGH',
      sentiment: null,
      requiresAction: true,
      note: 'The customer called: payroll is blocked.',
      by: 'agent-a',
    });
    expect(classification.signals[0]).toMatch(
      /^corrected by a person: urgency HIGH, requiresAction true/,
    );
    expect(history.nodes[0]).toMatchObject({
      action: 'CORRECTED',
      by: 'agent-a',
      note: 'The customer called: payroll is blocked.',
    });
    expect(history.nodes[0]!.changes).toContainEqual({ field: 'urgency', from: 'LOW', to: 'HIGH' });
    // Fresh and open: its alert is due, once.
    expect(notification).toEqual({ status: 'PENDING', skipReason: null });
    expect(await highCount()).toBe(before + 1);
    await expectStatsEqualScan(
      { url: t.gateway.graphqlUrl, key: t.adminKey },
      t.db,
      'tenant_a',
      [new Date()],
      'after a correction',
    );
  });

  it('keeps a correction through re-classification and through the next update from the provider', async () => {
    const ticketId = await idOf('tenant_a', 'fresh-1');
    // An older rules version on it, so re-classification takes it up.
    await t.db.models.tickets.updateOne(
      { tenantId: 'tenant_a', externalId: 'fresh-1' },
      { $set: { 'classification.rulesVersion': 'old-rules' } },
    );
    const reclassified = await t.graphql(ReclassifyTicketsDocument, {
      input: { tenantId: 'tenant_a' },
    });
    expect(reclassified.body.data!.reclassifyTickets.scanned).toBe(1);
    t.mock.store.modify(
      { tenant_id: 'tenant_a', id: 'fresh-1' },
      { status: 'pending', message: 'Any news? How do I export invoices?' },
    );
    await ingest(t, 'tenant_a');
    const doc = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_a', externalId: 'fresh-1' })
      .lean();
    expect(doc!.status).toBe('PENDING');
    expect(doc!.classification).toMatchObject({ urgency: 'HIGH', requiresAction: true });
    expect(doc!.classification.signals[0]).toMatch(/^corrected by a person/);
    expect(await idOf('tenant_a', 'fresh-1')).toBe(ticketId);
    await expectStatsEqualScan(
      { url: t.gateway.graphqlUrl, key: t.adminKey },
      t.db,
      'tenant_a',
      [new Date()],
      'after re-classification and ingestion of a corrected ticket',
    );
  });

  it('withdraws the alert of a ticket corrected away from HIGH, and gives it back when corrected to HIGH again', async () => {
    const ticketId = await idOf('tenant_a', 'fresh-1');
    const down = await correct({ ticketId, urgency: 'LOW', note: 'Not urgent after all' });
    expect(down.ticket!.notification).toEqual({ status: 'SKIPPED', skipReason: 'CORRECTED' });
    expect(down.ticket!.classification.raisesAlert).toBe(false);
    expect(down.ticket!.classification.correction).toMatchObject({
      urgency: 'LOW',
      requiresAction: true,
    });
    const up = await correct({ ticketId, urgency: 'HIGH' });
    expect(up.ticket!.notification).toEqual({ status: 'PENDING', skipReason: null });
    expect(up.ticket!.classification.raisesAlert).toBe(true);
    expect(
      await t.db.models.notifications.countDocuments({
        tenantId: 'tenant_a',
        externalId: 'fresh-1',
      }),
    ).toBe(1);
  });

  it('answers userErrors for no labels, a long note, and tickets the key cannot see', async () => {
    const own = await idOf('tenant_a', 'fresh-1');
    const stored = await t.db.models.tickets.findOne({ tenantId: 'tenant_b' }).lean();
    const other = toGlobalId('Ticket', String(stored!._id));
    expect((await correct({ ticketId: own })).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['urgency'] }),
    ]);
    expect(
      (await correct({ ticketId: own, sentiment: 'NEUTRAL', note: 'x'.repeat(501) })).userErrors,
    ).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['note'] })]);
    for (const ticketId of [other, 'not-an-id', toGlobalId('Ticket', '0123456789abcdef01234567')])
      expect((await correct({ ticketId, urgency: 'LOW' })).userErrors, ticketId).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', field: ['ticketId'] }),
      ]);
    // Every problem at once, one entry each.
    expect((await correct({ ticketId: other, note: 'y'.repeat(600) })).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['urgency'] }),
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['note'] }),
      expect.objectContaining({ code: 'NOT_FOUND', field: ['ticketId'] }),
    ]);
    // An admin key may correct any tenant's ticket.
    const byAdmin = await correct({ ticketId: other, sentiment: 'POSITIVE' }, t.adminKey);
    expect(byAdmin.userErrors).toEqual([]);
    expect(byAdmin.ticket!.classification.sentiment).toBe('POSITIVE');
  });

  it('records nothing when the correction in force is sent again (a blank note is no note)', async () => {
    // One of the mock's seed tickets, so the other tests' tickets keep their state.
    const seed = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_a', externalId: { $not: /^(fresh|vague)-/ } })
      .lean();
    const ticketId = toGlobalId('Ticket', String(seed!._id));
    const first = await correct({ ticketId, urgency: 'MEDIUM', note: 'Asked the customer.' });
    const again = await correct({ ticketId, urgency: 'MEDIUM', note: '   ' });
    expect(again.userErrors).toEqual([]);
    expect(again.ticket!.history.nodes).toEqual(first.ticket!.history.nodes);
    expect(again.ticket!.classification.correction).toEqual(
      first.ticket!.classification.correction,
    );
    // A new note is news: recorded, with no label changed.
    const noted = await correct({ ticketId, urgency: 'MEDIUM', note: 'Customer confirmed.' });
    expect(noted.ticket!.history.nodes[0]).toMatchObject({
      action: 'CORRECTED',
      note: 'Customer confirmed.',
      changes: [],
    });
  });

  it('serves a review queue: flagged tickets, least certain first, counted in the figures', async () => {
    const QUEUE = `query($after: String) {
      tickets(filter: { needsReview: true }, first: 50, after: $after) {
        totalCount
        nodes { id classification { needsReview confidence { urgency sentiment requiresAction } } }
        pageInfo { hasNextPage endCursor }
      }
      tenantStats { needsReviewCount }
    }`;
    type Queue = {
      tickets: {
        totalCount: number;
        nodes: {
          id: string;
          classification: { needsReview: boolean; confidence: Record<string, number> };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      tenantStats: { needsReviewCount: number };
    };
    const read = async () => {
      const nodes: Queue['tickets']['nodes'] = [];
      let after: string | null = null;
      let first: Queue | undefined;
      do {
        const { body }: { body: { data?: Queue | null; errors?: unknown } } = await t.graphql<
          Queue,
          Record<string, unknown>
        >(QUEUE, { after }, tenantKey);
        expect(body.errors).toBeUndefined();
        first ??= body.data!;
        nodes.push(...body.data!.tickets.nodes);
        after = body.data!.tickets.pageInfo.hasNextPage
          ? body.data!.tickets.pageInfo.endCursor
          : null;
      } while (after !== null);
      return {
        nodes,
        total: first.tickets.totalCount,
        counted: first.tenantStats.needsReviewCount,
      };
    };
    const before = await read();
    // Some tickets are uncertain, not all (the threshold flags about a fifth of fresh ones).
    expect(before.nodes.length).toBeGreaterThan(0);
    expect(before.nodes.length).toBe(before.total);
    expect(before.counted).toBe(before.total);
    expect(before.total).toBe(
      await t.db.models.tickets.countDocuments({
        tenantId: 'tenant_a',
        deletedAt: null,
        'classification.needsReview': true,
      }),
    );
    const uncertainty = before.nodes.map((node) => {
      expect(node.classification.needsReview).toBe(true);
      const c = node.classification.confidence;
      return 1 - Math.min(c.urgency!, c.sentiment!, c.requiresAction!);
    });
    expect(uncertainty).toEqual([...uncertainty].sort((a, b) => b - a));

    // A person settles the least certain: it leaves the queue and the count at once.
    const head = before.nodes[0]!;
    expect((await correct({ ticketId: head.id, urgency: 'MEDIUM' })).userErrors).toEqual([]);
    const after = await read();
    expect(after.nodes.map((node) => node.id)).not.toContain(head.id);
    expect(after.total).toBe(before.total - 1);
    expect(after.counted).toBe(before.counted - 1);
    await expectStatsEqualScan(
      { url: t.gateway.graphqlUrl, key: t.adminKey },
      t.db,
      'tenant_a',
      [new Date()],
      'after a review',
    );
  });
});
