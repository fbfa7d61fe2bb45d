import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  CreateApiKeyDocument,
  HealthDocument,
  NodeDocument,
  RevokeApiKeyDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { contractMismatches } from '../support/contract.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';

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

  it('answers viewer for the bootstrap admin key', async () => {
    const response = await t.graphql(ViewerDocument);
    expect(response.status).toBe(200);
    expect(response.body.data?.viewer).toEqual({
      tenantId: null,
      isAdmin: true,
      keyName: 'bootstrap-admin',
    });
  });

  it('rejects a missing, malformed or unknown key with UNAUTHENTICATED and 401', async () => {
    const missing = await t.graphql(ViewerDocument, {}, null);
    expect(missing.status).toBe(401);
    expect(errorCodes(missing)).toEqual(['UNAUTHENTICATED']);
    const unknown = await t.graphql(ViewerDocument, {}, 'tgw_not-a-real-key');
    expect(unknown.status).toBe(401);
    expect(errorCodes(unknown)).toEqual(['UNAUTHENTICATED']);
    const malformed = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ viewer { isAdmin } }' }),
    });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets an anonymous caller introspect, and nothing else', async () => {
    const introspection = await t.graphql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
      {},
      null,
    );
    expect(introspection.body.data?.__schema.queryType.name).toBe('Query');
    const sneaky = await t.graphql(
      'query { __typename ...F } fragment F on Query { viewer { isAdmin } }',
      {},
      null,
    );
    expect(errorCodes(sneaky)).toEqual(['UNAUTHENTICATED']);
  });

  it('creates a tenant key whose secret authenticates, stores only its hash, and revokes it', async () => {
    const created = await createTenantKey('tenant_a');
    expect(created.userErrors).toEqual([]);
    expect(created.apiKey).toMatchObject({
      name: 'tenant_a dashboard',
      tenantId: 'tenant_a',
      isAdmin: false,
    });
    expect(created.secret).toMatch(/^tgw_/);
    const stored = await t.db.models.apiKeys.findOne({ name: 'tenant_a dashboard' }).lean();
    expect(JSON.stringify(stored)).not.toContain(created.secret!);

    const asTenant = await t.graphql(ViewerDocument, {}, created.secret);
    expect(asTenant.body.data?.viewer).toEqual({
      tenantId: 'tenant_a',
      isAdmin: false,
      keyName: 'tenant_a dashboard',
    });

    const revoked = await t.graphql(RevokeApiKeyDocument, { input: { id: created.apiKey!.id } });
    expect(revoked.body.data?.revokeApiKey.apiKey?.revokedAt).toBeTypeOf('string');
    const afterRevoke = await t.graphql(ViewerDocument, {}, created.secret);
    expect(errorCodes(afterRevoke)).toEqual(['UNAUTHENTICATED']);
    expect(afterRevoke.body.errors?.[0]?.message).toMatch(/revoked/);
  });

  it('keeps key management to admins (FORBIDDEN) and reports bad input as userErrors', async () => {
    const tenant = await createTenantKey('tenant_b');
    const forbidden = await t.graphql(
      CreateApiKeyDocument,
      { input: { name: 'x', admin: true } },
      tenant.secret,
    );
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    expect(forbidden.body.data).toBeNull();

    const noTenant = await t.graphql(CreateApiKeyDocument, { input: { name: 'orphan' } });
    expect(noTenant.body.data?.createApiKey.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['tenantId'] }),
    ]);
    const both = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'x', admin: true, tenantId: 'tenant_a' },
    });
    expect(both.body.data?.createApiKey.userErrors[0]?.code).toBe('INVALID_INPUT');
    const unknown = await t.graphql(RevokeApiKeyDocument, {
      input: { id: 'QXBpS2V5OjY1MDAwMDAwMDAwMDAwMDAwMDAwMDAwMA' },
    });
    expect(unknown.body.data?.revokeApiKey.userErrors[0]?.code).toBe('NOT_FOUND');
    const garbage = await t.graphql(RevokeApiKeyDocument, { input: { id: '%%%' } });
    expect(garbage.body.data?.revokeApiKey.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  it('lists keys for admins, newest first, revoked ones on request, never with secrets', async () => {
    const kept = await createTenantKey('tenant_c');
    const gone = await createTenantKey('tenant_d');
    await t.graphql(RevokeApiKeyDocument, { input: { id: gone.apiKey!.id } });
    const list = (includeRevoked: boolean) =>
      t.graphql<any, any>(
        'query ($r: Boolean) { apiKeys(includeRevoked: $r, first: 100) { totalCount nodes { id name revokedAt } } }',
        { r: includeRevoked },
      );
    const active = (await list(false)).body.data.apiKeys;
    const ids = active.nodes.map((key: { id: string }) => key.id);
    expect(ids).toContain(kept.apiKey!.id);
    expect(ids).not.toContain(gone.apiKey!.id);
    expect(ids.indexOf(kept.apiKey!.id)).toBeLessThan(ids.length - 1); // newest first: before the bootstrap key
    const all = (await list(true)).body.data.apiKeys;
    // Revoked ones are the difference: this one, and the one the test above revoked.
    expect(all.totalCount).toBe(active.totalCount + 2);
    expect(all.nodes[0]).toMatchObject({ id: gone.apiKey!.id, revokedAt: expect.any(String) });
    expect(JSON.stringify(all)).not.toContain(kept.secret!);
    const backwards = await t.graphql<any, any>('{ apiKeys(last: 1) { nodes { name } } }');
    expect(backwards.body.data.apiKeys.nodes).toEqual([{ name: 'bootstrap-admin' }]);
    const asTenant = await t.graphql('{ apiKeys { totalCount } }', {}, kept.secret);
    expect(errorCodes(asTenant)).toEqual(['FORBIDDEN']);
  });

  it('resolves ApiKey nodes for admins only and null for junk ids', async () => {
    const tenant = await createTenantKey('tenant_c');
    const asAdmin = await t.graphql(NodeDocument, { id: tenant.apiKey!.id });
    expect(asAdmin.body.data?.node).toMatchObject({
      __typename: 'ApiKey',
      name: 'tenant_c dashboard',
    });
    const asTenant = await t.graphql(NodeDocument, { id: tenant.apiKey!.id }, tenant.secret);
    expect(asTenant.body.data?.node).toBeNull();
    for (const id of ['not-base64!', 'VGlja2V0OjE', '', 'x'.repeat(500)]) {
      const junk = await t.graphql(NodeDocument, { id });
      expect(junk.body.errors, id).toBeUndefined();
      expect(junk.body.data?.node).toBeNull();
    }
  });

  it('gives typed errors to malformed requests and keeps serving', async () => {
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
    expect(errorCodes(await t.graphql('{ viewer { '))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(errorCodes(await t.graphql('{ viewer { secretField } }'))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(
      errorCodes(
        await t.graphql('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', {
          i: { name: 3 },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
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

describe('gateway in production mode', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'production',
      env: { NODE_ENV: 'production' },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('turns introspection off and leaves stack traces out of errors', async () => {
    const introspection = await t.graphql('{ __schema { types { name } } }');
    expect(introspection.body.data).toBeUndefined();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    expect(new Set(errorCodes(introspection))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const unauthenticated = await t.graphql(ViewerDocument, {}, null);
    expect(unauthenticated.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const invalid = await t.graphql('{ nope }');
    expect(JSON.stringify(invalid.body)).not.toContain('stacktrace');
    // No "Did you mean" hints that would map the schema, for anyone.
    for (const key of [undefined, null]) {
      const guess = await t.graphql('{ viewr { isAdmin } }', undefined, key);
      expect(guess.body.errors?.[0]?.message).toBe('Cannot query field "viewr" on type "Query".');
    }
  });
});

describe('stack traces in error responses', () => {
  it('are left out in development unless ERROR_STACK_TRACES asks for them', async () => {
    const stacktraces = async (env: Record<string, string>) => {
      const t = await startTestGateway({ label: 'stack_traces', env });
      try {
        const response = await t.graphql('{ nope }');
        return JSON.stringify(response.body).includes('stacktrace');
      } finally {
        await t.stop();
      }
    };
    expect(await stacktraces({ NODE_ENV: 'development' })).toBe(false);
    expect(await stacktraces({ NODE_ENV: 'development', ERROR_STACK_TRACES: 'true' })).toBe(true);
  });
});
