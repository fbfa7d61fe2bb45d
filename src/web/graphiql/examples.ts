/**
 * The tabs a first visit opens with: one task each, with comment lines saying what it
 * shows and costs. Lines stay within 44 characters, the editor's width at 1,440 px with the
 * docs open. Admin keys name the tenant; a tenant key may leave tenantId null. GraphiQL keeps
 * the user's own tabs in localStorage after the first visit.
 */
export const EXAMPLE_TABS = [
  {
    query: `# Open HIGH-urgency tickets, newest first.
# Next page: $after = pageInfo.endCursor.
# Costs UrgentOpenTickets 52 points
# (of a key's 10,000; see rateLimit).
query UrgentOpenTickets(
  $tenantId: String
  $after: String
) {
  tickets(
    tenantId: $tenantId
    first: 10
    after: $after
    filter: {
      urgency: [HIGH]
      status: [OPEN]
    }
    orderBy: { field: CREATED_AT }
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        subject
        createdAt
        customerId
        classification {
          urgency
          sentiment
          requiresAction
          signals
        }
      }
    }
  }
}
`,
    variables: '{ "tenantId": "tenant_a", "after": null }',
  },
  {
    query: `# The review queue: uncertain labels, least
# certain first, with each one's confidence.
# Settle one with CorrectTicket (its id in
# the variables' ticketId).
# Costs ReviewQueue 51 points,
# CorrectTicket 5 points.
query ReviewQueue($tenantId: String) {
  tickets(
    tenantId: $tenantId
    first: 10
    filter: { needsReview: true }
  ) {
    totalCount
    nodes {
      id
      subject
      classification {
        urgency
        sentiment
        requiresAction
        confidence {
          urgency
          sentiment
          requiresAction
        }
        signals
      }
    }
  }
}

mutation CorrectTicket($ticketId: ID!) {
  correctClassification(input: {
    ticketId: $ticketId
    urgency: HIGH
    note: "an outage"
  }) {
    ticket {
      classification {
        urgency
        needsReview
        correction { by at }
      }
    }
    userErrors { code message field }
  }
}
`,
    variables: '{ "tenantId": "tenant_a", "ticketId": "paste a ticket id here" }',
  },
  {
    query: `# A tenant's figures for a dashboard:
# breakdowns, the HIGH ratio, trends and
# the customers most at risk.
# Costs Dashboard 109 points.
query Dashboard($tenantId: String) {
  tenantStats(tenantId: $tenantId) {
    asOf
    totalTickets
    urgencyHighRatio
    requiresActionCount
    needsReviewCount
    byStatus { status count }
    byUrgency { urgency count }
    bySentiment { sentiment count }
    bySource { source count }
    hourlyTrend { label count }
    dailyTrend(days: 7) { label count }
    atRiskCustomers(limit: 5) {
      customerId
      riskScore
      negativeTickets
      highUrgencyTickets
    }
  }
}
`,
    variables: '{ "tenantId": "tenant_a" }',
  },
  {
    query: `# Run WatchIngestion (a subscription, over
# WebSocket), then StartIngestion: the watch
# follows the tenant's current run, or waits
# for its next one. No id to copy.
# Costs WatchIngestion 2 points,
# StartIngestion 3 points.
subscription WatchIngestion(
  $tenantId: String
) {
  ingestionProgress(tenantId: $tenantId) {
    status
    progress {
      percent
      processedPages
      totalPages
      created
      updated
      waitingForProviderUntil
    }
    error
    finishedAt
  }
}

mutation StartIngestion($tenantId: String) {
  startIngestion(input: {
    tenantId: $tenantId
  }) {
    run { id status }
    userErrors { code message field }
  }
}
`,
    variables: '{ "tenantId": "tenant_a" }',
  },
  {
    query: `# A key for one tenant (admin keys only).
# The secret is shown once: keep it.
# Costs CreateKey 3 points.
mutation CreateKey {
  createApiKey(input: {
    name: "dashboard"
    tenantId: "tenant_a"
  }) {
    secret
    apiKey {
      id
      name
      isAdmin
      tenantId
      createdAt
    }
    userErrors { code message field }
  }
}
`,
  },
];

/** The headers a first visit sees: a commented hint, so no placeholder key is ever sent. */
export const DEFAULT_HEADERS = `{
  // The line above the editor says which
  // key is in use. To set one, delete the
  // // below and paste your key, once:
  // every tab and subscription sends it.
  // "Authorization": "Bearer <your key>"
}`;
