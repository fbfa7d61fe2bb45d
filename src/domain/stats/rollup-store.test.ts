import { InMemoryRollupStore } from '../../../test/support/fake-rollups.js';
import { rollupStoreContract } from '../../../test/support/contracts/rollup-store.contract.js';

rollupStoreContract('in memory', async (clock) => new InMemoryRollupStore(() => clock.now));
