import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tour } from '../../examples/typed-client/src/main.js';
import { CreateApiKeyDocument } from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

describe('the typed client kit (examples/typed-client) against a live gateway', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'typed_client', mock: { tickets: 300 } });
    await ingest(t, 'tenant_a');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('reads a page, corrects a ticket, reads a userError and follows the live figures', async () => {
    const created = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'frontend', tenantId: 'tenant_a' },
    });
    const key = created.body.data!.createApiKey.secret!;
    const seen = await tour(t.gateway.graphqlUrl, key, 'tenant_a');
    expect(seen.totalCount).toBeGreaterThan(0);
    expect(seen.correctedUrgency).toBe('HIGH');
    expect(seen.refusal).toBe('INVALID_INPUT');
    expect(seen.live).toMatchObject({ totalTickets: seen.totalCount });
  });
});
