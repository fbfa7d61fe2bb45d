export enum HealthStatus {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
  DOWN = 'DOWN',
}

/** One dependency to check. `critical` ones take the gateway DOWN when they fail. */
export interface DependencyProbe {
  name: string;
  critical: boolean;
  /** Resolves when the dependency answers in time; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface DependencyHealth {
  name: string;
  status: HealthStatus;
  latencyMs: number;
  detail: string | null;
}

export interface Health {
  status: HealthStatus;
  dependencies: DependencyHealth[];
}

async function probe(dependency: DependencyProbe): Promise<DependencyHealth> {
  const started = performance.now();
  try {
    await dependency.check();
    return {
      name: dependency.name,
      status: HealthStatus.OK,
      latencyMs: elapsed(started),
      detail: null,
    };
  } catch (error) {
    return {
      name: dependency.name,
      status: HealthStatus.DOWN,
      latencyMs: elapsed(started),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** Checks every dependency at once: a failed critical one is DOWN, any other DEGRADED. */
export class HealthService {
  constructor(private readonly probes: DependencyProbe[]) {}

  async check(): Promise<Health> {
    const dependencies = await Promise.all(this.probes.map(probe));
    const failed = this.probes.filter((_, i) => dependencies[i]!.status !== HealthStatus.OK);
    const status =
      failed.length === 0
        ? HealthStatus.OK
        : failed.some((p) => p.critical)
          ? HealthStatus.DOWN
          : HealthStatus.DEGRADED;
    return { status, dependencies };
  }
}
