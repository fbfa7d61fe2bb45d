import type { Principal } from '../auth/principal.js';
import { canSeeTenant } from '../auth/tenant-scope.js';
import type { TenantService } from '../tenants/tenant.service.js';
import { badUserInput } from '../errors.js';
import { toPageRequest, type PageArgs, type PageRequest } from '../pagination/page-args.js';
import type { Page, PageSlice } from '../pagination/page.js';
import type {
  ChangeAction,
  Classification,
  FieldChange,
  IncomingTicket,
  LabelCorrection,
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
} from './ticket.types.js';

export enum TicketOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  URGENCY = 'URGENCY',
  UNCERTAINTY = 'UNCERTAINTY',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface TicketOrder {
  field: TicketOrderField;
  direction: OrderDirection;
}

export interface TicketFilter {
  status?: TicketStatus[] | null;
  urgency?: Urgency[] | null;
  sentiment?: Sentiment[] | null;
  source?: TicketSource[] | null;
  requiresAction?: boolean | null;
  customerId?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  search?: string | null;
  includeDeleted?: boolean | null;
  needsReview?: boolean | null;
}

/** A stored ticket: the provider's fields as ingested, plus what the gateway adds. */
export interface TicketRecord extends IncomingTicket {
  id: string;
  deletedAt: Date | null;
  classification: Classification;
  /** Labels a person set (they win over the classifier's). */
  correction: LabelCorrection | null;
}

export interface TicketChangeRecord {
  id: string;
  ticketId: string;
  at: Date;
  action: ChangeAction;
  runId: string | null;
  changes: FieldChange[];
  /** Who made a correction (the key's name), and why. */
  by: string | null;
  note: string | null;
}

/** Read side of tickets; the batched lookups serve the per-request DataLoaders. */
export interface TicketReadStore {
  list(
    tenantId: string,
    filter: TicketFilter,
    order: TicketOrder,
    page: PageRequest,
  ): Promise<Page<TicketRecord>>;
  findById(id: string): Promise<TicketRecord | null>;
  historyOf(
    ticketIds: readonly string[],
    page: PageRequest,
  ): Promise<Map<string, PageSlice<TicketChangeRecord>>>;
  historyCounts(ticketIds: readonly string[]): Promise<Map<string, number>>;
}

export const DEFAULT_TICKET_ORDER: TicketOrder = {
  field: TicketOrderField.CREATED_AT,
  direction: OrderDirection.DESC,
};
/** The review queue: the least certain tickets first. */
export const REVIEW_ORDER: TicketOrder = {
  field: TicketOrderField.UNCERTAINTY,
  direction: OrderDirection.DESC,
};
const MAX_SEARCH_LENGTH = 200;

/** How unsure the classifier is of a ticket: 1 − its least confident label (0 when unknown). */
export function uncertaintyOf(classification: Classification): number {
  const confidence = classification.confidence;
  if (confidence === null) return 0;
  return 1 - Math.min(confidence.urgency, confidence.sentiment, confidence.requiresAction);
}

function checkFilter(filter: TicketFilter): TicketFilter {
  if (
    filter.search !== null &&
    filter.search !== undefined &&
    filter.search.length > MAX_SEARCH_LENGTH
  ) {
    throw badUserInput(`search may hold at most ${MAX_SEARCH_LENGTH} characters.`);
  }
  if (
    filter.customerId !== null &&
    filter.customerId !== undefined &&
    filter.customerId.length > 200
  ) {
    throw badUserInput('customerId may hold at most 200 characters.');
  }
  if (filter.createdAfter && filter.createdBefore && filter.createdAfter > filter.createdBefore) {
    throw badUserInput('createdAfter must not be later than createdBefore.');
  }
  return filter;
}

export class TicketQueryService {
  constructor(
    private readonly store: TicketReadStore,
    private readonly tenants: Pick<TenantService, 'scoped'>,
  ) {}

  /** A tenant's live tickets (deleted ones excluded), counted in the database. */
  async count(caller: Principal, tenantId: string): Promise<number> {
    return (await this.list(caller, { tenantId, first: 0 })).totalCount();
  }

  async list(
    caller: Principal,
    input: {
      tenantId?: string | null;
      filter?: TicketFilter | null;
      orderBy?: TicketOrder | null;
    } & PageArgs,
  ): Promise<Page<TicketRecord>> {
    const tenantId = await this.tenants.scoped(caller, input.tenantId);
    const page = toPageRequest(input);
    const filter = checkFilter(input.filter ?? {});
    const order = input.orderBy ?? (filter.needsReview ? REVIEW_ORDER : DEFAULT_TICKET_ORDER);
    return this.store.list(tenantId, filter, order, page);
  }

  /** Null when the ticket does not exist or belongs to another tenant: the two look the same. */
  async get(caller: Principal, id: string): Promise<TicketRecord | null> {
    const ticket = await this.store.findById(id);
    return ticket !== null && canSeeTenant(caller, ticket.tenantId) ? ticket : null;
  }

  /** Batched lookups for DataLoaders; the tickets were authorised when they were fetched. */
  get batched(): Pick<TicketReadStore, 'historyOf' | 'historyCounts'> {
    return this.store;
  }
}
