import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { BenchStack } from './harness.js';

export interface RunView {
  id: string;
  status: string;
  finishedAt: string | null;
  progress: {
    fetched: number;
    created: number;
    rateLimitWaits: number;
    totalPages: number | null;
    notificationsQueued: number;
  };
}

const FIELDS =
  'id status finishedAt progress { fetched created rateLimitWaits totalPages notificationsQueued }';
const START: TypedDocumentNode<
  { startIngestion: { run: RunView | null; userErrors: { code: string }[] } },
  { input: { tenantId?: string; allTenants?: boolean; full?: boolean } }
> = parse(`mutation($input: StartIngestionInput!) {
  startIngestion(input: $input) { run { ${FIELDS} } userErrors { code } }
}`);
const RUN: TypedDocumentNode<{ ingestionRun: RunView }, { id: string }> = parse(
  `query($id: ID!) { ingestionRun(id: $id) { ${FIELDS} } }`,
);

/** Starts an ingestion run over the API and waits for it to SUCCEED. */
export async function runToEnd(
  stack: BenchStack,
  input: { tenantId?: string; allTenants?: boolean; full?: boolean },
): Promise<RunView> {
  const { startIngestion } = await stack.data(START, { input });
  if (startIngestion.run === null || startIngestion.userErrors.length > 0) {
    throw new Error(`could not start: ${JSON.stringify(startIngestion.userErrors)}`);
  }
  for (;;) {
    const { ingestionRun } = await stack.data(RUN, { id: startIngestion.run.id });
    if (ingestionRun.finishedAt !== null) {
      if (ingestionRun.status !== 'SUCCEEDED') throw new Error(`run ended ${ingestionRun.status}`);
      return ingestionRun;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
