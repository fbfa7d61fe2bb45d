import { describe, expect, it } from 'vitest';
import { HealthService, HealthStatus, type DependencyProbe } from './health.service.js';

const ok = (name: string, critical: boolean): DependencyProbe => ({
  name,
  critical,
  check: async () => {},
});
const failing = (name: string, critical: boolean): DependencyProbe => ({
  name,
  critical,
  check: async () => {
    throw new Error(`${name} refused the connection`);
  },
});

describe('HealthService', () => {
  it('is OK when every dependency answers', async () => {
    const health = await new HealthService([ok('mongodb', true), ok('provider', false)]).check();
    expect(health.status).toBe(HealthStatus.OK);
    expect(health.dependencies.map((d) => [d.name, d.status, d.detail])).toEqual([
      ['mongodb', 'OK', null],
      ['provider', 'OK', null],
    ]);
  });

  it('is DEGRADED when only a non-critical dependency fails, DOWN when a critical one does', async () => {
    const degraded = await new HealthService([
      ok('mongodb', true),
      failing('provider', false),
    ]).check();
    expect(degraded.status).toBe(HealthStatus.DEGRADED);
    expect(degraded.dependencies[1]).toMatchObject({
      status: 'DOWN',
      detail: 'provider refused the connection',
    });
    const down = await new HealthService([failing('mongodb', true), ok('provider', false)]).check();
    expect(down.status).toBe(HealthStatus.DOWN);
  });
});
