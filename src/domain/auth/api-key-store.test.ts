import { apiKeyStoreContract } from '../../../test/support/contracts/api-key-store.contract.js';
import { InMemoryApiKeyStore } from '../../../test/support/fakes.js';

apiKeyStoreContract('in memory', async () => new InMemoryApiKeyStore());
