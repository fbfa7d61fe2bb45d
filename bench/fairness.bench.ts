import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Attack } from './fairness-attacker.js';
import type { BenchmarkFigures } from './figures.js';
import { percentile, round, startBenchStack, type BenchStack } from './harness.js';
import { runToEnd } from './runs.js';

/**
 * B reads like a busy list view, a page every 100 ms (about 220 of its 250 points a
 * second); reading flat out it would spend its own budget.
 */
const B_PACE_MS = 100;
/** Tenant A's parallel tenantStats loops (fairness-attacker.ts); they ignore Retry-After. */
const ATTACK_LOOPS = 16;

/** Costs 21 points: the page and its 20 tickets. */
const TICKETS = `{ tickets(first: 20) { nodes { id subject status createdAt } } }`;
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
 * What a hostile round runs: every attack of issue 22, and tenant A's runs (its data
 * changes). FAIRNESS_ATTACKS (comma-separated) runs some of them alone, to see what each
 * costs B, and skips the provider share; FAIRNESS_ROUNDS sets the number of rounds.
 */
const ALL_ATTACKS: Attack[] = [
  'stats',
  'runs',
  'subscriptions',
  'introspection',
  'metrics',
  'badKeys',
];
const CHOSEN_ATTACKS = process.env.FAIRNESS_ATTACKS?.split(',') as Attack[] | undefined;
const HOSTILE = CHOSEN_ATTACKS ?? ALL_ATTACKS;
const ROUNDS = Number(process.env.FAIRNESS_ROUNDS ?? 7);
/** The operator's scraper, at its own address (the attackers' scrape loop spends theirs). */
const OPERATOR = { 'x-forwarded-for': '10.9.9.9' };
const ROUND_IDLE_SAMPLES = 100;
const ROUND_ATTACK_MS = 15_000;

function startAttacker(stack: BenchStack, keys: Record<string, string>, attacks: Attack[]) {
  return new Worker(new URL('./fairness-attacker.js', import.meta.url), {
    workerData: { url: stack.gateway.graphqlUrl, loops: ATTACK_LOOPS, attacks, ...keys },
  });
}

async function stopAttacker(attacker: Worker): Promise<Record<string, number>> {
  attacker.postMessage('stop');
  const [counts] = (await once(attacker, 'message')) as [Record<string, number>];
  await attacker.terminate();
  return counts;
}

async function lockOfA(stack: BenchStack) {
  const response = await stack.graphql<{ ingestionLock: { locked: boolean } }>(
    '{ ingestionLock(tenantId: "tenant_a") { locked } }',
  );
  return response.body.data!.ingestionLock;
}

/** /health/live's latency, asked every 50 ms from this thread (the gateway's), until `until`. */
async function probeLiveness(stack: BenchStack, until: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until()) {
    const started = performance.now();
    await fetch(`${stack.gateway.url}/health/live`);
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return samples;
}

/**
 * One hostile round: B's latency idle, then under every attacker at once for 15 s, with
 * /health/live probed and the event loop's delay recorded; memory after the attack (after a
 * GC).
 */
async function hostileRound(stack: BenchStack, keyB: string, keys: Record<string, string>) {
  // Idle means idle: tenant A's last run (started by the previous round) has ended.
  while ((await lockOfA(stack)).locked) await new Promise((resolve) => setTimeout(resolve, 200));
  const idle: number[] = [];
  for (let i = 0; i < ROUND_IDLE_SAMPLES; i++) idle.push(await latencyMs(stack, keyB));
  const attacker = startAttacker(stack, keys, HOSTILE);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ends = performance.now() + ROUND_ATTACK_MS;
  const over = () => performance.now() > ends;
  const loaded: number[] = [];
  const [liveness] = await Promise.all([
    probeLiveness(stack, over),
    (async () => {
      while (!over()) loaded.push(await latencyMs(stack, keyB));
    })(),
  ]);
  delay.disable();
  const attack = await stopAttacker(attacker);
  globalThis.gc?.();
  const metrics = await (await fetch(`${stack.gateway.url}/metrics`, { headers: OPERATOR })).text();
  return {
    bP95Ratio: percentile(loaded, 95) / percentile(idle, 95),
    bIdleP95Ms: percentile(idle, 95),
    bLoadedP95Ms: percentile(loaded, 95),
    liveP99Ms: percentile(liveness, 99),
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    metricsKb: metrics.length / 1024,
    attack,
  };
}

