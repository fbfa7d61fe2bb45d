import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const QUERY = '{ viewer { isAdmin } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function post(t: TestGateway, body: object) {
  const response = await fetch(t.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: unknown; errors?: any[] };
  return {
    status: response.status,
    json,
    codes: (json.errors ?? []).map((e) => e.extensions?.code),
  };
}

describe('automatic persisted queries', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'apq' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('registers a query by its hash and then runs it by the hash alone', async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256(QUERY) };
    const unknown = await post(t, { extensions: { persistedQuery } });
    expect(unknown.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await post(t, { query: QUERY, extensions: { persistedQuery } })).json.data).toEqual({
      viewer: { isAdmin: true },
    });
    expect((await post(t, { extensions: { persistedQuery } })).json.data).toEqual({
      viewer: { isAdmin: true },
    });
  });

  it('answers client mistakes with request codes, never INTERNAL_SERVER_ERROR', async () => {
    const wrongHash = await post(t, {
      query: QUERY,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
    });
    expect(wrongHash).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    const badVersion = await post(t, {
      query: QUERY,
      extensions: { persistedQuery: { version: 2, sha256Hash: sha256(QUERY) } },
    });
    expect(badVersion).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    const notAnObject = await post(t, { query: QUERY, extensions: { persistedQuery: 'x' } });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.codes).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
