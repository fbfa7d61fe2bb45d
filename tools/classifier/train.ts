import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Classifier } from '../../src/domain/classification/classifier.js';
import {
  calibrationError,
  parseJsonl,
  type LabelledTicket,
} from '../../src/domain/classification/evaluation.js';
import {
  argmax,
  combined,
  HIGH_CLASS,
  LABEL_CLASSES,
  LABEL_NAMES,
  modelProbabilities,
  perLabel,
  type Combination,
  type LabelName,
  type LearnedModel,
} from '../../src/domain/classification/learned-model.js';
import { readTicket, type Reading } from '../../src/domain/classification/reading.js';
import { SemanticRecognizer } from '../../src/domain/classification/semantic-recognizer.js';
import {
  featuresOf,
  ngrams,
  type FeatureVocabulary,
} from '../../src/domain/classification/ticket-features.js';
import {
  writeLearnedModel,
  type TrainingRecord,
} from '../../src/infra/classification/learned-model-file.js';
import { ensureStaticModel } from '../../src/infra/classification/model-store.js';
import { StaticPhraseEncoder } from '../../src/infra/classification/static-phrase-encoder.js';
import { projectRoot } from '../../src/infra/system/project-root.js';
import { fitCombination, trainHead, type HeadSettings } from './logistic.js';

/**
 * `npm run train`: trains the learned opinion from the labelled corpus and writes
 * src/infra/classification/learned-model.json, printing cross-validated figures. The
 * corpus: the shared development sets, our own labelled rounds, and the fresh rounds under
 * training/ (written from the policy alone; the rules were never tuned on them, so they
 * are where the two opinions' combination is fitted and confidence is calibrated). The
 * frozen evaluation rounds (bench/frozen-tickets) are never read here.
 */
const SEED = 20261204;
const FOLDS = 5;
const HEAD: HeadSettings = { lambda: 1e-4, iterations: 150, learningRate: 0.05 };
const MIN_DF = { word: 2, char: 3 };
/** The share of fresh tickets sent to review at most (the issue asks for ≥ 70% not flagged). */
const REVIEW_SHARE = 0.22;
/**
 * The HIGH recall the alert threshold keeps on the fresh rounds (out of fold): a missed HIGH
 * is a missed page. Two points above the issue's 95%, because a threshold fitted to keep 96%
 * kept only 93.5% and 94.1% of rounds 30 and 31 when they arrived (BENCHMARKS.md).
 */
const ALERT_RECALL = 0.97;

const root = projectRoot();
const CORPUS = [
  join(root, '../shared/classification/examples.jsonl'),
  join(root, '../shared/classification/examples-2.jsonl'),
  join(root, 'src/domain/classification/fixtures/own-tickets.jsonl'),
];
const FRESH_DIR = join(root, 'training');
const FIRST_CONTACT_DIR = join(FRESH_DIR, 'first-contact');

interface Example {
  ticket: LabelledTicket;
  reading: Reading;
  grams: Map<string, number>;
  /**
   * A fresh round: not in the rules' regression set and never fitted by numbers, though its
   * errors may have been read to fix general defects since it arrived.
   */
  fresh: boolean;
  /**
   * The rules' labels when the round arrived (`training/first-contact/`, written by `npm run
   * first-contact`): the combination is fitted on these, since on a ticket nobody has read
   * the rules answer as they did then, not as they do on tickets whose errors were read.
   */
  firstContact: Record<LabelName, number> | null;
  targets: Record<LabelName, number>;
}

const classIndex = (label: LabelName, ticket: LabelledTicket) =>
  (LABEL_CLASSES[label] as readonly string[]).indexOf(String(ticket[label]));

function load(): { examples: Example[]; files: TrainingRecord['files'] } {
  const fresh = existsSync(FRESH_DIR)
    ? readdirSync(FRESH_DIR)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(FRESH_DIR, f))
    : [];
  const examples: Example[] = [];
  const files: TrainingRecord['files'] = [];
  const record = (path: string, text: string, tickets: number) =>
    files.push({
      path: relative(root, path),
      sha256: createHash('sha256').update(text).digest('hex'),
      tickets,
    });
  for (const path of [...CORPUS, ...fresh]) {
    const text = readFileSync(path, 'utf8');
    const tickets = parseJsonl(text);
    record(path, text, tickets.length);
    const isFresh = fresh.includes(path);
    const answers = isFresh ? firstContactAnswers(path, tickets.length) : null;
    if (answers !== null) record(answers.path, answers.text, answers.labels.length);
    for (const [index, ticket] of tickets.entries()) {
      const reading = readTicket(ticket);
      const targets = perLabel((label) => classIndex(label, ticket));
      examples.push({
        ticket,
        reading,
        grams: ngrams(reading),
        fresh: isFresh,
        firstContact: answers?.labels[index] ?? null,
        targets,
      });
    }
  }
  return { examples, files };
}

