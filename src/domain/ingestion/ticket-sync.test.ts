import { describe, expect, it } from 'vitest';
import { Classifier } from '../classification/classifier.js';
import {
  ChangeAction,
  TicketSource,
  TicketStatus,
  Urgency,
  type IncomingTicket,
} from '../tickets/ticket.types.js';
import { liveFacts } from '../../../test/support/fakes.js';
import { planPage, type StoredTicketState } from './ticket-sync.js';

const classifier = new Classifier();
const classify = (ticket: IncomingTicket) => classifier.classify(ticket);

const incoming = (externalId: string, overrides: Partial<IncomingTicket> = {}): IncomingTicket => ({
  tenantId: 'tenant_a',
  externalId,
  source: TicketSource.WEB,
  customerId: 'cust-1',
  subject: 'How do I export?',
  message: 'Where is the export button?',
  status: TicketStatus.OPEN,
  createdAt: new Date('2026-11-01T10:00:00Z'),
  updatedAt: new Date('2026-11-01T10:00:00Z'),
  ...overrides,
});

const stored = (
  ticket: IncomingTicket,
  overrides: Partial<StoredTicketState> = {},
): StoredTicketState => ({
  id: `id-${ticket.externalId}`,
  externalId: ticket.externalId,
  source: ticket.source,
  customerId: ticket.customerId,
  subject: ticket.subject,
  message: ticket.message,
  status: ticket.status,
  createdAt: ticket.createdAt,
  updatedAt: ticket.updatedAt,
  deletedAt: null,
  facts: liveFacts({ customerId: ticket.customerId, createdAt: ticket.createdAt }),
  correction: null,
  ...overrides,
});

