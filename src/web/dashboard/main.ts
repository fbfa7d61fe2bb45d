/**
 * The example dashboard: a reference client of the gateway in one file. It authenticates
 * with an API key, lists the tenants the key may see, follows one tenant's figures live
 * (the tenantStatsUpdated subscription), and shows the tenant's ingestions as they run
 * (ingestionProgress by tenant: a first start's sweep too), with a button to start one.
 * Everything goes through /graphql: HTTP for queries and mutations,
 * WebSocket (graphql-ws) for subscriptions.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { createClient, type Client } from 'graphql-ws';
import './style.css';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const GRAPHQL_URL = `${location.origin}/graphql`;
const KEY_STORAGE = 'ticket-gateway:dashboard-key';

// ---- GraphQL over HTTP and WebSocket -------------------------------------------------

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

class ApiError extends Error {}

/** A query or mutation over HTTP; GraphQL errors become one ApiError naming their codes. */
async function request<T>(key: string, query: string, variables: object = {}): Promise<T> {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
  if (body.errors?.length) throw new ApiError(describe(body.errors));
  return body.data as T;
}

const describe = (errors: readonly GraphQLError[]) =>
  errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');

/** One WebSocket per key: the key goes in connection_init. */
function socketFor(key: string): Client {
  return createClient({
    url: GRAPHQL_URL.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${key}` },
  });
}

/** Follows a subscription; returns the function that stops it. */
function follow<T>(
  socket: Client,
  query: string,
  variables: Record<string, unknown>,
  onData: (data: T) => void,
  onEnd: (error?: string) => void = () => undefined,
): () => void {
  return socket.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) onEnd(describe(result.errors as GraphQLError[]));
        else if (result.data) onData(result.data as T);
      },
      error: (error) => onEnd(error instanceof Error ? error.message : 'the connection closed'),
      complete: () => onEnd(),
    },
  );
}

// ---- The operations this page uses ----------------------------------------------------

const TENANTS = `query Tenants {
  viewer { isAdmin }
  tenants(first: 100) { nodes { id name } }
}`;

const LIVE_STATS = `subscription LiveStats($tenantId: String, $timeZone: String!) {
  tenantStatsUpdated(tenantId: $tenantId) {
    asOf
    totalTickets
    urgencyHighRatio
    requiresActionCount
    needsReviewCount
    byUrgency { urgency count }
    bySentiment { sentiment count }
    byStatus { status count }
    bySource { source count }
    hourlyTrend(timeZone: $timeZone) { bucketStart count }
    dailyTrend(days: 30, timeZone: $timeZone) { bucketStart count }
    atRiskCustomers(limit: 8) {
      customerId riskScore highUrgencyTickets negativeTickets openTickets lastTicketAt
    }
  }
}`;

const START_INGESTION = `mutation Start($tenantId: String) {
  startIngestion(input: { tenantId: $tenantId }) {
    run { id status }
    userErrors { code message }
  }
}`;

const RUN_FIELDS = `id tenantId status error queuedAt
  progress { percent processedPages totalPages waitingForProviderUntil }`;

/** The latest run that ingested the tenant: its own, or (admin keys) a sweep of every tenant. */
const LATEST_RUN = `query LatestRun($tenantId: String!, $sweeps: Boolean!) {
  tenant(id: $tenantId) { lastRun { ${RUN_FIELDS} } }
  ingestionRuns(tenantId: "*", first: 1) @include(if: $sweeps) { nodes { ${RUN_FIELDS} } }
}`;

const WATCH_RUN = `subscription WatchRun($runId: ID) {
  ingestionProgress(runId: $runId) { ${RUN_FIELDS} }
}`;

/** The tenant's current run, or its next one: completes when that run ends. */
const WATCH_TENANT_RUNS = `subscription WatchTenantRuns($tenantId: String) {
  ingestionProgress(tenantId: $tenantId) { ${RUN_FIELDS} }
}`;

interface Point {
  bucketStart: string;
  count: number;
}
interface Stats {
  asOf: string;
  totalTickets: number;
  urgencyHighRatio: number;
  requiresActionCount: number;
  needsReviewCount: number;
  byUrgency: { urgency: string; count: number }[];
  bySentiment: { sentiment: string; count: number }[];
  byStatus: { status: string; count: number }[];
  bySource: { source: string; count: number }[];
  hourlyTrend: Point[];
  dailyTrend: Point[];
  atRiskCustomers: {
    customerId: string;
    riskScore: number;
    highUrgencyTickets: number;
    negativeTickets: number;
    openTickets: number;
    lastTicketAt: string;
  }[];
}
interface RunState {
  id: string;
  tenantId: string;
  status: string;
  error: string | null;
  queuedAt: string;
  progress: {
    percent: number;
    processedPages: number;
    totalPages: number | null;
    waitingForProviderUntil: string | null;
  };
}

// ---- The page ---------------------------------------------------------------------------

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const keyInput = $<HTMLInputElement>('key');
const tenantSelect = $<HTMLSelectElement>('tenant');
const zoneSelect = $<HTMLSelectElement>('zone');
const statusLine = $<HTMLParagraphElement>('status');

function say(message: string, isError = false) {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', isError);
}

function chart(id: string, type: 'bar' | 'line', color: string): Chart {
  return new Chart($<HTMLCanvasElement>(id), {
    type,
    data: {
      labels: [],
      datasets: [{ data: [], backgroundColor: color, borderColor: color, fill: type === 'line' }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

const charts = {
  hourly: chart('hourly', 'line', 'rgba(33, 86, 217, 0.45)'),
  daily: chart('daily', 'bar', '#2156d9'),
  urgency: chart('urgency', 'bar', '#d9480f'),
  sentiment: chart('sentiment', 'bar', '#7048e8'),
  status: chart('statusChart', 'bar', '#0c8599'),
  source: chart('source', 'bar', '#5c940d'),
};

function show(target: Chart, labels: string[], counts: number[]) {
  target.data.labels = labels;
  target.data.datasets[0]!.data = counts;
  target.update();
}

function render(stats: Stats, timeZone: string) {
  const hour = new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(undefined, { timeZone, month: 'short', day: 'numeric' });
  $('total').textContent = String(stats.totalTickets);
  $('high').textContent = `${(stats.urgencyHighRatio * 100).toFixed(1)} %`;
  $('action').textContent = String(stats.requiresActionCount);
  $('review').textContent = String(stats.needsReviewCount);
  $('asof').textContent = new Date(stats.asOf).toLocaleTimeString(undefined, { timeZone });
  show(
    charts.hourly,
    stats.hourlyTrend.map((p) => hour.format(new Date(p.bucketStart))),
    stats.hourlyTrend.map((p) => p.count),
  );
  show(
    charts.daily,
    stats.dailyTrend.map((p) => day.format(new Date(p.bucketStart))),
    stats.dailyTrend.map((p) => p.count),
  );
  show(
    charts.urgency,
    stats.byUrgency.map((u) => u.urgency),
    stats.byUrgency.map((u) => u.count),
  );
  show(
    charts.sentiment,
    stats.bySentiment.map((s) => s.sentiment),
    stats.bySentiment.map((s) => s.count),
  );
  show(
    charts.status,
    stats.byStatus.map((s) => s.status),
    stats.byStatus.map((s) => s.count),
  );
  show(
    charts.source,
    stats.bySource.map((s) => s.source),
    stats.bySource.map((s) => s.count),
  );
  const rows = stats.atRiskCustomers.map((c) => {
    const row = document.createElement('tr');
    for (const cell of [
      c.customerId,
      c.riskScore,
      c.highUrgencyTickets,
      c.negativeTickets,
      c.openTickets,
      day.format(new Date(c.lastTicketAt)),
    ]) {
      const td = document.createElement('td');
      td.textContent = String(cell);
      row.append(td);
    }
    return row;
  });
  $('risk')
    .querySelector('tbody')!
    .replaceChildren(...rows);
}

function fillZones() {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const choices = [...new Set([own, 'UTC', ...zones])];
  zoneSelect.replaceChildren(...choices.map((zone) => new Option(zone, zone)));
  zoneSelect.value = own;
}

let session: {
  key: string;
  isAdmin: boolean;
  socket: Client;
  stopStats: () => void;
  stopRuns: () => void;
} | null = null;

/** Set when the server refused the browser's zone and the figures fell back to UTC. */
let zoneNote = '';

/** (Re)subscribes to the figures of the selected tenant, in the selected zone. */
function followStats() {
  if (session === null) return;
  session.stopStats();
  const tenantId = tenantSelect.value;
  const timeZone = zoneSelect.value;
  session.stopStats = follow<{ tenantStatsUpdated: Stats }>(
    session.socket,
    LIVE_STATS,
    { tenantId, timeZone },
    (data) => {
      render(data.tenantStatsUpdated, timeZone);
      say(`Live: ${tenantId}, updated ${new Date().toLocaleTimeString()}.${zoneNote}`);
    },
    (error) => {
      if (!error) return;
      if (error.includes('BAD_USER_INPUT') && error.includes('timeZone') && timeZone !== 'UTC') {
        // A zone this browser knows and the server does not: show UTC, and say so.
        zoneNote = ` The server does not know the time zone ${timeZone}: times are in UTC.`;
        zoneSelect.value = 'UTC';
        followStats();
      } else say(`Live figures stopped: ${error}`, true);
    },
  );
}

async function connect(key: string) {
  session?.stopStats();
  session?.stopRuns();
  await session?.socket.dispose();
  session = null;
  say('Connecting…');
  const { viewer, tenants } = await request<{
    viewer: { isAdmin: boolean };
    tenants: { nodes: { id: string; name: string | null }[] };
  }>(key, TENANTS);
  if (tenants.nodes.length === 0)
    throw new ApiError('This key sees no tenant yet: run a sweep or register one.');
  localStorage.setItem(KEY_STORAGE, key);
  tenantSelect.replaceChildren(
    ...tenants.nodes.map((t) => new Option(t.name ? `${t.name} (${t.id})` : t.id, t.id)),
  );
  tenantSelect.disabled = false;
  $('board').hidden = false;
  session = {
    key,
    isAdmin: viewer.isAdmin,
    socket: socketFor(key),
    stopStats: () => undefined,
    stopRuns: () => undefined,
  };
  followStats();
  await followRuns();
}

const ingestButton = $<HTMLButtonElement>('ingest');
const progressBar = $<HTMLProgressElement>('progress');
const progressLabel = $('progress-label');
const UNFINISHED = new Set(['QUEUED', 'RUNNING']);

function showRun(run: RunState) {
  progressBar.value = run.progress.percent;
  const what = run.tenantId === '*' ? 'Sweep of every tenant' : 'Ingestion';
  const pages = `${run.progress.processedPages}/${run.progress.totalPages ?? '?'} pages`;
  const until = run.progress.waitingForProviderUntil;
  const waiting = until
    ? ` · waiting for the provider until ${new Date(until).toLocaleTimeString()}`
    : '';
  const failure = run.error ? ` · ${run.error}` : '';
  progressLabel.textContent = `${what}: ${run.status} · ${run.progress.percent.toFixed(0)} % · ${pages}${waiting}${failure}`;
  ingestButton.disabled = UNFINISHED.has(run.status);
}

/** Counts the times the runs on show changed hands, so a late answer does not take over. */
let runsGeneration = 0;

/** Shows one tenant's runs: the run `firstRunId` names (if any), then each next one. */
function watchRuns(current: NonNullable<typeof session>, tenantId: string, firstRunId?: string) {
  current.stopRuns();
  runsGeneration += 1;
  let stopped = false;
  let unsubscribe: () => void = () => undefined;
  current.stopRuns = () => {
    stopped = true;
    unsubscribe();
  };
  const watch = (query: string, variables: Record<string, unknown>) => {
    unsubscribe = follow<{ ingestionProgress: RunState }>(
      current.socket,
      query,
      variables,
      ({ ingestionProgress: run }) => showRun(run),
      (error) => {
        if (stopped) return;
        if (error) progressLabel.textContent = `Stopped following ingestions: ${error}`;
        else watch(WATCH_TENANT_RUNS, { tenantId });
      },
    );
  };
  if (firstRunId === undefined) watch(WATCH_TENANT_RUNS, { tenantId });
  else watch(WATCH_RUN, { runId: firstRunId });
}

/**
 * Shows the selected tenant's ingestions for as long as it stays selected: the latest one
 * (finished or running), then every next one as it runs, whoever started it.
 */
async function followRuns() {
  if (session === null) return;
  const current = session;
  const tenantId = tenantSelect.value;
  current.stopRuns();
  const generation = ++runsGeneration;
  progressBar.value = 0;
  progressLabel.textContent = 'No ingestion of this tenant yet.';
  ingestButton.disabled = false;
  const latest = await request<{
    tenant: { lastRun: RunState | null } | null;
    ingestionRuns?: { nodes: RunState[] };
  }>(current.key, LATEST_RUN, { tenantId, sweeps: current.isAdmin });
  if (generation !== runsGeneration) return;
  const runs = [latest.tenant?.lastRun, latest.ingestionRuns?.nodes[0]].filter(
    (run): run is RunState => run != null,
  );
  const newest = runs.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))[0];
  if (newest !== undefined) showRun(newest);
  watchRuns(current, tenantId, newest && UNFINISHED.has(newest.status) ? newest.id : undefined);
}

/** Starts an ingestion of the selected tenant, and shows it. */
async function startIngestion() {
  if (session === null) {
    progressLabel.textContent = 'Connect with an API key first (at the top of the page).';
    return;
  }
  const current = session;
  const tenantId = tenantSelect.value;
  ingestButton.disabled = true;
  try {
    const { startIngestion: started } = await request<{
      startIngestion: {
        run: { id: string } | null;
        userErrors: { code: string; message: string }[];
      };
    }>(current.key, START_INGESTION, { tenantId });
    const refusal = started.userErrors[0];
    // A refusal that names a run (one already going) shows that run.
    if (refusal !== undefined && started.run === null)
      throw new ApiError(`${refusal.code}: ${refusal.message}`);
    // A short run may end between two looks for the tenant's next run: follow it by id.
    watchRuns(current, tenantId, started.run!.id);
  } catch (error) {
    ingestButton.disabled = false;
    progressLabel.textContent = error instanceof Error ? error.message : String(error);
  }
}

$<HTMLFormElement>('connect').addEventListener('submit', (event) => {
  event.preventDefault();
  connect(keyInput.value.trim()).catch((error: unknown) =>
    say(error instanceof Error ? error.message : String(error), true),
  );
});
tenantSelect.addEventListener('change', () => {
  followStats();
  followRuns().catch((error: unknown) =>
    say(error instanceof Error ? error.message : String(error), true),
  );
});
zoneSelect.addEventListener('change', () => {
  zoneNote = '';
  followStats();
});
$('ingest').addEventListener('click', () => void startIngestion());

fillZones();
keyInput.value = localStorage.getItem(KEY_STORAGE) ?? '';
// A key kept from an earlier visit connects at once (after a gateway restart too).
if (keyInput.value !== '')
  connect(keyInput.value).catch((error: unknown) =>
    say(
      `The key kept from your last visit did not work (${error instanceof Error ? error.message : String(error)}): paste another.`,
      true,
    ),
  );
