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

registerEnumType(Urgency, { name: 'Urgency' });
registerEnumType(Sentiment, { name: 'Sentiment' });
registerEnumType(TicketStatus, { name: 'TicketStatus' });
registerEnumType(TicketSource, { name: 'TicketSource' });
registerEnumType(ChangeAction, { name: 'ChangeAction' });
registerEnumType(IngestionStatus, {
  name: 'IngestionStatus',
  valuesConfig: {
    PARTIALLY_SUCCEEDED: {
      description: 'Finished, but some pages or tickets failed; see progress.failed and error.',
    },
  },
});
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  valuesConfig: {
    PENDING: { description: 'Due: waiting for its (next) call.' },
    DELIVERED: { description: 'Accepted by the provider.' },
    FAILED: { description: 'Given up on after its last attempt, or rejected by the provider.' },
    SKIPPED: {
      description:
        'Not sent: the ticket is closed or stale (see skipReason). It becomes due when the ticket qualifies again, or on demand (requeueNotifications).',
    },
  },
});
registerEnumType(NotificationSkipReason, {
  name: 'NotificationSkipReason',
  valuesConfig: {
    CLOSED: { description: 'The ticket is closed.' },
    STALE: {
      description: "The ticket's last provider activity is older than ALERT_MAX_AGE (24 h).",
    },
  },
});
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description:
    'OK: answering. DEGRADED: serving, but a non-critical dependency fails. DOWN: not serving.',
});
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  valuesConfig: {
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
  },
});

registerEnumType(TicketOrderField, { name: 'TicketOrderField' });
registerEnumType(OrderDirection, { name: 'OrderDirection' });
registerEnumType(CircuitState, { name: 'CircuitState' });
