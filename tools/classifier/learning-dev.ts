import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  CORRECTION_CHOICES,
  LEARNING_CORRECTIONS_PER_BATCH,
  learningFigures,
  learningRun,
} from '../../bench/first-contact.js';
import {
  Classifier,
  type ReadingClassifier,
  type TicketText,
} from '../../src/domain/classification/classifier.js';
import { CorrectionMemory } from '../../src/domain/classification/correction-memory.js';
import {
  labelValue,
  LABEL_NAMES,
  perLabel,
  type LabelName,
  type LearnedModel,
} from '../../src/domain/classification/learned-model.js';
import type { Reading } from '../../src/domain/classification/reading.js';
import { SemanticRecognizer } from '../../src/domain/classification/semantic-recognizer.js';
import { TwoOpinionClassifier } from '../../src/domain/classification/two-opinions.js';
import {
  readLearnedModel,
  writeLearnedModel,
} from '../../src/infra/classification/learned-model-file.js';
import { ensureStaticModel } from '../../src/infra/classification/model-store.js';
import { StaticPhraseEncoder } from '../../src/infra/classification/static-phrase-encoder.js';
import { projectRoot } from '../../src/infra/system/project-root.js';
import { BUILD_SETTINGS, buildModel, SEED } from './build-model.js';
import { answersOf, loadCorpus, type Example } from './corpus.js';

/**
 * `npm run learning-dev -- [round ...]`: the learning-from-corrections simulation on our own
 * single-company training rounds (default: fresh-round-29, -30, -31 and -33), where its settings
 * may be tuned without touching the frozen sets. Each round is streamed as one tenant
 * through a model built without it, with the rules answering as they did when the round
 * arrived (training/first-contact/), so the base opinion meets the round as it would meet a
 * new tenant; the k least certain of every 100 are corrected and the rest scored, with
 * learning and without.
 */
const DEV_ROUNDS = ['fresh-round-29', 'fresh-round-30', 'fresh-round-31', 'fresh-round-33'];

/**
 * The served rules, except that a ticket of the round answers with the labels the rules gave
 * it at first contact (the reasons and reading stay today's).
 */
class RulesAtFirstContact implements ReadingClassifier {
  readonly rulesVersion: string;
  private readonly answerOf = new WeakMap<Reading, Record<LabelName, number>>();

  constructor(
    private readonly rules: Classifier,
    private readonly answers: Map<string, Record<LabelName, number>>,
  ) {
    this.rulesVersion = `${rules.rulesVersion}@first-contact`;
  }

  read(ticket: TicketText): Reading {
    const reading = this.rules.read(ticket);
    const answer = this.answers.get(keyOf(ticket));
    if (answer !== undefined) this.answerOf.set(reading, answer);
    return reading;
  }

  classifyReading(reading: Reading) {
    const ruled = this.rules.classifyReading(reading);
    const answer = this.answerOf.get(reading);
    if (answer === undefined) return ruled;
    return { ...ruled, ...perLabel((label) => labelValue(label, answer[label])) } as typeof ruled;
  }

  classify(ticket: TicketText) {
    return this.classifyReading(this.read(ticket));
  }
}

const keyOf = (ticket: TicketText) => `${ticket.subject}\u0000${ticket.message}`;

const encoder = StaticPhraseEncoder.load(await ensureStaticModel());
const rules = new Classifier({ recognizer: new SemanticRecognizer(encoder) });
const rulesToday = answersOf(rules);
const { examples, files } = loadCorpus();

/**
 * The model built from the corpus without the round, kept under .cache/learning-dev (a
 * build takes a minute or two) and rebuilt when the corpus or the build settings change.
 */
function builtWithout(round: string): LearnedModel {
  const used = files.filter((file) => basename(file.path, '.jsonl') !== round);
  const digest = createHash('sha256')
    .update(JSON.stringify({ used, BUILD_SETTINGS, SEED }))
    .digest('hex')
    .slice(0, 8);
  const path = join(projectRoot(), '.cache/learning-dev', `without-${round}.${digest}.json`);
  if (existsSync(path)) return readLearnedModel(path);
  const { model, settings } = buildModel(
    examples.filter((e) => e.source !== round),
    encoder,
    rulesToday,
    () => {},
  );
  mkdirSync(dirname(path), { recursive: true });
  const built = { version: `dev-without-${round}.${digest}`, ...model };
  writeLearnedModel(built, { files: used, settings, seed: SEED }, path);
  // As stored (int8 weight rows, like the served model), so every run simulates the same.
  return readLearnedModel(path);
}
const requested = process.argv.slice(2);
const totals = new Map<string, { scored: number; with: number[]; without: number[] }>();
for (const round of requested.length > 0 ? requested : DEV_ROUNDS) {
  const streamed = examples.filter((e) => e.source === round);
  if (streamed.length === 0) throw new Error(`no training round named ${round}`);
  const model = builtWithout(round);
  const answers = new Map(
    streamed.map((e: Example) => [keyOf(e.ticket), e.firstContact ?? rulesToday(e.ticket)]),
  );
  const firstContact = new RulesAtFirstContact(rules, answers);
  const plain = new TwoOpinionClassifier(firstContact, model, encoder);
  const learning = new TwoOpinionClassifier(
    firstContact,
    model,
    encoder,
    new CorrectionMemory(encoder),
  );
  const tickets = streamed.map((e) => e.ticket);
  for (const choice of CORRECTION_CHOICES)
    for (const perBatch of LEARNING_CORRECTIONS_PER_BATCH) {
      const figures = await learningFigures(round, learning, plain, tickets, perBatch, choice);
      const at = learningRun(perBatch, choice);
      const value = (key: string) =>
        Number(figures[`classification.learning.${round}.${at}.${key}`]);
      const scored = value('scored');
      const total = totals.get(at) ?? { scored: 0, with: [0, 0, 0], without: [0, 0, 0] };
      total.scored += scored;
      const cells = LABEL_NAMES.map((label, i) => {
        const withLearning = value(`${label}.withLearning`);
        const without = value(`${label}.without`);
        total.with[i]! += withLearning * scored;
        total.without[i]! += without * scored;
        return `${label} ${pct(withLearning)} / ${pct(without)}`;
      });
      totals.set(at, total);
      const alerts = (way: string) =>
        `${pct(value(`alerts.${way}.highRecall`))} / ${pct(value(`alerts.${way}.highPrecision`))}`;
      console.log(
        `${round} ${at} (${scored} scored): ${cells.join('  ')}; alerts (HIGH recall / precision) ${alerts('withLearning')} against ${alerts('without')}; label errors without learning ${value('errorsWithout')}, of which a corrected ticket of the same kind erred alike on ${value('reachableByRecurrence')}`,
      );
    }
}
for (const [k, total] of totals) {
  const cells = LABEL_NAMES.map(
    (label, i) =>
      `${label} ${pct(total.with[i]! / total.scored)} / ${pct(total.without[i]! / total.scored)}`,
  );
  console.log(`all rounds ${k} (${total.scored} scored), with / without: ${cells.join('  ')}`);
}

function pct(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}
