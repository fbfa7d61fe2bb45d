import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/infra/system/project-root.js';

const root = projectRoot();

/** The documents a reader of a clone opens: the README, the benchmarks, and docs/. */
function documents(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(join(dir, entry.name))
        : entry.name.endsWith('.md')
          ? [join(dir, entry.name)]
          : [],
    );
  return ['README.md', 'BENCHMARKS.md', ...walk('docs')];
}

/** Relative link targets of a Markdown text (links and images), without their #anchor. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0]!);
}

describe('links in the documentation', () => {
  it('resolve to files inside the repository', () => {
    const broken = documents().flatMap((file) =>
      relativeLinks(readFileSync(join(root, file), 'utf8'))
        .filter((target) => {
          const resolved = join(root, dirname(file), target);
          return !resolved.startsWith(root) || !existsSync(resolved);
        })
        .map((target) => `${file}: ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('the check can fail: a link out of the repository or to a missing file is found', () => {
    expect(relativeLinks('[a](../shared/x.md) [b](docs/none.md#part) [c](https://x.org)')).toEqual([
      '../shared/x.md',
      'docs/none.md',
    ]);
  });

  it('keep docs/shared/ true to the shared originals (where they are beside the clone)', () => {
    const copies: [string, string][] = [
      ['docs/shared/POLICY.md', '../shared/classification/POLICY.md'],
      ['docs/shared/schema-contract.graphql', '../shared/contract/schema-contract.graphql'],
      ['docs/shared/ARCHITECTURE.md', '../shared/guide/ARCHITECTURE.md'],
      ['docs/shared/SPEC.md', '../shared/guide/SPEC.md'],
    ];
    for (const [copy, original] of copies) {
      const source = join(root, original);
      if (!existsSync(source)) continue;
      expect(readFileSync(join(root, copy), 'utf8'), copy).toBe(readFileSync(source, 'utf8'));
    }
  });
});
