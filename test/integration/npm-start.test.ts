import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedMongoUri, uniqueDatabaseName } from '../support/databases.js';
import { until } from '../support/eventually.js';
import { freePort } from '../support/entry-process.js';
import { startMainProcess, type MainProcess } from '../support/main-process.js';
import { saveScreenshot } from '../support/screenshots.js';

const ADMIN_API_KEY = 'tgw_test-admin-key-0123456789';

/** The embedded engine's port, from the gateway's start-up log. */
function enginePort(main: MainProcess): number {
  const line = main.output.find((l) =>
    l.includes('started the embedded MongoDB-compatible engine'),
  );
  return Number(new URL(JSON.parse(line!).uri).port);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until nothing listens on the port any more. */
const closed = (port: number) =>
  until(async () => !(await accepts(port)), { timeoutMs: 10_000, intervalMs: 50 });

describe('npm start (the compiled main) with nothing configured', () => {
  let main: MainProcess;
  let browser: Browser;
  beforeAll(async () => {
    // A smaller bundled mock, so that the browser test's ingestion ends in seconds.
    main = await startMainProcess(
      { ADMIN_API_KEY, LOG_LEVEL: 'info', MOCK_TICKETS: '400' },
      { entry: 'demo' },
    );
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await main?.stop();
  });

  it('starts the embedded engine and the mock itself and reports both healthy', async () => {
    const response = await fetch(`${main.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.dependencies.map((d: any) => d.status)).toEqual(['OK', 'OK']);
    expect(main.output.join('\n')).toContain(`GraphiQL:  ${main.url}/graphql`);
    expect(main.output.join('\n')).not.toContain(ADMIN_API_KEY);
  });

  describe('GraphiQL, as a new user meets it', () => {
    let context: BrowserContext;
    let page: Page;
    const foreign: string[] = [];
    const pageErrors: string[] = [];
    const posts: { authorization: string | undefined; introspection: boolean }[] = [];

    beforeAll(async () => {
      context = await browser.newContext({
        viewport: { width: 1400, height: 850 },
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      context.on('request', (request) => {
        const host = new URL(request.url()).hostname;
        if (!['localhost', '127.0.0.1'].includes(host)) foreign.push(request.url());
        if (request.method() === 'POST')
          posts.push({
            authorization: request.headers().authorization,
            introspection: (request.postData() ?? '').includes('IntrospectionQuery'),
          });
      });
      page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
    });
    afterAll(() => context?.close());

    const adminQuery = async (query: string) => {
      const response = await fetch(`${main.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_API_KEY}` },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as any).data;
    };
    const startRun = async (tenantId: string): Promise<string> =>
      (
        await adminQuery(
          `mutation { startIngestion(input: { tenantId: "${tenantId}" }) { run { id } } }`,
        )
      ).startIngestion.run.id;

    /** What a person does: copy a text, click into an editor, select all, paste. */
    async function pasteInto(editor: Locator, text: string) {
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
    }
    /** The result pane's text, without the line breaks its narrow pane wraps values at. */
    const result = async () =>
      (await page.locator('.result-window').innerText()).replace(/\s+/g, '');
    /** GraphiQL reads a tab's operation 100 ms after its editor changes, and shows no sign of it. */
    const editorSettled = () =>
      // allow-sleep: GraphiQL's debounce has nothing to poll.
      page.waitForTimeout(300);

    /** Switches tab, and lets GraphiQL read its operation. */
    async function openTab(name: string, firstLine: string) {
      await page.getByText(name, { exact: true }).click();
      await page.locator('.graphiql-query-editor', { hasText: firstLine }).waitFor();
      await editorSettled();
    }

    it('opens on docs that list Query.tickets before any key, with the example tabs, sending no key', async () => {
      await page.goto(`${main.url}/graphql`);
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByRole('link', { name: 'Query', exact: true }).first().click();
      await docs.getByText('tickets', { exact: true }).waitFor({ timeout: 15_000 });
      expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual([
        'UrgentOpenTickets',
        'ReviewQueue',
        'Dashboard',
        'WatchIngestion',
        'CreateKey',
      ]);
      await page.locator('.graphiql-query-editor', { hasText: 'UrgentOpenTickets' }).waitFor();
      await saveScreenshot(page, 'graphiql-first-visit');
      // A reload brings the same tabs back, with no blank one added.
      const tabs = await page.locator('.graphiql-tab').allInnerTexts();
      await page.reload();
      await page.locator('.graphiql-query-editor', { hasText: 'UrgentOpenTickets' }).waitFor();
      expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(tabs);
      expect(posts.length).toBeGreaterThan(0);
      expect(posts.every((post) => post.authorization === undefined)).toBe(true);
    });

    it('after a key is pasted once, refetches the docs, then runs a query and a subscription in other tabs without a reload', async () => {
      const introspectionsBefore = posts.filter((post) => post.introspection).length;
      const headersEditor = page.locator('.graphiql-editor-tool .monaco-editor').last();
      await pasteInto(headersEditor, `{ "Authorization": "Bearer ${ADMIN_API_KEY}" }`);
      await expect
        .poll(() => posts.filter((post) => post.introspection).length, { timeout: 10_000 })
        .toBe(introspectionsBefore + 1);
      expect(posts.at(-1)!.authorization).toBe(`Bearer ${ADMIN_API_KEY}`);

      // Another example tab, whose own headers hold only the commented hint, over real data.
      const ingested = await startRun('tenant_a');
      await expect
        .poll(
          async () =>
            (await adminQuery(`{ ingestionRun(id: "${ingested}") { status } }`)).ingestionRun
              .status,
          { timeout: 60_000 },
        )
        .toBe('SUCCEEDED');
      await openTab('Dashboard', 'query Dashboard');
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(result, { timeout: 15_000 }).toMatch(/"totalTickets":[1-9]/);
      await saveScreenshot(page, 'graphiql-with-key');

      const runId = await startRun('tenant_b');
      await page.getByRole('button', { name: 'New tab' }).click();
      await pasteInto(
        page.locator('.graphiql-query-editor .monaco-editor'),
        `subscription { ingestionProgress(runId: "${runId}") { id status } }`,
      );
      await editorSettled();
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(result, { timeout: 15_000 }).toContain(`"id":"${runId}"`);

      expect(await page.locator('#key-status').innerText()).toMatch(
        /^Key in use: Bearer tgw_…6789/,
      );
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 120_000);

    it('falls back to the docs without a refused key, and says so', async () => {
      await page.evaluate(() =>
        localStorage.setItem(
          'ticket-gateway:authorization',
          'Bearer tgw_revoked-or-stale-key-0000',
        ),
      );
      await page.reload();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByRole('link', { name: 'Query', exact: true }).first().click();
      await docs.getByText('tickets', { exact: true }).waitFor({ timeout: 15_000 });
      await expect
        .poll(() => page.locator('#key-status').innerText(), { timeout: 10_000 })
        .toMatch(/saved key was refused/);
      expect(pageErrors).toEqual([]);
    }, 60_000);
  });

  it('serves the example dashboard: a key, live charts, and an ingestion whose bar reaches 100%', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1300 } });
    const foreign: string[] = [];
    context.on('request', (request) => {
      const host = new URL(request.url()).hostname;
      if (!['localhost', '127.0.0.1'].includes(host)) foreign.push(request.url());
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${main.url}/dashboard`);
    await page.fill('#key', ADMIN_API_KEY);
    await page.click('button[type=submit]');
    // tenant_a was ingested by the GraphiQL test above: its figures come at once.
    await expect
      .poll(() => page.locator('#total').innerText(), { timeout: 15_000 })
      .toMatch(/^[1-9]\d*$/);
    expect(await page.locator('#tenant option').allInnerTexts()).toEqual(
      expect.arrayContaining(['tenant_a', 'tenant_b']),
    );
    expect(await page.locator('#risk tbody tr').count()).toBeGreaterThan(0);
    // The last run that ingested tenant_a is on show (its own or the first start's sweep);
    // the button starts the next, which the bar follows.
    await expect.poll(() => page.locator('#progress-label').innerText()).toMatch(/: SUCCEEDED/);
    await page.click('#ingest');
    await expect
      .poll(() => page.locator('#progress-label').innerText())
      .toMatch(/^Ingestion: (QUEUED|RUNNING)/);
    await expect
      .poll(() => page.locator('#progress-label').innerText(), { timeout: 60_000 })
      .toMatch(/^Ingestion: SUCCEEDED · 100 %/);
    expect(
      await page.locator('#progress').evaluate((bar) => (bar as HTMLProgressElement).value),
    ).toBe(100);
    await saveScreenshot(page, 'dashboard', true);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it('stops on SIGTERM with exit code 0, taking the embedded engine with it', async () => {
    const port = enginePort(main);
    expect(await accepts(port)).toBe(true);
    expect(await main.stop('SIGTERM')).toBe(0);
    await expect(fetch(`${main.url}/health`)).rejects.toThrow();
    await closed(port);
  });
});

describe('npm start on a fresh machine, then started again', () => {
  it('fills the demo tenants by itself, and a restart shows the same data with the same key, with no new ingestion', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tgw-fresh-'));
    // One port for both starts: the dashboard keeps its key per origin.
    const env = {
      LOG_LEVEL: 'info',
      MOCK_TICKETS: '400',
      DEMO_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    };
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    let main = await startMainProcess(env, { entry: 'demo' });
    try {
      const key = /Admin key: (tgw_\S+)/.exec(main.output.join('\n'))?.[1];
      expect(key).toBeDefined();
      expect(readFileSync(join(dataDir, 'admin-key'), 'utf8').trim()).toBe(key);
      const query = async (text: string) => {
        const response = await fetch(`${main.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key!}` },
          body: JSON.stringify({ query: text }),
        });
        return ((await response.json()) as any).data;
      };
      const SWEEPS = '{ ingestionRuns(tenantId: "*", first: 5) { nodes { id status } } }';
      const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
      await page.goto(`${main.url}/dashboard`);
      await page.fill('#key', key!);
      await page.click('button[type=submit]');
      // Nobody starts an ingestion: the figures arrive by themselves.
      await expect
        .poll(() => page.locator('#total').innerText(), { timeout: 60_000 })
        .toMatch(/^[1-9]\d*$/);
      await expect
        .poll(async () => (await query(SWEEPS)).ingestionRuns.nodes[0]?.status, { timeout: 60_000 })
        .toBe('SUCCEEDED');
      const [sweep] = (await query(SWEEPS)).ingestionRuns.nodes;
      const total = (await query('{ tenantStats(tenantId: "tenant_a") { totalTickets } }'))
        .tenantStats.totalTickets;
      await expect.poll(() => page.locator('#total').innerText()).toBe(String(total));
      // The sweep is on show, finished, with nobody having started it here.
      await expect
        .poll(() => page.locator('#progress-label').innerText())
        .toMatch(/^Sweep of every tenant: SUCCEEDED · 100 %/);
      await saveScreenshot(page, 'dashboard-first-start');

      await main.stop();
      main = await startMainProcess(env, { entry: 'demo' });
      expect(main.output.join('\n')).toContain(`Admin key: ${key!}`);
      await expect.poll(() => main.output.join('\n')).toMatch(/nothing to fill/);
      // The page, reloaded, connects with the key it kept and shows the same figures.
      await page.reload();
      await expect
        .poll(() => page.locator('#total').innerText(), { timeout: 15_000 })
        .toBe(String(total));
      await expect
        .poll(() => page.locator('#progress-label').innerText())
        .toMatch(/^Sweep of every tenant: SUCCEEDED/);
      expect((await query(SWEEPS)).ingestionRuns.nodes).toEqual([sweep]);
    } finally {
      await browser.close();
      await main.stop();
    }
  }, 180_000);
});

