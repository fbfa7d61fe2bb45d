import { afterAll, describe } from 'vitest';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { ProviderClient, PROVIDER_RETRY_POLICY } from '../../src/infra/provider/provider-client.js';
import { NotifyClient } from '../../src/infra/provider/notify-client.js';
import { ProviderBudget } from '../../src/domain/budgets/provider-budget.js';
import { ticketProviderContract } from '../support/contracts/ticket-provider.contract.js';
import { notifySenderContract } from '../support/contracts/notify-sender.contract.js';
import { InMemoryBudgetLogStore } from '../support/fakes.js';

/**
 * The HTTP adapters against the contracts their fakes pass in the unit project
 * (test/support/contracts), over the mock provider: the provider client and /notify.
 */
describe("HTTP adapters against their ports' contracts", () => {
  const mocks: MockProvider[] = [];
  const mock = async (overrides: Parameters<typeof startTestMock>[0]) => {
    const started = await startTestMock(overrides);
    mocks.push(started);
    return started;
  };
  afterAll(() => Promise.all(mocks.map((m) => m.close())));

  const unlimited = new ProviderBudget(new InMemoryBudgetLogStore(), {
    limit: 0,
    windowMs: 60_000,
    marginMs: 0,
    maxPollMs: 100,
  });

  ticketProviderContract('HTTP client over the mock', async () => {
    const provider = await mock({ tickets: 9 });
    const [gone] = provider.store.page(1, 1, false).tickets;
    provider.store.setDeleted({ id: String(gone!.id), tenant_id: String(gone!.tenant_id) }, true);
    return {
      provider: new ProviderClient(provider.url, unlimited, {
        ...PROVIDER_RETRY_POLICY,
        timeoutMs: 5_000,
      }),
      keys: provider.store
        .page(1, 100, false)
        .tickets.map((ticket) => `${String(ticket.tenant_id)}/${String(ticket.id)}`),
      deleted: provider.store.deleted().map((ticket) => ticket.id),
    };
  });

  notifySenderContract('HTTP client over the mock', async (answer) => {
    const notify = await mock({
      notifyFailuresPerTicket: 0,
      notifyFailureRate: answer === 'fails' ? 1 : 0,
    });
    if (answer === 'unreachable') await notify.close();
    // A path the provider does not serve: the request itself is wrong (404).
    const baseUrl = answer === 'refuses' ? `${notify.url}/not-the-api` : notify.url;
    return new NotifyClient(baseUrl, 5_000);
  });
});
