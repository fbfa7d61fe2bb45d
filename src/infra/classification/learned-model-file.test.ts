import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABEL_NAMES, modelProbabilities } from '../../domain/classification/learned-model.js';
import { readTicket } from '../../domain/classification/reading.js';
import { featuresOf } from '../../domain/classification/ticket-features.js';
import { readLearnedModel, writeLearnedModel } from './learned-model-file.js';

describe('the learned model file', () => {
  it('the committed model loads, with its training record, and answers probabilities', () => {
    const model = readLearnedModel();
    expect(model.training.files.length).toBeGreaterThanOrEqual(3);
    for (const file of model.training.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const features = featuresOf(
      readTicket({ subject: 'Charged twice', message: 'You took the payment two times.' }),
      model.vocabulary,
      undefined,
    );
    const probabilities = modelProbabilities(model, features);
    for (const label of LABEL_NAMES)
      expect(probabilities[label].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('round-trips: the same weights to within int8 rounding, the same vocabulary', () => {
    const model = readLearnedModel();
    const path = join(mkdtempSync(join(tmpdir(), 'learned-')), 'model.json');
    writeLearnedModel(model, model.training, path);
    const again = readLearnedModel(path);
    expect([...again.vocabulary.index.keys()]).toEqual([...model.vocabulary.index.keys()]);
    expect(again.vocabulary.idf).toEqual(model.vocabulary.idf);
    // The training tickets' mean sentence vector, which the tenants' layers centre on.
    expect(model.vocabulary.denseMean).toHaveLength(model.vocabulary.dimensions);
    expect(model.vocabulary.denseMean.some((value) => value !== 0)).toBe(true);
    expect(again.vocabulary.denseMean).toEqual(model.vocabulary.denseMean);
    const row = model.heads.urgency.weights[0]!;
    const reread = again.heads.urgency.weights[0]!;
    const scale = Math.max(...row.map(Math.abs)) / 127;
    for (let i = 0; i < row.length; i += 97)
      expect(Math.abs(reread[i]! - row[i]!)).toBeLessThanOrEqual(scale);
    expect(again.combination).toEqual(model.combination);
  });
});
