import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_SCHEMA } from '../../src/infra/config/env.js';
import { projectRoot } from '../../src/infra/system/project-root.js';

/** The variable names in the first column of the README's environment table. */
function documentedVariables(readme: string): string[] {
  const section = readme.split(/^## Environment$/m)[1]!.split(/^## /m)[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!))
    .filter((name) => !name.startsWith('MOCK_'));
}

describe("the README's environment table", () => {
  it('lists exactly the variables the config schema reads', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    expect([...documentedVariables(readme)].sort()).toEqual(Object.keys(ENV_SCHEMA.shape).sort());
  });

  it('the comparison can fail', () => {
    const stale = '## Environment\n\n| `PORT` | 4000 | port |\n| `GONE_VAR` | x | y |\n\n## Next\n';
    expect(documentedVariables(stale)).toEqual(['PORT', 'GONE_VAR']);
  });
});
