import { SEED_TENANTS } from '../../mock-external-api/src/seed-data.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startRun, waitForRun } from '../support/ingestion.js';
import { failureCases, runs, tickets } from '../support/mutation-failures.js';

/** The catalogue's failures that need stored data (runs, tickets), on the engine. */
describe('the failure channel of every mutation', () => {
  let t: TestGateway;
  let tenantKey: string;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'mutation_failures',
      mock: { tickets: 600, pageLatencyMs: 400 },
      // A known tenant with no tickets at the provider: its run walks every page.
      tenants: [...SEED_TENANTS, 'tenant_slow'],
    });
    const created = await t.graphql<any, any>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'tenant', tenantId: 'tenant_a' } },
    );
    tenantKey = created.body.data.createApiKey.secret;
    const finished = await startRun(t, { tenantId: 'tenant_a', full: true });
    runs.finished = (await waitForRun(t, finished.run!.id)).id;
    const ofTenantB = await startRun(t, { tenantId: 'tenant_b' });
    await waitForRun(t, ofTenantB.run!.id);
    const listed = await t.graphql<any, any>(
      'query { tickets(tenantId: "tenant_b", first: 1) { edges { node { id } } } }',
    );
    tickets.ofTenantB = listed.body.data.tickets.edges[0].node.id;
    runs.active = (await startRun(t, { tenantId: 'tenant_slow' })).run!.id;
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(failureCases(false))('%s: %s is a userError', async (mutation, _, failure) => {
    const response = await t.graphql<any, any>(
      failure.query,
      failure.variables?.(),
      failure.key === 'tenant' ? tenantKey : t.adminKey,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data[mutation].userErrors).toEqual([
      { code: failure.code, field: failure.field },
    ]);
  });
});
