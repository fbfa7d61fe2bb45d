import { registerEnumType } from 'type-graphql';
import { HealthStatus } from '../domain/health/health.service.js';
import { IngestionStatus } from '../domain/ingestion/ingestion.types.js';
import { CircuitState } from '../domain/alerting/circuit.types.js';
import { NotificationSkipReason, NotificationStatus } from '../domain/alerting/alert.types.js';
import {
  ChangeAction,
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
} from '../domain/tickets/ticket.types.js';
import { OrderDirection, TicketOrderField } from '../domain/tickets/ticket-query.js';
import { UserErrorCode } from '../domain/user-error.js';

registerEnumType(Urgency, {
  name: 'Urgency',
  description: 'How soon the team must act on a ticket, as the classifier reads it.',
  valuesConfig: {
    HIGH: {
      description:
        'The customer is harmed now or threatens consequences: an outage or data loss, money taken wrongly, a security or privacy incident, a legal threat, a safety hazard, or a plea for urgency. Raises an alert.',
    },
    MEDIUM: {
      description:
        'Something is wrong but not harmful: a bug, one login problem, a late or damaged order, a refund or cancellation request, a question about a charge.',
    },
    LOW: {
      description: 'Questions, feature requests, feedback, thanks and routine account changes.',
    },
  },
});
registerEnumType(Sentiment, {
  name: 'Sentiment',
  description: "The customer's tone, as the classifier reads it.",
  valuesConfig: {
    NEGATIVE: {
      description:
        'Anger, frustration, sarcasm or threats, or harm done to the customer even in calm words.',
    },
    NEUTRAL: { description: 'Plain questions, requests and factual reports.' },
    POSITIVE: { description: 'Gratitude or praise is the main tone.' },
  },
});
registerEnumType(TicketStatus, {
  name: 'TicketStatus',
  description: "A ticket's state in the support platform.",
  valuesConfig: {
    OPEN: { description: 'Waiting for the support team.' },
    PENDING: { description: 'Waiting for the customer or a third party.' },
    CLOSED: { description: 'Resolved; closed tickets raise no alerts.' },
  },
});
registerEnumType(TicketSource, {
  name: 'TicketSource',
  description: 'The channel a ticket came in through.',
  valuesConfig: {
    EMAIL: { description: 'An e-mail to the support address.' },
    CHAT: { description: 'A chat conversation.' },
    WEB: { description: 'A form on the web site or help centre.' },
    API: { description: "Created by a program through the support platform's API." },
  },
});
registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What happened to a ticket in one history entry.',
  valuesConfig: {
    CREATED: { description: 'First stored; changes list every tracked field.' },
    UPDATED: { description: 'One or more tracked fields changed; changes lists them.' },
    DELETED: {
      description:
        'The ticket disappeared from the provider during a full run; it is kept, with deletedAt set.',
    },
    RESTORED: { description: 'A deleted ticket came back at the provider.' },
    CORRECTED: {
      description:
        'A person corrected labels (correctClassification); changes lists them, `by` and `note` say who and why.',
    },
    RECLASSIFIED: {
      description:
        "The classifier's labels changed when the ticket was classified again (reclassifyTickets after an upgrade, a full run, or an update from the provider; new rules or model, or what it learned from the tenant's corrections); changes lists the labels, and the ticket's signals say why.",
    },
  },
});
registerEnumType(IngestionStatus, {
  name: 'IngestionStatus',
  description: 'Where an ingestion run stands. QUEUED, RUNNING and CANCELLING are active.',
  valuesConfig: {
    QUEUED: { description: 'Created, not yet fetching.' },
    RUNNING: { description: 'Fetching and writing pages.' },
    SUCCEEDED: { description: 'Finished; every page and ticket was written.' },
    PARTIALLY_SUCCEEDED: {
      description: 'Finished, but some pages or tickets failed; see progress.failed and error.',
    },
    FAILED: { description: 'Stopped by an error; what it wrote stays. See error.' },
    CANCELLING: { description: 'Asked to stop; it stops after the page it is on.' },
    CANCELLED: { description: 'Stopped on request; what it wrote stays.' },
  },
});
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Where the alert of a high-urgency ticket stands.',
  valuesConfig: {
    PENDING: { description: 'Due: waiting for its (next) call.' },
    DELIVERED: { description: 'Accepted by the provider.' },
    FAILED: { description: 'Given up on after its last attempt, or rejected by the provider.' },
    SKIPPED: {
      description:
        'Not sent: the ticket is closed, stale, corrected away from HIGH or deleted (see skipReason). It becomes due when the ticket qualifies again, or on demand (requeueNotifications).',
    },
  },
});
registerEnumType(NotificationSkipReason, {
  name: 'NotificationSkipReason',
  description: 'Why an alert was not sent.',
  valuesConfig: {
    CLOSED: { description: 'The ticket is closed.' },
    STALE: {
      description: "The ticket's last provider activity is older than ALERT_MAX_AGE (24 h).",
    },
    CORRECTED: {
      description: 'A person corrected the ticket away from HIGH before the alert was sent.',
    },
    DELETED: {
      description:
        'The ticket disappeared from the provider (soft-deleted) before the alert was sent; it is decided again if the ticket comes back.',
    },
  },
});
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description: 'The state of the gateway or of one dependency.',
  valuesConfig: {
    OK: { description: 'Answering normally.' },
    DEGRADED: {
      description:
        'Serving, but a non-critical dependency fails (the ticket provider: reads work, ingestion waits).',
    },
    DOWN: { description: 'Not serving (the database is unreachable).' },
  },
});
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation did not do what it was asked; stable, for programs to branch on.',
  valuesConfig: {
    INVALID_INPUT: {
      description: 'A value of the input is malformed or out of range; field names it.',
    },
    NOT_FOUND: {
      description: 'The id names nothing the key may see (the two look the same).',
    },
    INGESTION_ALREADY_RUNNING: {
      description:
        'An ingestion run is already going for this tenant; watch it, or start another once it ends.',
    },
    NOT_CANCELLABLE: { description: 'The run is already finished and cannot be cancelled.' },
    RATE_LIMITED: {
      description: 'Too soon: the same request is allowed again later (the message says when).',
    },
    FORBIDDEN: {
      description:
        'The API key may not act on what the input names (another tenant, or all tenants).',
    },
    UNKNOWN_TENANT: {
      description:
        'No tenant has this id: tenants become known when a sweep meets their tickets or when an admin registers them (registerTenant).',
    },
  },
});

registerEnumType(TicketOrderField, {
  name: 'TicketOrderField',
  description: 'What tickets can be sorted by; ties are broken by id, so pages never overlap.',
  valuesConfig: {
    CREATED_AT: { description: 'When the customer created the ticket.' },
    UPDATED_AT: { description: 'When the ticket last changed at the provider.' },
    URGENCY: { description: 'HIGH above MEDIUM above LOW (DESC puts HIGH first).' },
    UNCERTAINTY: {
      description:
        "How unsure the classifier is: 1 minus the ticket's least confident label (DESC puts the least certain first; tickets without confidence count as certain). The default order of a needsReview filter.",
    },
  },
});
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: {
    ASC: { description: 'Smallest (oldest, least urgent) first.' },
    DESC: { description: 'Largest (newest, most urgent) first.' },
  },
});
registerEnumType(CircuitState, {
  name: 'CircuitState',
  description: 'The state of a circuit breaker.',
  valuesConfig: {
    CLOSED: { description: 'Calls go through; failures are counted.' },
    OPEN: {
      description: 'Too many recent failures: calls are held until nextAttemptAt.',
    },
    HALF_OPEN: { description: 'One trial call decides whether to close or open again.' },
  },
});
