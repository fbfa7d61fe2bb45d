import { DEFAULT_MOCK_CONFIG, type MockConfig } from '../src/config.js';
import { startMockProvider } from '../src/server.js';

/** A mock on a free loopback port; fast by default (no notify latency, no rate limit). */
export function startTestMock(overrides: Partial<MockConfig> = {}) {
  return startMockProvider({
    ...DEFAULT_MOCK_CONFIG,
    port: 0,
    host: '127.0.0.1',
    rateLimit: 0,
    tickets: 1000,
    notifyLatencyMinMs: 0,
    notifyLatencyMaxMs: 0,
    ...overrides,
  });
}

export async function getJson(
  url: string,
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
