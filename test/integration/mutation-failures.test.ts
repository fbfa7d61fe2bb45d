import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { SEED_TENANTS } from '../../mock-external-api/src/seed-data.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/resolvers/gateway-schema.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startRun, waitForRun } from '../support/ingestion.js';

interface Failure {
  what: string;
  /** The mutation, selecting `userErrors { code field }` at `path`. */
  query: string;
  variables?: () => Record<string, unknown>;
  key?: 'tenant';
  code: string;
  field: string[];
}

const START = `mutation($input: StartIngestionInput!) { startIngestion(input: $input) { run { id } userErrors { code field } } }`;
const CANCEL = `mutation($input: CancelIngestionInput!) { cancelIngestion(input: $input) { run { id } userErrors { code field } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret userErrors { code field } } }`;
const REQUEUE = `mutation($input: RequeueNotificationsInput!) { requeueNotifications(input: $input) { queued userErrors { code field } } }`;
const RECLASSIFY = `mutation($input: ReclassifyTicketsInput!) { reclassifyTickets(input: $input) { scanned userErrors { code field } } }`;
const REGISTER_TENANT = `mutation($input: RegisterTenantInput!) { registerTenant(input: $input) { tenant { id } userErrors { code field } } }`;
const REVOKE_KEY = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id } userErrors { code field } } }`;
const REBUILD_STATS = `mutation($input: RebuildTenantStatsInput!) { rebuildTenantStats(input: $input) { tenantId userErrors { code field } } }`;
const CORRECT = `mutation($input: CorrectClassificationInput!) { correctClassification(input: $input) { ticket { id } userErrors { code field } } }`;

/** Filled in by the set-up: a run in progress and a finished one, and a tenant_b ticket. */
const runs = { active: '', finished: '' };
const tickets = { ofTenantB: '' };

/**
 * Every mutation of the served schema, with every failure a caller can cause. Each comes
 * back as a userError; authorisation (a missing key, a non-admin key on an admin field) is
 * the one kind of failure that is an error, and is declared with @Authorized.
 */
const EXPECTED: Record<string, Failure[] | 'authorisation only'> = {
  startIngestion: [
    {
      what: "another tenant's ingestion",
      query: START,
      variables: () => ({ input: { tenantId: 'tenant_b' } }),
      key: 'tenant',
      code: 'FORBIDDEN',
      field: ['tenantId'],
    },
    {
      what: 'a sweep with a tenant key',
      query: START,
      variables: () => ({ input: { allTenants: true } }),
      key: 'tenant',
      code: 'FORBIDDEN',
      field: ['allTenants'],
    },
    {
      what: 'an admin key without tenantId',
      query: START,
      variables: () => ({ input: {} }),
      code: 'INVALID_INPUT',
      field: ['tenantId'],
    },
    {
      what: 'a sweep for one tenant',
      query: START,
      variables: () => ({ input: { allTenants: true, tenantId: 'tenant_a' } }),
      code: 'INVALID_INPUT',
      field: ['tenantId'],
    },
    {
      what: 'a full run again too soon, by a tenant key',
      query: START,
      variables: () => ({ input: { full: true } }),
      key: 'tenant',
      code: 'RATE_LIMITED',
      field: ['full'],
    },
    {
      what: 'an unknown tenant',
      query: START,
      variables: () => ({ input: { tenantId: 'tenant_zzz' } }),
      code: 'UNKNOWN_TENANT',
      field: ['tenantId'],
    },
    {
      what: 'a second run of a busy tenant',
      query: START,
      variables: () => ({ input: { tenantId: 'tenant_slow' } }),
      code: 'INGESTION_ALREADY_RUNNING',
      field: ['tenantId'],
    },
  ],
  cancelIngestion: [
    {
      what: 'an unknown run',
      query: CANCEL,
      variables: () => ({ input: { runId: 'SW5nZXN0aW9uUnVuOjY1NGZmZmZmZmZmZmZmZmZmZmZmZmZm' } }),
      code: 'NOT_FOUND',
      field: ['runId'],
    },
    {
      what: 'a malformed id',
      query: CANCEL,
      variables: () => ({ input: { runId: 'nope' } }),
      code: 'NOT_FOUND',
      field: ['runId'],
    },
    {
      what: 'a finished run',
      query: CANCEL,
      variables: () => ({ input: { runId: runs.finished } }),
      code: 'NOT_CANCELLABLE',
      field: ['runId'],
    },
  ],
  createApiKey: [
    {
      what: 'an empty name',
      query: CREATE_KEY,
      variables: () => ({ input: { name: ' ', tenantId: 'a' } }),
      code: 'INVALID_INPUT',
      field: ['name'],
    },
    {
      what: 'an admin key bound to a tenant',
      query: CREATE_KEY,
      variables: () => ({ input: { name: 'x', admin: true, tenantId: 'a' } }),
      code: 'INVALID_INPUT',
      field: ['tenantId'],
    },
    {
      what: 'a tenant key without tenant',
      query: CREATE_KEY,
      variables: () => ({ input: { name: 'x' } }),
      code: 'INVALID_INPUT',
      field: ['tenantId'],
    },
    {
      what: 'an unknown (or malformed) tenantId',
      query: CREATE_KEY,
      variables: () => ({ input: { name: 'x', tenantId: 'a b' } }),
      code: 'UNKNOWN_TENANT',
      field: ['tenantId'],
    },
  ],
  revokeApiKey: [
    {
      what: 'an unknown key',
      query: REVOKE_KEY,
      variables: () => ({ input: { id: 'QXBpS2V5OjY1NGZmZmZmZmZmZmZmZmZmZmZmZmZm' } }),
      code: 'NOT_FOUND',
      field: ['id'],
    },
    {
      what: 'a malformed id',
      query: REVOKE_KEY,
      variables: () => ({ input: { id: 'nope' } }),
      code: 'NOT_FOUND',
      field: ['id'],
    },
  ],
  resetNotificationCircuit: 'authorisation only',
  requeueNotifications: [
    {
      what: 'a status that cannot be sent again',
      query: REQUEUE,
      variables: () => ({ input: { statuses: ['DELIVERED'] } }),
      code: 'INVALID_INPUT',
      field: ['statuses'],
    },
    {
      what: 'a skip reason without SKIPPED',
      query: REQUEUE,
      variables: () => ({ input: { statuses: ['FAILED'], skipReason: 'STALE' } }),
      code: 'INVALID_INPUT',
      field: ['skipReason'],
    },
  ],
  reclassifyTickets: [
    {
      what: 'an unknown tenant',
      query: RECLASSIFY,
      variables: () => ({ input: { tenantId: 'tenant_zzz' } }),
      code: 'UNKNOWN_TENANT',
      field: ['tenantId'],
    },
  ],
  rebuildTenantStats: [
    {
      what: 'an unknown tenant',
      query: REBUILD_STATS,
      variables: () => ({ input: { tenantId: 'tenant_zzz' } }),
      code: 'UNKNOWN_TENANT',
      field: ['tenantId'],
    },
  ],
  correctClassification: [
    {
      what: 'no label to set',
      query: CORRECT,
      variables: () => ({ input: { ticketId: tickets.ofTenantB } }),
      code: 'INVALID_INPUT',
      field: ['urgency'],
    },
    {
      what: 'a note over 500 characters',
      query: CORRECT,
      variables: () => ({
        input: { ticketId: tickets.ofTenantB, urgency: 'LOW', note: 'n'.repeat(501) },
      }),
      code: 'INVALID_INPUT',
      field: ['note'],
    },
    {
      what: "another tenant's ticket",
      query: CORRECT,
      variables: () => ({ input: { ticketId: tickets.ofTenantB, urgency: 'LOW' } }),
      key: 'tenant',
      code: 'NOT_FOUND',
      field: ['ticketId'],
    },
    {
      what: 'a malformed id',
      query: CORRECT,
      variables: () => ({ input: { ticketId: 'nope', urgency: 'LOW' } }),
      code: 'NOT_FOUND',
      field: ['ticketId'],
    },
  ],
  registerTenant: [
    {
      what: 'a malformed id',
      query: REGISTER_TENANT,
      variables: () => ({ input: { id: 'a b' } }),
      code: 'INVALID_INPUT',
      field: ['id'],
    },
    {
      what: 'the sweep\'s "*"',
      query: REGISTER_TENANT,
      variables: () => ({ input: { id: '*' } }),
      code: 'INVALID_INPUT',
      field: ['id'],
    },
    {
      what: 'a name over 100 characters',
      query: REGISTER_TENANT,
      variables: () => ({ input: { id: 'tenant_x', name: 'n'.repeat(101) } }),
      code: 'INVALID_INPUT',
      field: ['name'],
    },
  ],
};

function mutationFields(schema: GraphQLSchema) {
  return Object.values(schema.getMutationType()!.getFields());
}

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
    const created = await t.graphql<any, any>(CREATE_KEY, {
      input: { name: 'tenant', tenantId: 'tenant_a' },
    });
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

  const cases = Object.entries(EXPECTED).flatMap(([mutation, failures]) =>
    failures === 'authorisation only' ? [] : failures.map((f) => [mutation, f.what, f] as const),
  );
  it.each(cases)('%s: %s is a userError', async (mutation, _, failure) => {
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
