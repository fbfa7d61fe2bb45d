import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSeedTickets } from '../mock-external-api/src/seed-data.js';
import {
  Classifier,
  type TicketClassifier,
  type TicketText,
} from '../src/domain/classification/classifier.js';
import { parseJsonl } from '../src/domain/classification/evaluation.js';
import { CorrectionMemory } from '../src/domain/classification/correction-memory.js';
import { SemanticRecognizer } from '../src/domain/classification/semantic-recognizer.js';
import { TwoOpinionClassifier } from '../src/domain/classification/two-opinions.js';
import { readLearnedModel } from '../src/infra/classification/learned-model-file.js';
import { ensureStaticModel } from '../src/infra/classification/model-store.js';
import { StaticPhraseEncoder } from '../src/infra/classification/static-phrase-encoder.js';
import { projectRoot } from '../src/infra/system/project-root.js';
import { ReclassifyTicketsDocument } from '../test/generated/graphql.js';
import { insertTickets } from '../test/support/tickets.js';
import type { BenchmarkFigures } from './figures.js';
import {
  CORRECTION_CHOICES,
  firstContactFigures,
  benchTickets,
  LEARNING_CORRECTIONS_PER_BATCH,
  learningFigures,
} from './first-contact.js';
import { round, seconds, startBenchStack } from './harness.js';

const ROUNDS = 5;
const TICKETS = 10_000;

/**
 * Memory after a GC, in MB: resident (what the OS sees; it keeps the pages that parsing the
 * model files touched, so it moves by tens of MB between runs) and retained (the live heap
 * plus buffers: what the loaded models actually keep).
 */
function memoryMb(): { resident: number; retained: number } {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { resident: usage.rss / 1e6, retained: (usage.heapUsed + usage.external) / 1e6 };
}

/** Median throughput over ROUNDS passes, and p50/p99 of single tickets in one more pass. */
function measure(classifier: TicketClassifier, tickets: TicketText[]) {
  for (const ticket of tickets) classifier.classify(ticket);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.hrtime.bigint();
    for (const ticket of tickets) classifier.classify(ticket);
    rates.push(tickets.length / seconds(started));
  }
  const latencies = tickets.map((ticket) => {
    const started = process.hrtime.bigint();
    classifier.classify(ticket);
    return Number(process.hrtime.bigint() - started) / 1000;
  });
  rates.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: Math.round(rates[Math.floor(rates.length / 2)]!),
    p50Us: Math.round(latencies[Math.floor(latencies.length * 0.5)]!),
    p99Us: Math.round(latencies[Math.floor(latencies.length * 0.99)]!),
  };
}

/**
 * The classifier on one core (this process's event loop): the full classifier (both
 * opinions, as the gateway runs it: the rules with the semantic recognizer, and the learned
 * model) beside the rules alone, on two mixes: the 200 labelled tickets of
 * shared/classification (real wording) cycled to 10,000, and the mock's 10,000 seed
 * tickets. Target: at least 1,000 tickets/s for the full classifier. Also the resident
 * memory the models add, a cold pass (empty word cache), the time to re-classify 10,000
 * stored tickets through the API, and first contact on the frozen rounds (first-contact.ts).
 */
