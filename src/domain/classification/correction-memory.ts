import type { LabelCorrection } from '../tickets/ticket.types.js';
import { readTicket } from './reading.js';
import { ownWords, type SentenceEncoder } from './ticket-features.js';

/** A ticket a person corrected, as the memory learns from it. */
export interface CorrectedTicket {
  tenantId: string;
  subject: string;
  message: string;
  correction: LabelCorrection;
}

/** Storage port: the latest corrections of every tenant. */
export interface CorrectionSource {
  /** Each tenant's latest corrected tickets, at most `perTenant` of each. */
  recent(perTenant: number): Promise<CorrectedTicket[]>;
}

export interface CorrectionMemorySettings {
  /** A ticket this similar (cosine of the sentence vectors) to a corrected one takes its labels. */
  minSimilarity: number;
  /** Corrections kept per tenant (the latest). */
  perTenant: number;
}

export const CORRECTION_MEMORY: CorrectionMemorySettings = { minSimilarity: 0.9, perTenant: 500 };

export interface Remembered {
  correction: LabelCorrection;
  similarity: number;
}

/**
 * What a tenant's people taught the classifier: their corrected tickets, as sentence
 * vectors. A new ticket of that tenant nearly the same as a corrected one (the same
 * recurring kind of ticket, in other words) takes the corrected labels. Per tenant, so one
 * tenant's judgement never moves another's tickets; read again from the database on every
 * replica (refresh, every CORRECTIONS_LEARN_EVERY_MS), so a correction teaches all of them.
 */
export class CorrectionMemory {
  private byTenant = new Map<string, { vector: Float32Array; correction: LabelCorrection }[]>();

  constructor(
    private readonly encoder: SentenceEncoder,
    readonly settings: CorrectionMemorySettings = CORRECTION_MEMORY,
  ) {}

  /** The ticket's sentence vector, as the memory compares them (undefined: no known words). */
  vectorOf(ticket: { subject: string; message: string }): Float32Array | undefined {
    return this.encoder.encode(ownWords(readTicket(ticket)).flat());
  }

  /** Replaces what is remembered with these corrected tickets. */
  replace(tickets: readonly CorrectedTicket[]): void {
    const next = new Map<string, { vector: Float32Array; correction: LabelCorrection }[]>();
    for (const ticket of tickets) {
      const vector = this.vectorOf(ticket);
      if (vector === undefined) continue;
      const list = next.get(ticket.tenantId) ?? [];
      list.push({ vector, correction: ticket.correction });
      next.set(ticket.tenantId, list);
    }
    this.byTenant = next;
  }

  /** The most similar corrected ticket of the tenant, if similar enough. */
  nearest(tenantId: string, vector: Float32Array | undefined): Remembered | null {
    const examples = this.byTenant.get(tenantId);
    if (examples === undefined || vector === undefined) return null;
    let best: Remembered | null = null;
    for (const example of examples) {
      let similarity = 0;
      for (let d = 0; d < vector.length; d++) similarity += vector[d]! * example.vector[d]!;
      if (similarity >= this.settings.minSimilarity && similarity > (best?.similarity ?? -1))
        best = { correction: example.correction, similarity };
    }
    return best;
  }

  get size(): number {
    let size = 0;
    for (const list of this.byTenant.values()) size += list.length;
    return size;
  }
}
