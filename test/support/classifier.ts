import { Classifier } from '../../src/domain/classification/classifier.js';
import { TwoOpinionClassifier } from '../../src/domain/classification/two-opinions.js';
import { readLearnedModel } from '../../src/infra/classification/learned-model-file.js';
import {
  SemanticRecognizer,
  type SemanticSettings,
} from '../../src/domain/classification/semantic-recognizer.js';
import type { SentimentThresholds } from '../../src/domain/classification/rules.js';
import { cachedStaticModel } from '../../src/infra/classification/model-store.js';
import { StaticPhraseEncoder } from '../../src/infra/classification/static-phrase-encoder.js';

let encoder: StaticPhraseEncoder | undefined;

/** The model the global setup prepared; a test fails rather than fall back to rules alone. */
export function testEncoder(): StaticPhraseEncoder {
  if (!encoder) {
    const files = cachedStaticModel();
    if (!files)
      throw new Error('The classifier model is not prepared: run the tests through vitest');
    encoder = StaticPhraseEncoder.load(files);
  }
  return encoder;
}

/** The rules' opinion as the gateway runs it: the rule table and the semantic recognizer. */
export function rulesClassifier(
  options: { thresholds?: Partial<SentimentThresholds>; semantic?: SemanticSettings } = {},
): Classifier {
  return new Classifier({
    recognizer: new SemanticRecognizer(testEncoder(), options.semantic),
    thresholds: options.thresholds,
  });
}

/** The classifier as the gateway runs it: the rules' opinion and the learned model's. */
export function productionClassifier(): TwoOpinionClassifier {
  return new TwoOpinionClassifier(rulesClassifier(), readLearnedModel(), testEncoder());
}