describe('npm start killed with SIGKILL', () => {
  it('leaves no embedded engine behind', async () => {
    const main = await startMainProcess({ LOG_LEVEL: 'info' }, { entry: 'demo' });
    const port = enginePort(main);
    expect(await accepts(port)).toBe(true);
    await main.stop('SIGKILL');
    await closed(port);
  });
});

describe('npm start when its embedded engine dies', () => {
  it('exits non-zero at once, so that a supervisor starts both afresh', async () => {
    const main = await startMainProcess({ LOG_LEVEL: 'info' }, { entry: 'demo' });
    const line = main.output.find((l) => l.includes('started the embedded MongoDB-compatible'));
    const enginePid = JSON.parse(line!).pid as number;
    const killedAt = Date.now();
    process.kill(enginePid, 'SIGKILL');
    expect(await main.exited).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(main.output.join('\n')).toMatch(/the embedded engine died/);
  });
});

describe('npm start with a broken environment', () => {
  it('refuses to start and names the bad variable', async () => {
    await expect(
      startMainProcess({ PORT: 'not-a-port' }, { entry: 'demo', timeoutMs: 20_000 }),
    ).rejects.toThrow(/PORT/);
  });
});

describe('the production entry', () => {
  it('says in one line that the port is taken, without a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const start = startMainProcess(
        {
          PORT: String(port),
          HOST: '127.0.0.1',
          MONGODB_URI: sharedMongoUri(),
          MONGODB_DB: uniqueDatabaseName('busy_port'),
          PROVIDER_URL: 'http://127.0.0.1:9',
        },
        { timeoutMs: 30_000 },
      );
      const refusal = await start.then(
        () => '',
        (error: Error) => error.message,
      );
      expect(refusal).toMatch(
        new RegExp(`exited with 1:[\\s\\S]*Port ${port} on 127.0.0.1 is already in use`),
      );
      expect(refusal).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it('starts no simulator: without MONGODB_URI and PROVIDER_URL it refuses, naming both', async () => {
    await expect(startMainProcess({}, { timeoutMs: 20_000 })).rejects.toThrow(
      /exited with 1:[\s\S]*MONGODB_URI and PROVIDER_URL must be set/,
    );
  });
});
