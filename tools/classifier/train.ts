import { createHash } from 'node:crypto';
import { Classifier } from '../../src/domain/classification/classifier.js';
import { SemanticRecognizer } from '../../src/domain/classification/semantic-recognizer.js';
import { writeLearnedModel } from '../../src/infra/classification/learned-model-file.js';
import { ensureStaticModel } from '../../src/infra/classification/model-store.js';
import { StaticPhraseEncoder } from '../../src/infra/classification/static-phrase-encoder.js';
import { buildModel, SEED } from './build-model.js';
import { answersOf, loadCorpus } from './corpus.js';

/**
 * `npm run train`: trains the learned opinion from the labelled corpus (corpus.ts) and
 * writes src/infra/classification/learned-model.json with the files it was trained on,
 * printing cross-validated figures.
 */
const files = await ensureStaticModel(undefined, (line) => console.log(line));
const encoder = StaticPhraseEncoder.load(files);
const rules = new Classifier({ recognizer: new SemanticRecognizer(encoder) });
const rulesToday = answersOf(rules);
const { examples, files: corpus } = loadCorpus();
console.log(`corpus: ${examples.length} tickets (${examples.filter((e) => e.fresh).length} fresh)`);
const { model, settings } = buildModel(examples, encoder, rulesToday, (line) => console.log(line));
// The version names what made the weights and thresholds: the files read and the settings.
const digest = createHash('sha256')
  .update(JSON.stringify({ corpus, settings }))
  .digest('hex')
  .slice(0, 8);
const version = `learned-1.${digest}`;
writeLearnedModel({ version, ...model }, { files: corpus, settings, seed: SEED });
console.log(
  `wrote the learned model ${version}: ${model.vocabulary.idf.length} n-grams + ${model.vocabulary.dimensions} dimensions; review below ${model.reviewBelow.toFixed(3)}; alert at P(HIGH) ${model.alertAbove.toFixed(3)}`,
);
