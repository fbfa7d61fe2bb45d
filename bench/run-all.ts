import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/infra/system/project-root.js';
import { runAlertingBenchmark } from './alerting.bench.js';
import { runApiBenchmark } from './api.bench.js';
import { runClassificationBenchmark } from './classification.bench.js';
import { runFairnessBenchmark } from './fairness.bench.js';
import type { BenchmarkFigures } from './figures.js';
import { stopBenchEngine } from './harness.js';
import { runIngestionBenchmark } from './ingestion.bench.js';
import { runLiveStatsBenchmark } from './live-stats.bench.js';
import { runLiveScaleBenchmark } from './live-scale.bench.js';
import { runLoadBenchmark } from './load.bench.js';
import { runQueryCostBenchmark } from './query-cost.bench.js';
import { runRollupWritesBenchmark } from './rollup-writes.bench.js';
import { runStatsScaleBenchmark } from './stats-scale.bench.js';
import { runStartupBenchmark } from './startup.bench.js';

/** Every benchmark, in order; each prints its figures as it finishes. */
const BENCHMARKS: [string, () => Promise<BenchmarkFigures>][] = [
  ['classification', runClassificationBenchmark],
  ['ingestion', runIngestionBenchmark],
  ['api', runApiBenchmark],
  ['queryCost', runQueryCostBenchmark],
  ['alerting', runAlertingBenchmark],
  ['load', runLoadBenchmark],
  ['fairness', runFairnessBenchmark],
  ['live', runLiveStatsBenchmark],
  ['liveScale', runLiveScaleBenchmark],
  ['stats', runStatsScaleBenchmark],
  ['statsWrites', runRollupWritesBenchmark],
  ['startup', runStartupBenchmark],
];

const only = process.argv.slice(2);
const resultsFile = join(projectRoot(), 'bench', 'results.json');
const results = JSON.parse(
  readFileSync(resultsFile, { encoding: 'utf8', flag: 'a+' }) || '{}',
) as BenchmarkFigures;

for (const [name, run] of BENCHMARKS) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n# ${name}\n`);
  const figures = await run();
  for (const [key, value] of Object.entries(figures)) process.stdout.write(`${key}: ${value}\n`);
  Object.assign(results, figures);
}
await stopBenchEngine();
results['meta.generatedAt'] = new Date().toISOString();
results['meta.node'] = process.version;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwrote ${resultsFile}\n`);
