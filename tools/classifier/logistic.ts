import {
  softmax,
  type Combination,
  type LinearHead,
} from '../../src/domain/classification/learned-model.js';
import type { TicketFeatures } from '../../src/domain/classification/ticket-features.js';

export interface HeadSettings {
  /** L2 penalty per weight. */
  lambda: number;
  iterations: number;
  learningRate: number;
}

/** Adam's moment estimates for one parameter array. */
class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    size: number,
    private readonly rate: number,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(params: Float64Array, grad: Float64Array): void {
    this.t += 1;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    for (let i = 0; i < params.length; i++) {
      this.m[i] = 0.9 * this.m[i]! + 0.1 * grad[i]!;
      this.v[i] = 0.999 * this.v[i]! + 0.001 * grad[i]! * grad[i]!;
      params[i]! -= (this.rate * (this.m[i]! / c1)) / (Math.sqrt(this.v[i]! / c2) + 1e-8);
    }
  }
}

/**
 * Multinomial logistic regression, full batch with Adam from zero weights: no randomness, so
 * the same tickets give the same weights.
 */
export function trainHead(
  samples: readonly TicketFeatures[],
  targets: readonly number[],
  classes: number,
  sparseSize: number,
  settings: HeadSettings,
): LinearHead {
  const dims = samples[0]?.dense.length ?? 0;
  const width = sparseSize + dims;
  const params = new Float64Array(classes * width + classes);
  const grad = new Float64Array(params.length);
  const adam = new Adam(params.length, settings.learningRate);
  const n = samples.length;
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    grad.fill(0);
    samples.forEach((sample, s) => {
      const logits = new Float64Array(classes);
      for (let k = 0; k < classes; k++) {
        const row = k * width;
        let z = params[classes * width + k]!;
        for (const [index, value] of sample.sparse) z += params[row + index]! * value;
        for (let d = 0; d < dims; d++) z += params[row + sparseSize + d]! * sample.dense[d]!;
        logits[k] = z;
      }
      const p = softmax(logits);
      for (let k = 0; k < classes; k++) {
        const g = (p[k]! - (targets[s] === k ? 1 : 0)) / n;
        const row = k * width;
        for (const [index, value] of sample.sparse) grad[row + index]! += g * value;
        for (let d = 0; d < dims; d++) grad[row + sparseSize + d]! += g * sample.dense[d]!;
        grad[classes * width + k]! += g;
      }
    });
    for (let i = 0; i < classes * width; i++) grad[i]! += settings.lambda * params[i]!;
    adam.step(params, grad);
  }
  return {
    weights: Array.from({ length: classes }, (_, k) =>
      Float32Array.from(params.subarray(k * width, (k + 1) * width)),
    ),
    bias: Float32Array.from(params.subarray(classes * width)),
  };
}

/**
 * The combination of the two opinions for one label, fitted by logistic regression on
 * tickets the model did not train on and the rules were not written from (3 + classes
 * parameters, so a few hundred tickets suffice).
 */
export function fitCombination(
  rows: readonly { modelProbs: readonly number[]; ruleClass: number; target: number }[],
  classes: number,
): Combination {
  const params = new Float64Array(2 + classes);
  params[0] = 1;
  const grad = new Float64Array(params.length);
  const adam = new Adam(params.length, 0.05);
  const logOf = (p: number) => Math.log(Math.max(p, 1e-9));
  for (let iteration = 0; iteration < 2000; iteration++) {
    grad.fill(0);
    for (const row of rows) {
      const logits = row.modelProbs.map(
        (p, k) => params[0]! * logOf(p) + (k === row.ruleClass ? params[1]! : 0) + params[2 + k]!,
      );
      const p = softmax(logits);
      for (let k = 0; k < classes; k++) {
        const g = (p[k]! - (row.target === k ? 1 : 0)) / rows.length;
        grad[0]! += g * logOf(row.modelProbs[k]!);
        if (k === row.ruleClass) grad[1]! += g;
        grad[2 + k]! += g;
      }
    }
    adam.step(params, grad);
  }
  return { modelWeight: params[0]!, ruleWeight: params[1]!, bias: Array.from(params.subarray(2)) };
}
