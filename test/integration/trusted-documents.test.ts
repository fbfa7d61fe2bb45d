import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/infra/system/project-root.js';
import { CreateApiKeyDocument } from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { collect, wsClient } from '../support/ws.js';

/** The typed client kit's manifest, as its build emits it. */
const MANIFEST = join(projectRoot(), 'examples/typed-client/src/gql/persisted-documents.json');
const documents = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
const idOf = (operation: string) =>
  Object.entries(documents).find(([, text]) => text.includes(operation))![0];

describe('trusted documents: a manifest of operations, and keys that run nothing else', () => {
  let t: TestGateway;
  let trustedKey: string;
  let ordinaryKey: string;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'trusted_docs', env: { TRUSTED_DOCUMENTS: MANIFEST } });
    const key = async (name: string, trustedDocumentsOnly: boolean) => {
      const created = await t.graphql(CreateApiKeyDocument, {
        input: { name, tenantId: 'tenant_a', trustedDocumentsOnly },
      });
      expect(created.body.data!.createApiKey.apiKey!.trustedDocumentsOnly).toBe(
        trustedDocumentsOnly,
      );
      return created.body.data!.createApiKey.secret!;
    };
    trustedKey = await key('first-party app', true);
    ordinaryKey = await key('analyst', false);
  });
  afterAll(async () => {
    await t.stop();
  });

  const post = (key: string, body: object) =>
    fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });

  it('over HTTP: runs a manifest operation by id or in full, refuses an ad-hoc one', async () => {
    const id = idOf('query RecentTickets');
    const variables = { tenantId: 'tenant_a', first: 2 };
    const byId = await post(trustedKey, {
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: id.replace('sha256:', '') } },
    });
    const answer = (await byId.json()) as { data?: { tickets: unknown }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.tickets).toBeDefined();
    const inFull = await post(trustedKey, { query: documents[id], variables });
    expect(inFull.status).toBe(200);

    const adHoc = await post(trustedKey, { query: '{ viewer { keyName } }' });
    expect(adHoc.status).toBe(403);
    const refused = (await adHoc.json()) as { errors: { extensions: { code: string } }[] };
    expect(refused.errors[0]!.extensions.code).toBe('FORBIDDEN');
    // Other keys keep running ad-hoc operations.
    expect((await post(ordinaryKey, { query: '{ viewer { keyName } }' })).status).toBe(200);
  });

  it('over WebSocket: subscribes by id, refuses an ad-hoc operation and an unknown id', async () => {
    const client = wsClient(t.gateway.wsUrl, trustedKey);
    try {
      const live = await new Promise<unknown>((resolve, reject) => {
        const stop = client.subscribe(
          {
            query: '',
            variables: { tenantId: 'tenant_a' },
            extensions: { persistedQuery: { version: 1, sha256Hash: idOf('LiveFigures') } },
          },
          {
            next: (result) => {
              stop();
              resolve(result);
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
      expect((live as { data: unknown }).data).toMatchObject({
        tenantStatsUpdated: { totalTickets: expect.any(Number) },
      });
      const adHoc = await collect(client, '{ viewer { keyName } }');
      expect((adHoc.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      const unknown = await new Promise<unknown>((resolve) =>
        client.subscribe(
          {
            query: '',
            extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
          },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        ),
      );
      expect((unknown as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    } finally {
      await client.dispose();
    }
  });
});
