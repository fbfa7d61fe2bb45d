import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, inProcessGateway, type InProcessGateway } from '../../support/in-process.js';

const REGISTER = `mutation ($id: String!, $name: String) {
  registerTenant(input: { id: $id, name: $name }) {
    tenant { id name origin knownSince }
    userErrors { code message field }
  }
}`;

/** Tenants in process, over the tenant store's fake (sweeps and runs: test/integration/tenants). */
describe('tenants, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway();
  });
  afterAll(() => g.stop());

  it('registerTenant is idempotent, keeps a name unless given a new one, and checks its input', async () => {
    const first = await g.graphql<any, any>(REGISTER, { id: 'tenant_new', name: 'New Co' });
    const again = await g.graphql<any, any>(REGISTER, { id: 'tenant_new' });
    const renamed = await g.graphql<any, any>(REGISTER, { id: 'tenant_new', name: 'New Company' });
    expect(first.body.data.registerTenant.userErrors).toEqual([]);
    expect(again.body.data.registerTenant.tenant).toEqual(first.body.data.registerTenant.tenant);
    expect(renamed.body.data.registerTenant.tenant).toMatchObject({
      id: 'tenant_new',
      name: 'New Company',
      origin: 'REGISTERED',
      knownSince: first.body.data.registerTenant.tenant.knownSince,
    });
    for (const [id, name, field] of [
      ['*', null, ['id']],
      ['has space', null, ['id']],
      ['ok_id', 'x'.repeat(101), ['name']],
    ] as const) {
      const bad = await g.graphql<any, any>(REGISTER, { id, name });
      expect(bad.body.data.registerTenant).toMatchObject({
        tenant: null,
        userErrors: [{ code: 'INVALID_INPUT', field }],
      });
    }
    // Now known: a key can be created for it, with no sweep.
    const tenantKey = await g.tenantKey('tenant_new');
    const refused = await g.graphql(REGISTER, { id: 'tenant_other' }, tenantKey);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    // A tenant key sees its own tenant only.
    const own = await g.graphql<any, any>('{ tenants { nodes { id } } }', {}, tenantKey);
    expect(own.body.data.tenants.nodes).toEqual([{ id: 'tenant_new' }]);
    const other = await g.graphql<any, any>('{ tenant(id: "tenant_a") { id } }', {}, tenantKey);
    expect(other.body.data.tenant).toBeNull();
  });

  it('a read naming an unknown tenant is UNKNOWN_TENANT, and a key for one is a userError', async () => {
    const read = await g.graphql('{ tickets(tenantId: "tenant_zzz") { totalCount } }');
    expect(errorCodes(read)).toEqual(['UNKNOWN_TENANT']);
    expect(read.body.errors![0]!.message).toContain('registerTenant');
    const key = await g.graphql<any, any>(
      'mutation { createApiKey(input: { name: "k", tenantId: "tenant_zzz" }) { secret userErrors { code field } } }',
    );
    expect(key.body.errors).toBeUndefined();
    expect(key.body.data.createApiKey.userErrors).toEqual([
      { code: 'UNKNOWN_TENANT', field: ['tenantId'] },
    ]);
  });

  it('a list variable longer than allowed is HTTP 400 BAD_USER_INPUT, without transport details', async () => {
    const answered = await g.graphql<any, any>(
      'query($s: [TicketStatus!]) { tickets(tenantId: "tenant_a", filter: { status: $s }) { nodes { id } } }',
      { s: Array.from({ length: 10 }, () => 'OPEN') },
    );
    expect(answered.status).toBe(400);
    expect(errorCodes(answered)).toEqual(['BAD_USER_INPUT']);
    expect(answered.body.errors![0]!.extensions).not.toHaveProperty('http');
  });
});
