import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIVE_ZONES } from '../../src/domain/stats/live-stats.js';
import { eventually } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { collect, wsClient } from '../support/ws.js';

/** Hardening round 3 (issue 22, defect 4): live stats are charged, and bounded, as they cost. */
describe('live stats under a heavy subscriber', () => {
  let t: TestGateway;
  let key: string;
  let ticketIds: string[];
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'security_live',
      mock: { tickets: 200 },
      // Budget for a few updates of the subscription below, restored slowly.
      env: { KEY_BUDGET_POINTS: '700', KEY_BUDGET_RESTORE_PER_SECOND: '1' },
    });
    await ingest(t, 'tenant_a');
    const created = await t.graphql<any, any>(
      'mutation { createApiKey(input: { name: "live", tenantId: "tenant_a" }) { secret } }',
    );
    key = created.body.data.createApiKey.secret;
    const listed = await t.graphql<any, any>(
      'query { tickets(tenantId: "tenant_a", first: 20) { nodes { id } } }',
    );
    ticketIds = listed.body.data.tickets.nodes.map((n: { id: string }) => n.id);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A change of the tenant's figures, made with the admin key (its own budget). */
  const change = (i: number) =>
    t.graphql<any, any>(
      'mutation($id: ID!, $u: Urgency) { correctClassification(input: { ticketId: $id, urgency: $u }) { userErrors { code } } }',
      { id: ticketIds[i % ticketIds.length], u: i % 2 === 0 ? 'HIGH' : 'LOW' },
    );

  it('4: every update is charged to the subscriber; out of budget, it is told (RATE_LIMITED), not starved', async () => {
    const client = wsClient(t.gateway.wsUrl, key);
    const results: FormattedExecutionResult<any, any>[] = [];
    const stop = client.subscribe(
      {
        query:
          'subscription { tenantStatsUpdated { totalTickets byUrgency { urgency count } dailyTrend(days: 30) { count } } }',
      },
      { next: (r) => void results.push(r), error: () => undefined, complete: () => undefined },
    );
    await eventually(
      async () => results.length,
      (n) => n >= 1,
      10_000,
    );
    const charged = (r: FormattedExecutionResult<any, any>) =>
      (r.extensions as any)?.cost?.requestedQueryCost as number | undefined;
    const cost = charged(results[0]!)!;
    expect(cost).toBeGreaterThan(100);
    let i = 0;
    await eventually(
      async () => {
        await change(i++);
        return results;
      },
      (all) => all.some((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED'),
      30_000,
      600,
    );
    // The updates it received were charged, each its cost; the refusal says when to retry.
    const updates = results.filter((r) => r.data);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    const remaining = updates.map(
      (r) => (r.extensions as any).cost.throttleStatus.currentlyAvailable,
    );
    expect(remaining[1]).toBeLessThan(remaining[0] - cost / 2);
    const refusal = results.find((r) => r.errors)!.errors![0]!;
    expect(refusal.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
    });
    stop();
    await client.dispose();
  }, 60_000);

  it("4: the time zones of a tenant's live viewers together are bounded", async () => {
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    const zones = Intl.supportedValuesOf('timeZone').slice(0, MAX_LIVE_ZONES + 1);
    const live = (zone: string) =>
      `subscription { tenantStatsUpdated(tenantId: "tenant_a") { weeklyTrend(weeks: 104, timeZone: "${zone}") { count } } }`;
    const first = (zone: string) =>
      new Promise<FormattedExecutionResult | unknown>((resolve) => {
        client.subscribe(
          { query: live(zone) },
          { next: resolve, error: resolve, complete: () => undefined },
        );
      });
    for (const zone of zones.slice(0, MAX_LIVE_ZONES))
      expect((await first(zone)) as FormattedExecutionResult).toHaveProperty('data');
    const refused = (await first(zones.at(-1)!)) as FormattedExecutionResult;
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/already use 8 time zones/);
    await client.dispose();
    // Other operations run as before.
    const { results } = await collect(
      wsClient(t.gateway.wsUrl, t.adminKey),
      '{ viewer { keyName } }',
    );
    expect(results[0]?.data).toBeDefined();
  });
});
