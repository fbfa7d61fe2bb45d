import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionService } from '../../../src/domain/classification/index.js';
import { buildGatewaySchema } from '../../../src/resolvers/gateway-schema.js';
import type { TicketRecord } from '../../../src/domain/tickets/ticket-query.js';
import { toGlobalId } from '../../../src/schema/global-id.js';
import { RecordingStatsWriter } from '../../support/fakes.js';
import { inProcessGateway, notInHarness, type InProcessGateway } from '../../support/in-process.js';
import { EXPECTED, failureCases, tickets } from '../../support/mutation-failures.js';

const STORED_TICKET = 'f'.repeat(24);

function mutationFields(schema: GraphQLSchema) {
  return Object.values(schema.getMutationType()!.getFields());
}

describe('the failure channel of every mutation, in process', () => {
  let g: InProcessGateway;
  let tenantKey: string;
  beforeAll(async () => {
    g = await inProcessGateway({
      services: {
        // Refusals come before any write: the store and the alert queue are never reached.
        corrections: new CorrectionService(
          notInHarness('correctionStore'),
          new RecordingStatsWriter(),
          notInHarness('alertQueue'),
          // The stored ticket the cases name exists (refusals of the input are then the only
          // problem); any other id is nobody's.
          {
            get: async (_caller, id) =>
              id === STORED_TICKET ? ({ id, correction: null } as unknown as TicketRecord) : null,
          },
        ),
      },
    });
    tenantKey = await g.tenantKey('tenant_a');
    tickets.ofTenantB = toGlobalId('Ticket', STORED_TICKET);
  });
  afterAll(() => g.stop());

  it('lists every mutation the schema serves, and each listed one exists', async () => {
    const served = mutationFields(await buildGatewaySchema()).map((field) => field.name);
    expect(served.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives userErrors to every mutation that has expected failures', async () => {
    for (const field of mutationFields(await buildGatewaySchema())) {
      if (EXPECTED[field.name] === 'authorisation only') continue;
      const payload = getNamedType(field.type);
      expect(isObjectType(payload) && 'userErrors' in payload.getFields(), field.name).toBe(true);
    }
  });

  it.each(failureCases(true))('%s: %s is a userError', async (mutation, _, failure) => {
    const response = await g.graphql<any, any>(
      failure.query,
      failure.variables?.(),
      failure.key === 'tenant' ? tenantKey : g.adminKey,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data[mutation].userErrors).toEqual([
      { code: failure.code, field: failure.field },
    ]);
  });
});
