import { ticketSyncStoreContract } from '../../../test/support/contracts/ticket-sync-store.contract.js';
import { InMemoryTicketSyncStore } from '../../../test/support/fakes.js';

ticketSyncStoreContract('in memory', async () => new InMemoryTicketSyncStore());