export async function runClassificationBenchmark(): Promise<BenchmarkFigures> {
  const labelled = ['examples.jsonl', 'examples-2.jsonl'].flatMap((file) =>
    parseJsonl(readFileSync(join(projectRoot(), '..', 'shared', 'classification', file), 'utf8')),
  );
  const realWording = Array.from({ length: TICKETS }, (_, i) => labelled[i % labelled.length]!);
  const seed = generateSeedTickets({ count: TICKETS, seed: 20_240_601, now: Date.now() }).map(
    ({ ticket }) => ({ subject: ticket.subject, message: ticket.message }),
  );

  const files = await ensureStaticModel();
  const before = memoryMb();
  const encoder = StaticPhraseEncoder.load(files);
  const full = new TwoOpinionClassifier(
    new Classifier({ recognizer: new SemanticRecognizer(encoder) }),
    readLearnedModel(),
    encoder,
  );
  const loaded = memoryMb();

  const coldStarted = process.hrtime.bigint();
  for (const ticket of labelled) full.classify(ticket);
  const coldPerSecond = labelled.length / seconds(coldStarted);

  const rules = new Classifier();
  const figures: BenchmarkFigures = {
    'classification.model.residentMb': round(loaded.resident - before.resident, 1),
    'classification.model.retainedMb': round(loaded.retained - before.retained, 1),
    'classification.full.coldPassTicketsPerSecond': Math.round(coldPerSecond),
  };
  for (const [mix, tickets] of [
    ['realWording', realWording],
    ['seed', seed],
  ] as const) {
    const fullFigures = measure(full, tickets);
    const rulesFigures = measure(rules, tickets);
    figures[`classification.full.${mix}.ticketsPerSecond`] = fullFigures.perSecond;
    figures[`classification.full.${mix}.p50Us`] = fullFigures.p50Us;
    figures[`classification.full.${mix}.p99Us`] = fullFigures.p99Us;
    figures[`classification.rules.${mix}.ticketsPerSecond`] = rulesFigures.perSecond;
    figures[`classification.full.${mix}.costVsRules`] = round(
      rulesFigures.perSecond / fullFigures.perSecond,
      2,
    );
  }
  const frozenSets = {
    variedRounds: benchTickets('frozen-tickets', ['round-a', 'round-b']),
    tenantStream: benchTickets('frozen-tickets', ['tenant-stream']),
    // Frozen on 2026-12-06 after their first contact (fresh rounds 51 to 53, never read).
    variedRoundC: benchTickets('frozen-tickets', ['round-c']),
    marketplaceStream: benchTickets('frozen-tickets', ['marketplace-stream']),
    payrollStream: benchTickets('frozen-tickets', ['payroll-stream']),
    // Frozen on 2026-12-06 (seventh session) after their first contact (rounds 56 to 59).
    clinicStream: benchTickets('frozen-tickets', ['clinic-stream']),
    variedRoundD: benchTickets('frozen-tickets', ['round-d']),
    parcelStream: benchTickets('frozen-tickets', ['parcel-stream']),
    variedRoundE: benchTickets('frozen-tickets', ['round-e']),
    // Frozen on 2026-12-06 (eighth session) after their first contact (rounds 62 and 63).
    insurerStream: benchTickets('frozen-tickets', ['insurer-stream']),
    variedRoundF: benchTickets('frozen-tickets', ['round-f']),
    // Frozen on 2026-12-06 (eighth session) after their first contact (rounds 72 and 73).
    variedRoundG: benchTickets('frozen-tickets', ['round-g']),
    eventsStream: benchTickets('frozen-tickets', ['events-stream']),
    // Frozen on 2026-12-06 (ninth session) after their first contact (rounds 76 and 78 to 81).
    variedRoundH: benchTickets('frozen-tickets', ['round-h']),
    variedRoundI: benchTickets('frozen-tickets', ['round-i']),
    bankStream: benchTickets('frozen-tickets', ['bank-stream']),
    learningStream: benchTickets('frozen-tickets', ['learning-stream']),
    smartHomeStream: benchTickets('frozen-tickets', ['smarthome-stream']),
    // Frozen on 2026-12-06 (ninth session) after their first contact with the final classifier
    // of that session (rounds 86 to 89).
    variedRoundJ: benchTickets('frozen-tickets', ['round-j']),
    travelStream: benchTickets('frozen-tickets', ['travel-stream']),
    energyStream: benchTickets('frozen-tickets', ['energy-stream']),
    scooterStream: benchTickets('frozen-tickets', ['scooter-stream']),
    // Frozen on 2026-12-06 (tenth session) after their first contact with the final classifier
    // of that session (rounds 90 to 93).
    patientPortalStream: benchTickets('frozen-tickets', ['patient-portal-stream']),
    foodDeliveryStream: benchTickets('frozen-tickets', ['food-delivery-stream']),
    hrPayrollStream: benchTickets('frozen-tickets', ['hr-payroll-stream']),
    mobileNetworkStream: benchTickets('frozen-tickets', ['mobile-network-stream']),
  };
  for (const [set, tickets] of Object.entries(frozenSets))
    Object.assign(figures, firstContactFigures(set, full, tickets));
  // Tenants with house rules of their own: the stream learning from corrections is for.
  const streams = {
    ...frozenSets,
    houseRulesPawpoint: benchTickets('house-rules', ['pawpoint']),
    houseRulesBrightwell: benchTickets('house-rules', ['brightwell']),
    houseRulesSprigbox: benchTickets('house-rules', ['sprigbox']),
  };
  const learning = new TwoOpinionClassifier(
    new Classifier({ recognizer: new SemanticRecognizer(encoder) }),
    readLearnedModel(),
    encoder,
    new CorrectionMemory(encoder),
  );
  for (const [name, tickets] of Object.entries(streams))
    for (const choice of CORRECTION_CHOICES)
      for (const perBatch of LEARNING_CORRECTIONS_PER_BATCH)
        Object.assign(
          figures,
          await learningFigures(name, learning, full, tickets, perBatch, choice),
        );
  figures['classification.reclassify10k.seconds'] = await reclassifyTenThousand(labelled);
  return figures;
}

/** Stores 10,000 tickets labelled by an "older" classifier and times reclassifyTickets. */
async function reclassifyTenThousand(labelled: TicketText[]): Promise<number> {
  const stack = await startBenchStack({
    mock: { tickets: 10 },
  });
  try {
    await insertTickets(
      stack,
      Array.from({ length: TICKETS }, (_, i) => ({
        tenantId: 'tenant_a',
        externalId: `ext-${i}`,
        subject: labelled[i % labelled.length]!.subject,
        message: labelled[i % labelled.length]!.message,
        rulesVersion: 'older-rules',
      })),
    );
    const started = process.hrtime.bigint();
    const result = await stack.data(ReclassifyTicketsDocument, {
      input: { tenantId: 'tenant_a' },
    });
    const elapsed = seconds(started);
    if (result.reclassifyTickets.reclassified !== TICKETS)
      throw new Error(`re-classified ${result.reclassifyTickets.reclassified} of ${TICKETS}`);
    return round(elapsed, 2);
  } finally {
    await stack.stop();
  }
}
