import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiKeyDocument,
  NodeDocument,
  RevokeApiKeyDocument,
  ViewerDocument,
} from '../../generated/graphql.js';
import { errorCodes, inProcessGateway, type InProcessGateway } from '../../support/in-process.js';

/** Admin-only mutations: a tenant key is FORBIDDEN, no key UNAUTHENTICATED (by @Authorized). */
const ADMIN_ONLY: Record<string, string> = {
  resetNotificationCircuit: 'mutation { resetNotificationCircuit { state } }',
  requeueNotifications: 'mutation { requeueNotifications(input: {}) { queued } }',
  reclassifyTickets: 'mutation { reclassifyTickets(input: {}) { scanned } }',
  createApiKey: 'mutation { createApiKey(input: { name: "x", tenantId: "a" }) { secret } }',
  registerTenant: 'mutation { registerTenant(input: { id: "tenant_q" }) { tenant { id } } }',
  rebuildTenantStats:
    'mutation { rebuildTenantStats(input: { tenantId: "tenant_a" }) { tenantId } }',
};

describe('API keys and authentication, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway();
  });
  afterAll(() => g.stop());

  async function createTenantKey(tenantId: string) {
    const created = await g.graphql(CreateApiKeyDocument, {
      input: { name: `${tenantId} dashboard`, tenantId },
    });
    expect(created.body.errors).toBeUndefined();
    return created.body.data!.createApiKey;
  }

  it('answers viewer for the bootstrap admin key', async () => {
    const response = await g.graphql(ViewerDocument);
    expect(response.status).toBe(200);
    expect(response.body.data?.viewer).toEqual({
      tenantId: null,
      isAdmin: true,
      keyName: 'bootstrap-admin',
    });
  });

  it('rejects a missing or unknown key with UNAUTHENTICATED and 401', async () => {
    const missing = await g.graphql(ViewerDocument, {}, null);
    expect(missing.status).toBe(401);
    expect(errorCodes(missing)).toEqual(['UNAUTHENTICATED']);
    const unknown = await g.graphql(ViewerDocument, {}, 'tgw_not-a-real-key');
    expect(unknown.status).toBe(401);
    expect(errorCodes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.body.errors?.[0]?.message).toMatch(/Unknown API key/);
  });

  it('lets an anonymous caller introspect, and nothing else', async () => {
    const introspection = await g.graphql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
      {},
      null,
    );
    expect(introspection.body.data?.__schema.queryType.name).toBe('Query');
    const sneaky = await g.graphql(
      'query { __typename ...F } fragment F on Query { viewer { isAdmin } }',
      {},
      null,
    );
    expect(errorCodes(sneaky)).toEqual(['UNAUTHENTICATED']);
  });

  it('creates a tenant key whose secret authenticates, and revokes it', async () => {
    const created = await createTenantKey('tenant_a');
    expect(created.userErrors).toEqual([]);
    expect(created.apiKey).toMatchObject({
      name: 'tenant_a dashboard',
      tenantId: 'tenant_a',
      isAdmin: false,
    });
    expect(created.secret).toMatch(/^tgw_/);
    const asTenant = await g.graphql(ViewerDocument, {}, created.secret);
    expect(asTenant.body.data?.viewer).toEqual({
      tenantId: 'tenant_a',
      isAdmin: false,
      keyName: 'tenant_a dashboard',
    });
    const revoked = await g.graphql(RevokeApiKeyDocument, { input: { id: created.apiKey!.id } });
    expect(revoked.body.data?.revokeApiKey.apiKey?.revokedAt).toBeTypeOf('string');
    const afterRevoke = await g.graphql(ViewerDocument, {}, created.secret);
    expect(errorCodes(afterRevoke)).toEqual(['UNAUTHENTICATED']);
    expect(afterRevoke.body.errors?.[0]?.message).toMatch(/revoked/);
  });

  it('keeps key management to admins (FORBIDDEN) and reports bad input as userErrors', async () => {
    const tenant = await createTenantKey('tenant_b');
    const forbidden = await g.graphql(
      CreateApiKeyDocument,
      { input: { name: 'x', admin: true } },
      tenant.secret,
    );
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    expect(forbidden.body.data).toBeNull();
    const noTenant = await g.graphql(CreateApiKeyDocument, { input: { name: 'orphan' } });
    expect(noTenant.body.data?.createApiKey.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['tenantId'] }),
    ]);
    const both = await g.graphql(CreateApiKeyDocument, {
      input: { name: 'x', admin: true, tenantId: 'tenant_a' },
    });
    expect(both.body.data?.createApiKey.userErrors[0]?.code).toBe('INVALID_INPUT');
    const stranger = await g.graphql(CreateApiKeyDocument, {
      input: { name: 'x', tenantId: 'tenant_nobody' },
    });
    expect(stranger.body.data?.createApiKey.userErrors[0]?.field).toEqual(['tenantId']);
    const unknown = await g.graphql(RevokeApiKeyDocument, {
      input: { id: 'QXBpS2V5OjY1MDAwMDAwMDAwMDAwMDAwMDAwMDAwMA' },
    });
    expect(unknown.body.data?.revokeApiKey.userErrors[0]?.code).toBe('NOT_FOUND');
    const garbage = await g.graphql(RevokeApiKeyDocument, { input: { id: '%%%' } });
    expect(garbage.body.data?.revokeApiKey.userErrors[0]?.code).toBe('NOT_FOUND');
  });

  it('lists keys for admins, newest first, revoked ones on request, never with secrets', async () => {
    const kept = await createTenantKey('tenant_c');
    const gone = await createTenantKey('tenant_a');
    await g.graphql(RevokeApiKeyDocument, { input: { id: gone.apiKey!.id } });
    const list = (includeRevoked: boolean) =>
      g.graphql<any, any>(
        'query ($r: Boolean) { apiKeys(includeRevoked: $r, first: 100) { totalCount nodes { id name revokedAt } } }',
        { r: includeRevoked },
      );
    const active = (await list(false)).body.data.apiKeys;
    const ids = active.nodes.map((key: { id: string }) => key.id);
    expect(ids).toContain(kept.apiKey!.id);
    expect(ids).not.toContain(gone.apiKey!.id);
    expect(ids.indexOf(kept.apiKey!.id)).toBeLessThan(ids.length - 1); // newest first: before the bootstrap key
    const all = (await list(true)).body.data.apiKeys;
    expect(all.totalCount).toBeGreaterThan(active.totalCount);
    expect(all.nodes.map((key: { id: string }) => key.id)).toContain(gone.apiKey!.id);
    expect(JSON.stringify(all)).not.toContain(kept.secret!);
    const backwards = await g.graphql<any, any>('{ apiKeys(last: 1) { nodes { name } } }');
    expect(backwards.body.data.apiKeys.nodes).toEqual([{ name: 'bootstrap-admin' }]);
    const asTenant = await g.graphql('{ apiKeys { totalCount } }', {}, kept.secret);
    expect(errorCodes(asTenant)).toEqual(['FORBIDDEN']);
  });

  it('resolves ApiKey nodes for admins only and null for junk ids', async () => {
    const tenant = await createTenantKey('tenant_c');
    const asAdmin = await g.graphql(NodeDocument, { id: tenant.apiKey!.id });
    expect(asAdmin.body.data?.node).toMatchObject({
      __typename: 'ApiKey',
      name: 'tenant_c dashboard',
    });
    const asTenant = await g.graphql(NodeDocument, { id: tenant.apiKey!.id }, tenant.secret);
    expect(asTenant.body.data?.node).toBeNull();
    for (const id of ['not-base64!', 'VGlja2V0OjE', '', 'x'.repeat(500)]) {
      const junk = await g.graphql(NodeDocument, { id });
      expect(junk.body.errors, id).toBeUndefined();
      expect(junk.body.data?.node).toBeNull();
    }
  });

  it('gives typed errors to malformed operations and keeps serving', async () => {
    expect(errorCodes(await g.graphql('{ viewer { '))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(errorCodes(await g.graphql('{ viewer { secretField } }'))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    const wrongType = await g.graphql(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { name: 3 } },
    );
    expect(errorCodes(wrongType)).toEqual(['BAD_USER_INPUT']);
    expect((await g.graphql(ViewerDocument)).body.data?.viewer.isAdmin).toBe(true);
  });

  it.each(Object.entries(ADMIN_ONLY))(
    '%s: a tenant key is FORBIDDEN and no key is UNAUTHENTICATED (errors, declared by @Authorized)',
    async (_, query) => {
      const tenantKey = await g.tenantKey('tenant_a');
      expect(errorCodes(await g.graphql(query, undefined, tenantKey))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await g.graphql(query, undefined, null))).toEqual(['UNAUTHENTICATED']);
    },
  );
});

