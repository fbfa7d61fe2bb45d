import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/infra/system/project-root.js';

/**
 * The README's screenshots are taken by the browser tests, on demand:
 * `UPDATE_SCREENSHOTS=1 npx vitest run test/integration/npm-start.test.ts`.
 */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const path = join(projectRoot(), 'docs', 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage });
}
