/** Named figures of one benchmark; `npm run bench` merges them into bench/results.json. */
export type BenchmarkFigures = Record<string, number | string>;
