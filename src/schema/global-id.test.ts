import { describe, expect, it } from 'vitest';
import { fromGlobalId, localIdOf, toGlobalId } from './global-id.js';

describe('global ids', () => {
  it('round-trips and hides the raw id', () => {
    const id = toGlobalId('Ticket', '65f0c0ffee0000000000beef');
    expect(id).not.toContain('65f0c0ffee');
    expect(fromGlobalId(id)).toEqual({ type: 'Ticket', id: '65f0c0ffee0000000000beef' });
  });

  it('never lets an id of one type fetch another', () => {
    const ticket = toGlobalId('Ticket', 'abc');
    expect(localIdOf('Ticket', ticket)).toBe('abc');
    expect(localIdOf('ApiKey', ticket)).toBeNull();
  });

  it('rejects junk without throwing', () => {
    for (const junk of [
      '',
      '%%%',
      'x'.repeat(300),
      Buffer.from('User:1').toString('base64url'),
      'VGlja2V0Og',
    ]) {
      expect(fromGlobalId(junk), junk).toBeNull();
    }
  });
});
