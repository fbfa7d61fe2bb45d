import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/dev/embedded-mongo.js';
import { eventually } from '../support/eventually.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';

async function health(t: TestGateway, path = '/health'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${t.gateway.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('health when a dependency dies and comes back', () => {
  let engine: EmbeddedMongo;
  let t: TestGateway;
  beforeAll(async () => {
    engine = await startEmbeddedMongo();
    t = await startTestGateway({ label: 'health', mongoUri: engine.uri });
  });
  afterAll(async () => {
    await t.stop();
    await engine.stop();
  });

  it('answers 503 naming MongoDB while the engine is stopped, and 200 once it is back', async () => {
    expect((await health(t)).status).toBe(200);
    await engine.stop();

    const down = await health(t);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('DOWN');
    const mongo = down.body.dependencies.find((d: any) => d.name === 'mongodb');
    expect(mongo.status).toBe('DOWN');
    expect(mongo.detail).toBeTypeOf('string');
    expect(down.body.dependencies.find((d: any) => d.name === 'provider').status).toBe('OK');
    // Not ready (take it out of the load balancer), but alive (do not restart it).
    expect((await health(t, '/health/ready')).status).toBe(503);
    expect(await health(t, '/health/live')).toEqual({ status: 200, body: { status: 'OK' } });
    // Requests that need the database fail with a typed error, and the process keeps serving.
    const query = await t.graphql('{ viewer { isAdmin } }');
    expect(query.status).toBe(503);
    expect(errorCodes(query)).toEqual(['SERVICE_UNAVAILABLE']);

    engine = await startEmbeddedMongo({ port: engine.port });
    const up = await eventually(
      () => health(t),
      (h) => h.status === 200,
      30_000,
    );
    expect(up.status).toBe(200);
    expect(up.body.status).toBe('OK');
  });

  it('reports the provider as DEGRADED (503) when it stops answering, and stays ready', async () => {
    await t.mock.close();
    const degraded = await health(t);
    expect(degraded.status).toBe(503);
    expect(degraded.body.status).toBe('DEGRADED');
    expect(degraded.body.dependencies.find((d: any) => d.name === 'provider').status).toBe('DOWN');
    // Reads still work without the provider: the replica stays in the load balancer.
    const ready = await health(t, '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('DEGRADED');
    expect((await health(t, '/health/live')).status).toBe(200);
  });
});
