import { describe, expect, it } from 'vitest';
import { TenantOrigin, type TenantStore } from '../../../src/domain/tenants/ports.js';

/**
 * What every TenantStore does, run against the in-memory fake (unit) and the MongoDB adapter
 * (integration) alike. `make` gives an empty store.
 */
export function tenantStoreContract(name: string, make: () => Promise<TenantStore>) {
  describe(`TenantStore contract: ${name}`, () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 0, minute));

    it('registers a tenant, names it again without losing the name, and finds it', async () => {
      const store = await make();
      expect(await store.register('t1', 'One', at(1))).toEqual({
        id: 't1',
        name: 'One',
        origin: TenantOrigin.REGISTERED,
        knownSince: at(1),
      });
      expect((await store.register('t1', null, at(5))).name).toBe('One');
      expect((await store.register('t1', 'Uno', at(5))).name).toBe('Uno');
      expect(await store.find('t1')).toMatchObject({ name: 'Uno', knownSince: at(1) });
      expect(await store.find('nobody')).toBeNull();
    });

    it('records a tenant a sweep met once, and keeps a registered one as it is', async () => {
      const store = await make();
      await store.register('t1', 'One', at(1));
      await store.recordSeen('t1', at(2));
      await store.recordSeen('t2', at(3));
      await store.recordSeen('t2', at(4));
      expect(await store.find('t1')).toMatchObject({ origin: TenantOrigin.REGISTERED });
      expect(await store.find('t2')).toEqual({
        id: 't2',
        name: null,
        origin: TenantOrigin.SEEN_BY_SWEEP,
        knownSince: at(3),
      });
      expect((await store.ids()).sort()).toEqual(['t1', 't2']);
    });

    it('lists oldest first, a page at a time, or only one tenant', async () => {
      const store = await make();
      await store.register('t1', null, at(1));
      await store.register('t2', null, at(2));
      await store.recordSeen('t3', at(3));
      const first = await store.list(
        { direction: 'forward', size: 2, after: null, before: null },
        null,
      );
      expect(first.items.map((item) => item.node.id)).toEqual(['t1', 't2']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(await first.totalCount()).toBe(3);
      const only = await store.list(
        { direction: 'forward', size: 10, after: null, before: null },
        't2',
      );
      expect(only.items.map((item) => item.node.id)).toEqual(['t2']);
    });
  });
}
