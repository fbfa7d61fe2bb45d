import {
  Classifier,
  type TicketClassifier,
  CorrectionMemory,
  SemanticRecognizer,
  TwoOpinionClassifier,
} from '../../domain/classification/index.js';
import { readLearnedModel } from './learned-model-file.js';
import { ensureStaticModel, type StaticModelFiles } from './model-store.js';
import { StaticPhraseEncoder } from './static-phrase-encoder.js';

/**
 * `semantic`: two opinions, the rules (with the MiniLM nearest-intent recognizer) and the
 * learned model, combined with a confidence per label; `rules`: the rules alone.
 */
export type ClassifierModel = 'semantic' | 'rules';

/** One loaded encoder per process: the vectors are immutable and shared by every classifier. */
let loaded: { dir: string; encoder: StaticPhraseEncoder } | undefined;

function encoderFor(files: StaticModelFiles): StaticPhraseEncoder {
  if (loaded?.dir !== files.dir)
    loaded = { dir: files.dir, encoder: StaticPhraseEncoder.load(files) };
  return loaded.encoder;
}

/** Builds the classifier the configuration asks for, preparing the model on first use. */
export async function createClassifier(
  model: ClassifierModel,
  log: (line: string) => void = () => {},
): Promise<TicketClassifier> {
  if (model === 'rules') return new Classifier();
  const encoder = encoderFor(await ensureStaticModel(undefined, log));
  const rules = new Classifier({ recognizer: new SemanticRecognizer(encoder) });
  return new TwoOpinionClassifier(
    rules,
    readLearnedModel(),
    encoder,
    new CorrectionMemory(encoder),
  );
}
