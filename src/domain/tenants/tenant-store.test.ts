import { tenantStoreContract } from '../../../test/support/contracts/tenant-store.contract.js';
import { InMemoryTenantStore } from '../../../test/support/fakes.js';

tenantStoreContract('in memory', async () => new InMemoryTenantStore());
