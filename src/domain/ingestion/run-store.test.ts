import { runStoreContract } from '../../../test/support/contracts/run-store.contract.js';
import { InMemoryRunStore } from '../../../test/support/fakes.js';

runStoreContract('in memory', async () => new InMemoryRunStore());