describe('the gateway in production mode, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => g.stop());

  it('turns introspection off and leaves stack traces out of errors', async () => {
    const introspection = await g.graphql('{ __schema { types { name } } }');
    expect(introspection.body.data).toBeUndefined();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    expect(new Set(errorCodes(introspection))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const unauthenticated = await g.graphql(ViewerDocument, {}, null);
    expect(unauthenticated.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const invalid = await g.graphql('{ nope }');
    expect(JSON.stringify(invalid.body)).not.toContain('stacktrace');
    // No "Did you mean" hints that would map the schema, for anyone.
    for (const key of [g.adminKey, null]) {
      const guess = await g.graphql('{ viewr { isAdmin } }', undefined, key);
      expect(guess.body.errors?.[0]?.message).toBe('Cannot query field "viewr" on type "Query".');
    }
  });
});

describe('stack traces in error responses, in process', () => {
  it('are left out in development unless ERROR_STACK_TRACES asks for them', async () => {
    const stacktraces = async (env: Record<string, string>) => {
      const g = await inProcessGateway({ env });
      try {
        return JSON.stringify((await g.graphql('{ nope }')).body).includes('stacktrace');
      } finally {
        await g.stop();
      }
    };
    expect(await stacktraces({ NODE_ENV: 'development' })).toBe(false);
    expect(await stacktraces({ NODE_ENV: 'development', ERROR_STACK_TRACES: 'true' })).toBe(true);
  });
});
