/**
 * Every mutation of the served schema, with every failure a caller can cause: each comes
 * back as a userError. Cases marked `inProcess` need no stored data and run in process
 * (test/unit/graphql/mutation-failures.test.ts); the rest on the engine
 * (test/integration/mutation-failures.test.ts).
 */
export interface Failure {
  what: string;
  /** The mutation, selecting `userErrors { code field }` at `path`. */
  query: string;
  variables?: () => Record<string, unknown>;
  key?: 'tenant';
  code: string;
  field: string[];
  /** Needs no stored data: runs in process (test/unit/graphql), not on the engine. */
  inProcess?: true;
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

/** Filled in by the integration set-up: a run in progress and a finished one, and a tenant_b ticket. */
export const runs = { active: '', finished: '' };
export const tickets = { ofTenantB: '' };

/**
 * Every mutation of the served schema, with every failure a caller can cause. Each comes
 * back as a userError; authorisation (a missing key, a non-admin key on an admin field) is
 * the one kind of failure that is an error, and is declared with @Authorized.
 */
export const EXPECTED: Record<string, Failure[] | 'authorisation only'> = {
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
      inProcess: true,
    },
    {
      what: 'an admin key bound to a tenant',
      query: CREATE_KEY,
      variables: () => ({ input: { name: 'x', admin: true, tenantId: 'a' } }),
      code: 'INVALID_INPUT',
      field: ['tenantId'],
      inProcess: true,
    },
    {
      what: 'a tenant key without tenant',
      query: CREATE_KEY,
      variables: () => ({ input: { name: 'x' } }),
      code: 'INVALID_INPUT',
      field: ['tenantId'],
      inProcess: true,
    },
    {
      what: 'an unknown (or malformed) tenantId',
      query: CREATE_KEY,
      variables: () => ({ input: { name: 'x', tenantId: 'a b' } }),
      code: 'UNKNOWN_TENANT',
      field: ['tenantId'],
      inProcess: true,
    },
  ],
  revokeApiKey: [
    {
      what: 'an unknown key',
      query: REVOKE_KEY,
      variables: () => ({ input: { id: 'QXBpS2V5OjY1NGZmZmZmZmZmZmZmZmZmZmZmZmZm' } }),
      code: 'NOT_FOUND',
      field: ['id'],
      inProcess: true,
    },
    {
      what: 'a malformed id',
      query: REVOKE_KEY,
      variables: () => ({ input: { id: 'nope' } }),
      code: 'NOT_FOUND',
      field: ['id'],
      inProcess: true,
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
      inProcess: true,
    },
    {
      what: 'a note over 500 characters',
      query: CORRECT,
      variables: () => ({
        input: { ticketId: tickets.ofTenantB, urgency: 'LOW', note: 'n'.repeat(501) },
      }),
      code: 'INVALID_INPUT',
      field: ['note'],
      inProcess: true,
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
      inProcess: true,
    },
  ],
  registerTenant: [
    {
      what: 'a malformed id',
      query: REGISTER_TENANT,
      variables: () => ({ input: { id: 'a b' } }),
      code: 'INVALID_INPUT',
      field: ['id'],
      inProcess: true,
    },
    {
      what: 'the sweep\'s "*"',
      query: REGISTER_TENANT,
      variables: () => ({ input: { id: '*' } }),
      code: 'INVALID_INPUT',
      field: ['id'],
      inProcess: true,
    },
    {
      what: 'a name over 100 characters',
      query: REGISTER_TENANT,
      variables: () => ({ input: { id: 'tenant_x', name: 'n'.repeat(101) } }),
      code: 'INVALID_INPUT',
      field: ['name'],
      inProcess: true,
    },
  ],
};

/** The catalogue's cases as [mutation, what, failure], those run in process or on the engine. */
export function failureCases(inProcess: boolean) {
  return Object.entries(EXPECTED).flatMap(([mutation, failures]) =>
    failures === 'authorisation only'
      ? []
      : failures
          .filter((f) => (f.inProcess ?? false) === inProcess)
          .map((f) => [mutation, f.what, f] as const),
  );
}