/** The rules' labels recorded when a fresh round arrived, one line per ticket; null if none. */
function firstContactAnswers(round: string, tickets: number) {
  const path = join(FIRST_CONTACT_DIR, basename(round));
  if (!existsSync(path)) {
    console.log(
      `no first-contact record for ${basename(round)}: the rules' answers of today are used`,
    );
    return null;
  }
  const text = readFileSync(path, 'utf8');
  const labels = parseJsonl(text).map((answer) => perLabel((label) => classIndex(label, answer)));
  if (labels.length !== tickets)
    throw new Error(`${relative(root, path)} has ${labels.length} answers for ${tickets} tickets`);
  if (labels.some((answer) => Object.values(answer).some((index) => index < 0)))
    throw new Error(`${relative(root, path)} holds a label outside the policy's classes`);
  return { path, text, labels };
}

/** A deterministic shuffle (mulberry32), so folds are the same on every machine. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function vocabularyOf(examples: readonly Example[], dimensions: number): FeatureVocabulary {
  const df = new Map<string, number>();
  for (const example of examples)
    for (const gram of example.grams.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const kept = [...df]
    .filter(([gram, count]) => count >= (gram.startsWith('c:') ? MIN_DF.char : MIN_DF.word))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const n = examples.length;
  return {
    index: new Map(kept.map(([gram], i) => [gram, i])),
    idf: Float32Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1),
    dimensions,
  };
}

function trainModel(
  examples: readonly Example[],
  encoder: StaticPhraseEncoder,
): { heads: LearnedModel['heads']; vocabulary: FeatureVocabulary } {
  const vocabulary = vocabularyOf(examples, encoder.dimensions);
  const features = examples.map((e) => featuresOf(e.reading, vocabulary, encoder));
  const heads = {} as LearnedModel['heads'];
  for (const label of LABEL_NAMES)
    heads[label] = trainHead(
      features,
      examples.map((e) => e.targets[label]),
      LABEL_CLASSES[label].length,
      vocabulary.idf.length,
      HEAD,
    );
  return { heads, vocabulary };
}

interface Opinions {
  example: Example;
  model: Record<LabelName, number[]>;
  rules: Record<LabelName, number>;
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

async function main(): Promise<void> {
  const files = await ensureStaticModel(undefined, (line) => console.log(line));
  const encoder = StaticPhraseEncoder.load(files);
  const rules = new Classifier({ recognizer: new SemanticRecognizer(encoder) });
  const rulesToday = (ticket: LabelledTicket) => {
    const ruled = rules.classify(ticket);
    return perLabel((label) => classIndex(label, { ...ticket, ...ruled }));
  };
  const { examples, files: corpus } = load();
  console.log(
    `corpus: ${examples.length} tickets (${examples.filter((e) => e.fresh).length} fresh)`,
  );

  // Out-of-fold opinions: each ticket judged by a model that never trained on it.
  const order = shuffled(
    examples.map((_, i) => i),
    SEED,
  );
  const opinions: Opinions[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = new Set(order.filter((_, i) => i % FOLDS === fold));
    const { heads, vocabulary } = trainModel(
      examples.filter((_, i) => !held.has(i)),
      encoder,
    );
    const model = { version: 'cv', vocabulary, heads } as LearnedModel;
    for (const i of held) {
      const example = examples[i]!;
      opinions.push({
        example,
        model: modelProbabilities(model, featuresOf(example.reading, vocabulary, encoder)),
        rules: example.firstContact ?? rulesToday(example.ticket),
      });
    }
    console.log(`fold ${fold + 1}/${FOLDS} trained`);
  }

  const fresh = opinions.filter((o) => o.example.fresh);
  const report = (
    name: string,
    rows: Opinions[],
    pick: (o: Opinions, label: LabelName) => number,
  ) =>
    console.log(
      `${name.padEnd(34)} ${LABEL_NAMES.map((label) => `${label} ${pct(rows.filter((o) => pick(o, label) === o.example.targets[label]).length, rows.length)}`).join('  ')}`,
    );
  report('model alone, all (out of fold)', opinions, (o, l) => argmax(o.model[l]));
  report('model alone, fresh (out of fold)', fresh, (o, l) => argmax(o.model[l]));
  report('rules alone, fresh (first contact)', fresh, (o, l) => o.rules[l]);

  // The combination is fitted on the fresh tickets only (the rules' answers at first
  // contact), and its calibration measured by cross-validation over them.
  const combination = {} as Record<LabelName, Combination>;
  const calibrated = new Map<Opinions, Record<LabelName, number[]>>();
  const freshOrder = shuffled(fresh, SEED + 1);
  for (const label of LABEL_NAMES) {
    const rowOf = (o: Opinions) => ({
      modelProbs: o.model[label],
      ruleClass: o.rules[label],
      target: o.example.targets[label],
    });
    const classes = LABEL_CLASSES[label].length;
    for (let fold = 0; fold < FOLDS; fold++) {
      const fitted = fitCombination(
        freshOrder.filter((_, i) => i % FOLDS !== fold).map(rowOf),
        classes,
      );
      for (const o of freshOrder.filter((_, i) => i % FOLDS === fold)) {
        const probs = calibrated.get(o) ?? ({} as Record<LabelName, number[]>);
        probs[label] = combined(fitted, o.model[label], o.rules[label]);
        calibrated.set(o, probs);
      }
    }
    combination[label] = fitCombination(fresh.map(rowOf), classes);
    const rows = fresh.map((o) => {
      const probs = calibrated.get(o)![label];
      return {
        confidence: Math.max(...probs),
        correct: argmax(probs) === o.example.targets[label],
      };
    });
    console.log(
      `both, ${label}: accuracy ${pct(rows.filter((r) => r.correct).length, rows.length)}, ECE ${calibrationError(rows).toFixed(3)} (5-fold over fresh); weights model ${combination[label].modelWeight.toFixed(2)} rules ${combination[label].ruleWeight.toFixed(2)}`,
    );
  }
  report('both (cross-validated), fresh', fresh, (o, l) => argmax(calibrated.get(o)![l]));
  const agree = (o: Opinions, l: LabelName) => argmax(o.model[l]) === o.rules[l];
  for (const label of LABEL_NAMES) {
    const agreed = fresh.filter((o) => agree(o, label));
    console.log(
      `agreement, ${label}: ${pct(agreed.length, fresh.length)} of fresh tickets, right ${pct(agreed.filter((o) => o.rules[label] === o.example.targets[label]).length, agreed.length)} of those`,
    );
  }

  // Review: the least confident label of a ticket below a threshold, chosen so at most
  // REVIEW_SHARE of fresh tickets are flagged.
  const leastConfidence = (o: Opinions) =>
    Math.min(...LABEL_NAMES.map((l) => Math.max(...calibrated.get(o)![l])));
  const sorted = fresh.map(leastConfidence).sort((a, b) => a - b);
  const reviewBelow = sorted[Math.floor(sorted.length * REVIEW_SHARE)]!;
  const unflagged = fresh.filter((o) => leastConfidence(o) >= reviewBelow);
  report(`both, not flagged (${pct(unflagged.length, fresh.length)} kept)`, unflagged, (o, l) =>
    argmax(calibrated.get(o)![l]),
  );

  // Alerting: the served policy pages when the combined P(HIGH) reaches the threshold that
  // keeps ALERT_RECALL of the fresh HIGH tickets (out of fold); HIGH recall and precision
  // for it and each other policy tried.
  const highShares = fresh
    .filter((o) => o.example.targets.urgency === HIGH_CLASS)
    .map((o) => calibrated.get(o)!.urgency[HIGH_CLASS]!)
    .sort((a, b) => b - a);
  const alertAbove = highShares[Math.ceil(highShares.length * ALERT_RECALL) - 1]!;
  const policies: [string, (o: Opinions) => boolean][] = [
    ['rules say HIGH', (o) => o.rules.urgency === HIGH_CLASS],
    ['model says HIGH', (o) => argmax(o.model.urgency) === HIGH_CLASS],
    ['both combined say HIGH', (o) => argmax(calibrated.get(o)!.urgency) === HIGH_CLASS],
    [
      'either opinion says HIGH',
      (o) => o.rules.urgency === HIGH_CLASS || argmax(o.model.urgency) === HIGH_CLASS,
    ],
    ['combined P(HIGH) >= 0.25', (o) => calibrated.get(o)!.urgency[HIGH_CLASS]! >= 0.25],
    [
      `combined P(HIGH) >= ${alertAbove.toFixed(3)} (served)`,
      (o) => calibrated.get(o)!.urgency[HIGH_CLASS]! >= alertAbove,
    ],
  ];
  for (const [name, pages] of policies) {
    const paged = fresh.filter(pages);
    const truly = fresh.filter((o) => o.example.targets.urgency === HIGH_CLASS);
    const hits = paged.filter((o) => o.example.targets.urgency === HIGH_CLASS).length;
    console.log(
      `alert policy "${name}": HIGH recall ${pct(hits, truly.length)}, precision ${pct(hits, paged.length)}`,
    );
  }

  const { heads, vocabulary } = trainModel(examples, encoder);
  const digest = createHash('sha256').update(JSON.stringify(corpus)).digest('hex').slice(0, 8);
  const model: LearnedModel = {
    version: `learned-1.${digest}`,
    vocabulary,
    heads,
    combination,
    reviewBelow,
    alertAbove,
  };
  writeLearnedModel(model, {
    files: corpus,
    settings: {
      ...HEAD,
      ...MIN_DF,
      folds: FOLDS,
      reviewShare: REVIEW_SHARE,
      alertRecall: ALERT_RECALL,
    },
    seed: SEED,
  });
  console.log(
    `wrote the learned model ${model.version}: ${vocabulary.idf.length} n-grams + ${vocabulary.dimensions} dimensions; review below ${reviewBelow.toFixed(3)}; alert at P(HIGH) ${alertAbove.toFixed(3)}`,
  );
}

await main();
