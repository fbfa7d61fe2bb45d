import ky from 'ky';
import type { OutboxItem } from '../../domain/alerting/alert.types.js';
import type { NotifySender, SendResult } from '../../domain/alerting/ports.js';

/**
 * POST /notify. The Idempotency-Key (tenant, ticket, reason) makes at-least-once delivery
 * effectively once at a provider that honours it: a retry after a lost answer is not a
 * second alert. 4xx (but 408 and 429) means the request itself is wrong: not a failure of
 * the dependency, and not worth retrying.
 */
export class NotifyClient implements NotifySender {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async send(item: OutboxItem): Promise<SendResult> {
    try {
      const response = await ky.post(`${this.baseUrl}/notify`, {
        json: {
          ticket_id: item.externalId,
          tenant_id: item.tenantId,
          urgency: item.urgency,
          reason: item.signals.length > 0 ? item.signals.join(', ') : item.reason,
        },
        headers: { 'idempotency-key': `${item.tenantId}/${item.externalId}/${item.reason}` },
        timeout: this.timeoutMs,
        retry: 0,
        throwHttpErrors: false,
      });
      if (response.ok) return { ok: true };
      const dependencyFailed =
        response.status >= 500 || response.status === 408 || response.status === 429;
      return { ok: false, dependencyFailed, error: `HTTP ${response.status}` };
    } catch (error) {
      return {
        ok: false,
        dependencyFailed: true,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
