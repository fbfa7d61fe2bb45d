import { describe, expect, it } from 'vitest';
import { DependencyWatch } from './dependency-watch.js';

describe('DependencyWatch', () => {
  it('is down from a failed probe or a reported outage until a probe passes, and says when it changes', async () => {
    let answers = true;
    const watch = new DependencyWatch({
      name: 'mongodb',
      critical: true,
      check: async () => {
        if (!answers) throw new Error('timed out');
      },
      isOutage: (error) => error instanceof Error && error.name === 'Outage',
    });
    const changes: boolean[] = [];
    watch.onChange((down) => changes.push(down));
    await watch.check();
    expect(watch.down).toBeNull();
    answers = false;
    await watch.check();
    expect(watch.down).toBeInstanceOf(Date);
    await watch.check();
    answers = true;
    await watch.check();
    expect(watch.down).toBeNull();
    watch.reportUnavailable();
    expect(watch.down).not.toBeNull();
    await watch.check();
    expect(changes).toEqual([true, false, true, false]);
  });
});
