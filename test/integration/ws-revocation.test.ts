import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiKeyDocument, RevokeApiKeyDocument } from '../generated/graphql.js';
import { sharedMongoUri } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startStack, type Stack } from '../support/stack.js';
import { collect } from '../support/ws.js';

function session(url: string, key: string, closes: number[]): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: false,
    // The closes are what is tested; the client would print them.
    onNonLazyError: () => undefined,
    on: { closed: (event) => void closes.push((event as { code: number }).code) },
  });
}

describe('WebSocket sessions follow their key', () => {
  let t: TestGateway;
  let replica: Stack;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'ws_revocation' });
    // Another replica on the same database.
    replica = await startStack({
      mongoUri: sharedMongoUri(),
      dbName: t.db.connection.name,
      env: { NODE_ENV: 'test' },
    });
  });
  afterAll(async () => {
    await replica.stop();
    await t.stop();
  });

  async function tenantKey(name: string) {
    // The replica re-pointed the bootstrap admin key at its own secret: admin calls go there.
    const created = await replica.graphql(CreateApiKeyDocument, {
      input: { name, tenantId: 'tenant_a' },
    });
    const { apiKey, secret } = created.body.data!.createApiKey;
    return { id: apiKey!.id, secret: secret! };
  }

  it('closes the sockets of a revoked key within seconds, on this replica and another', async () => {
    const key = await tenantKey('revoked-everywhere');
    const closes: number[] = [];
    const here = session(t.gateway.wsUrl, key.secret, closes);
    const there = session(replica.gateway.wsUrl, key.secret, closes);
    for (const client of [here, there])
      expect((await collect(client, '{ viewer { keyName } }')).results.map((r) => r.data)).toEqual([
        { viewer: { keyName: 'revoked-everywhere' } },
      ]);
    const revokedAt = Date.now();
    await replica.graphql(RevokeApiKeyDocument, { input: { id: key.id } });
    await eventually(
      async () => closes,
      (codes) => codes.length === 2,
      10_000,
    );
    expect(closes).toEqual([4403, 4403]);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    await Promise.all([here.dispose(), there.dispose()]);
  });

  it('runs nothing for a revoked key, even before its socket is swept', async () => {
    const key = await tenantKey('revoked-now');
    const closes: number[] = [];
    const client = session(t.gateway.wsUrl, key.secret, closes);
    expect((await collect(client, '{ viewer { keyName } }')).results).toHaveLength(1);
    await replica.graphql(RevokeApiKeyDocument, { input: { id: key.id } });
    const after = await collect(client, '{ viewer { keyName } }');
    expect(after.results).toEqual([]);
    expect(after.error).toBeTruthy();
    await eventually(
      async () => closes,
      (codes) => codes.includes(4403),
      5000,
    );
    await client.dispose();
  });
});
