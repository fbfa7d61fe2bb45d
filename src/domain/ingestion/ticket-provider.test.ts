import { ticketProviderContract } from '../../../test/support/contracts/ticket-provider.contract.js';
import { FakeProvider, parsedTicket } from '../../../test/support/fakes.js';

ticketProviderContract('fake', async () => {
  const keys = ['a/1', 'b/1', 'a/2', 'a/3', 'b/2', 'a/4', 'a/5'];
  const provider = new FakeProvider(
    keys.map((key) => parsedTicket(...(key.split('/') as [string, string]))),
  );
  provider.deleted.add('a/9');
  return { provider, keys, deleted: ['a/9'] };
});
