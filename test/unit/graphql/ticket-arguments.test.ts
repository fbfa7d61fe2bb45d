import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketsDocument, type TicketsQueryVariables } from '../../generated/graphql.js';
import { errorCodes, inProcessGateway, type InProcessGateway } from '../../support/in-process.js';

/**
 * What `tickets` refuses before any ticket is read, in process: page sizes, search length,
 * enum values, another tenant. (Cursors are the store's to read: test/integration/tickets-api.)
 */
describe('tickets arguments, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway();
  });
  afterAll(() => g.stop());

  it('rejects page sizes over 100, negative sizes, both first and last, and long searches', async () => {
    for (const variables of [
      { first: 101 },
      { last: 500 },
      { first: -1 },
      { first: 5, last: 5 },
      { filter: { search: 'x'.repeat(201) } },
    ] as TicketsQueryVariables[]) {
      const response = await g.graphql(TicketsDocument, { tenantId: 'tenant_a', ...variables });
      expect(errorCodes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const badEnum = await g.graphql(
      '{ tickets(tenantId: "tenant_a", filter: { urgency: [SEVERE] }) { totalCount } }',
    );
    expect(errorCodes(badEnum)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const fine = await g.graphql(TicketsDocument, { tenantId: 'tenant_a', first: 100 });
    expect(fine.body.errors).toBeUndefined();
  });

  it("refuses a tenant key another tenant's tickets, and lists its own", async () => {
    const tenantB = await g.tenantKey('tenant_b');
    const foreign = await g.graphql(TicketsDocument, { tenantId: 'tenant_a' }, tenantB);
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    expect(foreign.body.data).toBeNull();
    const own = await g.graphql(TicketsDocument, {}, tenantB);
    expect(own.body.errors).toBeUndefined();
    const unknown = await g.graphql(TicketsDocument, { tenantId: 'tenant_nobody' });
    expect(errorCodes(unknown)).toEqual(['UNKNOWN_TENANT']);
  });
});