describe('planPage', () => {
  it('creates new tickets with a CREATED entry and alerts the HIGH ones', () => {
    const plan = planPage({
      incoming: [
        incoming('ext-1'),
        incoming('ext-2', { subject: 'Lawsuit', message: 'My lawyer will call.' }),
      ],
      stored: new Map(),
      full: false,
      classify,
    });
    expect(plan.counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(plan.history.map((h) => h.action)).toEqual([ChangeAction.CREATED, ChangeAction.CREATED]);
    expect(plan.alerts.map((n) => n.ticket.externalId)).toEqual(['ext-2']);
  });

  it('lists every tracked field in a CREATED entry, from nothing to its first value', () => {
    const plan = planPage({
      incoming: [incoming('ext-1')],
      stored: new Map(),
      full: false,
      classify,
    });
    expect(plan.history[0]!.changes).toEqual([
      { field: 'source', from: null, to: 'WEB' },
      { field: 'customerId', from: null, to: 'cust-1' },
      { field: 'subject', from: null, to: 'How do I export?' },
      { field: 'message', from: null, to: 'Where is the export button?' },
      { field: 'status', from: null, to: 'OPEN' },
      { field: 'createdAt', from: null, to: '2026-11-01T10:00:00.000Z' },
    ]);
  });

  it('alerts a ticket whose classification raises an alert, whatever its urgency', () => {
    const plan = planPage({
      incoming: [incoming('ext-1'), incoming('ext-2')],
      stored: new Map(),
      full: false,
      // One opinion said HIGH where the two together said MEDIUM.
      classify: (ticket) => ({
        ...classify(ticket),
        urgency: Urgency.MEDIUM,
        raisesAlert: ticket.externalId === 'ext-2',
      }),
    });
    expect(plan.alerts.map((n) => n.ticket.externalId)).toEqual(['ext-2']);
  });

  it('leaves a ticket alone unless updated_at is newer', () => {
    const same = incoming('ext-1');
    const older = incoming('ext-2', {
      status: TicketStatus.CLOSED,
      updatedAt: new Date('2026-10-01T00:00:00Z'),
    });
    const plan = planPage({
      incoming: [same, older],
      stored: new Map([
        ['ext-1', stored(same)],
        ['ext-2', stored(incoming('ext-2'))],
      ]),
      full: false,
      classify,
    });
    expect(plan.counts).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(plan.rewrites).toEqual([]);
    expect(plan.history).toEqual([]);
  });

  it('rewrites a newer ticket, recording the fields and the labels that changed, and alerts when it became HIGH', () => {
    const before = incoming('ext-1');
    const after = incoming('ext-1', {
      status: TicketStatus.PENDING,
      message: 'This is urgent, production is down.',
      updatedAt: new Date('2026-11-02T00:00:00Z'),
    });
    const plan = planPage({
      incoming: [after],
      stored: new Map([['ext-1', stored(before)]]),
      full: false,
      classify,
    });
    expect(plan.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(plan.rewrites[0]).toMatchObject({
      id: 'id-ext-1',
      expectedUpdatedAt: before.updatedAt,
      restore: false,
    });
    expect(plan.history).toEqual([
      {
        externalId: 'ext-1',
        action: ChangeAction.UPDATED,
        changes: [
          { field: 'message', from: before.message, to: after.message },
          { field: 'status', from: 'OPEN', to: 'PENDING' },
        ],
      },
      {
        externalId: 'ext-1',
        action: ChangeAction.RECLASSIFIED,
        changes: [
          { field: 'urgency', from: 'LOW', to: 'HIGH' },
          { field: 'sentiment', from: 'NEUTRAL', to: 'NEGATIVE' },
          { field: 'requiresAction', from: 'false', to: 'true' },
        ],
      },
    ]);
    expect(plan.alerts).toHaveLength(1);
  });

  it('hands a rewritten HIGH ticket on for its one alert to be decided again (reopened, closed)', () => {
    const ticket = incoming('ext-1', {
      subject: 'Lawsuit',
      message: 'My lawyer will call.',
      updatedAt: new Date('2026-11-03T00:00:00Z'),
    });
    const plan = planPage({
      incoming: [ticket],
      stored: new Map([
        ['ext-1', stored(incoming('ext-1'), { facts: liveFacts({ urgency: Urgency.HIGH }) })],
      ]),
      full: false,
      classify,
    });
    expect(plan.alerts.map((a) => [a.ticket.externalId, a.classification.urgency])).toEqual([
      ['ext-1', Urgency.HIGH],
    ]);
  });

  it('restores a ticket that reappears upstream', () => {
    const ticket = incoming('ext-1');
    const deletedAt = new Date('2026-11-05T00:00:00Z');
    const plan = planPage({
      incoming: [ticket],
      stored: new Map([['ext-1', stored(ticket, { deletedAt })]]),
      full: false,
      classify,
    });
    expect(plan.rewrites[0]?.restore).toBe(true);
    expect(plan.history).toEqual([
      {
        externalId: 'ext-1',
        action: ChangeAction.RESTORED,
        changes: [{ field: 'deletedAt', from: deletedAt.toISOString(), to: null }],
      },
    ]);
    expect(plan.counts.updated).toBe(1);
  });

  it('rewrites (re-classifies) everything on a full resync, but records and counts nothing when neither fields nor labels changed', () => {
    const ticket = incoming('ext-1');
    const plan = planPage({
      incoming: [ticket],
      stored: new Map([['ext-1', stored(ticket)]]),
      full: true,
      classify,
    });
    expect(plan.rewrites).toHaveLength(1);
    expect(plan.history).toEqual([]);
    expect(plan.counts).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });
});

describe('planPage against a provider whose updated_at moves on every read', () => {
  it('stores the newer updated_at but counts a ticket with no field changed as unchanged', () => {
    const ticket = incoming('ext-1');
    const jittered = { ...ticket, updatedAt: new Date(ticket.updatedAt.getTime() + 1000) };
    const plan = planPage({
      incoming: [jittered],
      stored: new Map([['ext-1', stored(ticket)]]),
      full: false,
      classify,
    });
    expect(plan.rewrites).toHaveLength(1);
    expect(plan.history).toEqual([]);
    expect(plan.counts).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });
});
