import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/infra/system/project-root.js';
import { EmbeddedEngineError, ensureEmbeddedEngineBuilt } from '../../src/dev/embedded-mongo.js';

describe('embedded engine build', () => {
  it('names the fix when Java or Maven is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'engine-'));
    cpSync(join(projectRoot(), 'src/dev/embedded-mongo'), join(root, 'src/dev/embedded-mongo'), {
      recursive: true,
    });
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => ensureEmbeddedEngineBuilt(root)).toThrow(EmbeddedEngineError);
      expect(() => ensureEmbeddedEngineBuilt(root)).toThrow(/JDK 17\+.*Maven.*MONGODB_URI/);
    } finally {
      process.env.PATH = path;
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reuses the cached build when the sources did not change', () => {
    const stamp = join(projectRoot(), '.cache/embedded-mongo/stamp');
    const before = statSync(stamp).mtimeMs;
    const classpath = ensureEmbeddedEngineBuilt();
    expect(classpath).toContain('.cache/embedded-mongo');
    expect(statSync(stamp).mtimeMs).toBe(before);
  });
});
