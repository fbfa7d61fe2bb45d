import { generateSeedTickets } from '../mock-external-api/src/seed-data.js';
import { Classifier } from '../src/domain/classification/classifier.js';
import type { BenchmarkFigures } from './figures.js';

const ROUNDS = 7;

/**
 * Classification throughput on one core (this process's event loop) over the 10,000 seed
 * tickets, median of several rounds after a warm-up round. Target: well above 50,000/s so
 * that classification never limits ingestion.
 */
export async function runClassificationBenchmark(): Promise<BenchmarkFigures> {
  const tickets = generateSeedTickets({ count: 10_000, seed: 20_240_601, now: Date.now() }).map(
    (t) => ({
      subject: t.ticket.subject,
      message: t.ticket.message,
    }),
  );
  const classifier = new Classifier();
  for (const ticket of tickets) classifier.classify(ticket);

  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (const ticket of tickets) classifier.classify(ticket);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(tickets.length / seconds);
  }
  rates.sort((a, b) => a - b);
  return {
    'classification.ticketsPerSecond.median': Math.round(rates[Math.floor(rates.length / 2)]!),
    'classification.ticketsPerSecond.min': Math.round(rates[0]!),
    'classification.tickets': tickets.length,
    'classification.rounds': ROUNDS,
  };
}
