import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  CORRECTION_CHOICES,
  firstContactFigures,
  LEARNING_CORRECTIONS_PER_BATCH,
  learningFigures,
} from '../../bench/first-contact.js';
import { Classifier } from '../../src/domain/classification/classifier.js';
import { CorrectionMemory } from '../../src/domain/classification/correction-memory.js';
import { parseJsonl } from '../../src/domain/classification/evaluation.js';
import { SemanticRecognizer } from '../../src/domain/classification/semantic-recognizer.js';
import { TwoOpinionClassifier } from '../../src/domain/classification/two-opinions.js';
import { readLearnedModel } from '../../src/infra/classification/learned-model-file.js';
import { ensureStaticModel } from '../../src/infra/classification/model-store.js';
import { StaticPhraseEncoder } from '../../src/infra/classification/static-phrase-encoder.js';

/**
 * `npm run first-contact -- <round.jsonl> [<rules-answers.jsonl>]`: the served classifier's
 * figures on a fresh labelled round, before anything is trained or tuned on it (the figures
 * the frozen rounds get in the benchmark). Run it once when a round arrives, record the
 * figures, save the rules' answers (the second path: `training/first-contact/<the round's
 * name in training/>`, which the trainer fits the combination on), then move the round to
 * training/.
 */
const [file, answersFile] = process.argv.slice(2);
if (file === undefined)
  throw new Error('usage: first-contact <round.jsonl> [<rules-answers.jsonl>]');
const encoder = StaticPhraseEncoder.load(await ensureStaticModel());
const rules = new Classifier({ recognizer: new SemanticRecognizer(encoder) });
const model = readLearnedModel();
const classifier = new TwoOpinionClassifier(rules, model, encoder);
const tickets = parseJsonl(readFileSync(file, 'utf8'));
const round = basename(file, '.jsonl');
const figures = firstContactFigures(round, classifier, tickets);
const learning = new TwoOpinionClassifier(rules, model, encoder, new CorrectionMemory(encoder));
for (const choice of CORRECTION_CHOICES)
  for (const perBatch of LEARNING_CORRECTIONS_PER_BATCH)
    Object.assign(
      figures,
      await learningFigures(round, learning, classifier, tickets, perBatch, choice),
    );
for (const [name, value] of Object.entries(figures))
  console.log(`${name.replace(/^classification\.(frozen\.)?/, '')}\t${value}`);
if (answersFile !== undefined) {
  const answers = tickets.map((ticket) => {
    const { urgency, sentiment, requiresAction, rulesVersion } = rules.classify(ticket);
    return JSON.stringify({ urgency, sentiment, requiresAction, rulesVersion });
  });
  mkdirSync(dirname(answersFile), { recursive: true });
  writeFileSync(answersFile, `${answers.join('\n')}\n`);
  console.log(`wrote the rules' answers to ${answersFile}`);
}
