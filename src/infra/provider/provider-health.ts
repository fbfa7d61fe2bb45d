import ky from 'ky';
import type { DependencyProbe } from '../../domain/health/health.service.js';

/** The provider answers GET /health; its rate-limit window does not cover it. */
export function providerHealthProbe(providerUrl: string, timeoutMs: number): DependencyProbe {
  return {
    name: 'provider',
    critical: false,
    async check() {
      await ky.get(`${providerUrl}/health`, { timeout: timeoutMs, retry: 0 });
    },
  };
}
