import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/system/project-root.js';
import { Classifier } from './classifier.js';

interface Example {
  subject: string;
  message: string;
  urgency: string;
  sentiment: string;
  requiresAction: boolean;
}

const examples: Example[] = readFileSync(
  join(projectRoot(), '..', 'shared', 'classification', 'examples.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Example);

const classifier = new Classifier();
const results = examples.map((example) => ({ example, result: classifier.classify(example) }));
const LABELS = ['urgency', 'sentiment', 'requiresAction'] as const;
const agreement = Object.fromEntries(
  LABELS.map((label) => [
    label,
    results.filter(({ example, result }) => example[label] === result[label]).length /
      examples.length,
  ]),
) as Record<(typeof LABELS)[number], number>;
const figures = LABELS.map((label) => `${label} ${(agreement[label] * 100).toFixed(1)}%`).join(
  ', ',
);

describe('labelled examples of shared/classification', () => {
  it(`agree on at least 95% per label (${figures} of ${examples.length})`, () => {
    const disagreements = results.flatMap(({ example, result }) =>
      LABELS.filter((label) => example[label] !== result[label]).map(
        (label) =>
          `${example.subject}: ${label} ${String(result[label])} instead of ${String(example[label])} [${result.signals.join(', ')}]`,
      ),
    );
    console.log(`classification agreement: ${figures}`);
    if (disagreements.length > 0) console.log(disagreements.join('\n'));
    expect(examples.length).toBeGreaterThanOrEqual(40);
    for (const label of LABELS) expect(agreement[label], label).toBeGreaterThanOrEqual(0.95);
  });
});
