import DataLoader from 'dataloader';
import { toPageRequest, type PageArgs } from '../domain/pagination/page-args.js';
import type { PageSlice } from '../domain/pagination/page.js';
import type { NotificationRecord } from '../domain/alerting/alert.types.js';
import type { TicketChangeRecord } from '../domain/tickets/ticket-query.js';
import type { AlertingService } from '../domain/alerting/alerting.service.js';
import type { TicketQueryService } from '../domain/tickets/ticket-query.js';

export interface HistoryKey {
  ticketId: string;
  page: PageArgs;
}

/** Tickets asked with the same paging arguments share one query. */
const pageKey = ({ first, after, last, before }: PageArgs) =>
  JSON.stringify([first ?? null, after ?? null, last ?? null, before ?? null]);

/**
 * Per-request batching of per-ticket lookups: a page of 100 tickets selecting history and
 * notification costs a few queries, not a few per ticket. Built fresh for every HTTP
 * request and every WebSocket subscribe, so nothing is cached across requests.
 */
export function createLoaders(services: {
  tickets: Pick<TicketQueryService, 'batched'>;
  alerting: Pick<AlertingService, 'alertsOf'>;
}) {
  const store = services.tickets.batched;
  return {
    history: new DataLoader<HistoryKey, PageSlice<TicketChangeRecord>, string>(
      async (keys) => {
        const groups = new Map<string, HistoryKey[]>();
        for (const key of keys) {
          const group = pageKey(key.page);
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map<string, PageSlice<TicketChangeRecord>>();
        for (const [group, members] of groups) {
          const pages = await store.historyOf(
            members.map((m) => m.ticketId),
            toPageRequest(members[0]!.page),
          );
          for (const member of members)
            results.set(`${member.ticketId}|${group}`, pages.get(member.ticketId)!);
        }
        return keys.map((key) => results.get(`${key.ticketId}|${pageKey(key.page)}`)!);
      },
      { cacheKeyFn: (key) => `${key.ticketId}|${pageKey(key.page)}` },
    ),
    historyCount: new DataLoader<string, number>(async (ids) => {
      const counts = await store.historyCounts(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    notification: new DataLoader<string, NotificationRecord | null>(async (ids) => {
      const found = await services.alerting.alertsOf(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