/**
 * Tenant A and strangers attack the gateway from another thread (fairness-attacker.ts)
 * while tenant B reads pages. Seven hostile rounds, each with every attacker of issue 22 at
 * once: heavy tenantStats within budget ignoring Retry-After, full runs looped, the
 * subscription amplifier (as many sockets and heavy subscriptions as a key may hold, and
 * more), introspection and metrics floods and a bad-key flood from strangers' addresses.
 * Printed per round: B's p95 against its idle p95, /health/live p99, event-loop delay
 * p99, memory. Then, as before, the share of provider calls B's run got while A's runs and
 * stats loops went on. Key budgets and caps are the production defaults; the provider
 * allows 20 calls per 2 s (faster than production's 60 a minute).
 */
export async function runFairnessBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 6000, rateLimit: 20, rateWindowMs: 2000 },
    env: {
      PROVIDER_RATE_LIMIT: '20',
      PROVIDER_RATE_WINDOW_MS: '2000',
      INGESTION_PAGE_SIZE: '50',
      GRAPHQL_INTROSPECTION: 'true',
      TRUST_PROXY_HOPS: '1',
      KEY_BUDGET_POINTS: undefined,
      KEY_BUDGET_RESTORE_PER_SECOND: undefined,
      KEY_MAX_CONCURRENT_REQUESTS: undefined,
    },
  });
  try {
    const keyB = await tenantKey(stack, 'tenant_b');
    const keys = {
      statsKey: await tenantKey(stack, 'tenant_a'),
      runsKey: await tenantKey(stack, 'tenant_a', 'runs'),
      subscriptionsKey: await tenantKey(stack, 'tenant_a', 'live'),
    };
    await runToEnd(stack, { allTenants: true });
    const figures: BenchmarkFigures = {};
    for (let n = 1; n <= ROUNDS; n++) {
      const r = await hostileRound(stack, keyB, keys);
      const label = `fairness.hostile.round${n}`;
      figures[`${label}.tenantB.p95Ratio`] = round(r.bP95Ratio, 2);
      figures[`${label}.tenantB.idleP95Ms`] = round(r.bIdleP95Ms, 1);
      figures[`${label}.tenantB.underAttackP95Ms`] = round(r.bLoadedP95Ms, 1);
      figures[`${label}.healthLive.p99Ms`] = round(r.liveP99Ms, 1);
      figures[`${label}.eventLoopDelay.p99Ms`] = round(r.loopDelayP99Ms, 1);
      figures[`${label}.heapMb`] = round(r.heapMb, 1);
      figures[`${label}.rssMb`] = round(r.rssMb, 1);
      figures[`${label}.metricsKb`] = round(r.metricsKb, 1);
      process.stdout.write(`  round ${n}: ${JSON.stringify(r)}\n`);
    }

    if (CHOSEN_ATTACKS !== undefined) return figures;
    // The provider's share, as before: A's stats loops and runs against B's run.
    const attacker = startAttacker(stack, keys, ['stats', 'runs']);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // A's burst and first run
    const grants = recordGrants(stack);
    const bStart = await stack.graphql<Started, Record<string, unknown>>(
      START,
      { full: true },
      keyB,
    );
    const bRunId = bStart.body.data!.startIngestion.run!.id;
    const bStarted = performance.now();
    let bRun = await runState(stack, bRunId);
    while (bRun.finishedAt === null) {
      await latencyMs(stack, keyB);
      bRun = await runState(stack, bRunId);
    }
    const bSeconds = (performance.now() - bStarted) / 1000;
    const calls = shareWhileBothWaited(grants);
    const attack = await stopAttacker(attacker);
    return {
      ...figures,
      'fairness.tenantA.statsServed': attack.statsServed ?? 0,
      'fairness.tenantA.statsRefused': attack.statsRefused ?? 0,
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
