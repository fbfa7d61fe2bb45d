import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  perLabel,
  type Combination,
  type LabelName,
  type LearnedModel,
} from '../../domain/classification/index.js';
import { projectRoot } from '../system/project-root.js';

/**
 * The learned opinion's weights, committed beside its training script (`npm run train`,
 * tools/classifier/train.ts): what it was trained on (files, their SHA-256, the settings)
 * travels with it. Weight rows are int8 with a scale each (a linear model loses nothing
 * that matters), so the file stays small enough to review in a diff summary.
 */
export const LEARNED_MODEL_PATH = join(
  projectRoot(),
  'src/infra/classification/learned-model.json',
);

export interface TrainingRecord {
  files: { path: string; sha256: string; tickets: number }[];
  settings: Record<string, number>;
  /** Fold assignment seed of the cross-validation. */
  seed: number;
}

interface StoredRow {
  scale: number;
  int8: string;
}

interface StoredModel {
  version: string;
  training: TrainingRecord;
  vocabulary: string;
  idf: string;
  dimensions: number;
  /** float32, base64. */
  denseMean: string;
  heads: Record<LabelName, { rows: StoredRow[]; bias: number[] }>;
  combination: Record<LabelName, Combination>;
  reviewBelow: number;
  alertAbove: number;
}

function quantised(row: Float32Array): StoredRow {
  let max = 0;
  for (const value of row) max = Math.max(max, Math.abs(value));
  const scale = max / 127 || 1;
  const bytes = Int8Array.from(row, (value) => Math.round(value / scale));
  return { scale, int8: Buffer.from(bytes.buffer).toString('base64') };
}

function restored(row: StoredRow): Float32Array {
  const bytes = Buffer.from(row.int8, 'base64');
  const int8 = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from(int8, (value) => value * row.scale);
}

export function writeLearnedModel(
  model: LearnedModel,
  training: TrainingRecord,
  path = LEARNED_MODEL_PATH,
): void {
  const grams = [...model.vocabulary.index.keys()];
  const stored: StoredModel = {
    version: model.version,
    training,
    vocabulary: grams.join('\n'),
    idf: Buffer.from(model.vocabulary.idf.buffer).toString('base64'),
    dimensions: model.vocabulary.dimensions,
    denseMean: Buffer.from(model.vocabulary.denseMean.buffer).toString('base64'),
    heads: perLabel((label) => ({
      rows: model.heads[label].weights.map(quantised),
      bias: Array.from(model.heads[label].bias),
    })),
    combination: model.combination,
    reviewBelow: model.reviewBelow,
    alertAbove: model.alertAbove,
  };
  writeFileSync(path, `${JSON.stringify(stored, null, 1)}\n`);
}

export function readLearnedModel(path = LEARNED_MODEL_PATH): LearnedModel & {
  training: TrainingRecord;
} {
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredModel;
  const grams = stored.vocabulary.split('\n');
  const float32 = (base64: string, length: number) => {
    const values = new Float32Array(length);
    new Uint8Array(values.buffer).set(Buffer.from(base64, 'base64'));
    return values;
  };
  return {
    version: stored.version,
    training: stored.training,
    vocabulary: {
      index: new Map(grams.map((gram, i) => [gram, i])),
      idf: float32(stored.idf, grams.length),
      dimensions: stored.dimensions,
      denseMean: float32(stored.denseMean, stored.dimensions),
    },
    heads: perLabel((label) => ({
      weights: stored.heads[label].rows.map(restored),
      bias: Float32Array.from(stored.heads[label].bias),
    })),
    combination: stored.combination,
    reviewBelow: stored.reviewBelow,
    alertAbove: stored.alertAbove,
  };
}
