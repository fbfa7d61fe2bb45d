import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { getIntrospectionQuery } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Tenant A and strangers as hostile clients, in their own thread as they would be on their
 * own machines (so their HTTP clients do not share the gateway's event loop). Each attack
 * named in `attacks` runs until the parent posts a message; the answer is their counts.
 * Strangers come from their own addresses (X-Forwarded-For, as the one trusted proxy in
 * front of the gateway would write it).
 */
export type Attack = 'stats' | 'runs' | 'subscriptions' | 'introspection' | 'metrics' | 'badKeys';

const { url, statsKey, runsKey, subscriptionsKey, loops, attacks } = workerData as {
  url: string;
  statsKey: string;
  runsKey: string;
  subscriptionsKey: string;
  loops: number;
  attacks: Attack[];
};

const START = `mutation($full: Boolean!) { startIngestion(input: { full: $full }) { run { id } userErrors { code } } }`;
const ZONES = ['UTC', 'Europe/Paris', 'Asia/Kolkata', 'America/Los_Angeles'];
/** The heaviest tenantStats within the limits: every part, 104 weeks in 4 zones. */
const HEAVY = `totalTickets byStatus { status count } byUrgency { urgency count } dailyTrend(days: 366) { count }
  ${ZONES.map((zone, i) => `w${i}: weeklyTrend(weeks: 104, timeZone: "${zone}") { count }`).join(' ')}
  topKeywords(limit: 100) { keyword count } atRiskCustomers(limit: 100) { customerId riskScore }`;
/** A new asOf each time, so nothing could be served from a cache. */
const stats = (i: number) =>
  `{ tenantStats(asOf: "${new Date(Date.now() - i * 1000).toISOString()}") { ${HEAVY} } }`;

/** GraphiQL's introspection selection, 30 times over (the issue's attack). */
const introspection30 = (() => {
  const standard = getIntrospectionQuery();
  const start = standard.indexOf('__schema');
  let end = standard.indexOf('{', start);
  for (let depth = 0; ;) {
    if (standard[end] === '{') depth += 1;
    if (standard[end] === '}') depth -= 1;
    end += 1;
    if (depth === 0) break;
  }
  const schema = standard.slice(start, end);
  const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: ${schema}`).join(' ');
  return `query { ${aliases} } ${standard.slice(standard.indexOf('fragment'))}`;
})();

async function post(
  query: string,
  options: { key?: string; from?: string; variables?: Record<string, unknown> } = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(options.from ? { 'x-forwarded-for': options.from } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: { startIngestion?: { userErrors: { code: string }[] } };
    },
  };
}

let stop = false;
const stopped = new Promise<void>((resolve) =>
  parentPort!.once('message', () => {
    stop = true;
    resolve();
  }),
);
const counts: Record<string, number> = {};
const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
const loop = (n: number, body: (loop: number, i: number) => Promise<void>) =>
  Array.from({ length: n }, async (_, l) => {
    for (let i = 0; !stop; i++) await body(l, i);
  });

const running: Promise<void>[] = [];
if (attacks.includes('stats'))
  running.push(
    ...loop(loops, async (l, i) => {
      const { status } = await post(stats(l * 100_000 + i), { key: statsKey });
      count(status === 200 ? 'statsServed' : 'statsRefused');
    }),
  );
if (attacks.includes('runs'))
  running.push(
    ...loop(1, async () => {
      const full = await post(START, { key: runsKey, variables: { full: true } });
      const errors = full.body.data?.startIngestion?.userErrors ?? [];
      if (errors.some((e) => e.code === 'RATE_LIMITED')) {
        count('fullRunsRefused');
        await post(START, { key: runsKey, variables: { full: false } });
      } else if (full.status === 200 && errors.length === 0) count('fullRunsStarted');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }),
  );
const clients: Client[] = [];
if (attacks.includes('subscriptions')) {
  // As many sockets and subscriptions as the key may hold, and then some: every update of
  // tenant A's figures (its runs) is computed for all of them.
  for (let s = 0; s < 20; s++) {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${subscriptionsKey}` },
      retryAttempts: 0,
      lazy: true,
      on: { closed: () => count('socketsClosed') },
    });
    clients.push(client);
    for (let n = 0; n < 5; n++)
      client.subscribe(
        { query: `subscription { tenantStatsUpdated { ${HEAVY} } }` },
        {
          next: (result) => count(result.errors ? 'updatesRefused' : 'updates'),
          error: () => count('subscriptionsRefused'),
          complete: () => undefined,
        },
      );
  }
}
if (attacks.includes('introspection'))
  running.push(
    ...loop(4, async (l, i) => {
      const { status } = await post(i % 2 === 0 ? introspection30 : getIntrospectionQuery(), {
        from: `10.0.1.${l}`,
      });
      count(status === 200 ? 'introspectionServed' : 'introspectionRefused');
    }),
  );
if (attacks.includes('metrics'))
  running.push(
    ...loop(4, async (l) => {
      await post(`query Op_${randomUUID().replace(/-/g, '')} { __typename }`, {
        from: `10.0.2.${l}`,
      });
      count('namedOperations');
    }),
    ...loop(1, async () => {
      await (await fetch(url.replace('/graphql', '/metrics'))).text();
      count('scrapes');
    }),
  );
if (attacks.includes('badKeys'))
  running.push(
    ...loop(16, async (l) => {
      const { status } = await post('{ viewer { keyName } }', {
        key: `tgw_${randomUUID()}`,
        from: `10.0.3.${l % 4}`,
      });
      count(status === 401 ? 'badKeysLookedUp' : 'badKeysRefused');
    }),
  );
await Promise.all([stopped, ...running]);
await Promise.all(clients.map((client) => client.dispose()));
parentPort!.postMessage(counts);
