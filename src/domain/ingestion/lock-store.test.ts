import { lockStoreContract } from '../../../test/support/contracts/lock-store.contract.js';
import { InMemoryLockStore } from '../../../test/support/fakes.js';

lockStoreContract('in memory', async (clock) => new InMemoryLockStore(() => clock.now));
