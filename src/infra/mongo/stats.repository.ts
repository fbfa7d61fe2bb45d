import type { Model } from 'mongoose';
import type {
  AtRiskCustomer,
  RawStats,
  StatsStore,
  StatsWindow,
} from '../../domain/stats/tenant-stats.js';
import { Sentiment, TicketStatus, Urgency } from '../../domain/tickets/ticket.types.js';
import type { TicketDoc } from './models/ticket.model.js';

type Counted = { _id: string; count: number }[];

interface FacetResult {
  total: { n: number }[];
  requiresAction: { n: number }[];
  byStatus: Counted;
  bySource: Counted;
  byUrgency: Counted;
  bySentiment: Counted;
  hourly: Counted;
  daily: Counted;
  keywords: Counted;
  atRisk: (Omit<AtRiskCustomer, 'customerId'> & { _id: string })[];
}

const countBy = (key: unknown) => [{ $group: { _id: key, count: { $sum: 1 } } }];
const countWhen = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });
const toMap = (rows: Counted) => new Map(rows.map((row) => [row._id, row.count]));

/**
 * All tenant figures in one aggregation round trip ($facet) over the tenant's live tickets.
 * Risk score: 3 per HIGH-urgency ticket, 2 per NEGATIVE ticket, 1 per ticket still OPEN or
 * PENDING; customers with neither a HIGH nor a NEGATIVE ticket are not at risk.
 */
export class MongoStatsStore implements StatsStore {
  constructor(private readonly tickets: Model<TicketDoc>) {}

  async compute(tenantId: string, window: StatsWindow): Promise<RawStats> {
    const [result] = await this.tickets.aggregate<FacetResult>([
      { $match: { tenantId, deletedAt: null } },
      {
        $facet: {
          total: [{ $count: 'n' }],
          requiresAction: [{ $match: { 'classification.requiresAction': true } }, { $count: 'n' }],
          byStatus: countBy('$status'),
          bySource: countBy('$source'),
          byUrgency: countBy('$classification.urgency'),
          bySentiment: countBy('$classification.sentiment'),
          hourly: [
            { $match: { createdAt: { $gte: window.hourlyFrom, $lte: window.asOf } } },
            ...countBy({ $dateToString: { format: '%Y-%m-%dT%H', date: '$createdAt' } }),
          ],
          daily: [
            { $match: { createdAt: { $gte: window.dailyFrom, $lte: window.asOf } } },
            ...countBy({ $dateToString: { format: '%Y-%m-%d', date: '$createdAt' } }),
          ],
          keywords: [
            { $unwind: '$classification.keywords' },
            { $sortByCount: '$classification.keywords' },
            { $limit: window.keywordLimit },
          ],
          atRisk: [
            {
              $group: {
                _id: '$customerId',
                negativeTickets: countWhen({
                  $eq: ['$classification.sentiment', Sentiment.NEGATIVE],
                }),
                highUrgencyTickets: countWhen({ $eq: ['$classification.urgency', Urgency.HIGH] }),
                openTickets: countWhen({
                  $in: ['$status', [TicketStatus.OPEN, TicketStatus.PENDING]],
                }),
                lastTicketAt: { $max: '$createdAt' },
              },
            },
            {
              $match: {
                $or: [{ negativeTickets: { $gt: 0 } }, { highUrgencyTickets: { $gt: 0 } }],
              },
            },
            {
              $addFields: {
                riskScore: {
                  $add: [
                    { $multiply: ['$highUrgencyTickets', 3] },
                    { $multiply: ['$negativeTickets', 2] },
                    '$openTickets',
                  ],
                },
              },
            },
            { $sort: { riskScore: -1, lastTicketAt: -1, _id: 1 } },
            { $limit: window.atRiskLimit },
          ],
        },
      },
    ]);
    return {
      total: result?.total[0]?.n ?? 0,
      requiresAction: result?.requiresAction[0]?.n ?? 0,
      byStatus: toMap(result?.byStatus ?? []),
      bySource: toMap(result?.bySource ?? []),
      byUrgency: toMap(result?.byUrgency ?? []),
      bySentiment: toMap(result?.bySentiment ?? []),
      hourly: toMap(result?.hourly ?? []),
      daily: toMap(result?.daily ?? []),
      keywords: (result?.keywords ?? []).map((row) => ({ keyword: row._id, count: row.count })),
      atRisk: (result?.atRisk ?? []).map(({ _id, ...row }) => ({ customerId: _id, ...row })),
    };
  }
}
