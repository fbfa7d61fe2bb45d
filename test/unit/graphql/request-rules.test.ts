import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_OPERATIONS } from '../../support/bad-operations.js';
import { inProcessGateway, type InProcessGateway } from '../../support/in-process.js';

/**
 * The request rules (parse limits, validation, depth, aliases, cost, operation resolution,
 * variables) in process: the same pipeline and plugins the HTTP transport runs, no port.
 * test/integration/limits.test.ts checks that WebSocket answers them alike.
 */
describe('request rules, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway();
  });
  afterAll(() => g.stop());

  it.each(BAD_OPERATIONS.map((c) => [c.name, c] as const))(
    'answers %s with its typed error and no data',
    async (_, operation) => {
      const response = await g.graphql<unknown, Record<string, unknown>>(
        operation.query,
        operation.variables,
        g.adminKey,
        operation.operationName,
      );
      expect(response.body.data ?? null).toBeNull();
      const errors = response.body.errors ?? [];
      expect(new Set(errors.map((e) => e.extensions?.code))).toEqual(new Set([operation.code]));
      expect(errors.some((e) => operation.message.test(e.message))).toBe(true);
      expect(response.status).toBeGreaterThanOrEqual(400);
    },
  );

  it('lets a page of 100 tickets with their recent history through, and keeps serving after rejections', async () => {
    const ok = await g.graphql(
      `{ tickets(tenantId: "tenant_a", first: 100) { edges { node { id history(first: 20) { edges { node { changes { field } } } } } } } }`,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data).toEqual({ tickets: { edges: [] } });
    expect((await g.graphql('{ viewer { isAdmin } }')).body.data).toEqual({
      viewer: { isAdmin: true },
    });
  });
});
