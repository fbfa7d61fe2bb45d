import type { Model } from 'mongoose';
import {
  CLOSED,
  type BreakerState,
  type BreakerStore,
} from '../../domain/alerting/circuit-breaker.js';
import type { CircuitDoc } from './models/circuit.model.js';

export class MongoBreakerStore implements BreakerStore {
  constructor(
    private readonly circuits: Model<CircuitDoc>,
    private readonly name: string,
  ) {}

  async load(): Promise<{ state: BreakerState; version: number }> {
    const doc = await this.circuits
      .findOneAndUpdate(
        { _id: this.name },
        { $setOnInsert: { ...CLOSED, version: 0 } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<CircuitDoc>();
    return {
      state: {
        state: doc!.state,
        outcomes: doc!.outcomes ?? [],
        openedAt: doc!.openedAt ?? null,
        nextAttemptAt: doc!.nextAttemptAt ?? null,
        trialUntil: doc!.trialUntil ?? null,
      },
      version: doc!.version,
    };
  }

  async save(state: BreakerState, expectedVersion: number): Promise<boolean> {
    const result = await this.circuits.updateOne(
      { _id: this.name, version: expectedVersion },
      { $set: { ...state, version: expectedVersion + 1 } },
    );
    return result.modifiedCount === 1;
  }
}
