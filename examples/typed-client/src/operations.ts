import { graphql } from './gql/index.js';

/** A page of the tenant's tickets, with their labels. */
export const RecentTickets = graphql(`
  query RecentTickets($tenantId: String, $first: Int!) {
    tickets(tenantId: $tenantId, first: $first) {
      totalCount
      nodes {
        id
        subject
        classification {
          urgency
          sentiment
          raisesAlert
        }
      }
    }
  }
`);

/** A person's correction: expected failures come back as userErrors, typed. */
export const CorrectTicket = graphql(`
  mutation CorrectTicket($input: CorrectClassificationInput!) {
    correctClassification(input: $input) {
      ticket {
        id
        classification {
          urgency
          needsReview
        }
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

/** The tenant's figures now, then on every change (over WebSocket). */
export const LiveFigures = graphql(`
  subscription LiveFigures($tenantId: String) {
    tenantStatsUpdated(tenantId: $tenantId) {
      totalTickets
      urgencyHighRatio
    }
  }
`);
