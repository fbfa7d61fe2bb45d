import { describe, expect, it } from 'vitest';
import type { ApiKeyStore } from '../../../src/domain/auth/api-key.service.js';

/**
 * What every ApiKeyStore does, run against the in-memory fake (unit) and the MongoDB adapter
 * (integration) alike. `make` gives an empty store.
 */
export function apiKeyStoreContract(name: string, make: () => Promise<ApiKeyStore>) {
  describe(`ApiKeyStore contract: ${name}`, () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 0, minute));
    const tenantKey = (keyName: string, minute: number) => ({
      name: keyName,
      tenantId: 't1',
      isAdmin: false,
      trustedDocumentsOnly: false,
      createdAt: at(minute),
      secretHash: `hash-${keyName}`,
    });
    const firstPage = (size: number) =>
      ({ direction: 'forward', size, after: null, before: null }) as const;

    it('finds a key by its hash and by its id, and never hands the hash back', async () => {
      const store = await make();
      const inserted = await store.insert(tenantKey('k1', 1));
      expect(inserted).toEqual({
        id: expect.any(String),
        name: 'k1',
        tenantId: 't1',
        isAdmin: false,
        trustedDocumentsOnly: false,
        createdAt: at(1),
        revokedAt: null,
      });
      expect(await store.findByHash('hash-k1')).toEqual(inserted);
      expect(await store.findById(inserted.id)).toEqual(inserted);
      expect(await store.findByHash('hash-nobody')).toBeNull();
      expect(await store.findById('not-an-id')).toBeNull();
    });

    it('revokes once: a second revoke keeps the first time, and only active ids are listed', async () => {
      const store = await make();
      const kept = await store.insert(tenantKey('kept', 1));
      const gone = await store.insert(tenantKey('gone', 2));
      expect((await store.revoke(gone.id, at(5)))?.revokedAt).toEqual(at(5));
      expect((await store.revoke(gone.id, at(9)))?.revokedAt).toEqual(at(5));
      expect(await store.revoke('not-an-id', at(9))).toBeNull();
      expect(await store.findActiveIds([kept.id, gone.id, 'junk'])).toEqual(new Set([kept.id]));
    });

    it('points the named admin key at a new hash, reviving it, without a second key', async () => {
      const store = await make();
      const first = await store.upsertAdmin('root', 'hash-a', at(1));
      await store.revoke(first.id, at(2));
      const again = await store.upsertAdmin('root', 'hash-b', at(3));
      expect(again).toMatchObject({
        id: first.id,
        isAdmin: true,
        revokedAt: null,
        createdAt: at(1),
      });
      expect(await store.findByHash('hash-a')).toBeNull();
      expect((await store.findByHash('hash-b'))?.id).toBe(first.id);
    });

    it('lists newest first, revoked keys only on request', async () => {
      const store = await make();
      await store.insert(tenantKey('old', 1));
      const middle = await store.insert(tenantKey('middle', 2));
      await store.insert(tenantKey('new', 3));
      await store.revoke(middle.id, at(4));
      const active = await store.list(firstPage(1), false);
      expect(active.items.map((item) => item.node.name)).toEqual(['new']);
      expect(active.pageInfo.hasNextPage).toBe(true);
      expect(await active.totalCount()).toBe(2);
      const all = await store.list(firstPage(10), true);
      expect(all.items.map((item) => item.node.name)).toEqual(['new', 'middle', 'old']);
      const last = await store.list(
        { direction: 'backward', size: 1, after: null, before: null },
        true,
      );
      expect(last.items.map((item) => item.node.name)).toEqual(['old']);
    });
  });
}
