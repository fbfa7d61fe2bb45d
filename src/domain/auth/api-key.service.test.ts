import { describe, expect, it } from 'vitest';
import {
  ApiKeyService,
  hashSecret,
  secretFromAuthorization,
  type ApiKeyRecord,
  type ApiKeyStore,
} from './api-key.service.js';
import type { Principal } from './principal.js';
import { knownTenants } from '../../../test/support/fakes.js';

/** An in-memory store: the domain rules are tested here; MongoApiKeyStore in integration tests. */
function memoryStore(): ApiKeyStore & { rows: (ApiKeyRecord & { secretHash: string })[] } {
  const rows: (ApiKeyRecord & { secretHash: string })[] = [];
  return {
    rows,
    async findByHash(hash) {
      return rows.find((r) => r.secretHash === hash) ?? null;
    },
    async findById(id) {
      return rows.find((r) => r.id === id) ?? null;
    },
    async findActiveIds(ids) {
      return new Set(
        rows.filter((r) => ids.includes(r.id) && r.revokedAt === null).map((r) => r.id),
      );
    },
    async insert(key) {
      const row = { ...key, id: String(rows.length + 1), revokedAt: null };
      rows.push(row);
      return row;
    },
    async revoke(id, at) {
      const row = rows.find((r) => r.id === id);
      if (row === undefined) return null;
      row.revokedAt ??= at;
      return row;
    },
    async upsertAdmin(name, secretHash, at) {
      const existing = rows.find((r) => r.name === name && r.isAdmin);
      if (existing !== undefined) {
        existing.secretHash = secretHash;
        return existing;
      }
      return this.insert({
        name,
        tenantId: null,
        isAdmin: true,
        trustedDocumentsOnly: false,
        createdAt: at,
        secretHash,
      });
    },
    async list(page, includeRevoked) {
      const listed = rows.filter((r) => includeRevoked || r.revokedAt === null).reverse();
      const items = listed.slice(0, page.size).map((node) => ({ node, cursor: node.id }));
      return {
        items,
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
        totalCount: async () => listed.length,
      };
    },
  };
}

const admin: Principal = { keyId: '0', keyName: 'root', tenantId: null, isAdmin: true };
const tenant: Principal = { keyId: '9', keyName: 'dash', tenantId: 'tenant_a', isAdmin: false };

