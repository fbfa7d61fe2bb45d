/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Labels to set on a ticket; at least one. Labels left out stay as they are. */
export type CorrectClassificationInput = {
  /** Why (at most 500 characters); kept in the ticket history. */
  note?: string | null | undefined;
  /** Whether the team must act. */
  requiresAction?: boolean | null | undefined;
  /** The right sentiment. */
  sentiment?: Sentiment | null | undefined;
  /** The ticket's global id (Ticket.id). */
  ticketId: string | number;
  /** The right urgency. */
  urgency?: Urgency | null | undefined;
};

/** The customer's tone, as the classifier reads it. */
export type Sentiment =
  /** Anger, frustration, sarcasm or threats, or harm done to the customer even in calm words. */
  | 'NEGATIVE'
  /** Plain questions, requests and factual reports. */
  | 'NEUTRAL'
  /** Gratitude or praise is the main tone. */
  | 'POSITIVE';

/** How soon the team must act on a ticket, as the classifier reads it. */
export type Urgency =
  /** The customer is harmed now or threatens consequences: an outage or data loss, money taken wrongly, a security or privacy incident, a legal threat, a safety hazard, or a plea for urgency. Raises an alert. */
  | 'HIGH'
  /** Questions, feature requests, feedback, thanks and routine account changes. */
  | 'LOW'
  /** Something is wrong but not harmful: a bug, one login problem, a late or damaged order, a refund or cancellation request, a question about a charge. */
  | 'MEDIUM';

/** Why a mutation did not do what it was asked; stable, for programs to branch on. */
export type UserErrorCode =
  /** The API key may not act on what the input names (another tenant, or all tenants). */
  | 'FORBIDDEN'
  /** An ingestion run is already going for this tenant; watch it, or start another once it ends. */
  | 'INGESTION_ALREADY_RUNNING'
  /** A value of the input is malformed or out of range; field names it. */
  | 'INVALID_INPUT'
  /** The run is already finished and cannot be cancelled. */
  | 'NOT_CANCELLABLE'
  /** The id names nothing the key may see (the two look the same). */
  | 'NOT_FOUND'
  /** Too soon: the same request is allowed again later (the message says when). */
  | 'RATE_LIMITED'
  /** No tenant has this id: tenants become known when a sweep meets their tickets or when an admin registers them (registerTenant). */
  | 'UNKNOWN_TENANT';

export type RecentTicketsQueryVariables = Exact<{
  tenantId?: string | null | undefined;
  first: number;
}>;


export type RecentTicketsQuery = { tickets: { totalCount: number, nodes: Array<{ id: string, subject: string, classification: { urgency: Urgency, sentiment: Sentiment, raisesAlert: boolean } }> } };

export type CorrectTicketMutationVariables = Exact<{
  input: CorrectClassificationInput;
}>;


export type CorrectTicketMutation = { correctClassification: { ticket: { id: string, classification: { urgency: Urgency, needsReview: boolean } } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type LiveFiguresSubscriptionVariables = Exact<{
  tenantId?: string | null | undefined;
}>;


export type LiveFiguresSubscription = { tenantStatsUpdated: { totalTickets: number, urgencyHighRatio: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const RecentTicketsDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:c74905b22ea9e9a8fe140675b5f63f57596d3f2d595ade322e7e3a67ddaffff1"}) as unknown as TypedDocumentString<RecentTicketsQuery, RecentTicketsQueryVariables>;
export const CorrectTicketDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:3814087f46b8dd115c2232ef78bd3a948cd1f793f38fccec91373a533ee547e6"}) as unknown as TypedDocumentString<CorrectTicketMutation, CorrectTicketMutationVariables>;
export const LiveFiguresDocument = new TypedDocumentString(`
    subscription LiveFigures($tenantId: String) {
  tenantStatsUpdated(tenantId: $tenantId) {
    totalTickets
    urgencyHighRatio
  }
}
    `, {"hash":"sha256:4e8cc5866a87fc1f2721d13d0ac59db97a890a3a30f835c36e4cad2782ccdc25"}) as unknown as TypedDocumentString<LiveFiguresSubscription, LiveFiguresSubscriptionVariables>;