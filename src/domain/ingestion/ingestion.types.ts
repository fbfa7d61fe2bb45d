export enum IngestionStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  PARTIALLY_SUCCEEDED = 'PARTIALLY_SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLING = 'CANCELLING',
  CANCELLED = 'CANCELLED',
}

/** A run in one of these has ended; nothing changes it any more. */
export const FINAL_STATUSES: readonly IngestionStatus[] = [
  IngestionStatus.SUCCEEDED,
  IngestionStatus.PARTIALLY_SUCCEEDED,
  IngestionStatus.FAILED,
  IngestionStatus.CANCELLED,
];

export const ACTIVE_STATUSES: readonly IngestionStatus[] = Object.values(IngestionStatus).filter(
  (status) => !FINAL_STATUSES.includes(status),
);

export function isFinal(status: IngestionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
