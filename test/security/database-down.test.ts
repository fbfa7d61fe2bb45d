import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/dev/embedded-mongo.js';
import { DATABASE_DOWN_CLOSE } from '../../src/server/websocket.js';
import { eventually } from '../support/eventually.js';
import { errorCodes, postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { wsClient } from '../support/ws.js';

/** Hardening round 3 (issue 22, defect 8): with the database gone, fail fast. */
describe('the database killed under open requests and subscriptions', () => {
  let engine: EmbeddedMongo;
  let t: TestGateway;
  beforeAll(async () => {
    engine = await startEmbeddedMongo();
    t = await startTestGateway({
      label: 'security_db_down',
      mongoUri: engine.uri,
      mock: { tickets: 100 },
    });
    await ingest(t, 'tenant_a');
  });
  afterAll(async () => {
    await t?.stop();
    await engine?.stop();
  });

  const timed = async <T>(call: () => Promise<T>) => {
    const started = Date.now();
    const value = await call();
    return { value, ms: Date.now() - started };
  };
  const query = (key: string | null) =>
    postGraphQL(
      t.gateway.graphqlUrl,
      '{ tickets(tenantId: "tenant_a", first: 1) { nodes { id } } }',
      {},
      key,
    );

  it('8: answers 503 within a second, closes subscriptions with an error, and serves again once it is back', async () => {
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    const closed = new Promise<unknown>((resolve) => {
      client.on('closed', (event) => resolve((event as { code: number }).code));
      client.subscribe(
        { query: 'subscription { tenantStatsUpdated(tenantId: "tenant_a") { totalTickets } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    });
    await eventually(
      async () => t.runtime.services.liveStats.watchedTenants,
      (n) => n > 0,
      5000,
    );
    const killedAt = Date.now();
    process.kill(engine.pid, 'SIGKILL');

    // The first requests may meet the outage themselves; within a few seconds it is known.
    await eventually(
      () => query(t.adminKey),
      (r) => r.status === 503,
      5000,
      50,
    );
    for (const key of [t.adminKey, 'tgw_not-a-key', null]) {
      const { value, ms } = await timed(() => query(key));
      expect(value.status, String(key)).toBe(503);
      expect(errorCodes(value)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(value.headers.get('retry-after')).toBe('1');
      expect(ms).toBeLessThan(1000);
    }
    expect(await closed).toBe(DATABASE_DOWN_CLOSE.code);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect((await fetch(`${t.gateway.url}/health/ready`)).status).toBe(503);
    await client.dispose();

    // A fresh (empty, in-memory) engine on the same port: it answers, so nothing is 503;
    // the key is simply unknown to it.
    engine = await startEmbeddedMongo({ port: engine.port });
    const back = await eventually(
      () => query(t.adminKey),
      (r) => r.status !== 503,
      30_000,
    );
    expect(errorCodes(back)).toEqual(['UNAUTHENTICATED']);

    // A hung server (stopped, not dead) is down too: its pings time out.
    process.kill(engine.pid, 'SIGSTOP');
    try {
      await eventually(
        () => query(null),
        (r) => r.status === 503,
        10_000,
        100,
      );
      const { value, ms } = await timed(() => query(t.adminKey));
      expect(value.status).toBe(503);
      expect(ms).toBeLessThan(1000);
    } finally {
      process.kill(engine.pid, 'SIGCONT');
    }
    await eventually(
      () => query(t.adminKey),
      (r) => r.status !== 503,
      30_000,
    );
  }, 60_000);
});
