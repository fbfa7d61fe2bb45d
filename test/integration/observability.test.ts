import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewerDocument } from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { collect, wsClient } from '../support/ws.js';

describe('/metrics', () => {
  let t: TestGateway;
  let metrics: string;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'metrics', mock: { tickets: 300 } });
    await ingest(t, 'tenant_a');
    await t.graphql(ViewerDocument);
    await t.graphql(ViewerDocument, {}, null);
    // Errors of every origin, each to be counted once by the code its caller saw:
    for (let i = 0; i < 3; i++) await t.graphql(ViewerDocument, {}, 'not-a-key'); // context
    for (let i = 0; i < 2; i++)
      await t.graphql('{ tickets(tenantId: "tenant_a", first: 101) { totalCount } }'); // resolver
    await t.graphql('{ tickets(tenantId: "tenant_zzz") { totalCount } }'); // unknown tenant
    await t.graphql('{ viewer { noSuchField } }'); // validation
    const created = await t.graphql<any, any>(
      'mutation { createApiKey(input: { name: "m", tenantId: "tenant_a" }) { secret } }',
    );
    await t.graphql('{ apiKeys { totalCount } }', {}, created.body.data.createApiKey.secret); // role
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    await collect(client, '{ viewer { '); // WebSocket, before execution
    await client.dispose();
    metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
  });
  afterAll(async () => {
    await t.stop();
  });

  const value = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1] ?? Number.NaN);

  it('times HTTP requests and GraphQL operations by name, and counts errors by code', () => {
    expect(metrics).toMatch(
      /ticket_gateway_http_request_duration_seconds_count\{[^}]*method="POST"[^}]*status="200"/,
    );
    const operations = (name: string) =>
      value(
        new RegExp(
          `ticket_gateway_graphql_operation_duration_seconds_count\\{[^}]*operation="${name}"[^}]*\\} (\\d+)`,
        ),
      );
    // By name for a key; a caller without one is "unauthenticated" (names are theirs to pick).
    expect(operations('Viewer')).toBe(1);
    expect(operations('unauthenticated')).toBe(1);
    const errors = (code: string) =>
      value(new RegExp(`ticket_gateway_graphql_errors_total\\{[^}]*code="${code}"[^}]*\\} (\\d+)`));
    expect(errors('UNAUTHENTICATED')).toBe(4);
    expect(errors('BAD_USER_INPUT')).toBe(2);
    expect(errors('GRAPHQL_PARSE_FAILED')).toBe(1);
    expect(errors('UNKNOWN_TENANT')).toBe(1);
    expect(errors('GRAPHQL_VALIDATION_FAILED')).toBe(1);
    expect(errors('FORBIDDEN')).toBe(1);
    expect(metrics).not.toMatch(/ticket_gateway_graphql_errors_total\{[^}]*INTERNAL_SERVER_ERROR/);
  });

  it('counts ingestion runs and tickets by outcome, and provider calls', async () => {
    const created = await t.db.models.tickets.countDocuments({ tenantId: 'tenant_a' });
    expect(value(/ticket_gateway_ingestion_runs_total\{[^}]*status="SUCCEEDED"[^}]*\} (\d+)/)).toBe(
      1,
    );
    expect(
      value(/ticket_gateway_ingestion_tickets_total\{[^}]*outcome="created"[^}]*\} (\d+)/),
    ).toBe(created);
    const calls = t.mock.calls.filter((c) => c.path === '/external/support-tickets').length;
    expect(
      value(
        /ticket_gateway_provider_calls_total\{[^}]*endpoint="external\/support-tickets"[^}]*status="200"[^}]*\} (\d+)/,
      ),
    ).toBe(calls);
  });

  it('shows the circuit state and the MongoDB pool', () => {
    expect(value(/ticket_gateway_circuit_state\{[^}]*state="CLOSED"[^}]*\} (\d+)/)).toBe(1);
    expect(value(/ticket_gateway_circuit_state\{[^}]*state="OPEN"[^}]*\} (\d+)/)).toBe(0);
    expect(
      value(/ticket_gateway_mongodb_pool_connections_in_use\{[^}]*\} (\d+)/),
    ).toBeGreaterThanOrEqual(0);
  });
});
