/**
 * Classification: the module's one public face. Everything outside src/domain/classification
 * imports from here (lint keeps it so); the files behind it are the module's own business.
 *
 * The API is `TicketClassifier.classify(ticket) → Classification`: the three labels
 * (urgency, sentiment, requiresAction), a calibrated confidence per label, whether a person
 * should review it, whether it pages on call, the signals that say why, and the version
 * (`rulesVersion`) that re-classification compares. Build one with `Classifier` (the rules
 * alone) or `TwoOpinionClassifier` (the rules and the learned model); a tenant's people
 * correct it through `CorrectionService`, and it learns from them through `learnFrom`.
 */
export { Classifier, type TicketClassifier, type TicketText } from './classifier.js';
export { TwoOpinionClassifier } from './two-opinions.js';
export { classifyInTurns } from './classify-in-turns.js';

export { SemanticRecognizer, type PhraseEncoder } from './semantic-recognizer.js';
export type { SentenceEncoder } from './ticket-features.js';
export { perLabel, type Combination, type LabelName, type LearnedModel } from './learned-model.js';

export {
  CorrectionMemory,
  type CorrectedTicket,
  type CorrectionSource,
} from './correction-memory.js';
export { CorrectionService, type CorrectionStore } from './correction.service.js';
export { labelChanges, withCorrection } from './correction.js';
export {
  ReclassificationService,
  type ClassificationStore,
  type ClassificationUpdate,
  type TicketToClassify,
} from './reclassification.service.js';
