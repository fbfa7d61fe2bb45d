import WebSocket from 'ws';
import { gatewayClient } from './client.js';
import { CorrectTicket, LiveFigures, RecentTickets } from './operations.js';

/**
 * What a frontend does with the kit: read a page, correct a ticket (and read its
 * userErrors), watch the live figures. `npx tsx src/main.ts <url> <key> <tenant>`.
 */
export async function tour(url: string, key: string, tenantId: string) {
  const client = gatewayClient({ url, key, webSocketImpl: WebSocket });
  try {
    const { tickets } = await client.request(RecentTickets, { tenantId, first: 5 });
    const first = tickets.nodes[0];
    const corrected =
      first === undefined
        ? null
        : await client.request(CorrectTicket, { input: { ticketId: first.id, urgency: 'HIGH' } });
    // No label given: an expected failure, answered as a typed userError.
    const refused = await client.request(CorrectTicket, {
      input: { ticketId: first?.id ?? 'none' },
    });
    let live: { totalTickets: number; urgencyHighRatio: number } | null = null;
    const watch = client.subscribe(LiveFigures, { tenantId }, (data) => {
      live = data.tenantStatsUpdated;
      watch.stop();
    });
    await watch.done;
    return {
      totalCount: tickets.totalCount,
      correctedUrgency: corrected?.correctClassification.ticket?.classification.urgency ?? null,
      refusal: refused.correctClassification.userErrors[0]?.code ?? null,
      live,
    };
  } finally {
    await client.close();
  }
}

if (process.argv[1]?.endsWith('main.ts')) {
  const [url = 'http://localhost:4000/graphql', key = '', tenant = 'tenant_a'] =
    process.argv.slice(2);
  console.log(JSON.stringify(await tour(url, key, tenant), null, 2));
}
