import { describe, expect, it } from 'vitest';
import type {
  ParsedTicket,
  ProviderCallHooks,
  TicketProvider,
} from '../../../src/domain/ingestion/ports.js';

/** A provider serving known tickets: its live tickets' keys in its order, and its deleted ids. */
export interface ProviderFixture {
  provider: TicketProvider;
  /** `tenantId/externalId` of each live ticket, in the provider's order (at least 7). */
  keys: string[];
  /** Ids of the deleted tickets (at least one). */
  deleted: string[];
}

const hooks = (signal?: AbortSignal): ProviderCallHooks => ({
  claimant: 'contract',
  onRateLimitWait: () => undefined,
  signal,
});

const keyOf = (parsed: ParsedTicket) =>
  parsed.ok
    ? `${parsed.ticket.tenantId}/${parsed.ticket.externalId}`
    : `${parsed.tenantId}/${parsed.externalId}`;

/**
 * What every TicketProvider does, run against the fake (unit) and the HTTP client over the
 * mock provider (integration) alike: ingestion's paging loop relies on exactly this.
 */
export function ticketProviderContract(name: string, make: () => Promise<ProviderFixture>) {
  describe(`TicketProvider contract: ${name}`, () => {
    it('pages through every live ticket once, in order, pageSize at a time', async () => {
      const { provider, keys } = await make();
      const seen: string[] = [];
      for (let page: number | null = 1; page !== null;) {
        const answer = await provider.fetchPage(page, 3, hooks());
        expect(answer.totalCount).toBe(keys.length);
        expect(answer.tickets.length).toBe(Math.min(3, keys.length - seen.length));
        seen.push(...answer.tickets.map(keyOf));
        expect(answer.nextPage).toBe(seen.length < keys.length ? page + 1 : null);
        page = answer.nextPage;
      }
      expect(seen).toEqual(keys);
    });

    it('answers a page past the end with no tickets and no next page', async () => {
      const { provider, keys } = await make();
      expect(await provider.fetchPage(keys.length + 1, 1, hooks())).toEqual({
        tickets: [],
        nextPage: null,
        totalCount: keys.length,
      });
    });

    it('lists the deleted ids', async () => {
      const { provider, deleted } = await make();
      expect(await provider.fetchDeletedIds(hooks())).toEqual(new Set(deleted));
    });

    it('rejects a call whose signal is aborted, without an answer', async () => {
      const { provider } = await make();
      const signal = AbortSignal.abort(new Error('shutting down'));
      await expect(provider.fetchPage(1, 3, hooks(signal))).rejects.toThrow();
      await expect(provider.fetchDeletedIds(hooks(signal))).rejects.toThrow();
    });
  });
}
