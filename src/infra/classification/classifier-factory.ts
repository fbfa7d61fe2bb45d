import { Classifier } from '../../domain/classification/classifier.js';
import { SemanticRecognizer } from '../../domain/classification/semantic-recognizer.js';
import { ensureStaticModel, type StaticModelFiles } from './model-store.js';
import { StaticPhraseEncoder } from './static-phrase-encoder.js';

/** `semantic`: rules plus the MiniLM nearest-intent recognizer; `rules`: the rules alone. */
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
): Promise<Classifier> {
  if (model === 'rules') return new Classifier();
  const files = await ensureStaticModel(undefined, log);
  return new Classifier({ recognizer: new SemanticRecognizer(encoderFor(files)) });
}
