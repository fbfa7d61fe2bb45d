import { expect } from 'vitest';
import {
  IngestionRunDocument,
  StartIngestionDocument,
  type RunFieldsFragment,
} from '../generated/graphql.js';
import { isFinal, type IngestionStatus } from '../../src/domain/ingestion/ingestion.types.js';
import { eventually } from './eventually.js';
import type { TestGateway } from './gateway.js';

export async function startRun(
  t: TestGateway,
  input: { tenantId?: string; full?: boolean; allTenants?: boolean },
  key?: string,
) {
  const response = await t.graphql(StartIngestionDocument, { input }, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.startIngestion;
}

/** Polls the run until `done` says so (by default: a final status). */
export async function waitForRun(
  t: Pick<TestGateway, 'graphql'>,
  runId: string,
  done: (run: RunFieldsFragment) => boolean = (run) => isFinal(run.status as IngestionStatus),
  timeoutMs = 60_000,
): Promise<RunFieldsFragment> {
  const run = await eventually(
    async () => (await t.graphql(IngestionRunDocument, { id: runId })).body.data?.ingestionRun,
    (run) => run != null && done(run),
    timeoutMs,
    50,
  );
  return run!;
}

export async function ingest(
  t: TestGateway,
  tenantId: string,
  options: { full?: boolean; timeoutMs?: number } = {},
): Promise<RunFieldsFragment> {
  const started = await startRun(t, { tenantId, full: options.full ?? false });
  expect(started.userErrors).toEqual([]);
  return waitForRun(t, started.run!.id, undefined, options.timeoutMs);
}

/** Of concurrent starts, exactly one wins; the others name the winner's run. Returns its id. */
export function expectOneWinner(
  payloads: { run?: { id: string } | null; userErrors: { code: string }[] }[],
): string {
  const winners = payloads.filter((p) => p.userErrors.length === 0);
  expect(winners).toHaveLength(1);
  const runId = winners[0]!.run!.id;
  for (const loser of payloads.filter((p) => p.userErrors.length > 0)) {
    expect(loser.userErrors[0]!.code).toBe('INGESTION_ALREADY_RUNNING');
    expect(loser.run?.id).toBe(runId);
  }
  return runId;
}
