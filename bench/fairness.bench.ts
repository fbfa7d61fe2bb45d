import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { BenchmarkFigures } from './figures.js';
import { percentile, round, startBenchStack, type BenchStack } from './harness.js';
import { runToEnd } from './runs.js';

/** Tenant B's latency samples when idle. */
const IDLE_SAMPLES = 300;
/**
 * B reads like a busy list view, a page every 100 ms (about 220 of its 250 points a
 * second); reading flat out it would spend its own budget.
 */
const B_PACE_MS = 100;
/** Tenant A's parallel tenantStats loops (fairness-attacker.ts); they ignore Retry-After. */
const ATTACK_LOOPS = 16;

/** Costs 22 points: the page, 20 tickets and pageInfo. */
const TICKETS = `{ tickets(first: 20) { nodes { id subject status createdAt } pageInfo { endCursor } } }`;
const START = `mutation($full: Boolean!) { startIngestion(input: { full: $full }) { run { id } userErrors { code } } }`;

interface Started {
  startIngestion: { run: { id: string } | null; userErrors: { code: string }[] };
}

async function tenantKey(stack: BenchStack, tenantId: string, use = 'reads'): Promise<string> {
  const created = await stack.graphql<
    { createApiKey: { secret: string } },
    Record<string, unknown>
  >(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`, {
    input: { name: `bench-${tenantId}-${use}`, tenantId },
  });
  return created.body.data!.createApiKey.secret;
}

/** One paced read of B's: its latency, after which the pace's remainder is waited out. */
async function latencyMs(stack: BenchStack, key: string): Promise<number> {
  const started = performance.now();
  const response = await stack.graphql(TICKETS, {}, key);
  if (response.status !== 200 || response.body.errors)
    throw new Error(`tenant B was refused: ${JSON.stringify(response.body.errors)}`);
  const elapsed = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, B_PACE_MS - elapsed)));
  return elapsed;
}

/** Asked with the admin key, so B's own budget is spent only on its reads. */
async function runState(stack: BenchStack, id: string) {
  const response = await stack.graphql<
    { ingestionRun: { finishedAt: string | null; progress: { processedPages: number } } },
    Record<string, unknown>
  >(`query($id: ID!) { ingestionRun(id: $id) { finishedAt progress { processedPages } } }`, { id });
  return response.body.data!.ingestionRun;
}

interface Grant {
  claimant: string;
  askedAt: number;
  at: number;
}

/** Every provider-budget grant: whom it went to, when it was asked for and when granted. */
function recordGrants(stack: BenchStack): Grant[] {
  const grants: Grant[] = [];
  const budget = stack.runtime.services.providerBudget;
  const acquire = budget.acquire.bind(budget);
  budget.acquire = async (claimant, signal) => {
    const askedAt = performance.now();
    const waited = await acquire(claimant, signal);
    grants.push({ claimant, askedAt, at: performance.now() });
    return waited;
  };
  return grants;
}

/**
 * B's share of the grants made while B waited (between asking and being granted; A's runs
 * ask all the time): between B's pages, while B processes one, A may be served freely.
 */
function shareWhileBothWaited(grants: Grant[]) {
  const ofB = grants.filter((g) => g.claimant === 'tenant_b');
  const ofA = grants.filter(
    (g) => g.claimant === 'tenant_a' && ofB.some((b) => g.at > b.askedAt && g.at < b.at),
  ).length;
  return { ofB: ofB.length, ofA, share: ofB.length / (ofB.length + ofA) };
}

/**
 * Tenant A abuses the gateway from another thread (fairness-attacker.ts: parallel
 * tenantStats ignoring Retry-After with one key, full runs looped with another) while
 * tenant B reads pages and runs an ingestion. Printed: B's tickets(first: 20) latency idle
 * and under A's load, and the share of provider calls B's run got while both waited.
 * Key budgets and caps are the production defaults; the provider allows 20 calls per 2 s
 * (faster than production's 60 a minute, so the figures come in a minute).
 */
export async function runFairnessBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 6000, rateLimit: 20, rateWindowMs: 2000 },
    env: {
      PROVIDER_RATE_LIMIT: '20',
      PROVIDER_RATE_WINDOW_MS: '2000',
      INGESTION_PAGE_SIZE: '50',
      KEY_BUDGET_POINTS: undefined,
      KEY_BUDGET_RESTORE_PER_SECOND: undefined,
      KEY_MAX_CONCURRENT_REQUESTS: undefined,
    },
  });
  try {
    const keyA = await tenantKey(stack, 'tenant_a');
    const keyB = await tenantKey(stack, 'tenant_b');
    await runToEnd(stack, { allTenants: true });

    const idle: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) idle.push(await latencyMs(stack, keyB));

    const attacker = new Worker(new URL('./fairness-attacker.js', import.meta.url), {
      workerData: {
        url: stack.gateway.graphqlUrl,
        statsKey: keyA,
        runsKey: await tenantKey(stack, 'tenant_a', 'runs'),
        loops: ATTACK_LOOPS,
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 3000)); // A's burst and first run

    const grants = recordGrants(stack);
    const bStart = await stack.graphql<Started, Record<string, unknown>>(
      START,
      { full: true },
      keyB,
    );
    const bRunId = bStart.body.data!.startIngestion.run!.id;
    const bStarted = performance.now();
    const loaded: number[] = [];
    let bRun = await runState(stack, bRunId);
    while (bRun.finishedAt === null) {
      loaded.push(await latencyMs(stack, keyB));
      bRun = await runState(stack, bRunId);
    }
    const bSeconds = (performance.now() - bStarted) / 1000;
    const calls = shareWhileBothWaited(grants);
    attacker.postMessage('stop');
    const [attack] = (await once(attacker, 'message')) as [Record<string, number>];

    const idleP95 = percentile(idle, 95);
    const loadedP95 = percentile(loaded, 95);
    return {
      'fairness.tenantB.idle.p50Ms': round(percentile(idle, 50), 1),
      'fairness.tenantB.idle.p95Ms': round(idleP95, 1),
      'fairness.tenantB.underLoad.p50Ms': round(percentile(loaded, 50), 1),
      'fairness.tenantB.underLoad.p95Ms': round(loadedP95, 1),
      'fairness.tenantB.underLoad.samples': loaded.length,
      'fairness.tenantB.p95Ratio': round(loadedP95 / idleP95, 2),
      'fairness.tenantA.statsServed': attack.statsServed!,
      'fairness.tenantA.statsRefused': attack.statsRefused!,
      'fairness.tenantA.fullRunsStarted': attack.fullRunsStarted!,
      'fairness.tenantA.fullRunsRefused': attack.fullRunsRefused!,
      'fairness.tenantB.runSeconds': round(bSeconds, 1),
      'fairness.tenantB.runPages': bRun.progress.processedPages,
      'fairness.tenantB.providerCalls': calls.ofB,
      'fairness.tenantA.providerCallsWhileBWaited': calls.ofA,
      'fairness.tenantB.providerShare': round(calls.share, 3),
    };
  } finally {
    await stack.stop();
  }
}
