import { setImmediate } from 'node:timers/promises';
import { LABEL_CLASSES, LABEL_NAMES, softmax, type LabelName } from './learned-model.js';
import type { TicketFeatures } from './ticket-features.js';

/**
 * How a tenant's corrections are learned: a small linear layer per label on top of the two
 * opinions' combined probabilities, fitted to what the tenant's people set. No bias term
 * (a handful of corrections, chosen because they were the least certain, would otherwise
 * shift every ticket), and an L2 pull towards no change worth `prior` corrections: the
 * corrections' summed loss against it, so a handful barely moves the tenant's tickets and
 * dozens teach its own conventions (a topic it always treats as HIGH). Chosen by simulation
 * (BENCHMARKS.md, "Learning from corrections").
 */
export const ADJUSTMENT_FIT = { prior: 0.3, iterations: 300, learningRate: 3 } as const;

/**
 * A label's layer is fitted only from this many corrections of it: one or two say little
 * about a tenant's other tickets, and a single correction of a "thank you" note to HIGH moved
 * a hundred unrelated tickets into review (their sentence vectors share a direction). Near
 * copies of a corrected ticket still follow it at once (`CorrectionMemory`).
 */
export const MIN_CORRECTIONS_PER_LABEL = 5;

/** One corrected ticket as the fit sees it: its features, the opinions' answer, the person's. */
export interface CorrectedExample {
  features: TicketFeatures;
  /** The two opinions' combined class probabilities, per label. */
  combined: Record<LabelName, number[]>;
  /** The class a person set, per label they set (absent: not corrected). */
  taught: Partial<Record<LabelName, number>>;
}

/**
 * Per label: a weight per class for each sparse feature seen, and for each dense dimension;
 * and per class the dense weights' product with the mean the layer was fitted around, so a
 * ticket's vector is centred without copying it (W·(x − mean) = W·x − W·mean).
 */
interface LabelLayer {
  sparse: Map<number, Float64Array>;
  dense: Float64Array[];
  meanShift: Float64Array;
}

/**
 * The features as a layer reads them: the sentence vector centred on the training tickets'
 * mean. Every vector leans that way, and corrections that all go one way (the false pages
 * people correct, all away from HIGH) would otherwise teach the lean as a bias and move every
 * ticket of the tenant (BENCHMARKS.md, "Learning from corrections").
 */
const centred = (features: TicketFeatures, denseMean: Float32Array): TicketFeatures => ({
  sparse: features.sparse,
  dense: features.dense.map((value, d) => value - (denseMean[d] ?? 0)),
});

/** A tenant's learned correction of the combined probabilities. */
export class TenantAdjustment {
  private constructor(
    private readonly layers: Partial<Record<LabelName, LabelLayer>>,
    /** Corrections it was fitted on. */
    readonly examples: number,
  ) {}

  /**
   * Fits one layer per corrected label by full-batch gradient descent on the cross-entropy
   * of softmax(log combined + W·x), with L2 on W, over features centred on `denseMean` (the
   * model's `vocabulary.denseMean`). Yields the event loop between iterations.
   */
  static async fit(
    examples: readonly CorrectedExample[],
    denseMean: Float32Array,
  ): Promise<TenantAdjustment> {
    const read = examples.map((e) => ({ ...e, features: centred(e.features, denseMean) }));
    const layers: Partial<Record<LabelName, LabelLayer>> = {};
    for (const label of LABEL_NAMES) {
      const taught = read.filter((e) => e.taught[label] !== undefined);
      if (taught.length >= MIN_CORRECTIONS_PER_LABEL)
        layers[label] = await fitLayer(label, taught, denseMean);
    }
    return new TenantAdjustment(layers, examples.length);
  }

  /** The combined probabilities of a label after the tenant's corrections are weighed in. */
  adjust(label: LabelName, features: TicketFeatures, combined: readonly number[]): number[] {
    const layer = this.layers[label];
    return layer === undefined ? [...combined] : softmax(logits(layer, features, combined));
  }
}

function logits(layer: LabelLayer, features: TicketFeatures, combined: readonly number[]) {
  return combined.map((p, k) => {
    let z = Math.log(Math.max(p, 1e-9)) - layer.meanShift[k]!;
    for (const [index, value] of features.sparse) z += (layer.sparse.get(index)?.[k] ?? 0) * value;
    const dense = layer.dense[k]!;
    for (let d = 0; d < features.dense.length; d++) z += dense[d]! * features.dense[d]!;
    return z;
  });
}

/** Fits on the examples' centred features, then records the shift that centres any ticket's. */
async function fitLayer(
  label: LabelName,
  examples: readonly CorrectedExample[],
  denseMean: Float32Array,
) {
  const classes = LABEL_CLASSES[label].length;
  const dimensions = examples[0]!.features.dense.length;
  const layer: LabelLayer = {
    sparse: new Map(),
    dense: Array.from({ length: classes }, () => new Float64Array(dimensions)),
    meanShift: new Float64Array(classes),
  };
  const { prior, iterations, learningRate } = ADJUSTMENT_FIT;
  // Gradient steps on the mean loss; the pull, per correction, weakens as corrections grow.
  const lambda = prior / examples.length;
  const step = learningRate / examples.length;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const sparseGradient = new Map<number, Float64Array>();
    const denseGradient = Array.from({ length: classes }, () => new Float64Array(dimensions));
    for (const example of examples) {
      const q = softmax(logits(layer, example.features, example.combined[label]));
      for (let k = 0; k < classes; k++) {
        const g = q[k]! - (k === example.taught[label] ? 1 : 0);
        for (const [index, value] of example.features.sparse) {
          let row = sparseGradient.get(index);
          if (row === undefined) sparseGradient.set(index, (row = new Float64Array(classes)));
          row[k]! += g * value;
        }
        const dense = denseGradient[k]!;
        for (let d = 0; d < dimensions; d++) dense[d]! += g * example.features.dense[d]!;
      }
    }
    for (const [index, gradient] of sparseGradient) {
      let row = layer.sparse.get(index);
      if (row === undefined) layer.sparse.set(index, (row = new Float64Array(classes)));
      for (let k = 0; k < classes; k++)
        row[k]! -= step * gradient[k]! + learningRate * lambda * row[k]!;
    }
    for (let k = 0; k < classes; k++) {
      const weights = layer.dense[k]!;
      const gradient = denseGradient[k]!;
      for (let d = 0; d < dimensions; d++)
        weights[d]! -= step * gradient[d]! + learningRate * lambda * weights[d]!;
    }
    await setImmediate();
  }
  for (let k = 0; k < classes; k++)
    for (let d = 0; d < dimensions; d++)
      layer.meanShift[k]! += layer.dense[k]![d]! * (denseMean[d] ?? 0);
  return layer;
}
