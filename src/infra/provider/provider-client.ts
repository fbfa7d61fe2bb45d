import { setTimeout as sleep } from 'node:timers/promises';
import ky, { type KyResponse } from 'ky';
import { z } from 'zod';
import type { RateBudget } from '../../domain/budgets/ports.js';
import type {
  ProviderCallHooks,
  ProviderPage,
  TicketProvider,
} from '../../domain/ingestion/ports.js';
import { backoffDelay, type BackoffPolicy } from '../../domain/resilience/backoff.js';
import { parseProviderTicket } from './provider-ticket.js';

/** The provider failed for good (after retries) or answered something unusable. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Where provider calls and rate-limit waits are counted (metrics). */
export interface ProviderObserver {
  called(endpoint: string, status: number | 'error'): void;
  waited(reason: 'budget' | '429'): void;
}

export interface ProviderClientOptions {
  timeoutMs: number;
  /** Attempts per call on 5xx, timeouts and network errors (429s are waited out, not counted). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Consecutive 429s after which a call gives up. */
  maxRateLimitRetries: number;
}

/** How provider calls are retried; the timeout is configuration (PROVIDER_TIMEOUT_MS). */
export const PROVIDER_RETRY_POLICY: Omit<ProviderClientOptions, 'timeoutMs'> = {
  maxAttempts: 5,
  backoff: { baseMs: 500, capMs: 15_000 },
  maxRateLimitRetries: 20,
};

const pageSchema = z.object({
  tickets: z.array(z.unknown()),
  next_page: z.number().int().positive().nullable(),
  total_count: z.number().int().nonnegative(),
});
const deletedSchema = z.object({ deleted_ids: z.array(z.string()) });

/** Seconds (or an HTTP date) to milliseconds; a missing or odd header means one second. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  const value = header?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now);
}

/**
 * The provider over HTTP (ky, no ky retries): every attempt takes a slot of the shared
 * budget first; 429 pauses the whole budget for Retry-After; 5xx, timeouts and network
 * errors are retried with jittered exponential backoff (own code).
 */
export class ProviderClient implements TicketProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly budget: RateBudget,
    private readonly options: ProviderClientOptions,
    private readonly observer?: ProviderObserver,
  ) {}

  async fetchPage(page: number, pageSize: number, hooks: ProviderCallHooks): Promise<ProviderPage> {
    const body = await this.getJson(
      'external/support-tickets',
      { page, page_size: pageSize },
      hooks,
    );
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success)
      throw new ProviderError(
        `Provider page ${page} is malformed: ${parsed.error.issues[0]?.message}`,
      );
    return {
      tickets: parsed.data.tickets.map(parseProviderTicket),
      nextPage: parsed.data.next_page,
      totalCount: parsed.data.total_count,
    };
  }

  async fetchDeletedIds(hooks: ProviderCallHooks): Promise<Set<string>> {
    const parsed = deletedSchema.safeParse(
      await this.getJson('external/deleted-tickets', {}, hooks),
    );
    if (!parsed.success) throw new ProviderError('Provider deleted-tickets answer is malformed');
    return new Set(parsed.data.deleted_ids);
  }

  private async getJson(
    path: string,
    searchParams: Record<string, number>,
    hooks: ProviderCallHooks,
  ): Promise<unknown> {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      if ((await this.budget.acquire(hooks.claimant, hooks.signal, hooks.onWaitingUntil)) > 0) {
        hooks.onRateLimitWait();
        this.observer?.waited('budget');
      }
      let response: KyResponse;
      try {
        response = await ky.get(`${this.baseUrl}/${path}`, {
          searchParams,
          timeout: this.options.timeoutMs,
          retry: 0,
          throwHttpErrors: false,
          signal: hooks.signal,
        });
      } catch (error) {
        if (hooks.signal?.aborted) throw error;
        this.observer?.called(path, 'error');
        failures += 1;
        const reason = error instanceof Error ? error.message : String(error);
        await this.backOffOrThrow(failures, `${path}: ${reason}`, null, hooks.signal);
        continue;
      }
      this.observer?.called(path, response.status);
      if (response.status === 429) {
        this.observer?.waited('429');
        rateLimited += 1;
        if (rateLimited > this.options.maxRateLimitRetries) {
          throw new ProviderError(`Provider kept answering 429 on ${path}`, 429);
        }
        await this.budget.pauseUntil(
          Date.now() + retryAfterMs(response.headers.get('retry-after')),
        );
        hooks.onRateLimitWait();
        continue;
      }
      if (response.status >= 500) {
        failures += 1;
        await this.backOffOrThrow(
          failures,
          `${path}: HTTP ${response.status}`,
          response.status,
          hooks.signal,
        );
        continue;
      }
      if (!response.ok)
        throw new ProviderError(`Provider answered ${response.status} on ${path}`, response.status);
      try {
        return await response.json();
      } catch {
        throw new ProviderError(`Provider answered invalid JSON on ${path}`, response.status);
      }
    }
  }

  private async backOffOrThrow(
    failures: number,
    reason: string,
    status: number | null,
    signal?: AbortSignal,
  ) {
    if (failures >= this.options.maxAttempts) {
      throw new ProviderError(
        `Provider unavailable after ${failures} attempts (${reason})`,
        status,
      );
    }
    await sleep(backoffDelay(failures, this.options.backoff), undefined, { signal });
  }
}
