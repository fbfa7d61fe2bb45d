import { describe, expect, it } from 'vitest';
import {
  MIN_CORRECTIONS_PER_LABEL,
  TenantAdjustment,
  type CorrectedExample,
} from './tenant-adjustment.js';
import type { TicketFeatures } from './ticket-features.js';

const features = (sparse: [number, number][], dense = [0.5, -0.5]): TicketFeatures => ({
  sparse: new Map(sparse),
  dense: new Float32Array(dense),
});
/** A corpus whose sentence vectors lean nowhere: features are read as they are. */
const noLean = new Float32Array(2);
const unsure = { urgency: [0.3, 0.4, 0.3], sentiment: [0.2, 0.6, 0.2], requiresAction: [0.5, 0.5] };

describe('TenantAdjustment', () => {
  const invoices = (n: number): CorrectedExample[] =>
    Array.from({ length: n }, (_, i) => ({
      features: features([
        [0, 0.8],
        [10 + i, 0.6],
      ]),
      combined: unsure,
      taught: { urgency: 0 }, // HIGH, where the opinions leaned MEDIUM
    }));

  it('moves tickets sharing the corrected tickets’ features towards the taught class', async () => {
    const adjustment = await TenantAdjustment.fit(invoices(5), noLean);
    expect(adjustment.examples).toBe(5);
    const shared = adjustment.adjust('urgency', features([[0, 1]]), unsure.urgency);
    expect(shared.indexOf(Math.max(...shared))).toBe(0);
    expect(shared.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('moves further as corrections of a kind accumulate, until they overturn a sure opinion', async () => {
    const sure = [0.05, 0.9, 0.05]; // MEDIUM, where this tenant calls such tickets HIGH
    const taughtHigh = (n: number): CorrectedExample[] =>
      invoices(n).map((example) => ({ ...example, combined: { ...unsure, urgency: sure } }));
    const pHigh = async (n: number) =>
      (await TenantAdjustment.fit(taughtHigh(n), noLean)).adjust(
        'urgency',
        features([[0, 1]]),
        sure,
      )[0]!;
    const [few, many] = [await pHigh(MIN_CORRECTIONS_PER_LABEL), await pHigh(40)];
    expect(few).toBeGreaterThan(sure[0]!);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeGreaterThan(0.95);
  });

  it('learns nothing from fewer corrections of a label than it takes to generalise', async () => {
    const adjustment = await TenantAdjustment.fit(invoices(MIN_CORRECTIONS_PER_LABEL - 1), noLean);
    expect(adjustment.adjust('urgency', features([[0, 1]]), unsure.urgency)).toEqual(
      unsure.urgency,
    );
  });

  it('leaves labels nobody corrected, and unrelated tickets, nearly as they were', async () => {
    const adjustment = await TenantAdjustment.fit(invoices(5), noLean);
    expect(adjustment.adjust('sentiment', features([[0, 1]]), unsure.sentiment)).toEqual(
      unsure.sentiment,
    );
    const unrelated = adjustment.adjust('urgency', features([[99, 1]], [0, 0]), unsure.urgency);
    for (const [k, p] of unrelated.entries()) expect(p).toBeCloseTo(unsure.urgency[k]!, 6);
  });

  it('reads sentence vectors centred on the corpus mean, so corrections all one way move no unrelated ticket', async () => {
    // Every vector leans towards the corpus mean; five false pages, each its own words,
    // corrected to MEDIUM (all away from HIGH).
    const lean = [0.6, 0.6];
    const falsePages: CorrectedExample[] = Array.from({ length: 5 }, (_, i) => ({
      features: features([[20 + i, 1]], [lean[0]! + (i % 2 ? 0.1 : -0.1), lean[1]!]),
      combined: { ...unsure, urgency: [0.5, 0.4, 0.1] },
      taught: { urgency: 1 },
    }));
    // Another ticket, sharing nothing but the common lean.
    const other = features([[99, 1]], lean);
    const pHigh = async (denseMean: Float32Array) =>
      (await TenantAdjustment.fit(falsePages, denseMean)).adjust(
        'urgency',
        other,
        [0.5, 0.4, 0.1],
      )[0]!;
    expect(await pHigh(noLean)).toBeLessThan(0.45);
    expect(await pHigh(Float32Array.from(lean))).toBeCloseTo(0.5, 3);
  });
});
