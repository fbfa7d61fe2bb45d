import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { TicketClassifier } from '../../src/domain/classification/classifier.js';
import { parseJsonl, type LabelledTicket } from '../../src/domain/classification/evaluation.js';
import {
  LABEL_CLASSES,
  perLabel,
  type LabelName,
} from '../../src/domain/classification/learned-model.js';
import { readTicket, type Reading } from '../../src/domain/classification/reading.js';
import { ngrams } from '../../src/domain/classification/ticket-features.js';
import type { TrainingRecord } from '../../src/infra/classification/learned-model-file.js';
import { projectRoot } from '../../src/infra/system/project-root.js';

/**
 * The labelled corpus: the shared development sets, our own labelled rounds, and the fresh
 * rounds under training/ (written from the policy alone; the rules were never tuned on them
 * by numbers) with the rules' answers when each arrived. The frozen evaluation rounds
 * (bench/frozen-tickets) are never read here.
 */
const root = projectRoot();
const CORPUS = [
  join(root, '../shared/classification/examples.jsonl'),
  join(root, '../shared/classification/examples-2.jsonl'),
  join(root, 'src/domain/classification/fixtures/own-tickets.jsonl'),
];
const FRESH_DIR = join(root, 'training');
const FIRST_CONTACT_DIR = join(FRESH_DIR, 'first-contact');

export interface Example {
  /** The file it came from, without `.jsonl` (`fresh-round-29`, `examples`, ...). */
  source: string;
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

export const classIndex = (label: LabelName, ticket: LabelledTicket) =>
  (LABEL_CLASSES[label] as readonly string[]).indexOf(String(ticket[label]));

/** A classifier's answers for a ticket, as class indexes per label. */
export const answersOf =
  (classifier: TicketClassifier) =>
  (ticket: LabelledTicket): Record<LabelName, number> => {
    const answered = classifier.classify(ticket);
    return perLabel((label) => classIndex(label, { ...ticket, ...answered }));
  };

/** Every labelled ticket the trainer learns from, and the files they came from (with hashes). */
export function loadCorpus(): { examples: Example[]; files: TrainingRecord['files'] } {
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
        source: basename(path, '.jsonl'),
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
export function shuffled<T>(items: readonly T[], seed: number): T[] {
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
