import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { DomainError } from '../domain/errors.js';
import { ANONYMOUS_OPERATION_MIN_COST } from '../domain/budgets/address-budget.js';
import type { BudgetState, Refusal } from '../domain/budgets/key-budget.js';
import type { GatewayContext } from '../schema/context.js';

/**
 * Charges an operation to its key's budget, the same on HTTP and on WebSocket. Anonymous
 * operations (introspection only) are charged to their address (AddressBudget). Refusals are RATE_LIMITED with
 * `retryAfter` in seconds (and a Retry-After header on HTTP); a query that costs more
 * than the key's whole budget can never run and is refused as invalid.
 * Returns what frees the concurrency slot once the operation has finished (subscriptions,
 * `slot: false`, take none).
 */
export async function chargeOperation(
  context: GatewayContext,
  cost: number,
  options: { slot: boolean } = { slot: true },
): Promise<() => void> {
  if (context.principal === null) {
    // Introspection, the one thing a caller without a key may run, spends its address's budget.
    const charge = context.services.anonymous.take(
      context.clientAddress,
      Math.max(ANONYMOUS_OPERATION_MIN_COST, cost),
    );
    if (!charge.ok) {
      await refusalPause(charge);
      throw addressRefusalError(charge);
    }
    return () => undefined;
  }
  const admission = await context.services.budgets.admit(context.principal, cost, options);
  if (!admission.admitted) {
    await refusalPause(admission);
    throw refusalError(admission);
  }
  context.budget = admission.state;
  return admission.release;
}

/** Codes of an operation the resolvers refused for the caller's mistake. */
const REFUSAL_CODES: ReadonlySet<unknown> = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'UNKNOWN_TENANT',
]);

/** An execution result, as either transport holds it (formatted on HTTP, raw on WebSocket). */
interface Answered {
  data?: Record<string, unknown> | null;
  errors?: readonly { extensions?: Record<string, unknown>; originalError?: unknown }[];
}

/**
 * An operation refused outright at execution (no field answered, every error the caller's
 * mistake: a bad argument, an unknown tenant, a forbidden field) did next to no work, so
 * it costs one point: the rest of its charge is given back before the answer reports it.
 */
export async function refundIfRefused(context: GatewayContext, result: Answered): Promise<void> {
  const { budget, principal } = context;
  if (budget === undefined || principal === null || !refusedOutright(result)) return;
  context.budget = await context.services.budgets.refundRefused(principal, budget);
}

function refusedOutright({ data, errors }: Answered): boolean {
  if (errors === undefined || errors.length === 0) return false;
  const codeOf = (error: (typeof errors)[number]) =>
    error.extensions?.code ??
    (error.originalError instanceof DomainError ? error.originalError.code : undefined);
  if (!errors.every((error) => REFUSAL_CODES.has(codeOf(error)))) return false;
  return data === null || data === undefined || Object.values(data).every((v) => v === null);
}

/**
 * How long a throttled request is held before its refusal is sent. A client that ignores
 * Retry-After and asks again at once (the abuser's loop) then asks about once a second per
 * connection, instead of turning cheap refusals into a flood that slows every other tenant
 * (measured in BENCHMARKS.md, "Fairness"); a well-behaved client waits Retry-After (a
 * second at least) anyway, so it loses nothing.
 */
const REFUSAL_PAUSE_MS = 1000;

/**
 * Holds a throttled request (never a doomed one) for a second, plus up to half a second at
 * random: the spread keeps a client's parallel loops from coming back in one herd, which
 * would stall the event loop for everyone at that instant.
 */
export async function refusalPause(refusal: Pick<Refusal, 'retryAfterMs'>): Promise<void> {
  if (refusal.retryAfterMs === null) return;
  await sleep(REFUSAL_PAUSE_MS * (1 + Math.random() / 2));
}

/** A refusal as the GraphQL error both transports answer with (and its HTTP status and headers). */
export function refusalError(refusal: Refusal): GraphQLError {
  const charged = costExtension(refusal.state);
  if (refusal.retryAfterMs === null)
    return new GraphQLError(refusal.message, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: charged, http: { status: 400 } },
    });
  const retryAfter = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  return new GraphQLError(refusal.message, {
    extensions: {
      code: 'RATE_LIMITED',
      reason: refusal.reason === 'concurrency' ? 'CONCURRENCY' : 'BUDGET',
      retryAfter,
      cost: charged,
      http: {
        status: 429,
        headers: new Map([['retry-after', String(retryAfter)], ...budgetHeaders(refusal.state)]),
      },
    },
  });
}

/** A refusal of a caller without a valid key: its address spent its budget. */
export function addressRefusalError(charge: { retryAfterMs: number | null; message: string }) {
  if (charge.retryAfterMs === null)
    return new GraphQLError(charge.message, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    });
  const retryAfter = Math.max(1, Math.ceil(charge.retryAfterMs / 1000));
  return new GraphQLError(charge.message, {
    extensions: {
      code: 'RATE_LIMITED',
      reason: 'ADDRESS',
      retryAfter,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
    },
  });
}

/** `extensions.cost`, in Shopify's shape. */
export function costExtension(state: BudgetState) {
  return {
    requestedQueryCost: state.cost,
    throttleStatus: {
      maximumAvailable: state.limit,
      currentlyAvailable: state.remaining,
      restoreRate: state.restorePerSecond,
      resetAt: state.resetAt.toISOString(),
    },
  };
}

/** GitHub's `x-ratelimit-*` headers, plus the operation's cost. */
export function budgetHeaders(state: BudgetState): [string, string][] {
  return [
    ['x-ratelimit-limit', String(state.limit)],
    ['x-ratelimit-remaining', String(state.remaining)],
    ['x-ratelimit-reset', String(Math.ceil(state.resetAt.getTime() / 1000))],
    ['x-ratelimit-cost', String(state.cost)],
  ];
}
