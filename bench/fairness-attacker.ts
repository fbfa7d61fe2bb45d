import { parentPort, workerData } from 'node:worker_threads';

/**
 * Tenant A as an abusive client, in its own thread as it would be on its own machine (so its
 * HTTP client does not share the gateway's event loop): parallel tenantStats loops that
 * ignore Retry-After, and a run loop that starts full runs and, when one is refused, an
 * incremental one. Stops when the parent posts a message; answers with its counts.
 */
const { url, statsKey, runsKey, loops } = workerData as {
  url: string;
  statsKey: string;
  runsKey: string;
  loops: number;
};

const START = `mutation($full: Boolean!) { startIngestion(input: { full: $full }) { run { id } userErrors { code } } }`;
/** A new asOf each time, so nothing could be served from a cache. */
const stats = (i: number) =>
  `{ tenantStats(asOf: "${new Date(Date.now() - i * 1000).toISOString()}") { totalTickets byStatus { status count } byUrgency { urgency count } dailyTrend(days: 30) { count } topKeywords { keyword count } atRiskCustomers { customerId riskScore } } }`;

async function post(key: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: { startIngestion?: { userErrors: { code: string }[] } };
    },
  };
}

let stop = false;
parentPort!.once('message', () => {
  stop = true;
});
const counts = { statsServed: 0, statsRefused: 0, fullRunsStarted: 0, fullRunsRefused: 0 };
const statsLoops = Array.from({ length: loops }, async (_, loop) => {
  for (let i = 0; !stop; i++) {
    const { status } = await post(statsKey, stats(loop * 100_000 + i));
    if (status === 200) counts.statsServed += 1;
    else counts.statsRefused += 1;
  }
});
const runLoop = (async () => {
  while (!stop) {
    const full = await post(runsKey, START, { full: true });
    const errors = full.body.data?.startIngestion?.userErrors ?? [];
    if (errors.some((e) => e.code === 'RATE_LIMITED')) {
      counts.fullRunsRefused += 1;
      await post(runsKey, START, { full: false });
    } else if (full.status === 200 && errors.length === 0) {
      counts.fullRunsStarted += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();
await Promise.all([...statsLoops, runLoop]);
parentPort!.postMessage(counts);
