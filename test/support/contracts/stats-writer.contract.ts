import { describe, expect, it } from 'vitest';
import type { StatsWriter } from '../../../src/domain/stats/rollup-ports.js';

/** Lets every other ready callback run: two writes that overlap would show here. */
const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * What every StatsWriter does with the writes it is given, run against the recording fake
 * (unit) and the roll-up writer over the MongoDB roll-up store (integration) alike. What the
 * roll-ups then hold is checked against a scan of the tickets in stats-rollups.test.ts.
 */
export function statsWriterContract(name: string, make: () => Promise<StatsWriter>) {
  describe(`StatsWriter contract: ${name}`, () => {
    it('runs the work once under an op number and returns its result', async () => {
      const writer = await make();
      const seqs: number[] = [];
      const result = await writer.write('t', async (seq) => {
        seqs.push(seq);
        return { changes: [], result: 'written' };
      });
      expect(result).toBe('written');
      expect(seqs).toHaveLength(1);
      expect(seqs[0]).toBeGreaterThan(0);
    });

    it("runs a tenant's writes one at a time, in increasing op numbers", async () => {
      const writer = await make();
      const running: string[] = [];
      const overlaps: string[] = [];
      const seqs: number[] = [];
      await Promise.all(
        Array.from({ length: 5 }, () =>
          writer.write('t', async (seq) => {
            if (running.length > 0) overlaps.push(`${seq} over ${running.join(',')}`);
            running.push(String(seq));
            await yieldTurn();
            await yieldTurn();
            running.pop();
            seqs.push(seq);
            return { changes: [], result: null };
          }),
        ),
      );
      expect(overlaps).toEqual([]);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(5);
    });

    it("rejects with a failed work's error, and runs the tenant's next write", async () => {
      const writer = await make();
      await expect(
        writer.write('t', async () => {
          throw new Error('database gone');
        }),
      ).rejects.toThrow('database gone');
      expect(await writer.write('t', async () => ({ changes: [], result: 'next' }))).toBe('next');
    });
  });
}
