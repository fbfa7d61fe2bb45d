import { breakerStoreContract } from '../../../test/support/contracts/breaker-store.contract.js';
import { memoryBreakerStore } from '../../../test/support/fakes.js';

breakerStoreContract('in memory', async () => memoryBreakerStore());
