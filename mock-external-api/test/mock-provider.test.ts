import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import type { MockProvider } from '../src/server.js';
import { getJson, postJson, startTestMock } from './helpers.js';

describe('mock provider over HTTP', () => {
  let mock: MockProvider;
  afterEach(async () => {
    await mock.close();
  });

  it('walks every page until next_page is null and serves each visible ticket once', async () => {
    mock = await startTestMock({ tickets: 1000 });
    const seen = new Set<string>();
    let page: number | null = 1;
    let pages = 0;
    let total = -1;
    while (page !== null) {
      const { status, body } = await getJson(
        `${mock.url}/external/support-tickets?page=${page}&page_size=100`,
      );
      expect(status).toBe(200);
      total = body.total_count;
      for (const ticket of body.tickets) seen.add(`${ticket.tenant_id}/${ticket.id}`);
      page = body.next_page;
      pages += 1;
    }
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 100));
    expect(total).toBeGreaterThan(900);
    expect(total).toBeLessThan(1000);
    const past = await getJson(
      `${mock.url}/external/support-tickets?page=${pages + 1}&page_size=100`,
    );
    expect(past.body).toMatchObject({ tickets: [], next_page: null });
  });

  it('serves the payload shape of SPEC.md', async () => {
    mock = await startTestMock();
    const { body } = await getJson(`${mock.url}/external/support-tickets?page=1&page_size=5`);
    expect(body.tickets).toHaveLength(5);
    expect(body.next_page).toBe(2);
    for (const ticket of body.tickets) {
      expect(Object.keys(ticket).sort()).toEqual([
        'created_at',
        'customer_id',
        'id',
        'message',
        'source',
        'status',
        'subject',
        'tenant_id',
        'updated_at',
      ]);
      expect(ticket.id).toMatch(/^ext-\d{3,}$/);
      expect(['email', 'web', 'chat', 'api']).toContain(ticket.source);
      expect(['open', 'closed', 'pending']).toContain(ticket.status);
      expect(ticket.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(ticket.subject).toMatch(new RegExp(`^Issue ${ticket.id}: `));
    }
  });

  it('rejects page sizes outside 1..100 and bad pages with 400', async () => {
    mock = await startTestMock();
    for (const query of ['page_size=0', 'page_size=101', 'page=0', 'page=abc']) {
      const { status, body } = await getJson(`${mock.url}/external/support-tickets?${query}`);
      expect(status, query).toBe(400);
      expect(body.error).toBeTypeOf('string');
    }
  });

  it('answers the 61st call within a minute with 429 and a sane Retry-After', async () => {
    mock = await startTestMock({ rateLimit: 60 });
    for (let i = 0; i < 60; i++) {
      const { status } = await getJson(`${mock.url}/external/support-tickets?page=1&page_size=1`);
      expect(status).toBe(200);
    }
    const limited = await getJson(`${mock.url}/external/deleted-tickets`);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.retry_after).toBe(retryAfter);
    // /health and /notify are outside the window.
    expect((await getJson(`${mock.url}/health`)).status).toBe(200);
    const notify = await postJson(`${mock.url}/notify`, {
      ticket_id: 'ext-001',
      tenant_id: 'tenant_a',
      urgency: 'HIGH',
      reason: 'keyword:lawsuit',
    });
    expect(notify.status).not.toBe(429);
    const status = await getJson(`${mock.url}/rate-limit/status`);
    expect(status.status).toBe(429);
    expect(mock.calls.filter((c) => c.status === 429)).toHaveLength(2);
  });

  it('hides deleted tickets unless include_deleted and lists them in deleted-tickets', async () => {
    mock = await startTestMock({ tickets: 400 });
    const visible = await getJson(`${mock.url}/external/support-tickets?page=1&page_size=100`);
    const all = await getJson(
      `${mock.url}/external/support-tickets?page=1&page_size=100&include_deleted=true`,
    );
    const { body } = await getJson(`${mock.url}/external/deleted-tickets`);
    expect(body.deleted_ids.length).toBeGreaterThan(0);
    expect(all.body.total_count - visible.body.total_count).toBe(body.deleted_ids.length);
    const gone = body.deleted[0];
    const single = await getJson(
      `${mock.url}/external/support-tickets/${gone.id}?tenant_id=${gone.tenant_id}`,
    );
    expect(single.status).toBe(404);
    const keys = (page: any) =>
      new Set(page.body.tickets.map((t: any) => `${t.tenant_id}/${t.id}`));
    const visibleKeys = keys(visible);
    for (const d of body.deleted) expect(visibleKeys.has(`${d.tenant_id}/${d.id}`)).toBe(false);
  });

  it('fails /notify twice per ticket, then succeeds, and counts the deliveries', async () => {
    mock = await startTestMock();
    const send = (ticket: string) =>
      postJson(`${mock.url}/notify`, {
        ticket_id: ticket,
        tenant_id: 'tenant_a',
        urgency: 'HIGH',
        reason: 'r',
      });
    expect((await send('ext-001')).status).toBe(500);
    expect((await send('ext-002')).status).toBe(500);
    expect((await send('ext-001')).status).toBe(500);
    expect((await send('ext-001')).status).toBe(200);
    expect((await send('ext-001')).status).toBe(200);
    const { body } = await getJson(`${mock.url}/_mock/notifications`);
    expect(body.deliveries).toEqual({ 'tenant_a/ext-001': 2 });
    expect((await postJson(`${mock.url}/notify`, { ticket_id: 'x' })).status).toBe(400);
  });

  it('opens a 503 storm after ten consecutive failures', async () => {
    mock = await startTestMock({ notifyStormMs: 200 });
    for (let i = 1; i <= 10; i++) {
      const { status } = await postJson(`${mock.url}/notify`, {
        ticket_id: `ext-${i}`,
        tenant_id: 'tenant_a',
        urgency: 'HIGH',
        reason: 'r',
      });
      expect(status).toBe(500);
    }
    const during = await postJson(`${mock.url}/notify`, {
      ticket_id: 'ext-1',
      tenant_id: 'tenant_a',
      urgency: 'HIGH',
      reason: 'r',
    });
    expect(during.status).toBe(503);
    // Once the outage is over, it answers as before (this ticket's calls still fail).
    const after = await eventually(
      () =>
        postJson(`${mock.url}/notify`, {
          ticket_id: 'ext-1',
          tenant_id: 'tenant_a',
          urgency: 'HIGH',
          reason: 'r',
        }),
      (answer) => answer.status !== 503,
      5000,
      20,
    );
    expect(after.status).toBe(500);
  });

  it('applies modifications, deletions and restores from the control API', async () => {
    mock = await startTestMock({ tickets: 200 });
    const first = (await getJson(`${mock.url}/external/support-tickets?page=1&page_size=1`)).body
      .tickets[0];
    const key = { tenant_id: first.tenant_id, id: first.id };
    expect(
      (
        await postJson(`${mock.url}/_mock/tickets/modify`, {
          ...key,
          changes: { status: 'closed' },
        })
      ).status,
    ).toBe(200);
    const modified = (
      await getJson(`${mock.url}/external/support-tickets/${first.id}?tenant_id=${first.tenant_id}`)
    ).body;
    expect(modified.status).toBe('closed');
    expect(Date.parse(modified.updated_at)).toBeGreaterThan(Date.parse(first.updated_at));
    await postJson(`${mock.url}/_mock/tickets/delete`, key);
    const deleted = (
      await getJson(`${mock.url}/external/deleted-tickets?tenant_id=${first.tenant_id}`)
    ).body;
    expect(deleted.deleted_ids).toContain(first.id);
    await postJson(`${mock.url}/_mock/tickets/restore`, key);
    const restored = await getJson(
      `${mock.url}/external/support-tickets/${first.id}?tenant_id=${first.tenant_id}`,
    );
    expect(restored.status).toBe(200);
  });

  it('mixes the configured number of malformed tickets into the pages', async () => {
    mock = await startTestMock({ tickets: 100, malformedTickets: 4 });
    const { body } = await getJson(
      `${mock.url}/external/support-tickets?page=1&page_size=100&include_deleted=true`,
    );
    expect(body.total_count).toBe(104);
    const broken = body.tickets.filter(
      (t: any) =>
        t.id === undefined ||
        Number.isNaN(Date.parse(t.created_at)) ||
        !['open', 'closed', 'pending'].includes(t.status) ||
        !['email', 'web', 'chat', 'api'].includes(t.source),
    );
    expect(broken).toHaveLength(4);
  });
});
