export enum CircuitState {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
  HALF_OPEN = 'HALF_OPEN',
}

export interface CircuitStatus {
  name: string;
  state: CircuitState;
  failureCount: number;
  windowSize: number;
  openedAt: Date | null;
  nextAttemptAt: Date | null;
}
