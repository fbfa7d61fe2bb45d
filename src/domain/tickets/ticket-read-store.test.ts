import { ticketReadStoreContract } from '../../../test/support/contracts/ticket-read-store.contract.js';
import { InMemoryTicketReadStore } from '../../../test/support/fake-ticket-reads.js';
import { InMemoryTicketSyncStore } from '../../../test/support/fakes.js';

ticketReadStoreContract('in memory', async () => {
  const sync = new InMemoryTicketSyncStore();
  return { sync, read: new InMemoryTicketReadStore(sync) };
});
