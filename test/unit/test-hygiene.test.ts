import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/infra/system/project-root.js';

const root = projectRoot();

/** A fixed sleep: `sleep(`, or a timeout of 100 ms or more written as a number. */
const FIXED_SLEEP = /sleep\(|setTimeout\([^,]*, *[0-9_]{3,}|waitForTimeout\(/;

/** The test code of the repository: test/, and the tests beside the code (but this file's fixtures). */
function testFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'generated' ? [] : walk(path);
      return path.endsWith('.ts') && (dir.startsWith('test') || path.endsWith('.test.ts'))
        ? [path]
        : [];
    });
  return ['test', 'src', 'mock-external-api', 'bench']
    .flatMap(walk)
    .filter((path) => path !== 'test/unit/test-hygiene.test.ts');
}

/** The fixed sleeps of a file, and whether the line or the one before says why (allow-sleep:). */
function fixedSleeps(path: string, source: string) {
  const lines = source.split('\n');
  return lines.flatMap((line, i) =>
    FIXED_SLEEP.test(line)
      ? [
          {
            at: `${path}:${i + 1}`,
            allowed: `${lines[i - 1] ?? ''}${line}`.includes('allow-sleep:'),
          },
        ]
      : [],
  );
}

describe('tests wait by polling, not by fixed sleeps', () => {
  it('at most three fixed sleeps, each saying why (allow-sleep:)', () => {
    const sleeps = testFiles().flatMap((path) =>
      fixedSleeps(path, readFileSync(join(root, path), 'utf8')),
    );
    expect(sleeps.filter((sleep) => !sleep.allowed).map((sleep) => sleep.at)).toEqual([]);
    expect(sleeps.length).toBeLessThanOrEqual(3);
  });

  it('the check can fail: a bare sleep and a long timeout are found, a said one is allowed', () => {
    const found = fixedSleeps(
      'x.test.ts',
      [
        'await sleep(10);',
        'await new Promise((r) => setTimeout(r, 1500));',
        '// allow-sleep: the subject is silence',
        'await page.waitForTimeout(300);',
        'await new Promise((r) => setTimeout(r, 20));',
      ].join('\n'),
    );
    expect(found.map((sleep) => [sleep.at, sleep.allowed])).toEqual([
      ['x.test.ts:1', false],
      ['x.test.ts:2', false],
      ['x.test.ts:4', true],
    ]);
  });
});
