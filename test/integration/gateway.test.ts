import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  CreateApiKeyDocument,
  HealthDocument,
  RevokeApiKeyDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { contractMismatches } from '../support/contract.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

describe('gateway over HTTP and WebSocket', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'gateway' });
  });
  afterAll(async () => {
    await t.stop();
  });

  async function createTenantKey(tenantId: string) {
    const created = await t.graphql(CreateApiKeyDocument, {
      input: { name: `${tenantId} dashboard`, tenantId },
    });
    expect(created.body.errors).toBeUndefined();
    return created.body.data!.createApiKey;
  }

  it('serves the whole contract, as introspection of the running server shows', async () => {
    const response = await t.graphql<IntrospectionQuery>(getIntrospectionQuery());
    expect(response.body.errors).toBeUndefined();
    expect(contractMismatches(buildClientSchema(response.body.data!))).toEqual([]);
  });

  it('rejects an Authorization header that is not a Bearer key with UNAUTHENTICATED and 401', async () => {
    const malformed = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ viewer { isAdmin } }' }),
    });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  // The key's life (create, authenticate, revoke) runs in process: test/unit/graphql.
  it('stores a new key by the hash of its secret, never the secret', async () => {
    const created = await createTenantKey('tenant_a');
    expect(created.secret).toMatch(/^tgw_/);
    const stored = await t.db.models.apiKeys.findOne({ name: 'tenant_a dashboard' }).lean();
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.secret!);
    const asTenant = await t.graphql(ViewerDocument, {}, created.secret);
    expect(asTenant.body.data?.viewer.tenantId).toBe('tenant_a');
  });

  it('gives typed errors to malformed HTTP requests (body, size, CSRF) and keeps serving', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(t.gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${t.adminKey}` },
        body,
      });
    const badJson = await post('{"query": ');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const huge = await post(
      JSON.stringify({ query: `{ viewer { isAdmin } } #${'x'.repeat(2_000_000)}` }),
    );
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const csrf = await fetch(
      `${t.gateway.graphqlUrl}?query=${encodeURIComponent('{ viewer { isAdmin } }')}`,
      {
        headers: { authorization: `Bearer ${t.adminKey}` },
      },
    );
    expect(csrf.status).toBe(400);
    expect((await t.graphql(ViewerDocument)).body.data?.viewer.isAdmin).toBe(true);
  });

  it('serves GET /health with both dependencies, and the health query', async () => {
    const response = await fetch(`${t.gateway.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.status).toBe('OK');
    expect(body.dependencies.map((d: any) => [d.name, d.status])).toEqual([
      ['mongodb', 'OK'],
      ['provider', 'OK'],
    ]);
    const query = await t.graphql(HealthDocument);
    expect(query.body.data?.health.status).toBe('OK');
  });

  it('serves Prometheus metrics', async () => {
    const response = await fetch(`${t.gateway.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('process_cpu_user_seconds_total');
  });

  it('runs operations over graphql-ws with the key in connection_init', async () => {
    const client = createClient({
      url: t.gateway.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.adminKey}` },
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: '{ viewer { isAdmin keyName } }' },
          { next: (data) => (value = data), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result.data.viewer).toEqual({ isAdmin: true, keyName: 'bootstrap-admin' });
    } finally {
      await client.dispose();
    }
  });

  it('closes a WebSocket whose connection_init has no valid key with 4401, saying what was wrong', async () => {
    const revoked = await createTenantKey('tenant_a');
    await t.graphql(RevokeApiKeyDocument, { input: { id: revoked.apiKey!.id } });
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /^No API key: send connectionParams/],
      [{ authorization: 'Bearer tgw_wrong' }, /^Unknown API key/],
      [{ authorization: 'wrong' }, /Bearer <API key>/],
      [{ authorization: `Bearer ${revoked.secret!}` }, /revoked/],
    ];
    for (const [connectionParams, reason] of cases) {
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
        const client = createClient({
          url: t.gateway.wsUrl,
          webSocketImpl: WebSocket,
          connectionParams,
          retryAttempts: 0,
          on: { closed: (event) => resolve(event as { code: number; reason: string }) },
        });
        client.subscribe(
          { query: '{ viewer { isAdmin } }' },
          { next: () => {}, error: () => {}, complete: () => {} },
        );
      });
      expect(closed.code).toBe(4401);
      expect(closed.reason).toMatch(reason);
    }
  });
});
