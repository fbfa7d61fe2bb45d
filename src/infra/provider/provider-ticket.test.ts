import { describe, expect, it } from 'vitest';
import { parseProviderTicket } from './provider-ticket.js';

const good = {
  id: 'ext-001',
  tenant_id: 'tenant_a',
  source: 'chat',
  customer_id: 'cust-a-001',
  subject: 'Issue ext-001: refund',
  message: 'This is a message about refund.',
  created_at: '2026-11-01T10:00:00.000Z',
  updated_at: '2026-11-02T10:00:00Z',
  status: 'pending',
};

describe('parseProviderTicket', () => {
  it('maps a valid ticket to the gateway vocabulary', () => {
    expect(parseProviderTicket(good)).toEqual({
      ok: true,
      ticket: {
        tenantId: 'tenant_a',
        externalId: 'ext-001',
        source: 'CHAT',
        customerId: 'cust-a-001',
        subject: 'Issue ext-001: refund',
        message: 'This is a message about refund.',
        status: 'PENDING',
        createdAt: new Date('2026-11-01T10:00:00.000Z'),
        updatedAt: new Date('2026-11-02T10:00:00Z'),
      },
    });
  });

  it.each([
    ['a missing id', { ...good, id: undefined }, null, /id/],
    [
      'a bad date',
      { ...good, created_at: '01/11/2026' },
      'ext-001',
      /created_at: not an ISO 8601 instant/,
    ],
    [
      'an impossible date',
      { ...good, updated_at: '2026-13-45T99:00:00Z' },
      'ext-001',
      /updated_at/,
    ],
    ['an unknown status', { ...good, status: 'escalated' }, 'ext-001', /status/],
    ['an unknown source', { ...good, source: 'fax' }, 'ext-001', /source/],
  ])('reports %s with the id it has', (_, raw, id, reason) => {
    const parsed = parseProviderTicket(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.externalId).toBe(id);
      expect(parsed.tenantId).toBe('tenant_a');
      expect(parsed.reason).toMatch(reason);
    }
  });

  it('survives things that are not tickets at all', () => {
    for (const raw of [null, 42, 'ticket', [], {}]) {
      expect(parseProviderTicket(raw)).toMatchObject({
        ok: false,
        externalId: null,
        tenantId: null,
      });
    }
  });
});