describe('ApiKeyService', () => {
  it('parses only well-formed Bearer headers', () => {
    expect(secretFromAuthorization('Bearer abc')).toBe('abc');
    expect(secretFromAuthorization('bearer   abc ')).toBe('abc');
    for (const header of [undefined, '', 'Bearer', 'Basic abc', 'Bearer a b', 'abc']) {
      expect(secretFromAuthorization(header), String(header)).toBeUndefined();
    }
  });

  it('stores only the hash and authenticates with the secret', async () => {
    const store = memoryStore();
    const service = new ApiKeyService(store, knownTenants('tenant_a', 'tenant_b'));
    const result = await service.create(admin, { name: ' dashboard ', tenantId: 'tenant_a' });
    if (!result.ok) throw new Error('expected a key');
    expect(store.rows[0]!.secretHash).toBe(hashSecret(result.secret));
    expect(JSON.stringify(store.rows)).not.toContain(result.secret);
    expect(await service.authenticate(result.secret)).toEqual({
      keyId: result.apiKey.id,
      keyName: 'dashboard',
      tenantId: 'tenant_a',
      isAdmin: false,
      trustedDocumentsOnly: false,
    });
    expect(await service.authenticate(`${result.secret}x`)).toBeNull();
  });

  it('answers a secret found unknown from memory for a while, without asking the store', async () => {
    const store = memoryStore();
    let lookups = 0;
    const counted = {
      ...store,
      findByHash: (hash: string) => (lookups++, store.findByHash(hash)),
    };
    let now = 0;
    const service = new ApiKeyService(counted, knownTenants('tenant_a'), () => new Date(now));
    for (let i = 0; i < 100; i++) expect(await service.authenticate('tgw_nope')).toBeNull();
    expect(lookups).toBe(1);
    now += 31_000;
    expect(await service.authenticate('tgw_nope')).toBeNull();
    expect(lookups).toBe(2);
    expect(service.vouchedFor('tgw_nope')).toBe(false);
    // The bootstrap admin's secret is known at once, even if it was tried before.
    expect(await service.authenticate('tgw_admin-secret-0123456789')).toBeNull();
    await service.ensureBootstrapAdmin('tgw_admin-secret-0123456789');
    expect((await service.authenticate('tgw_admin-secret-0123456789'))?.isAdmin).toBe(true);
    // A secret that authenticated is vouched for (a spent address lets it through) for a while.
    expect(service.vouchedFor('tgw_admin-secret-0123456789')).toBe(true);
    now += 11 * 60_000;
    expect(service.vouchedFor('tgw_admin-secret-0123456789')).toBe(false);
  });

  it('validates names and tenant binding', async () => {
    const service = new ApiKeyService(memoryStore(), knownTenants('tenant_a'));
    const cases = [
      [{ name: '' }, ['name']],
      [{ name: 'x'.repeat(101), tenantId: 'tenant_a' }, ['name']],
      [{ name: 'x' }, ['tenantId']],
      [{ name: 'x', admin: true, tenantId: 'tenant_a' }, ['tenantId']],
    ] as const;
    for (const [input, field] of cases) {
      const result = await service.create(admin, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'INVALID_INPUT', field });
    }
    for (const tenantId of ['tenant_zzz', 'tenant a; drop']) {
      const result = await service.create(admin, { name: 'x', tenantId });
      expect(result.ok ? null : result.error).toMatchObject({
        code: 'UNKNOWN_TENANT',
        field: ['tenantId'],
      });
    }
    expect((await service.create(admin, { name: 'ops', admin: true })).ok).toBe(true);
  });

  it('refuses key management to tenant keys', async () => {
    const service = new ApiKeyService(memoryStore(), knownTenants('tenant_a'));
    await expect(service.create(tenant, { name: 'x', tenantId: 'tenant_a' })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    await expect(service.revoke(tenant, '1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await service.findForCaller(tenant, '1')).toBeNull();
  });

  it('revokes keys, reports unknown ids, and rotates the bootstrap admin secret', async () => {
    const store = memoryStore();
    const service = new ApiKeyService(store, knownTenants('tenant_a', 'tenant_b'));
    const first = await service.ensureBootstrapAdmin('first-secret-0123456789');
    expect((await service.authenticate(first))?.isAdmin).toBe(true);
    const second = await service.ensureBootstrapAdmin(undefined);
    expect(second).toMatch(/^tgw_/);
    expect(await service.authenticate(first)).toBeNull();
    expect(store.rows).toHaveLength(1);

    const revoked = await service.revoke(admin, store.rows[0]!.id);
    expect(revoked.ok && revoked.apiKey.revokedAt).toBeInstanceOf(Date);
    expect(await service.authenticate(second)).toBeNull();
    expect(service.whyRefused(second)).toBe('revoked');
    expect(service.whyRefused('tgw_never-issued')).toBe('unknown');
    const missing = await service.revoke(admin, '404');
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const undecodable = await service.revoke(admin, null);
    expect(undecodable.ok).toBe(false);
  });

  it('tells which of the keys of open sessions are still valid', async () => {
    const store = memoryStore();
    const service = new ApiKeyService(store, knownTenants('tenant_a', 'tenant_b'));
    const admin = { keyId: 'x', keyName: 'admin', tenantId: null, isAdmin: true };
    const a = await service.create(admin, { name: 'a', tenantId: 'tenant_a' });
    const b = await service.create(admin, { name: 'b', tenantId: 'tenant_a' });
    if (!a.ok || !b.ok) throw new Error('keys not created');
    await service.revoke(admin, a.apiKey.id);
    expect(await service.activeKeyIds([a.apiKey.id, b.apiKey.id, 'unknown'])).toEqual(
      new Set([b.apiKey.id]),
    );
  });
});
